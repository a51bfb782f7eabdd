"""Noise: every data pattern matches its example; spam by structure and lexicon; footer blocks."""

from __future__ import annotations

import pytest

from zhiku.clean.noise import chrome_pattern, footer_start, remove_noise, spam_score
from zhiku.clean.patterns import load_noise

PATTERNS = load_noise().patterns


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_noise_pattern_matches_its_example(pattern):
    assert pattern.example, f"{pattern.id} has no example"
    assert pattern.regex.search(pattern.example), f"{pattern.id} does not match {pattern.example!r}"


def test_noise_pattern_ids_are_unique():
    ids = [p.id for p in PATTERNS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("line", [
    "亚洲av无码成h人动漫无遮挡,特级欧美aaaaaaa免费观看,丝袜制服av熟女♀,亚洲avav天堂av在线网阿v,少妇人妻真实偷人精品视频",
    "国产精品,免费观看,在线观看,日韩视频,欧美高清",
])
def test_noise_spam_lines_are_detected(line):
    assert spam_score(line)


@pytest.mark.parametrize("line", [
    "亚洲、欧美和日韩的人工智能企业竞相发布大模型。",
    "国产大模型免费开放，在线体验人数超过百万",
    "竞逐人工智能，山东的方位与作为",
])
def test_noise_news_lines_are_not_spam(line):
    assert not spam_score(line)


@pytest.mark.parametrize("line,pid", [
    ("举报/反馈", "report-feedback"),
    ("? 版权声明", "copyright-notice"),
    ("相关文章", "related-articles"),
    ("“转载请注明出处”", "reprint-notice"),
    ("视觉中国供图 图文无关", "photo-credit"),
    ("28 0", "counter"),
    ("AIGC行业资讯11个月前发布 jzawxc", "post-byline"),
    ("责任编辑：王小明", "editor-credit"),
    # a hospital site's footer and meta lines (html_zh_gne_pages zyyfy_1)
    ("版权所有 湖南省中医药研究院附属医院", "copyright-notice"),
    ("Copyright © 2018 All rights reserved.", "copyright-line"),
    ("湘ICP备14002927号-5", "site-registration"),
    ("湘公安网备号43010402000231号医院地址：湖南省长沙市麓山路58号24小时急救电话：0731-88866120", "site-registration"),
    ("时间：2019年10月31日 23:00 浏览：", "date-line"),
    ("医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳", "contributor-credit"),
    ("本站讯", "bare-dateline"),
])
def test_noise_chrome_lines_are_recognized(line, pid):
    assert chrome_pattern(line) == pid


@pytest.mark.parametrize("line", [
    "工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展。",
    "关键技术加快突破",
    "2023年",
    "记者从工信部获悉，相关文章已经发表。",
    "工信部通报，23家网站未取得ICP备案即提供服务，已被依法关停。",  # news about registrations
    "本站讯息仅供参考",
    "文/图片均由受访者提供，编辑部对此表示感谢。",
])
def test_noise_article_lines_are_not_chrome(line):
    assert chrome_pattern(line) is None


def test_noise_footer_block_runs_from_masthead_to_page_end():
    page = "\n".join([
        "让新型工业化成为中国走向世界的重大战略支点。", "", "全媒体", "权 威 性 高 传 播 力 强", "", "立足电子信息业 服务新型工业化",
        "中国电子报社创建于1984年。目前拥有全媒体服务。", "传真: 010-88558805", "地址: 北京市海淀区紫竹院路66号",
        "电话: 010-88558808", "官方微信", "www.cena.com.cn", "《中国电子报》全媒体日均触达用户量超过200万。",
    ])
    lines = page.split("\n")
    assert footer_start(lines) == 2
    text, log = remove_noise(page)
    assert text.strip() == "让新型工业化成为中国走向世界的重大战略支点。"
    assert len([e for e in log if e.action == "removed"]) == 10


def test_noise_one_contact_line_in_an_article_is_kept():
    page = "记者拨打了电话。\n电话: 010-88558808\n对方表示将尽快回复。"
    assert remove_noise(page)[0] == page


def test_noise_ocr_junk_is_removed_in_place():
    text, log = remove_noise("元元元。 在北京市人大代表看来，应用场景有待完善。")
    assert text == "在北京市人大代表看来，应用场景有待完善。"
    assert log[0].before.startswith("元元元。") and log[0].at == 0


def test_noise_links_listed_under_a_related_heading_go_with_it():
    """相关新闻： had been removed and its links kept: they became events of the article."""
    text = ("大会期间，将发布《人工智能全球治理行动计划》。\n相关新闻：\n· 世界人工智能大会今日开幕\n"
            "上海发布具身智能产业发展行动方案\n")
    cleaned, log = remove_noise(text)
    assert cleaned.strip() == "大会期间，将发布《人工智能全球治理行动计划》。", cleaned
    assert sum("related-articles" in (e.note or "") for e in log) == 3
    # a sentence after the heading ends the list
    kept, _ = remove_noise("相关新闻：\n上海发布行动方案\n本报讯 这是正文的一句话，它以句号结束。")
    assert kept.strip() == "本报讯 这是正文的一句话，它以句号结束。"
