"""numpy helpers shared by the stages that work on code points and sorted integer keys."""

from __future__ import annotations

import numpy as np


def word_chars(codes: np.ndarray) -> np.ndarray:
    """Mask of the code points that are ASCII digits or letters or CJK unified ideographs (U+4E00..U+9FFF)."""
    folded = codes | 32
    return (((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((folded >= 97) & (folded <= 122))
            | ((codes >= 48) & (codes <= 57)))


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal values in ``ordered``."""
    return np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else np.zeros(0, dtype=bool)


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by one sort: on a few thousand integers numpy's hash table is slower."""
    ordered = np.sort(values)
    return ordered[run_starts(ordered)]
