"""Access control (BAC, PACE) and secure messaging, each a small protocol + result pair."""
