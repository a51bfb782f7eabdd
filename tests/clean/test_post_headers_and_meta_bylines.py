"""A WeChat post's header (原创, the account, the time posted, the province posted from) and a page's meta author
that writes the reporter's role and outlet before the name: where they come from, who wrote it and when."""

from __future__ import annotations

from zhiku.api import process_items
from zhiku.collect.files import read_bytes
from zhiku.pipeline import Pipeline

POST = ("重磅！Kimi K2 Thinking开源，多项测评超越GPT-5\n\n原创 AI前线 2025-11-07 08:30 北京\n\n点击上方蓝字关注我们👆\n\n"
        "11月6日晚，月之暗面正式发布并开源Kimi K2 Thinking模型。\n\n— END —\n\n往期推荐\n智谱发布GLM-4.6\n")

PAGE = ("<html><head><meta charset='utf-8'><title>腾讯混元发布3D世界模型_科技_南方网</title>"
        "<meta name='author' content='南方日报记者 郑佳欣'></head><body><h1>腾讯混元发布3D世界模型</h1>"
        "<div class='article'><p>7月27日，在2025世界人工智能大会上，腾讯发布混元3D世界模型1.0，并宣布开源。用户输入一句话或一张图片，"
        "即可生成360度沉浸式、可漫游、可交互的3D虚拟场景。</p><p>腾讯混元3D技术负责人郭春超表示，该模型可直接用于游戏开发、"
        "VR、数字内容创作等领域。目前，混元3D系列模型在开源社区的下载量已超过230万次。</p></div></body></html>")


def _record(data: str, origin: str):
    [item] = read_bytes(data.encode("utf-8"), origin, fetched_at="2025-12-01T00:00:00+00:00")
    [record] = list(process_items([item], Pipeline.from_settings()))
    return record


def test_a_posts_header_gives_the_account_and_the_time_and_leaves_the_body():
    """The header had stayed in the body: no source, no date, and 北京 (where it was posted from) a region."""
    record = _record(POST, "post.txt")
    assert (record.source, record.published_at[:10]) == ("AI前线", "2025-11-07"), (record.source, record.published_at)
    assert not record.text.startswith("原创") and "北京市" not in [r.name for r in record.regions], record.text[:30]


def test_a_meta_author_with_its_reporters_role_gives_the_name():
    """The author had been 南方日报记者郑佳欣."""
    assert _record(PAGE, "page.html").authors == ["郑佳欣"]


def test_a_posts_header_names_its_author_before_the_account():
    from zhiku.clean.credits import extract_credits

    _body, _entries, credits = extract_credits("原创 张三 量子位 2025年11月7日 08:30 北京\n月之暗面发布新模型。")
    assert (credits.authors, credits.source, credits.published_at) == (["张三"], "量子位", "2025-11-07")
