"""Một Cửa Kiosk domain core. Knows nothing of Qt, HTTP transport or the UI."""

__version__ = "0.1.0"
