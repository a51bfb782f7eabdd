"""Settings, declared once with their help, loaded in order: defaults < zhiku.toml < ZHIKU_* env < flags.

The object is frozen and passed explicitly; nothing reads a global.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_DB = "sqlite:///zhiku.db"


@dataclass(frozen=True)
class Settings:
    db: str = field(default=DEFAULT_DB, metadata={"help": "SQLAlchemy URL or SQLite path of the store"})
    disabled_stages: tuple[str, ...] = field(default=(), metadata={"help": "pipeline stages to skip"})
    disabled_clean_steps: tuple[str, ...] = field(default=(), metadata={"help": "cleaning steps to skip"})
    batch_size: int = field(default=200, metadata={"help": "records per store transaction"})
    max_input_bytes: int = field(default=50 * 1024 * 1024, metadata={"help": "largest input file accepted"})
    llm_base_url: str | None = field(default=None, metadata={"help": "OpenAI-compatible base URL; unset = offline"})
    llm_model: str | None = field(default=None, metadata={"help": "model name for the LLM backend"})
    llm_api_key_env: str = field(default="ZHIKU_LLM_API_KEY", metadata={"help": "env variable holding the key"})
    llm_timeout: float = field(default=60.0, metadata={"help": "seconds to wait for one LLM response"})
    llm_max_retries: int = field(default=3, metadata={"help": "retries of an LLM request on 429, 5xx or timeout"})
    llm_concurrency: int = field(default=4, metadata={"help": "LLM requests in flight at once, at most"})
    llm_cache: str | None = field(
        default=None, metadata={"help": "SQLite file caching LLM responses; unset = user cache dir, 'off' = none"}
    )
    llm_prompt_version: str = field(default="v1", metadata={"help": "prompt templates used (summarize/prompts/)"})
    llm_max_tokens: int = field(default=2000, metadata={"help": "largest LLM completion, in tokens"})
    llm_refine_tags: bool = field(default=False, metadata={"help": "ask the LLM to propose new AI technologies"})
    dask_worker_wait: float = field(default=60.0,
                                    metadata={"help": "seconds to wait for a worker to join a Dask scheduler"})
    api_token: str | None = field(default=None, repr=False,  # a repr lands in logs (dask task errors)
                                  metadata={"help": "token that enables the write API"})
    extra: dict[str, Any] = field(default_factory=dict, metadata={"help": "settings of optional parts"})

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def db_url(self) -> str:
        return normalize_db_url(self.db)


def normalize_db_url(value: str) -> str:
    """Accept a plain file path as SQLite; anything with ``://`` is a SQLAlchemy URL."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if "tuple" in str(kind):
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return tuple(value)
    if str(kind) == "float":
        try:
            return float(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"setting {name}: {value!r} is not a number") from exc
    if str(kind) == "bool":
        if isinstance(value, str):
            if value.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if value.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ConfigError(f"setting {name}: {value!r} is not true or false")
        return bool(value)
    if kind == "int" or str(kind) == "int":
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"setting {name}: {value!r} is not an integer") from exc
    return value


def load_settings(config: Path | None = None, environ: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Build Settings from a TOML file (``./zhiku.toml`` when present), ZHIKU_* env and flags."""
    environ = dict(os.environ if environ is None else environ)
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = config or (Path(environ["ZHIKU_CONFIG"]) if "ZHIKU_CONFIG" in environ else Path("zhiku.toml"))
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        for key, value in data.items():
            if key in names:
                values[key] = _coerce(key, value)
            else:
                values.setdefault("extra", {})[key] = value
    elif config is not None:
        raise ConfigError(f"{path}: configuration file not found")
    for name in names - {"extra"}:
        env_value = environ.get(f"ZHIKU_{name.upper()}")
        if env_value is not None:
            values[name] = _coerce(name, env_value)
    for name, value in flags.items():
        if value is not None:
            values[name] = _coerce(name, value)
    return Settings(**values)
