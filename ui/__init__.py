"""PySide6 user interface and the `kiosk` command (composition root)."""
