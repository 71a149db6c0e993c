"""The huisverbod's lifecycle and its statutory deadlines, as plain typed Python.

- ``vocabulary``: states, actions, roles and how the order was imposed;
- ``timeline``: the dated facts of one order (imposed, confirmed, extended, appealed, ended);
- ``deadlines``: every statutory deadline as a value object, and which apply in which state;
- ``transitions``: the allowed-transitions table, each row with its legal basis and roles;
- ``lifecycle``: ``check_transition`` and ``apply`` with the guards of art. 9 Wth.

See docs/deadlines.md for the rules, their articles and the choices made.
"""
