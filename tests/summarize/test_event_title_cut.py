"""Event titles: a clause a few characters over the limit is kept whole instead of stopping one word short."""

from __future__ import annotations

from zhiku.summarize.events import _cut_phrase

CLAUSE = "要促进数字技术和实体经济深度融合，更好赋能产业数字化转型"


def test_clause_within_slack_is_kept_whole():
    assert _cut_phrase(CLAUSE, 14, 4) == "要促进数字技术和实体经济深度融合"


def test_without_slack_the_clause_is_cut_at_a_word_boundary():
    cut = _cut_phrase(CLAUSE, 14)
    assert len(cut) <= 14 and CLAUSE.startswith(cut) and cut != "要促进数字技术和实体经济深度融合"


def test_slack_never_lets_a_long_clause_through():
    long_clause = "深化人工智能技术在制造业全链条各环节的融合应用"
    assert len(_cut_phrase(long_clause, 14, 4)) <= 14
