"""Person matching across registries: find a case person's records in one registry.

Normalise Dutch names (``names``), file records under exact blocking keys (``keys``), compare
fields into levels (``compare``), weigh the levels with a stored Fellegi-Sunter model
(``weights``), band and explain every candidate (``scorer``). Candidate retrieval is a
pluggable back-end (``base.CandidateSource``; ``contrib/memory``). See ``docs/matching.md``.
"""

from huisverbod.core.matching.base import CandidateSource, Retrieval, Retrieved
from huisverbod.core.matching.keys import blocking_keys, query_keys
from huisverbod.core.matching.model import PersonLike, PersonQuery, Record, RecordLike
from huisverbod.core.matching.registry import backend, create_source, register
from huisverbod.core.matching.scorer import (
    BANDS,
    MATCH,
    NO_MATCH,
    POSSIBLE_MATCH,
    Matcher,
    MatchResult,
    ScoredCandidate,
    compare_records,
)
from huisverbod.core.matching.weights import MatchModel, load_model, load_model_file

__all__ = [
    "BANDS",
    "MATCH",
    "NO_MATCH",
    "POSSIBLE_MATCH",
    "CandidateSource",
    "MatchModel",
    "MatchResult",
    "Matcher",
    "PersonLike",
    "PersonQuery",
    "Record",
    "RecordLike",
    "Retrieval",
    "Retrieved",
    "ScoredCandidate",
    "backend",
    "blocking_keys",
    "compare_records",
    "create_source",
    "load_model",
    "load_model_file",
    "query_keys",
    "register",
]
