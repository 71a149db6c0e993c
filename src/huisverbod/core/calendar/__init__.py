"""Time as the law counts it: instants in Europe/Amsterdam and Dutch working days."""
