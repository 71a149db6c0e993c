"""A RiHG-structured risk instrument (three parts, red/blue/yellow signals, two reds in a part)."""
