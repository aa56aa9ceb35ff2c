"""PC/SC: error meanings, the APDU transport with statistics and a redacted trace, the monitor."""
