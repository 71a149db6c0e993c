"""The rules of the domain as plain, typed Python: no Django, no database, no I/O.

Layering: interfaces -> apps -> core, never back. Nothing in this package imports Django.
"""
