"""Trust store (CSCA certificates, ICAO master lists) and passive authentication."""
