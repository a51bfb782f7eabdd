"""Briefings: charts with real CJK glyphs, self-contained escaped HTML, Markdown and PDF."""

from __future__ import annotations

import base64
import re
import warnings

import pytest

from zhiku.record import Event
from zhiku.store import open_store
from zhiku.use.briefing import bar_chart, build_briefing, cjk_font, render_html, render_markdown, report

from .corpus import corpus, duplicate_of, with_figures

pytest.importorskip("matplotlib", reason="matplotlib not installed (pip install 'zhiku[report]')")


def _cjk_or_skip() -> str:
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-zenhei; listed in .ci/apt-packages.txt)")
    return font


def test_briefing_chart_renders_cjk_glyphs_without_tofu():
    font = _cjk_or_skip()
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=font), fallback_to_default=False)
    ft = FT2Font(path)
    assert all(ft.get_char_index(ord(ch)) for ch in "山东省文章数技术行业")  # the font has the glyphs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = bar_chart([("山东省", 12), ("浙江省", 7), ("贵州省", 3)], title="地区分布")
    assert png.startswith(b"\x89PNG")
    missing = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert missing == []


def test_briefing_glyph_check_detects_tofu_without_cjk_font():
    """The check above can fail: DejaVu Sans alone has no CJK glyphs and matplotlib warns."""
    import matplotlib

    from zhiku.use import briefing

    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        warnings.simplefilter("always")
        fig = briefing._figure(3, 2)
        fig.add_subplot().set_title("山东")
        briefing._png(fig)
    assert any("missing from" in str(w.message) for w in caught)


def _loaded(store):
    recs = with_figures(corpus())
    lead = recs[0]
    lead.title = "<script>alert('x')</script>人工智能加速赋能千行百业"
    lead.summary = "工信部数据显示，企业数量超4500家 & <b>不可信</b>。"
    lead.events = [Event(title="发布<数据>", description="工信部公布人工智能企业数量", type="policy")]
    orig, copy = duplicate_of(lead, source="人民网")
    store.put_records([orig, copy, *recs[1:]])
    return recs


def test_briefing_html_is_self_contained_and_escaped(store):
    _cjk_or_skip()
    _loaded(store)
    b = build_briefing(store, "2024-01-01", "2024-12-31", top=5)
    assert b.stories[0].outlets == ["人民网"] or len(b.stories[0].outlets) >= 1
    top = b.stories[0]
    assert top.copies == 2 and "人民网" in top.outlets  # the story carried by two copies comes first
    assert set(b.charts) == {"trend", "heatmap", "regions"}
    page = render_html(b)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;不可信&lt;/b&gt;" in page and "发布&lt;数据&gt;" in page
    imgs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(imgs) == 3 and all(base64.b64decode(i).startswith(b"\x89PNG") for i in imgs)
    assert not re.search(r'(src|href)="(?!data:|https?://)', page)  # nothing external but article links
    assert "AI企业数量" in page and "口径不一" in page


def test_briefing_markdown_and_pdf_files(tmp_path):
    _cjk_or_skip()
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")  # rendering does not depend on the backend
    _loaded(store)
    md = report(store, "2024-01-01", "2024-12-31", tmp_path / "brief.md")
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 智库简报") and "data:image/png;base64," in text and "\\<script\\>" in text
    assert "| AI企业数量 |" in text
    assert "## 要闻" in render_markdown(build_briefing(store, "2024-01-01", "2024-12-31", charts=False))
    pytest.importorskip("reportlab", reason="reportlab not installed (pip install 'zhiku[report]')")
    pdf = report(store, "2024-01-01", "2024-12-31", tmp_path / "brief.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    store.close()


def test_briefing_counts_undated_article_on_its_fetch_day(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    recs = corpus()[:6]
    undated = recs[0]
    undated.published_at = None
    undated.fetched_at = "2030-01-15T08:00:00+00:00"
    store.put_records(recs)
    b = build_briefing(store, "2030-01-01", "2030-01-31", charts=False)
    assert [s.id for s in b.stories] == [undated.id] and b.articles == 1
    strict = build_briefing(store, "2030-01-01", "2030-01-31", charts=False, undated_by_fetch=False)
    assert strict.stories == [] and strict.articles == 0
    store.close()


def test_briefing_key_figures_are_the_top_stories_and_say_what_they_measure(store):
    """The key-figures table had been the period's first 50 figures by subject: subjectless ones (23.11%) first,
    none of them chosen for the stories the briefing tells."""
    from zhiku.record import Figure

    recs = corpus()[:6]
    lead, other = recs[0], recs[1]
    orig, copy = duplicate_of(lead, source="人民网")  # two outlets: the top story
    orig.figures = [Figure(subject=None, value=23.11, unit="percent", raw="23.11%", sentence=0)] + [
        Figure(subject=f"指标{k}", value=float(k), unit="家", raw=f"{k}家", qualifier="超", sentence=k)
        for k in range(1, 7)]
    other.figures = [Figure(subject="AI企业数量", value=4500.0, unit="家", raw="4500家", sentence=2)]
    store.put_records([orig, copy, other, *recs[2:]])
    b = build_briefing(store, "2024-01-01", "2024-12-31", top=5, charts=False)
    assert b.stories[0].id == orig.id
    shown = [(f.record_id, f.subject) for f in b.figures]
    assert shown[:4] == [(orig.id, f"指标{k}") for k in range(1, 5)]  # reading order, four a story
    assert (other.id, "AI企业数量") in shown and all(subject for _, subject in shown)
    assert b.figures[0].stated == "超1家"  # the qualifier written before the number is shown with it
    assert "| 指标1 | 超1家 |" in render_markdown(b)


def test_briefing_story_line_says_what_is_known_once():
    """An undated story from no named outlet had read " · 刊载媒体 0 家："; one carried by its own outlet only had
    named it twice (潮新闻 · 刊载媒体 1 家：潮新闻)."""
    from zhiku.use.briefing import Story

    def story(**kw):
        return Story(id="s", title="t", url=None, source=kw.get("source"), published_at=kw.get("published_at"),
                     outlets=kw.get("outlets", []), copies=1, summary="")

    assert story().meta == "来源未注明"
    assert story(source="潮新闻", outlets=["潮新闻"]).meta == "潮新闻"
    assert story(source="经济日报", published_at="2024-03-12T08:00:00+08:00", outlets=["人民网", "经济日报"]).meta == (
        "2024-03-12 · 经济日报 · 刊载媒体 2 家：人民网、经济日报")


def test_briefing_titles_an_untitled_story_by_its_first_sentence(tmp_path):
    """An untitled article (a forum post, a pasted text) had been headed by its record id."""
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    recs = corpus()[:3]
    untitled = recs[0].copy_with(title=None, summary="浙江省发布人工智能产业发展行动计划，提出到2027年核心产业规模突破5000亿元的目标。")
    store.put_records([untitled, *recs[1:]])
    b = build_briefing(store, "2000-01-01", "2100-12-31", charts=False)
    [story] = [s for s in b.stories if s.id == untitled.id]
    assert story.title == "浙江省发布人工智能产业发展行动计划，提出到2027年核心产业…"  # 30 characters and an ellipsis
    assert "浙江省发布人工智能产业发展行动计划" in render_markdown(b)
    store.close()
