"""Tagged mentions placed at their evidence in the clean text; pieces join back to the exact text."""

from __future__ import annotations

from zhiku.record import Evidence, RawInfo, Record, Region, Tag
from zhiku.text.sentences import split_sentences
from zhiku.web.highlight import paragraphs, pieces

from . import corpus

TEXT = "大模型赋能医疗。山东发布算力政策。\n第二段也提到大模型和山东省。"


def record(**tags) -> Record:
    return Record(id="h1", raw=RawInfo(format="text", sha256="0"), text=TEXT, **tags)


def test_highlight_pieces_join_back_to_the_text_and_mark_each_evidence():
    second = TEXT.index("大模型", 10)
    rec = record(ai_technologies=[Tag(id="large-model", label="大模型", evidence=[
        Evidence(sentence=0, text="大模型"), Evidence(sentence=2, text="大模型", start=second)])],
        regions=[Region(name="山东省", code="370000", evidence=[Evidence(sentence=1, text="山东")])])
    out = pieces(rec)
    assert "".join(p.text for p in out) == TEXT
    marked = [(p.text, p.kind, p.key) for p in out if p.kind]
    assert marked == [("大模型", "technology", "large-model"), ("山东", "region", "370000"),
                      ("大模型", "technology", "large-model")]


def test_highlight_evidence_in_the_wrong_sentence_is_not_marked_elsewhere():
    rec = record(ai_technologies=[Tag(id="x", label="医疗", evidence=[Evidence(sentence=1, text="医疗")])])
    assert not [p for p in pieces(rec) if p.kind]


def test_highlight_overlapping_mentions_keep_the_longer_one():
    rec = record(regions=[Region(name="山东省", code="370000", evidence=[Evidence(sentence=2, text="山东省")]),
                          Region(name="山东", code="37", evidence=[Evidence(sentence=2, text="山东")])])
    marked = [p.text for p in pieces(rec) if p.kind]
    assert marked == ["山东省"]


def test_highlight_paragraphs_split_at_newlines():
    assert len(paragraphs(record())) == 2


def test_highlight_corpus_evidence_points_at_split_sentences(corpus_db):
    for rec in corpus_db[1]:
        sentences = split_sentences(rec.text)
        for tag in rec.ai_technologies:
            for ev in tag.evidence:
                assert ev.text in sentences[ev.sentence].text
        assert "".join(p.text for p in pieces(rec)) == rec.text
    assert corpus.XSS_ID in {r.id for r in corpus_db[1]}

