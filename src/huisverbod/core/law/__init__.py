"""The Wet tijdelijk huisverbod and the Besluit tijdelijk huisverbod as data plus small functions.

Each rule cites its article. The numbers and switches of the law live in effective-dated
parameter sets (``parameters.py`` and ``parameter_sets/*.toml``).

- ``criteria.py``: the conditions (``adult``, ``residence``, ``danger``);
- ``requirements.py``: the procedural duties of an order;
- ``order.py``: when an order ends and how far it may be extended;
- ``persons.py``: who the order concerns and whom it protects.
"""
