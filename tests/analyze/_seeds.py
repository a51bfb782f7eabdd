"""Helpers for the analysis tests: seed bodies and sentences taken from them."""

from __future__ import annotations

from tests.conftest import seed_text


def body(key: str) -> str:
    """The body of a seed: the 总结 line of a card, or the whole text of a plain seed."""
    text = seed_text(key)
    for line in text.splitlines():
        if line.startswith("总结: "):
            return line.removeprefix("总结: ")
    return text


def card_field(key: str, label: str) -> list[str]:
    """The items of a card field (AI技术, 行业), split on either comma."""
    for line in seed_text(key).splitlines():
        if line.startswith(f"{label}: "):
            raw = line.removeprefix(f"{label}: ").replace("，", ",")
            return [item.strip() for item in raw.split(",") if item.strip()]
    return []


def sentence_with(key: str, needle: str) -> str:
    """The sentence of seed ``key`` that contains ``needle`` (a real sentence, not a made-up one)."""
    from zhiku.text.sentences import split_sentences

    for s in split_sentences(body(key)):
        if needle in s.text:
            return s.text
    raise AssertionError(f"{needle!r} is not in seed {key}")
