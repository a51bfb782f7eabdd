"""Copies and stories: one record per article, one story per event (MinHash + LSH kept in the store)."""

from .copies import assign, choose_canonical, is_copy
from .minhash import fingerprint

__all__ = ["assign", "choose_canonical", "fingerprint", "is_copy"]
