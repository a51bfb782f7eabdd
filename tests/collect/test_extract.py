"""Main text and metadata from web pages: the F1 floor on real Chinese pages, by-lines, encodings, corpus wrappers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL_DEV, ROOT
from zhiku.collect.density import parse_html
from zhiku.collect.extract import choose, decode_page, extract_page, iso_date, metadata, unwrap
from zhiku.collect.html import extract_html
from zhiku.collect.urls import canonicalize_url

CWCED = EVAL_DEV / "html_zh_cwced"
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))

ARTICLE = """<html><head><meta charset="{charset}"><title>{title}_测试日报</title>
<meta name="author" content="黄鑫"></head><body>
<div class="nav"><a href="/1">首页</a>|<a href="/2">要闻</a>|<a href="/3">科技</a>|<a href="/4">财经</a></div>
<h1>{title}</h1><div class="info">发布时间：2024年03月15日 10:20 来源：经济日报</div>
<div class="content">{body}</div>
<div class="related"><a href="/a">相关阅读：人工智能产业观察之一</a><a href="/b">相关阅读：人工智能产业观察之二</a></div>
</body></html>"""
PARAS = ["工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展，企业数量超4500家。",
         "智能芯片、通用大模型等创新成果加速涌现，智能基础设施不断夯实，数字化车间和智能工厂加快建设。",
         "为人工智能赋能新型工业化奠定了良好基础，各地正在加快推进人工智能与实体经济深度融合。"]


def _page(charset="utf-8", title="人工智能加速赋能千行百业") -> str:
    return ARTICLE.format(charset=charset, title=title, body="".join(f"<p>{p}</p>" for p in PARAS))


@pytest.mark.skipif(not CWCED.exists(), reason=f"{CWCED} not found (shared eval-dev data)")
def test_extract_char_f1_floor_on_cwced_slice():
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extract import load_cases, prf

    cases = load_cases(CWCED)[::2]
    scores = []
    for case in cases:
        html, _ = decode_page((CWCED / case["html_path"]).read_bytes())
        scores.append(prf(extract_page(html, url=case.get("wrapper_url")).text, case["gold_content"]))
    f1 = sum(s[2] for s in scores) / len(scores)
    recall = sum(s[1] for s in scores) / len(scores)
    assert f1 >= FLOORS["html_cwced_slice_char_f1"] - 0.005, f1
    assert recall >= 0.97, recall


def test_extract_main_text_drops_navigation_and_related_links():
    page = extract_page(_page())
    assert page.text.split("\n") == PARAS
    assert page.title == "人工智能加速赋能千行百业"
    assert page.authors == ["黄鑫"] and page.source == "经济日报"
    assert page.published_at == "2024-03-15T10:20:00+08:00"


@pytest.mark.parametrize("text, expected", [
    ("2024年03月15日 10:20", "2024-03-15T10:20:00+08:00"),
    ("发布时间：2024-3-5", "2024-03-05"),
    ("2024/03/15 08:01:02", "2024-03-15T08:01:02+08:00"),
    ("2024-03-15T10:20:00Z", "2024-03-15T10:20:00+00:00"),
    ("2024年13月15日", None),
    ("没有日期", None),
])
def test_extract_iso_date_reads_chinese_and_iso_forms(text, expected):
    assert iso_date(text) == expected


def test_extract_metadata_prefers_json_ld():
    html = """<html><head><title>站点标题</title><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "杭州破题人工智能+", "author": [{"name": "唐骏垚"}, {"name": "应陶"}],
     "datePublished": "2024-03-12T08:30:00+08:00", "publisher": {"name": "潮新闻"}}</script></head>
    <body><p>正文。</p></body></html>"""
    meta = metadata(parse_html(html))
    assert (meta.title, meta.authors, meta.published_at, meta.source) == (
        "杭州破题人工智能+", ["唐骏垚", "应陶"], "2024-03-12T08:30:00+08:00", "潮新闻")


def test_extract_metadata_outlet_stops_where_its_element_does():
    """ifeng prints the comment count right after the outlet: the coarser by-line had run on into it
    (澎湃新闻网1032人参与308评论); stcn its author (证券时报网作者：李在山)."""
    html = """<html><head><title>女童眼睛被塞几十片纸</title></head><body><h1>女童眼睛被塞几十片纸</h1>
    <div><p><span>2019年11月25日 16:04:30</span><span>来源：<a href="#">澎湃新闻网</a></span></p><h5><a><span>1032\
</span><span>人参与</span></a><a><span>308</span><span>评论</span></a></h5></div>
    <p>正文。</p></body></html>"""
    assert metadata(parse_html(html)).source == "澎湃新闻网"


def test_extract_metadata_placeholder_outlet_is_none_and_the_headline_element_titles():
    """A hospital's CMS: 来源：本站原创 names no outlet, and the <title> adds the site's name after a mere space,
    which <div class="title"> does not; 作者：医技药剂党支部 names a party branch, not a person called 医技药剂."""
    html = """<html><head><title>【不忘初心 牢记使命】我院举办药学技能大赛 湖南省中医药研究院附属医院</title></head><body>
    <div class="nav"><span class="title">湖南省中医药研究院附属医院</span></div>
    <div class="title">【不忘初心 牢记使命】我院举办药学技能大赛</div>
    <div class="info">来源：本站原创&nbsp;&nbsp;作者：医技药剂党支部</div>
    <div>时间：2019年10月31日 23:00&nbsp;&nbsp;浏览：</div><p>正文。</p></body></html>"""
    meta = metadata(parse_html(html))
    assert meta.title == "【不忘初心 牢记使命】我院举办药学技能大赛"
    assert meta.source is None
    assert "医技药剂" not in meta.authors


def test_extract_metadata_authors_are_people_and_outlets_are_names():
    """From html_zh_cwced: a forum's meta author (Discuz! Team), a CMS vendor (大汉网络), a label after the name (时间),
    a dateline place (上海报道), a spaced name (赵  培) and an attribute read as the outlet (size="20")."""
    forum = """<html><head><title>帖子</title><meta name="author" content="Discuz! Team and Comsenz UI Team">
    </head><body><p>作者：芊草凡凡 时间：2005-08-22</p><p>正文。</p></body></html>"""
    assert metadata(parse_html(forum)).authors == ["芊草凡凡"]
    vendor = """<html><head><title>新闻</title><meta name="author" content="大汉网络"></head>
    <body><p>记者 姚峰 上海报道</p><p>正文。</p></body></html>"""
    assert metadata(parse_html(vendor)).authors == ["姚峰"]
    spaced = """<html><head><title>论文</title><meta name="author" content="赵  培"></head><body><p>正文。</p>
    </body></html>"""
    assert metadata(parse_html(spaced)).authors == ["赵培"]
    attribute = """<html><head><title>页</title><meta name="source" content='size="20"'></head><body><p>正文。</p>
    </body></html>"""
    assert metadata(parse_html(attribute)).source is None


def test_extract_metadata_title_past_a_logo_h1_and_a_site_name_title():
    """From html_zh_cwced: an <h1> logo named the site (松花江网) inside the <title>; a <title> that is only the site's
    name (北医新闻网_(新闻)) had been the article's title while <td class="bt_title"> held the headline."""
    logo = """<html><head><title>土豆不“土” 土豆无“土” 松花江网</title></head><body><h1>松花江网</h1>
    <h2>土豆不“土” 土豆无“土”</h2><p>正文。</p></body></html>"""
    assert metadata(parse_html(logo)).title == "土豆不“土” 土豆无“土”"
    site = """<html><head><title>北医新闻网_(新闻)</title></head><body><table><tr><td class="bt_title">
    李简——新外科运动向我们走来</td></tr></table><p>正文。</p></body></html>"""
    assert metadata(parse_html(site)).title == "李简——新外科运动向我们走来"


_LONG = "<p>" + "，".join(PARAS) + "</p>"


@pytest.mark.parametrize("head, body, title", [
    # html_zh_cwced: a viewer's <title>, the headline in a <strong> and on the body's first line
    ("<title>显示</title>", "<p><strong>犬儒病(上)</strong></p><p>胡平</p>", "犬儒病(上)"),
    # a blog's name as <title> and <h1>; the post's title element, trimmed, opens the body
    ("<title>bjreader的博客</title>", "<h1 class='title'>bjreader的博客</h1><h2 class='diaryTitle'>谁来为无序拆房“埋单”？"
     "- -</h2><p>谁来为无序拆房“埋单”？</p>", "谁来为无序拆房“埋单”？"),
    # the site's name before the article's, in Latin: the body opens with the Chinese headline the <title> holds
    ("<title>Joel on Software - 给计算机系学生的建议</title>", "<p>给计算机系学生的建议</p><p>作者：周思博</p>",
     "给计算机系学生的建议"),
    # a breadcrumb down to a section; the headline opens the body
    ("<title>世艺网&gt;艺术教育</title>", "<p>中国艺术研究院2004年博士生招生简章</p>", "中国艺术研究院2004年博士生招生简章"),
    # a breadcrumb down to the article, one up from it, one ending in a placeholder
    ("<title>多维博客 » 播客热潮迅速蔓延 挑逗传统传媒业</title>", "", "播客热潮迅速蔓延 挑逗传统传媒业"),
    ("<title>艺术史研究&lt;世纪在线中国艺术网</title>", "", "艺术史研究"),
    # a title that names its article stays, though the body opens with a bolder headline-shaped line
    ("<title>二十三、感赞</title>", "<p><b>一、法官试验凡事谢恩</b></p>", "二十三、感赞"),
    ("<title>疫情防控常态化下，长春市的新经济之路</title>", "<p><strong>小屏幕里看大长春</strong></p>",
     "疫情防控常态化下，长春市的新经济之路"),
])
def test_extract_title_the_body_bears_out_where_the_page_title_names_no_article(head, body, title):
    """Pages of html_zh_cwced titled 显示, bjreader的博客, Joel on Software or 世艺网>艺术教育 had kept that title."""
    page = extract_page(f"<html><head>{head}</head><body>{body}{_LONG}</body></html>")
    assert page.title == title


@pytest.mark.parametrize("codec, declared", [("gbk", "gb2312"), ("big5", "big5"), ("utf-8", "utf-8")])
def test_extract_decode_page_legacy_encodings(codec, declared):
    html = _page(charset=declared, title="人工智能產業" if codec == "big5" else "人工智能产业")
    if codec == "big5":
        import opencc

        html = opencc.OpenCC("s2tw").convert(html)
    text, used = decode_page(html.encode(codec))
    assert text == html and "\ufffd" not in text
    assert used == {"gbk": "gb18030", "big5": "big5hkscs", "utf-8": "utf-8"}[codec]


def test_extract_decode_page_gbk_without_declaration_and_with_a_bad_byte():
    raw = _page(charset="x").replace('<meta charset="x">', "").encode("gbk")
    text, codec = decode_page(raw)
    assert codec == "gb18030" and PARAS[0] in text
    damaged = raw.replace("企业".encode("gbk"), b"\xff\xfe", 1)
    text, codec = decode_page(damaged)
    assert codec == "gb18030" and PARAS[1] in text


def test_extract_corpus_wrapper_gives_url_and_charset():
    body = _page(charset="utf-8").replace('<meta charset="utf-8">', "").encode("gbk")
    wrapped = b'<text id="http://news.example.cn/a/1.html?utm_source=x" title="t" encoding="gb2312">\n' + body + b"\n</text>"
    html, attrs = unwrap(wrapped)
    assert attrs["encoding"] == "gb2312" and html.strip().startswith(b"<html>")
    text, codec = decode_page(wrapped, strip_wrapper=False)
    page = extract_html(text)
    assert page["url"] == "http://news.example.cn/a/1.html?utm_source=x"
    assert page["text"].split("\n") == PARAS


def test_extract_cli_process_reads_saved_gbk_page_with_wrapper(tmp_path):
    from typer.testing import CliRunner

    from zhiku.cli import app

    body = _page(charset="utf-8").replace('<meta charset="utf-8">', "").encode("gbk")
    wrapped = b'<text id="https://baijiahao.baidu.com/s?id=17&wfr=spider&for=pc" encoding="gbk">\n' + body + b"</text>"
    from zhiku.pipeline import STAGES

    config = tmp_path / "zhiku.toml"  # extraction is under test here, not the stages
    config.write_text("disabled_stages = [" + ", ".join(f'"{n}"' for n in STAGES) + "]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["process", "--config", str(config)], input=wrapped, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert record["url"] == "https://baijiahao.baidu.com/s?id=17"
    assert record["title"] == "人工智能加速赋能千行百业"
    assert record["raw"]["encoding"] == "gb18030" and record["raw"]["format"] == "html"
    assert "企业数量超4500家" in record["text"]


def test_extract_choose_prefers_density_block_inside_trafilatura_text():
    block = "".join(PARAS) * 3
    assert choose("导航 首页 要闻\n" + block + "\n相关阅读 广告 " * 40, block)[1] == "density"
    assert choose(block, block[:50])[1] == "trafilatura"
    assert choose("", block) == (block, "density")


@pytest.mark.parametrize("url, canonical", [
    ("https://baijiahao.baidu.com/s?id=1798888032494898445&wfr=spider&for=pc",
     "https://baijiahao.baidu.com/s?id=1798888032494898445"),
    ("HTTP://News.Example.CN:80/a/1.html?utm_source=rss&page=2#comments", "http://news.example.cn/a/1.html?page=2"),
    ("https://example.cn:443", "https://example.cn/"),
])
def test_urls_canonicalize_tracking_case_fragment_port(url, canonical):
    assert canonicalize_url(url) == canonical


@pytest.mark.skipif(not (EVAL_DEV / "html_zh_gne_pages").exists(), reason="shared eval-dev GNE pages not found")
def test_extract_gne_pages_never_crash_and_rarely_come_out_empty():
    folder = EVAL_DEV / "html_zh_gne_pages"
    empty = 0
    cases = [json.loads(line) for line in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines()][::3]
    for case in cases:
        html, _ = decode_page(Path(folder / case["html_path"]).read_bytes())
        if len(extract_page(html).text) < 50:
            empty += 1
    assert empty <= 1
