"""Nothing of the article is lost: every sentence of each raw seed survives in the clean body (in simplified
script), and whatever did disappear is a span that the cleaning log names."""

from __future__ import annotations

import re

import pytest

from tests.clean.helpers import cleaned, raw_body
from tests.conftest import SEED_FILES
from zhiku.clean.pinyin import remove_pinyin
from zhiku.clean.script import to_simplified

_DROP = re.compile(r"[\s\u3000\u00a0\u200b■□，。、：；？！“”‘’（）《》…—,.:;?!()\"'/|]+")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
MAX_CHUNKS = 2  # a clause cut once by cleaning; more pieces would let common words "cover" a lost clause
_CLAUSE = re.compile(r"[，、：；,:;\s\u3000]+")


def norm(text: str) -> str:
    """Script, pinyin glosses, punctuation and spacing set aside: the words of a text."""
    return _DROP.sub("", to_simplified(remove_pinyin(text)[0]))


def _covered(clause: str, sources: tuple[str, ...]) -> bool:
    """Every character of ``clause`` lies in a run of at least two characters found in one of ``sources``
    (a clause cut by cleaning: 应陶|今年… is partly a credit line, partly body text)."""
    i = chunks = 0
    while i < len(clause):
        length = 0
        while i + length < len(clause) and any(clause[i : i + length + 1] in src for src in sources):
            length += 1
        if length < 2:
            return False
        i += length
        chunks += 1
    return chunks <= MAX_CHUNKS


def _missing(key: str) -> list[str]:
    """Clauses of the raw text found neither in the clean bodies nor in logged removals."""
    records = cleaned(key)
    clean = "|".join(norm(r.text) for r in records)
    meta = norm("".join([r.title or "" for r in records] + [a for r in records for a in r.authors]))
    removed_blob = "|".join(norm(e.before) for r in records for e in r.cleaning if e.action in ("removed", "moved"))
    repairs = [(e.before, e.after) for r in records for e in r.cleaning
               if e.step == "mojibake" and e.action == "replaced"]
    raw = raw_body(key)
    for before, after in repairs:
        raw = raw.replace(before, after)
    missing = []
    for m in _SENTENCE.finditer(raw):
        if norm(m.group(0)) in clean:
            continue
        for clause in _CLAUSE.split(m.group(0)):
            c = norm(clause)
            if len(c) < 2 or c in clean or c in meta:
                continue
            if not _covered(c, (clean, meta, removed_blob)):
                missing.append(clause)
    return missing


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_alignment_every_raw_sentence_survives_or_is_logged(key):
    assert _missing(key) == []


def test_alignment_detects_an_unlogged_loss(monkeypatch):
    """The check itself can fail: drop a sentence silently and it is reported."""
    (record,) = cleaned("000")
    victim = "加快突破人工智能基础关键技术，才能夯实应用赋能的底座。"
    assert victim in record.text
    damaged = record.copy_with(text=record.text.replace(victim, ""))
    monkeypatch.setitem(globals(), "cleaned", lambda key: (damaged,))
    assert _missing("000") == ["加快突破人工智能基础关键技术", "才能夯实应用赋能的底座。"]
