"""Properties of the tag stage on arbitrary text built from seed fragments: evidence always points at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analyze._seeds import body
from zhiku.analyze.tagging import analyze
from zhiku.text.sentences import split_sentences

_FRAGMENTS = [s.text for key in ("000", "002", "004") for s in split_sentences(body(key))][:120]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_FRAGMENTS), min_size=0, max_size=6),
    st.text(alphabet="中国联通海南航空鲁企京津冀大模型，。、（）\n AIgpu《》“”", max_size=30),
)
def test_tagging_evidence_matches_text_on_any_input(pieces, noise):
    text = noise.join(pieces) if pieces else noise
    result = analyze(text, use_lac=False)
    sentences = split_sentences(text)
    for items in result.values():
        for item in items:
            for ev in item.evidence:
                assert text[ev.start : ev.start + len(ev.text)] == ev.text
                assert sentences[ev.sentence].start <= ev.start < sentences[ev.sentence].end
    scores = [t.score for t in result["ai_technologies"]]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < s <= 1.0 for s in scores)
