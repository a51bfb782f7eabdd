"""People named as speakers: a surname and given name opening a clause, right before a verb of saying (王芳说：).

Works without a model; the word lists are in data/gazetteer/person_patterns.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .matcher import longest_first
from .taxonomy import read_gazetteer

_CLAUSE_START = set("，。；：！？“”‘’（）()\n《》、 　")


@lru_cache(maxsize=1)
def _speaker_data() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str], frozenset[str], frozenset[str],
                            frozenset[str]]:
    data = read_gazetteer("person_patterns.yaml")
    surnames = frozenset(str(data["surnames"]).strip())
    compound = tuple(data.get("compound_surnames") or ())
    verbs = data.get("speech_verbs") or ()
    return (surnames, compound, re.compile(longest_first(verbs)), frozenset(data["not_in_given_name"]),
            frozenset(data["not_last_in_name"]),
            frozenset([*data["not_speakers"], *data.get("address_forms", ()), *data.get("titles", ())]))


def speakers(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of names that open a clause and are followed by a verb of saying; spans in ``taken`` are skipped."""
    surnames, compound, verb, banned, not_last, not_speakers = _speaker_data()
    out: list[tuple[int, int]] = []
    for m in verb.finditer(text):
        v = m.start()
        if m.group(0) == "回忆" and text.startswith("录", m.end()):
            continue
        for k in (3, 2, 4):
            i = v - k
            if i < 0 or (i > 0 and text[i - 1] not in _CLAUSE_START):
                continue
            name = text[i:v]
            head = 2 if name[:2] in compound else 1
            if head == 1 and name[0] not in surnames or k == 4 and head == 1:
                continue
            given = name[head:]
            if not given or not all("\u4e00" <= ch <= "\u9fff" for ch in name) or any(ch in banned for ch in given):
                continue
            if name[-1] in not_last or name[:2] in not_speakers or given in not_speakers or name[-2:] in not_speakers:
                break
            if any(taken[i:v]):
                break
            out.append((i, v))
            break
    return out
