"""The ordered cleaning steps and the functions that run them on a body or a whole page.

Each step is a named function ``text -> (text, log entries)``; steps run in the order of ``STEP_NAMES``
and any of them can be switched off (``Settings.disabled_clean_steps``). Page steps run once on the whole
raw page, which may then be split into articles; article steps run on each article, repeated until the
text no longer changes, so cleaning a clean body changes nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..record import CleaningEntry, Flag
from . import articles, credits, mojibake, noise, normalize, ocr, paragraphs, pinyin, repeats, script, titles
from .chars import entry

logger = logging.getLogger(__name__)

StepFn = Callable[[str], tuple[str, list[CleaningEntry]]]

PAGE_STEPS: tuple[tuple[str, StepFn], ...] = (
    ("mojibake", mojibake.fix_mojibake),
    ("pinyin-gloss", pinyin.remove_pinyin),
    ("script", script.convert_script),
    ("paragraphs", paragraphs.restore_paragraphs),
    ("unicode", normalize.normalize_unicode),
    ("noise", noise.remove_noise),
)
TEXT_STEPS: tuple[tuple[str, StepFn], ...] = (
    ("ocr-linebreaks", ocr.join_broken_lines),
    ("ocr-spacing", ocr.fix_spacing),
)
# "articles" splits a page and moves interleaved leads; "credits" and "title" read metadata.
STEP_NAMES: tuple[str, ...] = (
    tuple(n for n, _ in PAGE_STEPS) + ("articles", "lead", "title", "credits") + tuple(n for n, _ in TEXT_STEPS)
    + ("repeats", "layout")
)
MAX_PASSES = 5


@dataclass
class CleanResult:
    """A cleaned body with its log, flags and the metadata its credit lines gave."""

    text: str
    title: str | None = None
    entries: list[CleaningEntry] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    sources: list[str] = field(default_factory=list)
    published_at: str | None = None
    date_note: str | None = None
    converted: bool = False  # traditional script converted
    original: str | None = None  # text before script conversion
    marker: str | None = None  # continuation marker of a newspaper article, e.g. （上接第1版）

    @property
    def flags(self) -> list[Flag]:
        return [Flag(kind=e.step, text=e.before, at=e.at, note=e.note) for e in self.entries if e.action == "flagged"]


def layout(text: str) -> tuple[str, list[CleaningEntry]]:
    """Paragraphs separated by one \\n, no blank lines, no spaces at line ends."""
    lines = [ln.strip() for ln in text.split("\n")]
    new = "\n".join(ln for ln in lines if ln)
    if new == text:
        return text, []
    blank = sum(1 for ln in lines if not ln)
    return new, [entry("layout", "removed", "", "", 0, f"{blank} blank lines and edge spaces removed")]


def run_steps(text: str, steps: Iterable[tuple[str, StepFn]], disabled: Iterable[str] = ()) -> tuple[
        str, list[CleaningEntry]]:
    off = set(disabled)
    log: list[CleaningEntry] = []
    for name, fn in steps:
        if name in off:
            continue
        text, entries = fn(text)
        log.extend(entries)
    return text, log


def _article_pass(text: str, result: CleanResult, disabled: set[str], chrome: list[str],
                  fetched_at: str | None, page_steps: bool = True) -> str:
    """One pass of the page and article steps over an article (no splitting)."""
    first = len(result.entries)
    for name, fn in PAGE_STEPS:
        if name in disabled or not page_steps:
            continue
        before = text
        text, log = fn(text)
        if name == "script" and log:
            result.converted = result.converted or script.is_traditional(before, text)
            result.original = result.original or before
        result.entries.extend(log)
    if "title" not in disabled:
        text, log = titles.remove_title_copies(text, result.title)
        result.entries.extend(log)
    if "credits" not in disabled:
        chrome = chrome + [e.before for e in result.entries[first:] if e.step == "noise"]
        text, log, found = credits.extract_credits(text, chrome, fetched_at)
        result.entries.extend(log)
        for name in found.authors:
            if name not in result.authors:
                result.authors.append(name)
        result.source = result.source or found.source
        result.sources += [s for s in found.sources if s not in result.sources]
        if found.published_at and not result.published_at:
            result.published_at, result.date_note = found.published_at, found.date_note
    text, log = run_steps(text, TEXT_STEPS, disabled)
    result.entries.extend(log)
    steps = [("repeats", repeats.remove_repeats), ("layout", layout)]
    text, log = run_steps(text, steps, disabled)
    result.entries.extend(log)
    return text


def clean_text(text: str, *, title: str | None = None, disabled: Iterable[str] = (), chrome: list[str] | None = None,
               fetched_at: str | None = None, page_steps_done: bool = False) -> CleanResult:
    """Clean one article body (no page splitting, the title is not re-derived); repeats until stable.

    ``page_steps_done`` skips the page steps in the first pass (``clean_page`` has just run them).
    """
    off = set(disabled)
    result = CleanResult(text=text, title=title)
    chrome = list(chrome or [])
    for i in range(MAX_PASSES):
        n = len(result.entries)
        new = _article_pass(text, result, off, chrome, fetched_at, page_steps=not (page_steps_done and i == 0))
        chrome += [e.before for e in result.entries[n:] if e.step == "noise"]
        if new == text and not (page_steps_done and i == 0):
            break
        text = new
    result.text = text
    return result


_OUTLET = re.compile(r"《([\u4e00-\u9fff]{2,12}(?:报|刊|杂志|周刊|日报|晚报))》")


def outlet_from_chrome(chrome: list[str]) -> str | None:
    """The newspaper named most often in removed masthead lines (《中国电子报》全媒体…)."""
    counts: dict[str, int] = {}
    for line in chrome:
        for name in _OUTLET.findall(line):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def clean_page(text: str, *, title: str | None = None, derive_title: bool = False, disabled: Iterable[str] = (),
               fetched_at: str | None = None) -> list[CleanResult]:
    """Clean a raw page: page steps once, split into articles, then each article cleaned until stable."""
    off = set(disabled)
    page_log: list[CleaningEntry] = []
    original = None
    converted = False
    for name, fn in PAGE_STEPS:
        if name in off:
            continue
        before = text
        text, log = fn(text)
        if name == "script" and log:
            original, converted = before, script.is_traditional(before, text)
        page_log.extend(log)
    chrome = [e.before for e in page_log if e.step == "noise"]
    outlet = outlet_from_chrome(chrome)
    if "articles" in off:
        parts = [articles.Part(text, 0)]
        split_log: list[CleaningEntry] = []
        if "lead" not in off:
            parts[0].text, split_log = articles.move_interleaved_lead(text)
    else:
        parts, split_log = articles.split_articles(text, move_leads="lead" not in off)
    results = []
    for n, part in enumerate(parts):
        body = part.text
        part_title = title
        log: list[CleaningEntry] = list(page_log) if n == 0 else []
        log += [e for e in split_log if not (e.step == "articles" and e.action == "split")]
        log += [e for e in split_log if e.action == "split" and e.after == f"part {n}"]
        log += part.entries
        if derive_title and "title" not in off and (len(parts) > 1 or not part_title):
            body, title_log, found = _derive(body)
            if found:
                part_title = found
            log += title_log
        if part_title:
            part_title, title_log = clean_title(part_title, off)
            log += title_log
        result = clean_text(body, title=part_title, disabled=off, chrome=chrome, fetched_at=fetched_at,
                            page_steps_done=True)
        result.entries = log + result.entries
        result.converted = result.converted or converted
        result.original = original or result.original
        result.marker = part.marker
        if not result.source and outlet:
            result.source = outlet  # the page's masthead names the paper every article on it comes from
        results.append(result)
    return results


def clean_title(title: str, disabled: Iterable[str] = ()) -> tuple[str, list[CleaningEntry]]:
    """A title in simplified script with normalized punctuation, HTML entities and mojibake repaired; changes are
    logged with at=-1 (the title)."""
    off = set(disabled)
    log: list[CleaningEntry] = []
    new = title
    for name, fn in (("mojibake", mojibake.fix_mojibake), ("pinyin-gloss", pinyin.remove_pinyin),
                     ("script", script.convert_script), ("unicode", normalize.normalize_unicode)):
        if name not in off:
            new, _ = fn(new)
    new = new.strip()
    if new != title:
        log.append(entry("title", "replaced", title, new, -1,
                         "title normalized (entities, mojibake, script, pinyin, punctuation)"))
    return new, log


def _derive(body: str) -> tuple[str, list[CleaningEntry], str | None]:
    """Title from the first headline line, after the layout step has removed blank lines."""
    found, rest, log = titles.derive_title(body)
    return rest, log, found
