"""Keys, officers, consent and the processing log."""
