"""The zhiku record: one article, as every stage sees it (the contract of RECORD.md).

A field that a stage fills defaults to ``None`` ("this stage has not run") and is left out of the
JSON; an empty list means "looked and found none". Raw input bytes travel beside the record as a
private attribute and are stored by the store, never serialized into the record JSON; so do values
derived from its fields for the store (``Record.derived``, filled on workers by ``zhiku.prepare``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .text.nfkc import nfkc

T = TypeVar("T")

RawFormat = Literal["html", "text", "seed-record", "pdf", "jsonl", "feed"]

# Fields produced by stages after collection: absent from JSON until their stage ran.
STAGE_FIELDS = (
    "keywords",
    "ai_technologies",
    "industries",
    "regions",
    "organizations",
    "people",
    "figures",
    "policies",
    "summary",
    "events",
    "duplicates",
    "story",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Evidence(_Model):
    """Where a tag was found: sentence index in ``text`` and the matched surface text."""

    sentence: int
    text: str
    start: int | None = None  # character offset in ``text``


class CleaningEntry(_Model):
    """One logged change made while cleaning: enough to audit or undo it."""

    step: str
    action: Literal["removed", "replaced", "split", "flagged", "moved", "added"]
    before: str = ""
    after: str = ""
    at: int = 0  # character offset in the text the step received
    note: str | None = None


class RawInfo(_Model):
    """What was read: its format, the sha256 of its exact bytes and the encoding used to decode."""

    format: RawFormat
    sha256: str
    encoding: str | None = None
    origin: str | None = None  # path, URL or "-" for stdin
    line: int | None = None  # line number for JSON Lines input
    part: int | None = None  # article number when one raw page held several articles


class Keyword(_Model):
    term: str
    score: float


class Tag(_Model):
    """A normalized concept (AI technology or industry) with its evidence."""

    id: str
    label: str
    score: float = 0.0
    parent: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Region(_Model):
    name: str
    code: str | None = None
    level: str | None = None  # province | prefecture | county | country
    score: float = 0.0
    evidence: list[Evidence] = Field(default_factory=list)


class Organization(_Model):
    name: str
    type: str | None = None  # government | company | research | university | alliance | media | other
    aliases: list[str] = Field(default_factory=list)
    linked: list[str] = Field(default_factory=list)  # related but distinct bodies (百度 ↔ 百度智能云)
    score: float = 0.0
    evidence: list[Evidence] = Field(default_factory=list)


class Person(_Model):
    name: str
    title: str | None = None
    organization: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Figure(_Model):
    subject: str | None = None
    value: float | None = None
    unit: str | None = None
    raw: str
    qualifier: str | None = None
    year: int | None = None
    region: str | None = None
    sentence: int | None = None


class Policy(_Model):
    name: str
    id: str | None = None
    issuer: str | None = None
    level: str | None = None  # national | ministry | province | city
    evidence: list[Evidence] = Field(default_factory=list)


class Event(_Model):
    title: str
    description: str
    type: str | None = None
    date: str | None = None
    actors: list[str] = Field(default_factory=list)
    region: str | None = None
    sentences: list[int] = Field(default_factory=list)


class Duplicates(_Model):
    cluster: str
    canonical: str
    is_canonical: bool
    similarity: float | None = None


class Flag(_Model):
    """A problem noticed but not repaired (unrepairable mojibake, a lead that may be misplaced)."""

    kind: str
    text: str = ""
    at: int | None = None
    note: str | None = None


class Imported(_Model):
    """Tags carried by an old-format (seed card) record, kept verbatim for comparison."""

    keywords: list[str] = Field(default_factory=list)
    ai_technologies: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    events: str | None = None


class Record(_Model):
    """One article. Every stage adds to it; nothing overwrites what an earlier stage kept."""

    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published_at: str | None = None
    fetched_at: str | None = None
    raw: RawInfo
    text: str = ""
    text_original: str | None = None  # body before script conversion, when it changed
    script: str | None = None  # "simplified", or "traditional" when converted from it
    cleaning: list[CleaningEntry] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    imported: Imported | None = None
    status: Literal["ok", "dropped"] = "ok"
    drop_reason: str | None = None
    versions: dict[str, str] = Field(default_factory=dict)  # stage name -> stage version that ran
    meta: dict[str, Any] = Field(default_factory=dict)

    keywords: list[Keyword] | None = None
    ai_technologies: list[Tag] | None = None
    industries: list[Tag] | None = None
    regions: list[Region] | None = None
    organizations: list[Organization] | None = None
    people: list[Person] | None = None
    figures: list[Figure] | None = None
    policies: list[Policy] | None = None
    summary: str | None = None
    events: list[Event] | None = None
    duplicates: Duplicates | None = None
    story: str | None = None

    _raw_bytes: bytes | None = PrivateAttr(default=None)
    _derived: dict[str, tuple[bytes, Any]] | None = PrivateAttr(default=None)

    # --- raw input -------------------------------------------------------------------------
    @property
    def raw_bytes(self) -> bytes | None:
        """The exact bytes this record was read from (kept by the store, not in JSON)."""
        return self._raw_bytes

    def attach_raw(self, data: bytes) -> Record:
        self._raw_bytes = data
        return self

    @property
    def display_title(self) -> str:
        """The title to show a reader: the title, else the opening of the summary's (or body's) first sentence."""
        return display_title(self.title, self.summary or self.text, self.id)

    # --- values derived from the fields --------------------------------------------------------
    def derived(self, name: str, key: bytes, compute: Callable[[], T]) -> T:
        """The value ``name`` of this record, computed by ``compute`` from the inputs whose ``input_key`` is
        ``key``, or the one held under that name when it was computed from the same inputs (a changed field
        gives another key: a held value can only answer for the inputs it was made from)."""
        held = self._derived.get(name) if self._derived else None
        if held is not None and held[0] == key:
            return held[1]
        value = compute()
        if self._derived is None:
            self._derived = {}
        self._derived[name] = (key, value)
        return value

    @property
    def derived_values(self) -> dict[str, tuple[bytes, Any]]:
        """The derived values held (name -> (input key, value)): what ``zhiku.prepare`` sends with the record."""
        return dict(self._derived or {})

    def attach_derived(self, values: dict[str, tuple[bytes, Any]]) -> Record:
        """Hold derived values computed elsewhere (by a worker, from this record's JSON twin)."""
        self._derived = {**(self._derived or {}), **values}
        return self

    def copy_with(self, **changes: Any) -> Record:
        """A deep copy with ``changes`` applied; raw bytes travel along."""
        new = self.model_copy(update=changes, deep=True)
        new._raw_bytes = self._raw_bytes
        return new

    # --- JSON --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        for name in STAGE_FIELDS:
            if data.get(name) is None and name != "story":
                data.pop(name, None)
        if self.story is None and self.duplicates is None:
            data.pop("story", None)
        for name in ("text_original", "script", "imported", "drop_reason"):
            if data.get(name) is None:
                data.pop(name, None)
        return data

    def to_json(self) -> str:
        """Stable JSON: fixed key order, UTF-8 characters kept, no spaces to vary."""
        return dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes) -> Record:
        return cls.model_validate_json(text)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls.model_validate(data)


_SPACE = re.compile(r"\s+")


def dumps(data: dict[str, Any]) -> str:
    """A record's ``to_dict()`` as its stable JSON (``Record.to_json``)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def normalize_for_hash(text: str) -> str:
    """NFKC, lower case, no whitespace: the form used for ids and exact-copy hashes."""
    return _SPACE.sub("", nfkc(text)).lower()


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def input_key(*parts: str | None) -> bytes:
    """A 128-bit digest of exactly these strings (``None`` and "" alike), the key of a ``Record.derived`` value."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = (part or "").encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def record_id(url: str | None, text: str) -> str:
    """Stable id: hash of the canonical URL when there is one, else of the normalized body."""
    basis = f"url:{url}" if url else f"text:{normalize_for_hash(text)}"
    return sha256_hex(basis)[:16]


DISPLAY_TITLE_MAX = 30  # characters of a title made from a sentence, most
_FIRST_SENTENCE = re.compile(r"[^。！？!?\n]+")


def display_title(title: str | None, text: str | None, fallback: str) -> str:
    """What a card, a list or a briefing shows as a record's title: its title; for an untitled record (a forum post,
    a pasted text) the opening of its first sentence, cut at ``DISPLAY_TITLE_MAX`` characters with an ellipsis, not its
    id; ``fallback`` where there is no text either."""
    if title and title.strip():
        return title.strip()
    for m in _FIRST_SENTENCE.finditer(text or ""):
        sentence = m.group().strip(" \t\u3000，,：:、")
        if sentence:
            return sentence if len(sentence) <= DISPLAY_TITLE_MAX else sentence[:DISPLAY_TITLE_MAX] + "…"
    return fallback
