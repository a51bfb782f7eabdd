"""Watchlists: saved searches (or spike alerts) on a schedule, delivered to webhooks or by e-mail.

Library API::

    add_watch(store, "医疗大模型", "大模型 医疗 region:山东", every="day",
              targets=["wecom+https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"]) -> Watch
    list_watches(store) -> list[Watch];  remove_watch(store, name) -> bool
    run_watches(store, names=None, force=False, now=None) -> list[WatchRun]

A target is a string: ``https://…`` (generic JSON), ``wecom+https://…`` (企业微信 bot markdown),
``feishu+https://…`` (飞书 bot text), ``dingtalk+https://…`` (钉钉 bot markdown), or
``mailto:ADDR?smtp=HOST:PORT&from=ADDR[&starttls=1&user=NAME]`` (password from $ZHIKU_SMTP_PASSWORD).
A watch of kind ``spikes`` takes a dimension (technology, organization, region) as its query and sends
the spikes ``zhiku.use.trends.spikes`` flags. A watch of kind ``briefing`` sends a scheduled briefing of
the last ``every`` (its query may hold filters such as ``region:山东``): Markdown to webhooks, and by
e-mail the self-contained HTML briefing (charts embedded) as an attachment. Each (watch, target, item)
is sent once: ``watch_sent`` remembers it after a successful delivery, so a re-run sends nothing twice
and a failed target is retried.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, delete, insert, select, update

from ..errors import ConfigError, QueryError, ZhikuError
from ..store.base import Store
from .query import parse_query

logger = logging.getLogger(__name__)

metadata = MetaData()

watchlists = Table(
    "watchlists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # search | spikes | briefing
    Column("query", Text, nullable=False),
    Column("every", String(20), nullable=False),
    Column("targets", Text, nullable=False),  # JSON list of target strings
    Column("created_at", String(40), nullable=False),
    Column("last_run_at", String(40)),
)

watch_sent = Table(
    "watch_sent",
    metadata,
    Column("watch_id", Integer, primary_key=True),
    Column("target", String(16), primary_key=True),  # hash of the target string
    Column("item", String(200), primary_key=True),  # record id, or spike:KIND:KEY:PERIOD
    Column("sent_at", String(40), nullable=False),
)

EVERY = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1),
         "month": timedelta(days=30), "hourly": timedelta(hours=1), "daily": timedelta(days=1),
         "weekly": timedelta(weeks=1), "monthly": timedelta(days=30)}
STYLES = ("json", "wecom", "feishu", "dingtalk")
SPIKE_DIMENSIONS = ("technology", "organization", "region", "industry")
MAX_ITEMS_IN_MESSAGE = 20
MAX_MATCHES = 1000


class DeliveryError(ZhikuError):
    """A webhook or mail server refused a message."""

    exit_code = 6


def parse_every(value: str) -> timedelta:
    """'day', 'week', '6h', '2d' … → timedelta; ConfigError otherwise."""
    v = value.strip().lower()
    if v in EVERY:
        return EVERY[v]
    m = re.fullmatch(r"(\d+)\s*(m|min|h|d|w)", v)
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"--every {value!r}: use hour, day, week, month or a number with m/h/d/w (6h, 2d)")
    n, unit = int(m.group(1)), m.group(2)
    return {"m": timedelta(minutes=n), "min": timedelta(minutes=n), "h": timedelta(hours=n),
            "d": timedelta(days=n), "w": timedelta(weeks=n)}[unit]


@dataclass(frozen=True)
class Target:
    """Where a watch delivers: a webhook in one of STYLES, or an e-mail address over SMTP."""

    spec: str
    kind: str  # webhook | email
    style: str = "json"
    url: str = ""
    to: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    sender: str = "zhiku@localhost"
    starttls: bool = False
    user: str | None = None

    @property
    def key(self) -> str:
        return hashlib.sha256(self.spec.encode("utf-8")).hexdigest()[:16]


def parse_target(spec: str) -> Target:
    """Parse a target string (see the module docstring); ConfigError names what is wrong."""
    spec = spec.strip()
    if spec.startswith("mailto:"):
        parts = urlsplit(spec)
        to = parts.path
        params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if "@" not in to:
            raise ConfigError(f"target {spec!r}: no e-mail address after mailto:")
        host, _, port = params.get("smtp", "127.0.0.1:25").rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(f"target {spec!r}: smtp= must be HOST:PORT")
        return Target(spec=spec, kind="email", to=to, smtp_host=host, smtp_port=int(port),
                      sender=params.get("from", "zhiku@localhost"), starttls=params.get("starttls") == "1",
                      user=params.get("user"))
    style, plus, rest = spec.partition("+")
    if not plus:
        style, rest = "json", spec
    if style not in STYLES:
        raise ConfigError(f"target {spec!r}: unknown style {style!r} (use {', '.join(STYLES)} or mailto:)")
    if urlsplit(rest).scheme not in ("http", "https") or not urlsplit(rest).netloc:
        raise ConfigError(f"target {spec!r}: not an http(s) URL")
    return Target(spec=spec, kind="webhook", style=style, url=rest)


@dataclass
class Watch:
    id: int
    name: str
    kind: str
    query: str
    every: str
    targets: list[str]
    created_at: str
    last_run_at: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class WatchRun:
    """What one watch did in a run: whether it was due, items found new, deliveries and their outcome."""

    name: str
    due: bool
    new: int = 0
    delivered: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "due": self.due, "new": self.new, "delivered": self.delivered,
                "failed": [{"target": t, "reason": r} for t, r in self.failed]}


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _row_watch(row) -> Watch:
    m = row._mapping
    return Watch(id=m["id"], name=m["name"], kind=m["kind"], query=m["query"], every=m["every"],
                 targets=json.loads(m["targets"]), created_at=m["created_at"], last_run_at=m["last_run_at"])


def add_watch(store: Store, name: str, query: str, every: str = "day", targets: list[str] | tuple[str, ...] = (),
              kind: str = "search") -> Watch:
    """Save a watchlist (replacing one of the same name); the query and targets are checked now."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError(f"watch name {name!r}: 1 to 100 characters")
    if kind == "search":
        parse_query(query)
        if not query.strip():
            raise QueryError("watch query is empty")
    elif kind == "spikes":
        if query not in SPIKE_DIMENSIONS:
            raise ConfigError(f"spike watch {name!r}: query must be one of {', '.join(SPIKE_DIMENSIONS)}")
    elif kind == "briefing":
        if not parse_query(query).is_empty:
            raise QueryError(f"briefing watch {name!r}: its query may hold only filters (region:山东 …)")
    else:
        raise ConfigError(f"watch {name!r}: kind must be search, spikes or briefing, not {kind!r}")
    parse_every(every)
    for t in targets:
        parse_target(t)
    row = {"name": name, "kind": kind, "query": query, "every": every, "targets": json.dumps(list(targets)),
           "created_at": _now().isoformat(), "last_run_at": None}
    with store.engine.begin() as conn:
        old = conn.execute(select(watchlists.c.id).where(watchlists.c.name == name)).scalar()
        if old is not None:
            conn.execute(update(watchlists).where(watchlists.c.id == old).values(
                kind=kind, query=query, every=every, targets=row["targets"]))
        else:
            conn.execute(insert(watchlists).values(**row))
        return _row_watch(conn.execute(select(watchlists).where(watchlists.c.name == name)).one())


def list_watches(store: Store) -> list[Watch]:
    with store.engine.connect() as conn:
        return [_row_watch(r) for r in conn.execute(select(watchlists).order_by(watchlists.c.name))]


def remove_watch(store: Store, name: str) -> bool:
    with store.engine.begin() as conn:
        wid = conn.execute(select(watchlists.c.id).where(watchlists.c.name == name)).scalar()
        if wid is None:
            return False
        conn.execute(delete(watch_sent).where(watch_sent.c.watch_id == wid))
        conn.execute(delete(watchlists).where(watchlists.c.id == wid))
        return True


# --- items and messages --------------------------------------------------------------------------------

def _items(store: Store, watch: Watch, now: datetime | None = None) -> list[dict[str, Any]]:
    """Everything the watch matches now, newest first, each with an ``item`` key that identifies it."""
    if watch.kind == "briefing":
        now = now or _now()
        since = (now - parse_every(watch.every)).date().isoformat()
        until = now.date().isoformat()
        return [{"item": f"briefing:{until}", "title": f"智库简报 {since} 至 {until}", "since": since,
                 "until": until, "url": None, "source": None, "published_at": None, "id": None, "detail": ""}]
    if watch.kind == "spikes":
        from .trends import spikes

        return [{"item": f"spike:{s.kind}:{s.key}:{s.period}"[:200], "title": f"{s.label} 文章数激增",
                 "detail": f"{s.period}: {s.count} 篇 (基线 {s.baseline:.1f})", "url": None,
                 "source": None, "published_at": None, "id": None}
                for s in spikes(store, by=watch.query)]
    # every match, not a ranked page: a new article must not hide behind a thousand better-ranked old ones
    from ..store import schema
    from .search import match_select

    r = schema.records.c
    with store.engine.connect() as conn:
        ids = list(conn.execute(match_select(conn, parse_query(watch.query))).scalars())
        rows = []
        for i in range(0, len(ids), 500):
            rows += conn.execute(select(r.id, r.title, r.url, r.source, r.published_at)
                                 .where(r.id.in_(ids[i:i + 500]))).all()
    rows.sort(key=lambda row: (row.published_at or "", row.id), reverse=True)
    untitled = [row.id for row in rows if not row.title]  # shown by their first sentence, read only for them
    shown = {rec.id: rec.display_title for rec in store.iter_records(ids=untitled)} if untitled else {}
    return [{"item": row.id, "id": row.id, "title": row.title or shown.get(row.id, row.id), "url": row.url,
             "source": row.source, "published_at": row.published_at, "detail": None} for row in rows]


def _fill_details(store: Store, watch: Watch, items: list[dict[str, Any]]) -> None:
    """Give the items a message shows a snippet around the watched words (loaded only for those)."""
    todo = {it["id"]: it for it in items if it.get("detail") is None and it.get("id")}
    if not todo or watch.kind != "search":
        return
    from .search import make_snippet

    pieces = [p for t in parse_query(watch.query).positive_terms for p in t.pieces]
    for rec in store.iter_records(ids=list(todo)):
        todo[rec.id]["detail"] = make_snippet(rec.text, pieces)[0]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#>|~])")


def md_escape(value: str | None) -> str:
    """Text safe inside chat-bot markdown: special characters escaped, line breaks flattened."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((value or "").split()))


def _safe_url(url: str | None) -> str | None:
    if url and urlsplit(url).scheme in ("http", "https"):
        return quote(url, safe=":/?&=#%+,;@~!$'*")
    return None


def render_markdown(watch: Watch, items: list[dict[str, Any]]) -> str:
    lines = [f"**zhiku · {md_escape(watch.name)}**: {len(items)} 条新内容", ""]
    for i, it in enumerate(items[:MAX_ITEMS_IN_MESSAGE], 1):
        url = _safe_url(it.get("url"))
        title = md_escape(it["title"])
        head = f"[{title}]({url})" if url else title
        meta = " · ".join(md_escape(x) for x in (it.get("source"), it.get("published_at")) if x)
        lines.append(f"{i}. {head}" + (f" ({meta})" if meta else ""))
        if it.get("detail"):
            lines.append(f"   {md_escape(it['detail'])[:200]}")
    if len(items) > MAX_ITEMS_IN_MESSAGE:
        lines.append(f"… 另有 {len(items) - MAX_ITEMS_IN_MESSAGE} 条")
    return "\n".join(lines)


def render_text(watch: Watch, items: list[dict[str, Any]]) -> str:
    lines = [f"zhiku · {watch.name}: {len(items)} 条新内容"]
    for i, it in enumerate(items[:MAX_ITEMS_IN_MESSAGE], 1):
        meta = " · ".join(x for x in (it.get("source"), it.get("published_at")) if x)
        lines.append(f"{i}. {it['title']}" + (f" ({meta})" if meta else ""))
        if it.get("url"):
            lines.append(f"   {it['url']}")
    if len(items) > MAX_ITEMS_IN_MESSAGE:
        lines.append(f"… 另有 {len(items) - MAX_ITEMS_IN_MESSAGE} 条")
    return "\n".join(lines)


def render_html(watch: Watch, items: list[dict[str, Any]]) -> str:
    rows = []
    for it in items[:MAX_ITEMS_IN_MESSAGE]:
        url = _safe_url(it.get("url"))
        title = html.escape(it["title"])
        head = f'<a href="{html.escape(url)}">{title}</a>' if url else title
        meta = html.escape(" · ".join(x for x in (it.get("source"), it.get("published_at")) if x))
        rows.append(f"<li>{head} <small>{meta}</small><br>{html.escape(it.get('detail') or '')}</li>")
    more = f"<p>… 另有 {len(items) - MAX_ITEMS_IN_MESSAGE} 条</p>" if len(items) > MAX_ITEMS_IN_MESSAGE else ""
    return (f"<html><body><h3>zhiku · {html.escape(watch.name)}: {len(items)} 条新内容</h3>"
            f"<ol>{''.join(rows)}</ol>{more}</body></html>")


def payload(style: str, watch: Watch, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON body for a webhook of this style."""
    if style == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": render_markdown(watch, items)[:4000]}}
    if style == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": f"zhiku · {watch.name}",
                                                    "text": render_markdown(watch, items)[:18000]}}
    if style == "feishu":
        return {"msg_type": "text", "content": {"text": render_text(watch, items)}}
    return {"watch": watch.name, "kind": watch.kind, "query": watch.query, "count": len(items),
            "items": [{k: v for k, v in it.items() if k != "item"} for it in items[:MAX_MATCHES]]}


def _post(target: Target, body: dict[str, Any]) -> None:
    import httpx

    try:
        resp = httpx.post(target.url, json=body, timeout=15.0)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{target.url}: {exc.__class__.__name__}: {exc}") from exc
    if resp.status_code >= 300:
        raise DeliveryError(f"{target.url}: HTTP {resp.status_code}")
    try:
        answer = resp.json()
    except ValueError:
        return
    if isinstance(answer, dict):
        code = answer.get("errcode", answer.get("code", 0))
        if code not in (0, None, "0"):
            raise DeliveryError(f"{target.url}: refused with code {code}: {answer.get('errmsg') or answer.get('msg')}")


def _mail(target: Target, watch: Watch, items: list[dict[str, Any]]) -> None:
    msg = EmailMessage()
    msg["Subject"] = f"zhiku · {watch.name}: {len(items)} 条新内容"
    msg["From"] = target.sender
    msg["To"] = target.to
    msg.set_content(render_text(watch, items))
    msg.add_alternative(render_html(watch, items), subtype="html")
    _send_mail(target, msg)


def _send_mail(target: Target, msg: EmailMessage) -> None:
    try:
        with smtplib.SMTP(target.smtp_host, target.smtp_port, timeout=15) as smtp:
            if target.starttls:
                smtp.starttls()
            if target.user:
                smtp.login(target.user, os.environ.get("ZHIKU_SMTP_PASSWORD", ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"smtp {target.smtp_host}:{target.smtp_port}: {exc.__class__.__name__}: {exc}") from exc


def _briefing_filters(watch: Watch) -> dict[str, Any]:
    f = parse_query(watch.query).filters
    return {"technology": f.technology, "industry": f.industry, "region": f.region,
            "organization": f.organization, "source": f.source}


def _deliver_briefing(store: Store, target: Target, watch: Watch, item: dict[str, Any]) -> None:
    from .briefing import build_briefing, render_html, render_markdown

    b = build_briefing(store, item["since"], item["until"], charts=target.kind == "email", **_briefing_filters(watch))
    md = render_markdown(b)
    if target.kind == "email":
        msg = EmailMessage()
        msg["Subject"] = f"zhiku · {watch.name}: {item['title']}"
        msg["From"] = target.sender
        msg["To"] = target.to
        msg.set_content(md.split("## 图表")[0])
        msg.add_attachment(render_html(b), subtype="html", filename=f"brief-{b.since}-{b.until}.html")
        _send_mail(target, msg)
    elif target.style == "json":
        _post(target, {"watch": watch.name, "kind": "briefing", "since": b.since, "until": b.until,
                       "markdown": md, "stories": [s.__dict__ for s in b.stories]})
    elif target.style == "feishu":
        _post(target, {"msg_type": "text", "content": {"text": md[:15000]}})
    else:
        key = "content" if target.style == "wecom" else "text"
        body: dict[str, Any] = {key: md[:4000] if target.style == "wecom" else md[:18000]}
        if target.style == "dingtalk":
            body["title"] = item["title"]
        _post(target, {"msgtype": "markdown", "markdown": body})


def deliver(target: Target, watch: Watch, items: list[dict[str, Any]], store: Store | None = None) -> None:
    """Send one message with these items to the target; DeliveryError when it is refused."""
    if watch.kind == "briefing" and store is not None:
        _deliver_briefing(store, target, watch, items[0])
    elif target.kind == "email":
        _mail(target, watch, items)
    else:
        _post(target, payload(target.style, watch, items))


def _due(watch: Watch, now: datetime) -> bool:
    if not watch.last_run_at:
        return True
    return now - datetime.fromisoformat(watch.last_run_at) >= parse_every(watch.every)


def run_watches(store: Store, names: list[str] | None = None, force: bool = False,
                now: datetime | None = None) -> list[WatchRun]:
    """Run every due watch (or the named ones): send each target what it has not been sent yet."""
    now = now or _now()
    runs: list[WatchRun] = []
    for watch in list_watches(store):
        if names and watch.name not in names:
            continue
        if not (force or _due(watch, now)):
            runs.append(WatchRun(watch.name, due=False))
            continue
        run = WatchRun(watch.name, due=True)
        items = _items(store, watch, now)
        for spec in watch.targets:
            target = parse_target(spec)
            with store.engine.connect() as conn:
                sent = set(conn.execute(select(watch_sent.c.item).where(
                    watch_sent.c.watch_id == watch.id, watch_sent.c.target == target.key)).scalars())
            fresh = [it for it in items if it["item"] not in sent]
            run.new = max(run.new, len(fresh))
            if not fresh:
                continue
            _fill_details(store, watch, fresh[:MAX_ITEMS_IN_MESSAGE])
            try:
                deliver(target, watch, fresh, store)
            except DeliveryError as exc:
                logger.warning("watch %s: delivery to %s failed: %s", watch.name, spec, exc)
                run.failed.append((spec, str(exc)))
                continue
            with store.engine.begin() as conn:
                conn.execute(insert(watch_sent), [{"watch_id": watch.id, "target": target.key, "item": it["item"],
                                                   "sent_at": now.isoformat()} for it in fresh])
            run.delivered.append(spec)
        with store.engine.begin() as conn:
            conn.execute(update(watchlists).where(watchlists.c.id == watch.id).values(last_run_at=now.isoformat()))
        runs.append(run)
    return runs
