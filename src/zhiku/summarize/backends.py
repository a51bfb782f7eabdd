"""Summary backends behind one interface: offline (default) and any OpenAI-compatible LLM.

Both return a ``SummaryResult``. The LLM's JSON is validated against ``LLMAnswer``; an invalid answer is
retried once with the validation error, then the offline backend answers and the result says why. Every
summary sentence and event from the LLM passes the number check of ``verify``; one that fails is dropped
(or the offline result replaces it when nothing is left), and the result says so.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import BackendError, ConfigError
from ..record import Event, Flag, Record
from ..text.sentences import split_sentences
from .events import MAX_EVENTS, MIN_EVENTS, extract_events, framing
from .extractive import summarize
from .openai_compat import ChatClient, ChatReply, ResponseCache, Usage
from .verify import unsupported_numbers

logger = logging.getLogger(__name__)

EVENT_TYPES = ("policy", "measure", "organization", "investment", "contract", "product", "research", "personnel",
               "legal", "meeting", "statistic", "plan", "statement")
MAX_PROMPT_SENTENCES = 160  # longer bodies are cut for the prompt; evidence ids stay those of the full text


@dataclass
class SummaryResult:
    """What a backend produced for one record, and how."""

    summary: str
    summary_sentences: list[list[int]]
    events: list[Event]
    framing: str
    backend: str
    notes: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)


class Backend(Protocol):
    name: str

    def summarize(self, record: Record) -> SummaryResult: ...


class OfflineBackend:
    """Extractive summary and pattern-based events: no model, no network."""

    name = "offline"

    def summarize(self, record: Record) -> SummaryResult:
        summary = summarize(record.text, record.title)
        events = extract_events(record)
        result = SummaryResult(summary.text, summary.sentences, events, framing(record, events), self.name)
        check_offline(record, result)
        return result


def check_offline(record: Record, result: SummaryResult) -> None:
    """The number check on offline output: extraction only drops words, so a failure is a defect, flagged."""
    texts = {s.index: s.text for s in split_sentences(record.text)}
    ids = {i for group in result.summary_sentences for i in group}
    missing = unsupported_numbers(result.summary, [texts.get(i, "") for i in ids])
    if missing:
        logger.warning("record %s: offline summary states %s not in its sentences", record.id, missing)
        result.flags.append(Flag(kind="summary-unverified-number", text=result.summary, note=",".join(missing)))
    for event in result.events:
        # title and description apart: joined, a title ending in a digit (DeepSeek-V3) and a description opening with
        # one (12月26日) would state 312
        sources = [texts.get(i, "") for i in event.sentences]
        missing = unsupported_numbers(f"{event.title}\n{event.description}", sources)
        if missing:
            logger.warning("record %s: offline event %r states %s not in its sentences", record.id, event.title,
                           missing)
            result.flags.append(Flag(kind="event-unverified-number", text=event.title, note=",".join(missing)))


# --- the LLM answer schema ----------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LLMSentence(_Strict):
    text: str = Field(min_length=2)
    sentences: list[int] = Field(min_length=1)


class LLMEvent(_Strict):
    title: str = Field(min_length=2, max_length=40)
    description: str = Field(min_length=4)
    type: str = "statement"
    date: str | None = None
    actors: list[str] = Field(default_factory=list)
    region: str | None = None
    sentences: list[int] = Field(min_length=1)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in EVENT_TYPES:
            raise ValueError(f"type must be one of {', '.join(EVENT_TYPES)}")
        return value

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value in (None, "", "null"):
            return None
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2}", value):
            raise ValueError("date must be YYYY-MM-DD, YYYY-MM, YYYY or null")
        return value


class LLMAnswer(_Strict):
    summary: list[LLMSentence] = Field(min_length=1, max_length=3)
    framing: str = ""
    events: list[LLMEvent] = Field(min_length=1, max_length=MAX_EVENTS)


def parse_answer(content: str, sentence_count: int) -> LLMAnswer:
    """The model's JSON as an ``LLMAnswer``; ValueError names what is wrong (sent back to the model)."""
    text = content.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from exc
    try:
        answer = LLMAnswer.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"does not match the schema: {exc.errors(include_url=False)}") from exc
    bad = sorted({i for item in [*answer.summary, *answer.events] for i in item.sentences
                  if not 0 <= i < sentence_count})
    if bad:
        raise ValueError(f"sentence numbers {bad} do not exist (0..{sentence_count - 1})")
    return answer


# --- prompts ---------------------------------------------------------------------------------------
def load_prompt(name: str, version: str) -> Template:
    """A prompt template file of ``zhiku/summarize/prompts`` (``summarize_v1.user.txt`` …)."""
    path = resources.files("zhiku.summarize") / "prompts" / f"{name}_{version}.txt"
    try:
        return Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: prompt template not found for version {version!r}") from exc


def numbered_sentences(record: Record) -> str:
    sentences = split_sentences(record.text)[:MAX_PROMPT_SENTENCES]
    return "\n".join(f"[{s.index}] {s.text}" for s in sentences)


class LLMBackend:
    """Summary and events from an OpenAI-compatible chat model, verified, with an offline fallback."""

    name = "llm"

    def __init__(self, client: ChatClient, prompt_version: str = "v1", cache: ResponseCache | None = None,
                 refine_tags: bool = False):
        self.client = client
        self.prompt_version = prompt_version
        self.cache = cache
        self.refine_tags = refine_tags
        self.offline = OfflineBackend()
        self.usage = Usage()
        self._usage_lock = threading.Lock()
        self._system = load_prompt("summarize", f"{prompt_version}.system").template
        self._user = load_prompt("summarize", f"{prompt_version}.user")
        self._tags = load_prompt("tags", f"{prompt_version}.user") if refine_tags else None

    def _count(self, usage: Usage) -> None:
        with self._usage_lock:
            self.usage.add(usage)

    def _ask(self, messages: list[dict[str, str]], task: str) -> tuple[str, Usage, bool, str]:
        """(content, usage, cached, cache key) for ``messages``, from the cache when it holds them."""
        key = ResponseCache.key(self.client.model, f"{task}-{self.prompt_version}", messages)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit.content, hit.usage, True, key
        reply = self.client.complete(messages)
        return reply.content, reply.usage, False, key

    def summarize(self, record: Record) -> SummaryResult:
        usage = Usage()
        try:
            answer, cached = self._answer(record, usage)
        except BackendError as exc:
            logger.warning("record %s: LLM summary failed, offline fallback: %s", record.id, exc)
            result = self.offline.summarize(record)
            result.notes.update({"fallback_reason": str(exc), "model": self.client.model,
                                 "tokens": usage.as_dict()})
            result.flags.append(Flag(kind="llm-fallback", note=str(exc)[:300]))
            self._count(usage)
            return result
        result = self._verified(record, answer)
        result.notes.update({"model": self.client.model, "prompt_version": self.prompt_version,
                             "cached": cached, "tokens": usage.as_dict()})
        if self.refine_tags:
            self._propose_technologies(record, result, usage)
            result.notes["tokens"] = usage.as_dict()
        self._count(usage)
        return result

    def _answer(self, record: Record, usage: Usage) -> tuple[LLMAnswer, bool]:
        count = len(split_sentences(record.text))
        user = self._user.safe_substitute(title=record.title or "", sentences=numbered_sentences(record),
                                          max_events=MAX_EVENTS)
        messages = [{"role": "system", "content": self._system}, {"role": "user", "content": user}]
        content, got, cached, key = self._ask(messages, "summarize")
        usage.add(got)
        try:
            answer = parse_answer(content, count)
        except ValueError as first:
            if cached:
                raise BackendError(f"cached answer is invalid: {first}") from first
            logger.info("record %s: LLM answer invalid, retrying once: %s", record.id, first)
            retry = [*messages, {"role": "assistant", "content": content},
                     {"role": "user", "content": f"你的输出无效：{first}。请只输出符合要求的 JSON。"}]
            reply = self.client.complete(retry)
            usage.add(reply.usage)
            try:
                answer = parse_answer(reply.content, count)
            except ValueError as second:
                raise BackendError(f"invalid answer after one retry: {second}") from second
            content = reply.content
        if self.cache is not None and not cached:
            self.cache.put(key, self.client.model, f"summarize-{self.prompt_version}",
                           _reply(content, usage))
        return answer, cached

    def _verified(self, record: Record, answer: LLMAnswer) -> SummaryResult:
        texts = {s.index: s.text for s in split_sentences(record.text)}
        flags: list[Flag] = []
        dropped: list[dict[str, Any]] = []
        parts, ids = [], []
        for item in answer.summary:
            missing = unsupported_numbers(item.text, [texts[i] for i in item.sentences])
            if missing:
                dropped.append({"what": "summary", "text": item.text, "numbers": missing})
                flags.append(Flag(kind="llm-unverified-number", text=item.text, note=",".join(missing)))
                continue
            parts.append(item.text.strip())
            ids.append(sorted(set(item.sentences)))
        events: list[Event] = []
        for ev in answer.events:
            missing = unsupported_numbers(f"{ev.title}\n{ev.description}", [texts[i] for i in ev.sentences])
            if missing:
                dropped.append({"what": "event", "text": ev.title, "numbers": missing})
                flags.append(Flag(kind="llm-unverified-number", text=ev.title, note=",".join(missing)))
                continue
            events.append(Event(title=ev.title, description=ev.description, type=ev.type, date=ev.date,
                                actors=ev.actors, region=ev.region, sentences=sorted(set(ev.sentences))))
        notes: dict[str, Any] = {}
        if dropped:
            notes["dropped"] = dropped
        offline: SummaryResult | None = None
        if not parts:
            offline = offline or self.offline.summarize(record)
            notes["summary_replaced"] = "every LLM summary sentence failed the number check"
            summary, summary_ids = offline.summary, offline.summary_sentences
        else:
            summary, summary_ids = "".join(_ended(p) for p in parts), ids
        if len(events) < min(MIN_EVENTS, len(answer.events)):
            # Top up with offline events about other sentences, so the card still lists three or more.
            offline = offline or self.offline.summarize(record)
            used = {i for e in events for i in e.sentences}
            extra = [e for e in offline.events if not used & set(e.sentences)][: MIN_EVENTS - len(events)]
            notes["events_added_offline"] = len(extra)
            events = sorted([*events, *extra], key=lambda e: min(e.sentences))
        frame = answer.framing.strip() if answer.framing.strip() and not unsupported_numbers(
            answer.framing, texts.values()) else framing(record, events)
        return SummaryResult(summary, summary_ids, events, frame, self.name, notes, flags)

    def _propose_technologies(self, record: Record, result: SummaryResult, usage: Usage) -> None:
        """Ask for AI technologies the taxonomy lacks; kept in notes for a curator, never as tags."""
        assert self._tags is not None
        known = "、".join(t.label for t in record.ai_technologies or []) or "（无）"
        user = self._tags.safe_substitute(title=record.title or "", sentences=numbered_sentences(record),
                                          known=known)
        messages = [{"role": "system", "content": self._system}, {"role": "user", "content": user}]
        try:
            content, got, cached, key = self._ask(messages, "tags")
            usage.add(got)
            data = json.loads(content)
            proposals = [
                {"label": str(t["label"]), "sentence": int(t["sentence"])}
                for t in data.get("technologies", [])
                if isinstance(t, dict) and t.get("label") and str(t["label"]) in record.text
            ]
        except (BackendError, ValueError, KeyError, TypeError, AttributeError) as exc:
            result.notes["proposed_technologies_error"] = str(exc)[:300]
            return
        if self.cache is not None and not cached:
            self.cache.put(key, self.client.model, f"tags-{self.prompt_version}", _reply(content, Usage()))
        result.notes["proposed_technologies"] = proposals


def _reply(content: str, usage: Usage) -> ChatReply:
    return ChatReply(content, usage)


def _ended(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "”", "…")) else text + "。"
