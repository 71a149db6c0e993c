"""Candidate-source back-ends shipped with the core."""
