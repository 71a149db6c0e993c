"""Policy figures from the records (issue 8): definitions, arithmetic and tables, in plain Python.

``definitions`` turns one case's records into its contributions to the summary cells (month x
key x bucket); ``arithmetic`` has shares and percentiles from stored histograms; ``tables``
assembles the published tables from summary cells and protects them (``core.disclosure``).
Every definition is documented with its exact computation in ``docs/figures.md``.
"""
