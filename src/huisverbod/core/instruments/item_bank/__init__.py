"""The shared item bank (data files): one question, one answer, for every instrument."""
