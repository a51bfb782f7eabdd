"""zhiku's exceptions, in one tree; the shells convert them to an exit code or a JSON error.

    ZhikuError
    ├── InputError        bad input; carries ``source`` (path, URL, "-:LINE") and ``reason``
    │   ├── FetchError    a URL could not be fetched
    │   └── ParseError    bytes could not be read as any supported format
    ├── ConfigError       bad settings or configuration file
    ├── StoreError        the database refused or is unreachable
    ├── QueryError        a malformed search query
    ├── BackendError      an LLM backend failed
    ├── EngineError       a worker process of a parallel engine died (killed, out of memory)
    └── MissingExtra      an optional dependency is not installed

``Drop`` is not an error: a stage raises it to keep the record with ``status="dropped"``.
"""

from __future__ import annotations


class ZhikuError(Exception):
    """Base of every error zhiku raises on purpose."""

    exit_code = 1


class InputError(ZhikuError):
    """An input that cannot become a record; names the input and the reason."""

    exit_code = 2

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class FetchError(InputError):
    pass


class ParseError(InputError):
    pass


class ConfigError(ZhikuError):
    exit_code = 3


class StoreError(ZhikuError):
    exit_code = 4


class QueryError(ZhikuError):
    exit_code = 2


class BackendError(ZhikuError):
    exit_code = 5


class EngineError(ZhikuError):
    """A worker process died mid-shard; names the shard. What came before it was already handed on."""

    exit_code = 6


class MissingExtra(ZhikuError):  # noqa: N818 - named for what is missing
    """An optional part is used but its extra is not installed."""

    exit_code = 3

    def __init__(self, extra: str, package: str):
        self.extra = extra
        self.package = package
        super().__init__(f"{package} is not installed: pip install 'zhiku[{extra}]'")


class Drop(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised by a stage to keep a record as dropped, with a reason that is counted."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)
