"""A client for any OpenAI-compatible Chat Completions endpoint (DeepSeek, Qwen, GLM, OpenAI, vLLM, Ollama …).

httpx over a real socket; timeouts; retries with exponential backoff on 429, 5xx and timeouts that honour
``Retry-After``; a concurrency limit shared by the threads that use one client; a SQLite response cache
keyed by model, prompt version and a hash of the request, so re-running a batch costs nothing. The API
key is read from the environment at request time and is never logged, cached or stored.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from ..errors import BackendError, ConfigError
from ..settings import Settings

logger = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}
BACKOFF_BASE = 0.5  # seconds before the first retry when the server names no delay
MAX_BACKOFF = 30.0
_USERINFO = re.compile(r"://[^/@]*@")


@dataclass
class Usage:
    """Token counts, as the server reports them."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    cached: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.requests += other.requests
        self.cached += other.cached

    def as_dict(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
            "requests": self.requests,
            "cached": self.cached,
        }


@dataclass
class ChatReply:
    content: str
    usage: Usage
    cached: bool = False
    waits: list[float] = field(default_factory=list)  # seconds slept before each retry


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds named by a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class ResponseCache:
    """Validated LLM answers in a SQLite file, keyed by model + prompt version + request hash."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise ConfigError(f"{self.path}: cannot open the LLM cache ({exc})") from exc
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, model TEXT, prompt_version TEXT,"
            " content TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, created TEXT)"
        )
        self._db.commit()

    @staticmethod
    def key(model: str, prompt_version: str, payload: Any) -> str:
        digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
        return hashlib.sha256(f"{model}\n{prompt_version}\n{digest}".encode()).hexdigest()

    def get(self, key: str) -> ChatReply | None:
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT content, prompt_tokens, completion_tokens FROM responses WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:  # a busy or damaged cache costs a request, never the record
            logger.warning("LLM cache %s unreadable: %s", self.path, exc)
            return None
        if row is None:
            return None
        return ChatReply(row[0], Usage(0, 0, 0, 1), cached=True)  # a cache hit spends no tokens

    def put(self, key: str, model: str, prompt_version: str, reply: ChatReply) -> None:
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, model, prompt_version, reply.content, reply.usage.prompt_tokens,
                     reply.usage.completion_tokens, datetime.now(UTC).isoformat()),
                )
                self._db.commit()
        except sqlite3.Error as exc:
            logger.warning("LLM cache %s not written: %s", self.path, exc)

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhiku" / "llm-cache.sqlite"


class ChatClient:
    """POST /chat/completions with retries, a concurrency limit and token accounting."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "ZHIKU_LLM_API_KEY",
        timeout: float = 60.0,
        max_retries: int = 3,
        concurrency: int = 4,
        max_tokens: int = 2000,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not base_url or not model:
            raise ConfigError("LLM backend needs llm_base_url and llm_model")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.max_tokens = max_tokens
        self._slots = threading.BoundedSemaphore(max(1, concurrency))
        self._sleep = sleep
        self._http = httpx.Client(timeout=httpx.Timeout(timeout))

    @classmethod
    def from_settings(cls, settings: Settings) -> ChatClient:
        return cls(
            settings.llm_base_url or "",
            settings.llm_model or "",
            api_key_env=settings.llm_api_key_env,
            timeout=settings.llm_timeout,
            max_retries=settings.llm_max_retries,
            concurrency=settings.llm_concurrency,
            max_tokens=settings.llm_max_tokens,
        )

    @property
    def url(self) -> str:
        return f"{self.base_url}/chat/completions"

    @property
    def where(self) -> str:
        """The endpoint as errors and logs name it: no user:password part."""
        return _USERINFO.sub("://", self.url)

    def _scrub(self, text: str) -> str:
        """``text`` without the API key: servers echo it ("Incorrect API key provided: sk-...")."""
        key = os.environ.get(self.api_key_env)
        if key and len(key) >= 4:
            text = text.replace(key, "[API key]")
        return text

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return headers

    def complete(self, messages: list[dict[str, str]], json_mode: bool = True) -> ChatReply:
        """One chat completion; raises BackendError after the retries are spent."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0,
                                "max_tokens": self.max_tokens}
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        waits: list[float] = []
        last = "no attempt"
        for attempt in range(self.max_retries + 1):
            if attempt:
                self._sleep(waits[-1])
            try:
                response = self._post(body)
            except httpx.TimeoutException:
                last = f"timed out after {self.timeout:g} s"
                waits.append(self._backoff(attempt, None))
                logger.warning("LLM %s at %s: %s (attempt %d)", self.model, self.where, last, attempt + 1)
                continue
            except httpx.HTTPError as exc:
                last = self._scrub(f"{exc.__class__.__name__}: {exc}")
                waits.append(self._backoff(attempt, None))
                logger.warning("LLM %s at %s: %s (attempt %d)", self.model, self.where, last, attempt + 1)
                continue
            if response.status_code in RETRY_STATUS:
                last = f"HTTP {response.status_code}"
                waits.append(self._backoff(attempt, response.headers.get("Retry-After")))
                logger.warning("LLM %s at %s: %s (attempt %d)", self.model, self.where, last, attempt + 1)
                continue
            if response.status_code == 400 and json_mode and "response_format" in response.text:
                # Servers without JSON mode (older llama.cpp, some vLLM builds): ask again without it.
                logger.info("LLM %s at %s: no JSON mode, asking without response_format", self.model, self.where)
                body.pop("response_format", None)
                json_mode = False
                response = self._post(body)
            if response.status_code >= 400:
                raise BackendError(f"{self.where}: HTTP {response.status_code} {self._scrub(response.text)[:200]}")
            return self._parse(response, waits[: attempt])
        raise BackendError(f"{self.where}: {last} after {self.max_retries + 1} attempts")

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        with self._slots:
            return self._http.post(self.url, json=body, headers=self._headers())

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        named = retry_after_seconds(retry_after)
        if named is not None:
            return min(named, MAX_BACKOFF)
        return min(BACKOFF_BASE * (2**attempt), MAX_BACKOFF)

    def _parse(self, response: httpx.Response, waits: list[float]) -> ChatReply:
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError(f"{self.where}: not a Chat Completions response ({self._scrub(str(exc))})") from exc
        usage = data.get("usage") or {}
        return ChatReply(
            content or "",
            Usage(int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0), 1, 0),
            waits=waits,
        )

    def close(self) -> None:
        self._http.close()
