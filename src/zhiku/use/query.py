"""Query string → ``Query`` (terms, quoted phrases, OR, -exclusion, filters); all escaping lives here.

Chinese is indexed as overlapping character bigrams (``index_tokens``): a CJK run 医疗器械 becomes
医疗 疗器 器械, a Latin or digit run becomes one lower-cased word (NFKC first, so Ｇｐｔ４ is gpt4).
A search word becomes a *phrase* of the same tokens, so any 2+ character Chinese word is found
wherever it occurs as a substring (measured in ../shared/DEPENDENCIES.md: word-segmented and trigram
indexes miss). A lone one-character Chinese word cannot be expressed in bigrams and is refused.

Grammar (whitespace separates words; adjacent words must all match)::

    大模型 医疗              both words
    "人工智能 产业"          a phrase (spaces inside are ignored between Chinese characters)
    医疗 OR 教育  (or |)     either word; OR binds tighter than the implicit AND
    -游戏 / -"网络游戏"       exclude
    tech:大模型 industry:医疗 region:山东 org:华为 source:经济日报 since:2024-01-01 until:2024-06-30

User text reaches the database only as tokens rendered by ``to_fts5`` / ``to_tsquery`` below, which
double-quote (FTS5) or single-quote (tsquery) every token; tokens hold only letters, digits and CJK.
Malformed input raises ``zhiku.errors.QueryError`` naming the query and the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..errors import QueryError
from ..record import Record, input_key
from ..text.nfkc import nfkc

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_TITLE_TOKENS = 300
MAX_BODY_TOKENS = 16000  # PostgreSQL keeps positions up to 16383: both backends index the same prefix

# Filter keys accepted inside a query string, with their aliases.
FILTER_KEYS = {
    "tech": "technology", "technology": "technology", "技术": "technology", "ai": "technology",
    "industry": "industry", "行业": "industry",
    "region": "region", "地区": "region",
    "org": "organization", "organization": "organization", "机构": "organization",
    "source": "source", "来源": "source",
    "since": "since", "from": "since",
    "until": "until", "to": "until",
}

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "＂": "＂"}


# Scripts written without spaces, indexed in bigrams: CJK ideographs (with extensions and compatibility
# forms), kana, Hangul. Every other letter or digit run (Latin, Cyrillic, Arabic …) is one word.
_CJK = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3041-\u3096\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
        "\uac00-\ud7a3\U00020000-\U0003134f")
_RUN = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


def normalize(text: str) -> str:
    """NFKC and lower case: the form both the index and the queries are cut from."""
    return nfkc(text).lower()


def runs(text: str) -> list[tuple[str, str]]:
    """Split text into (kind, run) pairs after NFKC and lower-casing: 'c' for a CJK run, 'w' for a word;
    anything else (punctuation, spaces, underscore) separates runs and is dropped."""
    return [("c", m.group(1)) if m.group(1) else ("w", m.group(2)) for m in _RUN.finditer(normalize(text))]


def _run_tokens(kind: str, run: str) -> list[str]:
    if kind == "w" or len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str | None, limit: int = MAX_BODY_TOKENS) -> list[str]:
    """The tokens a text is indexed as: CJK bigrams and whole words, in order, at most ``limit``."""
    tokens: list[str] = []
    for kind, run in runs(text or ""):
        tokens.extend(_run_tokens(kind, run))
        if len(tokens) >= limit:
            return tokens[:limit]
    return tokens


@dataclass(frozen=True)
class Term:
    """One search word or phrase: the text as typed and the phrase of index tokens it stands for."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool = False  # the last token is a prefix (a one-character Chinese run ending the word)
    pieces: tuple[str, ...] = ()  # normalized runs, used to highlight the word in snippets


@dataclass(frozen=True)
class Filters:
    """Restrictions on which records a search, trend or figure query looks at."""

    technology: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    canonical_only: bool = True
    undated_by_fetch: bool = False  # date an article without a publication date by when it was fetched

    def merged(self, other: Filters) -> Filters:
        """These filters plus ``other``'s (values added; dates and canonical_only from ``other`` when set)."""
        return Filters(
            technology=self.technology + other.technology, industry=self.industry + other.industry,
            region=self.region + other.region, organization=self.organization + other.organization,
            source=self.source + other.source, since=other.since or self.since, until=other.until or self.until,
            canonical_only=self.canonical_only and other.canonical_only,
            undated_by_fetch=self.undated_by_fetch or other.undated_by_fetch,
        )


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group matches when any of its terms does); no excluded term may."""

    text: str = ""
    groups: tuple[tuple[Term, ...], ...] = ()
    exclude: tuple[Term, ...] = ()
    filters: Filters = field(default_factory=Filters)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for in the text (filters only)."""
        return not self.groups

    @property
    def positive_terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


def parse_date(value: str | date | None, what: str = "date") -> str | None:
    """YYYY-MM-DD (also YYYY-MM or YYYY, taken as the first day) → ISO date string; QueryError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?", text)
    if not m:
        raise QueryError(f"{what} {value!r}: not a date (use YYYY-MM-DD)")
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return date(y, mo, d).isoformat()
    except ValueError as exc:
        raise QueryError(f"{what} {value!r}: {exc}") from None


def day_after(iso_day: str) -> str:
    return (date.fromisoformat(iso_day) + timedelta(days=1)).isoformat()


def make_term(text: str, query: str = "") -> Term | None:
    """The Term for one word or phrase; None when it holds nothing searchable (only punctuation)."""
    parts = runs(text)
    if not parts:
        return None
    if len(parts) == 1 and parts[0][0] == "c" and len(parts[0][1]) == 1:
        raise QueryError(f"query {query or text!r}: {text!r} is a single Chinese character; "
                         "search words need at least two (Chinese is indexed in pairs)")
    tokens: list[str] = []
    prefix = False
    for i, (kind, run) in enumerate(parts):
        if kind == "c" and len(run) == 1:
            if i == len(parts) - 1:
                tokens.append(run)
                prefix = True  # the document's run may go on: match bigrams starting with it
            elif i == 0:
                continue  # the document's run may start earlier: no bigram can say so; keep the rest
            else:
                tokens.append(run)
        else:
            tokens.extend(_run_tokens(kind, run))
    return Term(text=text, tokens=tuple(tokens), prefix=prefix, pieces=tuple(r for _, r in parts))


def _join_cjk_spaces(text: str) -> str:
    """Inside a quoted phrase, drop whitespace between Chinese characters (Chinese has none)."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)


def _lex(text: str) -> list[tuple[str, str, bool]]:
    """Split into (kind, value, negated) items: kind is 'word', 'phrase', 'or' or 'filter'."""
    items: list[tuple[str, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        neg = False
        if ch in "-－" and i + 1 < n and not text[i + 1].isspace():
            neg, i = True, i + 1
            ch = text[i]
        elif ch in "-－":
            raise QueryError(f"query {text!r}: '-' at position {i} has nothing after it")
        if ch in _QUOTES:
            close = _QUOTES[ch]
            end = text.find(close, i + 1)
            if end < 0:
                raise QueryError(f"query {text!r}: the quote opened at position {i} is never closed")
            items.append(("phrase", _join_cjk_spaces(text[i + 1:end]), neg))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        word = text[i:j]
        i = j
        if not neg and word in ("OR", "|", "｜", "或"):
            items.append(("or", word, False))
            continue
        key, sep, value = word.replace("：", ":").partition(":")
        if sep and key.lower() in FILTER_KEYS:
            if neg:
                raise QueryError(f"query {text!r}: a filter ({word!r}) cannot be excluded")
            if not value and i < n and text[i] in _QUOTES:  # region:"内蒙古 自治区"
                close = _QUOTES[text[i]]
                end = text.find(close, i + 1)
                if end < 0:
                    raise QueryError(f"query {text!r}: the quote opened at position {i} is never closed")
                value, i = text[i + 1:end], end + 1
            if not value.strip():
                raise QueryError(f"query {text!r}: filter {key!r} has no value")
            items.append(("filter", f"{FILTER_KEYS[key.lower()]}\x1f{value.strip()}", False))
            continue
        items.append(("word", word, neg))
    return items


def parse_query(text: str | None, filters: Filters | None = None) -> Query:
    """Parse a query string; ``filters`` (from CLI options or web form fields) are added to those in the text."""
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query of {len(text)} characters: longer than {MAX_QUERY_CHARS}")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
        raise QueryError(f"query {text!r}: contains a control character (NUL or similar)")
    groups: list[list[Term]] = []
    exclude: list[Term] = []
    found: dict[str, list[str]] = {}
    pending_or = False
    for kind, value, neg in _lex(text):
        if kind == "or":
            if not groups or pending_or:
                raise QueryError(f"query {text!r}: {value} needs a word on each side")
            pending_or = True
            continue
        if kind == "filter":
            if pending_or:
                raise QueryError(f"query {text!r}: OR cannot join a filter")
            key, _, val = value.partition("\x1f")
            found.setdefault(key, []).append(val)
            continue
        term = make_term(value, text)
        if term is None:
            if pending_or:
                raise QueryError(f"query {text!r}: {value!r} after OR holds nothing searchable")
            continue
        if neg:
            if pending_or:
                raise QueryError(f"query {text!r}: OR cannot join an excluded word")
            exclude.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise QueryError(f"query {text!r}: OR at the end needs a word after it")
    if exclude and not groups:
        raise QueryError(f"query {text!r}: only excluded words; say what to look for")
    if sum(len(g) for g in groups) + len(exclude) > MAX_TERMS:
        raise QueryError(f"query {text!r}: more than {MAX_TERMS} words")
    inline = Filters(
        technology=tuple(found.get("technology", ())), industry=tuple(found.get("industry", ())),
        region=tuple(found.get("region", ())), organization=tuple(found.get("organization", ())),
        source=tuple(found.get("source", ())),
        since=parse_date(found["since"][-1], "since") if "since" in found else None,
        until=parse_date(found["until"][-1], "until") if "until" in found else None,
    )
    merged = (filters or Filters()).merged(inline)
    merged = replace(merged, since=parse_date(merged.since, "since"), until=parse_date(merged.until, "until"))
    if merged.since and merged.until and merged.since > merged.until:
        raise QueryError(f"query {text!r}: since {merged.since} is after until {merged.until}")
    return Query(text=text, groups=tuple(tuple(g) for g in groups), exclude=tuple(exclude), filters=merged)


# --- rendering for the two backends: the only places user text becomes query syntax ----------------

def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts5_term(term: Term) -> str:
    phrase = _fts5_string(" ".join(term.tokens))
    return phrase + " *" if term.prefix else phrase


def to_fts5(query: Query) -> str:
    """The FTS5 MATCH expression for a non-empty query (every token double-quoted)."""
    if query.is_empty:
        raise QueryError(f"query {query.text!r}: nothing to search for")
    groups = ["(" + " OR ".join(_fts5_term(t) for t in g) + ")" for g in query.groups]
    expr = " AND ".join(groups)
    if query.exclude:
        expr = f"({expr}) NOT (" + " OR ".join(_fts5_term(t) for t in query.exclude) + ")"
    return expr


def _ts_lexeme(token: str) -> str:
    if "'" in token or "\\" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return "'" + token + "'"


def _ts_term(term: Term, joiner: str = " <-> ") -> str:
    parts = [_ts_lexeme(t) for t in term.tokens]
    if term.prefix:
        parts[-1] += ":*"
    return "(" + joiner.join(parts) + ")"


def to_tsquery(query: Query, loose: bool = False) -> str:
    """The PostgreSQL tsquery literal for a non-empty query (every lexeme single-quoted).

    ``loose=True`` writes every phrase as an AND of its tokens and keeps only the one-token excluded
    words: it matches every record the exact query matches (and perhaps a few more), and a GIN index
    answers it without reading any document (phrase positions are checked against each tsvector).
    """
    if query.is_empty:
        raise QueryError(f"query {query.text!r}: nothing to search for")
    joiner = " & " if loose else " <-> "
    expr = " & ".join("(" + " | ".join(_ts_term(t, joiner) for t in g) + ")" for g in query.groups)
    exclude = [t for t in query.exclude if not loose or len(t.tokens) == 1]
    if exclude:
        expr = f"({expr}) & !(" + " | ".join(_ts_term(t, joiner) for t in exclude) + ")"
    return expr


def to_tsvector(title: str | None, body: str | None) -> str:
    """The PostgreSQL tsvector literal for a document: title lexemes weighted A, then a gap, then the body."""
    positions: dict[str, list] = {}
    title_tokens = index_tokens(title, MAX_TITLE_TOKENS)
    for i, tok in enumerate(title_tokens, start=1):
        positions.setdefault(tok, []).append(f"{i}A")
    start = len(title_tokens) + 2  # a gap so no phrase runs from the title into the body
    for i, tok in enumerate(index_tokens(body, MAX_BODY_TOKENS), start=start):
        pos = positions.get(tok)
        if pos is None:
            positions[tok] = [min(i, 16383)]
        elif len(pos) < 256:  # PostgreSQL keeps at most 256 positions per lexeme
            pos.append(min(i, 16383))
    return " ".join(f"{_ts_lexeme(tok)}:{','.join(map(str, pos))}" for tok, pos in positions.items())


def record_tokens(record: Record) -> tuple[str, str]:
    """The index tokens of a record's title and body, each joined by spaces (the FTS5 columns); computed once
    per title and body (a worker may have sent them: ``zhiku.prepare``)."""
    return record.derived("search_tokens", input_key(record.title, record.text), lambda: (
        " ".join(index_tokens(record.title, MAX_TITLE_TOKENS)), " ".join(index_tokens(record.text, MAX_BODY_TOKENS))))


def record_tsvector(record: Record) -> str:
    """``to_tsvector`` of a record's title and body, computed once likewise."""
    return record.derived("search_tsvector", input_key(record.title, record.text),
                          lambda: to_tsvector(record.title, record.text))


def like_escape(value: str) -> str:
    """Escape LIKE wildcards (use with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
