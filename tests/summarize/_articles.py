"""The pipeline over one article as the probe tests write it: a body and its headline, no collector metadata."""

from __future__ import annotations

from functools import lru_cache

from zhiku.clean.stage import CleanStage
from zhiku.pipeline import Pipeline
from zhiku.record import RawInfo, Record
from zhiku.settings import Settings


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings())


def clean_article(text: str) -> Record:
    """The record the clean stage alone makes of ``text`` (credits, datelines, bylines read)."""
    return CleanStage()(Record(id="c", text=text, raw=RawInfo(format="text", sha256="0" * 64)))


def run_article(text: str, title: str, published_at: str | None = None) -> Record:
    """The record the default pipeline makes of ``text`` headed ``title`` (published on ``published_at``)."""
    record = Record(id="t", title=title, text=text, raw=RawInfo(format="text", sha256="0" * 64),
                    published_at=published_at)
    [out] = _pipeline().run(record)
    return out
