"""Briefings: the period's top stories, key figures and charts, as one self-contained HTML, Markdown or PDF file.

Library API::

    build_briefing(store, since="2024-03-01", until="2024-03-31", top=10, charts=True) -> Briefing
    render_html(briefing) -> str;  render_markdown(briefing) -> str;  render_pdf(briefing) -> bytes
    report(store, since, until, out="brief.html", fmt=None, top=10) -> Path   # format from the suffix
    cjk_font() -> str | None     # the CJK font family matplotlib will use, None when none is installed

Top stories are canonical records of the period grouped by story (or duplicate cluster), ranked by
how many outlets carried them; each lists its outlets, summary (or lead sentences) and events.
Charts (PNG, embedded as data: URIs) are trend lines of the leading technologies, a technology ×
industry heatmap and a bar chart of regions, drawn by matplotlib (extra ``report``) with a CJK font
(Debian fonts-noto-cjk or fonts-wqy-zenhei). Every piece of article text is escaped: it is untrusted.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..errors import MissingExtra, QueryError
from ..record import Record
from ..store import schema
from ..store.base import Store
from .figures import Disagreement, FigureRow, disagreements, figures
from .filtering import where
from .query import parse_date
from .search import make_filters
from .trends import Matrix, TrendTable, cooccurrence, key_counts, trends

logger = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
                "Droid Sans Fallback", "AR PL UMing CN")
_CJK_FILE_HINTS = ("wqy", "notosanscjk", "notoserifcjk", "sourcehan", "droidsansfallback", "simhei", "msyh", "uming")


@dataclass
class Story:
    """One story of the period: its canonical article, the outlets that carried it, summary and events."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published_at: str | None
    outlets: list[str]
    copies: int
    summary: str
    events: list[dict[str, Any]] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)

    @property
    def meta(self) -> str:
        """Date, outlet and the outlets that carried it, as a briefing's line under the title shows them; what is not
        known is left out (an undated story from no named outlet had read " · 刊载媒体 0 家：")."""
        carried = (f"刊载媒体 {len(self.outlets)} 家：{'、'.join(self.outlets)}"
                   if self.outlets and self.outlets != [self.source] else "")  # its own outlet alone: said once
        return " · ".join(x for x in ((self.published_at or "")[:10], self.source, carried) if x) or "来源未注明"


@dataclass
class Briefing:
    since: str
    until: str
    generated_at: str
    articles: int
    stories: list[Story]
    figures: list[FigureRow]
    disagreements: list[Disagreement]
    trend: TrendTable | None
    matrix: Matrix | None
    regions: list[tuple[str, int]]
    charts: dict[str, bytes] = field(default_factory=dict)  # name -> PNG
    chart_titles: dict[str, str] = field(default_factory=dict)


# --- fonts and charts ---------------------------------------------------------------------------------------

def cjk_font() -> str | None:
    """The first installed CJK font family matplotlib knows (registering system fonts it has not cached)."""
    try:
        from matplotlib import font_manager
    except ImportError as exc:
        raise MissingExtra("report", "matplotlib") from exc

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((fam for fam in CJK_FAMILIES if fam in names), None)

    found = known()
    if found:
        return found
    for path in font_manager.findSystemFonts():
        low = re.sub(r"[^a-z]", "", Path(path).name.lower())
        if any(h in low for h in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                logger.debug("font %s could not be added", path)
    return known()


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _rc() -> dict[str, Any]:
    fam = cjk_font()
    if fam is None:
        logger.warning("no CJK font found: Chinese chart labels will show as boxes (apt-get install fonts-wqy-zenhei)")
    return {"font.family": [fam, "DejaVu Sans"] if fam else ["DejaVu Sans"], "axes.unicode_minus": False}


@contextmanager
def _chart_style():
    """matplotlib settings for one chart: the CJK font first; its notes about font weights kept quiet
    (WenQuanYi Zen Hei has only a medium weight, which matplotlib reports for every label)."""
    import matplotlib

    fm_logger = logging.getLogger("matplotlib.font_manager")
    level = fm_logger.level
    fm_logger.setLevel(logging.ERROR)
    try:
        with matplotlib.rc_context(_rc()):
            yield
    finally:
        fm_logger.setLevel(level)


def trend_chart(table: TrendTable, top: int = 6) -> bytes:
    """Lines of the leading keys' article counts per period."""
    with _chart_style():
        fig = _figure(8, 3.6)
        ax = fig.add_subplot()
        x = list(range(len(table.periods)))
        for s in table.series[:top]:
            ax.plot(x, s.counts, marker="o", linewidth=1.6, label=s.label)
        step = max(1, len(x) // 12)
        ax.set_xticks(x[::step], table.periods[::step], rotation=30, fontsize=8)
        ax.set_ylabel("文章数")
        ax.set_title("主要技术趋势")
        if table.series:
            ax.legend(fontsize=8, loc="upper left", frameon=False)
        return _png(fig)


def heatmap_chart(matrix: Matrix) -> bytes:
    """A technology × industry heatmap of co-occurrence counts."""
    with _chart_style():
        fig = _figure(8, 0.5 + 0.42 * max(3, len(matrix.row_labels)))
        ax = fig.add_subplot()
        data = matrix.counts or [[0]]
        im = ax.imshow(data, cmap="Blues", aspect="auto")
        ax.set_xticks(range(len(matrix.col_labels)), matrix.col_labels, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(len(matrix.row_labels)), matrix.row_labels, fontsize=8)
        peak = max((v for row in data for v in row), default=0)
        for i, row in enumerate(matrix.counts):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                            color="white" if v > peak / 2 else "black")
        ax.set_title("技术 × 行业")
        fig.colorbar(im, ax=ax, shrink=0.8)
        return _png(fig)


def bar_chart(pairs: list[tuple[str, int]], title: str = "地区分布") -> bytes:
    """A horizontal bar chart of (label, count) pairs, largest on top."""
    with _chart_style():
        fig = _figure(7, 0.6 + 0.35 * max(3, len(pairs)))
        ax = fig.add_subplot()
        labels = [p[0] for p in pairs][::-1]
        ax.barh(range(len(labels)), [p[1] for p in pairs][::-1], color="#3b7dd8")
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_xlabel("文章数")
        ax.set_title(title)
        return _png(fig)


# --- assembling ---------------------------------------------------------------------------------------------

def _lead(text: str, limit: int = 160) -> str:
    from ..text.sentences import split_sentences

    out = ""
    for s in split_sentences(text):
        if len(out) + len(s.text) > limit and out:
            break
        out += s.text
    return out[:limit] + ("…" if len(out) > limit else "")


def top_stories(store: Store, since: str, until: str, top: int = 10, **filter_args) -> tuple[list[Story], int]:
    """The period's stories ranked by outlets, and how many canonical articles the period holds."""
    c = schema.records.c
    all_copies = make_filters(since=since, until=until, canonical_only=False, **filter_args)
    with store.engine.connect() as conn:
        rows = conn.execute(select(c.id, c.source, c.canonical_id, c.story_id, c.published_at)
                            .where(where(conn, all_copies))).all()
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.story_id or row.canonical_id or row.id, []).append(row)
    canon_count = sum(1 for r in rows if r.canonical_id in (None, r.id))
    ranked = []
    for members in groups.values():
        canon = [m for m in members if m.canonical_id in (None, m.id)] or members
        lead = min(canon, key=lambda m: (m.published_at or "9999", m.id))
        outlets = sorted({m.source for m in members if m.source})
        ranked.append((len(outlets), len(members), lead.published_at or "", lead.id, outlets))
    ranked.sort(key=lambda t: (t[2], t[3]), reverse=True)  # newest first among equals
    ranked.sort(key=lambda t: (t[0], t[1]), reverse=True)  # stable: most outlets, then most copies
    chosen = ranked[:top]
    records = {r.id: r for r in store.iter_records(ids=[t[3] for t in chosen])}
    stories = []
    for _, copies, _, rid, outlets in chosen:
        rec: Record | None = records.get(rid)
        if rec is None:
            continue
        stories.append(Story(
            id=rec.id, title=rec.display_title, url=rec.url, source=rec.source, published_at=rec.published_at,
            outlets=outlets, copies=copies, summary=rec.summary or _lead(rec.text),
            events=[e.model_dump(mode="json") for e in rec.events or []],
            technologies=[t.label for t in rec.ai_technologies or []]))
    return stories, canon_count


KEY_FIGURES = 30  # rows of the key-figures table, most
FIGURES_PER_STORY = 4


def key_figures(store: Store, stories: list[Story], since: str, until: str, limit: int = KEY_FIGURES,
                per_story: int = FIGURES_PER_STORY, **filter_args) -> list[FigureRow]:
    """The figures a reader of the briefing needs: those of its top stories, in story order and each story's
    reading order (``per_story`` at most), then the period's others; only figures that say what they measure (a
    bare 23.11% says nothing), each claim once."""
    rank = {s.id: k for k, s in enumerate(stories)}
    told = figures(store, since=since, until=until, limit=len(stories) * 50, record_ids=list(rank), **filter_args)
    told.sort(key=lambda f: (rank[f.record_id], f.sentence if f.sentence is not None else 1 << 30))
    rest = figures(store, since=since, until=until, limit=limit * 10, **filter_args) if len(told) < limit else []
    out: list[FigureRow] = []
    seen: set[tuple] = set()
    per: dict[str, int] = {}
    for f in [*told, *(f for f in rest if f.record_id not in rank)]:
        key = (f.subject, f.value, f.unit, f.region, f.year)
        if not f.subject or len(f.subject) < 2 or key in seen:
            continue
        if f.record_id in rank:
            if per.get(f.record_id, 0) >= per_story:
                continue
            per[f.record_id] = per.get(f.record_id, 0) + 1
        seen.add(key)
        out.append(f)
        if len(out) >= limit:
            break
    return out


def build_briefing(store: Store, since, until, top: int = 10, charts: bool = True, **filter_args) -> Briefing:
    """Everything a briefing shows for the period [since, until] (inclusive days); an article without a
    publication date counts on the day it was fetched (``undated_by_fetch=False`` to leave it out)."""
    filter_args.setdefault("undated_by_fetch", True)
    since_s, until_s = parse_date(since, "--from"), parse_date(until, "--to")
    if not since_s or not until_s:
        raise QueryError("a briefing needs both --from and --to dates")
    if since_s > until_s:
        raise QueryError(f"--from {since_s} is after --to {until_s}")
    stories, count = top_stories(store, since_s, until_s, top, **filter_args)
    figs = key_figures(store, stories, since_s, until_s, **filter_args)
    conflicts = disagreements(store, since=since_s, until=until_s, **filter_args)
    trend = trends(store, by="technology", period=_period_for(since_s, until_s), since=since_s, until=until_s,
                   top=6, **filter_args)
    matrix = cooccurrence(store, "technology", "industry", top=10, since=since_s, until=until_s, **filter_args)
    regions = [(label, n) for _, label, n in key_counts(store, "region", since=since_s, until=until_s,
                                                         **filter_args)[:12]]
    b = Briefing(since=since_s, until=until_s, generated_at=datetime.now(UTC).replace(microsecond=0)
                 .isoformat(), articles=count, stories=stories, figures=figs, disagreements=conflicts,
                 trend=trend, matrix=matrix, regions=regions)
    if charts:
        if trend.series and trend.periods:
            b.charts["trend"], b.chart_titles["trend"] = trend_chart(trend), "主要技术趋势"
        if matrix.row_keys and matrix.col_keys:
            b.charts["heatmap"], b.chart_titles["heatmap"] = heatmap_chart(matrix), "技术 × 行业"
        if regions:
            b.charts["regions"], b.chart_titles["regions"] = bar_chart(regions), "地区分布"
    return b


def _period_for(since: str, until: str) -> str:
    days = (datetime.fromisoformat(until) - datetime.fromisoformat(since)).days
    return "day" if days <= 31 else "week" if days <= 190 else "month" if days <= 1100 else "quarter"


# --- rendering ----------------------------------------------------------------------------------------------

def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url) else None


def _value(row: FigureRow) -> str:
    return row.stated


_CSS = """body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif;
max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}h1{font-size:1.6em}
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left}
.meta{color:#666;font-size:.9em}.story{margin-bottom:1.2em}img{max-width:100%}li.event{font-size:.92em}"""


def render_html(b: Briefing) -> str:
    """The briefing as one self-contained HTML page (charts embedded; all text escaped)."""
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>智库简报 {_e(b.since)} 至 {_e(b.until)}</title>",
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
             'style-src \'unsafe-inline\'">', f"<style>{_CSS}</style></head><body>",
             f"<h1>智库简报：{_e(b.since)} 至 {_e(b.until)}</h1>",
             f'<p class="meta">{b.articles} 篇原创报道 · 生成于 {_e(b.generated_at)}</p>', "<h2>要闻</h2>"]
    if not b.stories:
        parts.append("<p>本期没有报道。</p>")
    for i, s in enumerate(b.stories, 1):
        url = _url(s.url)
        title = f'<a href="{_e(url)}">{_e(s.title or s.id)}</a>' if url else _e(s.title or s.id)
        parts.append(f'<div class="story"><h3>{i}. {title}</h3>')
        parts.append(f'<p class="meta">{_e(s.meta)}</p><p>{_e(s.summary)}</p>')
        if s.events:
            parts.append("<ul>" + "".join(
                f'<li class="event"><b>{_e(ev.get("title"))}</b>：{_e(ev.get("description"))}</li>'
                for ev in s.events) + "</ul>")
        parts.append("</div>")
    if b.charts:
        parts.append("<h2>图表</h2>")
        for name, png in b.charts.items():
            data = base64.b64encode(png).decode("ascii")
            parts.append(f'<figure><img alt="{_e(b.chart_titles.get(name, name))}" '
                         f'src="data:image/png;base64,{data}"></figure>')
    parts.append("<h2>关键数据</h2>")
    if b.figures:
        parts.append("<table><tr><th>指标</th><th>数值</th><th>地区</th><th>年份</th><th>来源</th></tr>")
        for f in b.figures:
            parts.append(f"<tr><td>{_e(f.subject)}</td><td>{_e(_value(f))}</td><td>{_e(f.region)}</td>"
                         f"<td>{_e(f.year)}</td><td>{_e(f.source)} · {_e(f.title)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>本期没有提取到数据。</p>")
    if b.disagreements:
        parts.append("<h2>口径不一的数据</h2>")
        for d in b.disagreements:
            parts.append(f"<h4>{_e(d.subject)} · {_e(d.region)} · {_e(d.year)}</h4><ul>")
            parts += [f"<li>{_e(_value(r))} — {_e(r.source)}《{_e(r.title)}》</li>" for r in d.rows]
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


_MD = re.compile(r"([\\`*_\[\]()#>|~<])")


def _m(value: Any) -> str:
    return _MD.sub(r"\\\1", " ".join(("" if value is None else str(value)).split()))


def render_markdown(b: Briefing) -> str:
    """The briefing as Markdown (charts embedded as data: URIs; text escaped for Markdown)."""
    lines = [f"# 智库简报：{b.since} 至 {b.until}", "", f"{b.articles} 篇原创报道 · 生成于 {b.generated_at}", "",
             "## 要闻", ""]
    for i, s in enumerate(b.stories, 1):
        url = _url(s.url)
        title = f"[{_m(s.title or s.id)}](<{url}>)" if url else _m(s.title or s.id)
        lines += [f"### {i}. {title}", "", _m(s.meta), "", _m(s.summary), ""]
        lines += [f"- **{_m(ev.get('title'))}**：{_m(ev.get('description'))}" for ev in s.events]
        if s.events:
            lines.append("")
    if b.charts:
        lines += ["## 图表", ""]
        for name, png in b.charts.items():
            data = base64.b64encode(png).decode("ascii")
            lines += [f"![{b.chart_titles.get(name, name)}](data:image/png;base64,{data})", ""]
    lines += ["## 关键数据", "", "| 指标 | 数值 | 地区 | 年份 | 来源 |", "|---|---|---|---|---|"]
    lines += [f"| {_m(f.subject)} | {_m(_value(f))} | {_m(f.region)} | {_m(f.year)} | {_m(f.source)} |"
              for f in b.figures]
    if b.disagreements:
        lines += ["", "## 口径不一的数据", ""]
        for d in b.disagreements:
            lines.append(f"- **{_m(d.subject)} · {_m(d.region)} · {_m(d.year)}**：" +
                         "；".join(f"{_m(_value(r))}（{_m(r.source)}《{_m(r.title)}》）" for r in d.rows))
    return "\n".join(lines) + "\n"


def render_pdf(b: Briefing) -> bytes:
    """The briefing as PDF, drawn by reportlab with its built-in Chinese CID font (extra ``report``)."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer
    except ImportError as exc:
        raise MissingExtra("report", "reportlab") from exc
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=15, wordWrap="CJK")
    h1 = ParagraphStyle("h1", parent=body, fontSize=17, leading=24)
    h2 = ParagraphStyle("h2", parent=body, fontSize=13, leading=20, spaceBefore=8)
    flow: list[Any] = [Paragraph(_e(f"智库简报：{b.since} 至 {b.until}"), h1),
                       Paragraph(_e(f"{b.articles} 篇原创报道 · 生成于 {b.generated_at}"), body), Paragraph("要闻", h2)]
    for i, s in enumerate(b.stories, 1):
        flow.append(Paragraph(_e(f"{i}. {s.title or s.id}"), h2))
        flow.append(Paragraph(_e(s.meta), body))
        flow.append(Paragraph(_e(s.summary), body))
        for ev in s.events:
            flow.append(Paragraph(_e(f"• {ev.get('title')}：{ev.get('description')}"), body))
    for name, png in b.charts.items():
        flow.append(Paragraph(_e(b.chart_titles.get(name, name)), h2))
        img = Image(io.BytesIO(png))
        ratio = img.imageHeight / img.imageWidth
        img.drawWidth, img.drawHeight = 16 * cm, 16 * cm * ratio
        flow += [img, Spacer(1, 6)]
    flow.append(Paragraph("关键数据", h2))
    for f in b.figures:
        line = f"{f.subject or ''}：{_value(f)}（{f.region or ''} {f.year or ''}，{f.source or ''}）"
        flow.append(Paragraph(_e(line), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=f"zhiku briefing {b.since}..{b.until}").build(flow)
    return buf.getvalue()


FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".pdf": "pdf"}


def report(store: Store, since, until, out: str | Path, fmt: str | None = None, top: int = 10,
           **filter_args) -> Path:
    """Build the briefing and write it to ``out`` (format from ``fmt`` or the file suffix); returns the path."""
    path = Path(out)
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt not in ("html", "md", "pdf"):
        raise QueryError(f"report {path}: unknown format (use .html, .md or .pdf)")
    b = build_briefing(store, since, until, top=top, **filter_args)
    if fmt == "pdf":
        path.write_bytes(render_pdf(b))
    else:
        path.write_text(render_html(b) if fmt == "html" else render_markdown(b), encoding="utf-8")
    logger.info("briefing %s..%s written to %s", b.since, b.until, path)
    return path
