"""The Wet tijdelijk huisverbod and the Besluit tijdelijk huisverbod as data plus small functions.

Each rule cites its article. The numbers and switches of the law live in effective-dated
parameter sets (``parameters.py`` and ``parameter_sets/*.toml``).
"""
