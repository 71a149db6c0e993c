"""Instrument plugins, one directory each, holding versioned definition files (TOML)."""
