"""A fake TWAIN DSM + data sources in C (fake_twain.c), built by the tests with gcc."""
