"""The demo: reference data, the seed document's three cases and one account per role."""
