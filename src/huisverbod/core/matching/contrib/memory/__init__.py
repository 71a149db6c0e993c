"""In-memory candidate source: a dict from blocking key to records. For tests and the benchmark;
it answers the same questions a (key, record) table with a B-tree index answers in SQL."""

from huisverbod.core.matching.contrib.memory.index import MemoryIndex

__all__ = ["MemoryIndex"]
