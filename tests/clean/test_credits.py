"""Credits: authors and outlet from credit lines, dates from bylines."""

from __future__ import annotations

import pytest

from zhiku.clean.credits import explicit_date, extract_credits, glued_lead_credit, resolve_relative, split_names


@pytest.mark.parametrize("line,authors,source", [
    ("（经济日报记者 黄 鑫 李和风）", ["黄鑫", "李和风"], "经济日报"),
    ("本报记者 齐旭", ["齐旭"], None),
    ("潮新闻 记者 唐骏垚 应陶", ["唐骏垚", "应陶"], "潮新闻"),
    ("□ 李 晔", ["李晔"], None),
    ("来源丨瞭望、经济参考报", [], "瞭望"),
    ("文/张三 李四", ["张三", "李四"], None),
    ("（职工通讯员 李琴雯 刘会）", ["李琴雯", "刘会"], None),  # a staff writer: 职工 is no outlet
    ("来源：本站原创 作者：李明", ["李明"], None),  # a CMS's placeholder credits no outlet
])
def test_credits_lines_give_authors_and_outlet(line, authors, source):
    text, log, credits = extract_credits(f"正文第一句。\n{line}\n正文第二句。")
    assert text == "正文第一句。\n正文第二句。"
    assert credits.authors == authors and credits.source == source
    assert log[0].action == "moved" and log[0].before == line and log[0].at == 7


def test_credits_sources_list_kept():
    _, _, credits = extract_credits("来源丨瞭望、经济参考报")
    assert credits.sources == ["瞭望", "经济参考报"]


def test_credits_prose_mentioning_reporters_is_kept():
    text = "联盟成员云尖信息技术有限公司总裁朱升宏告诉记者。\n记者通过梳理发现，智能算力成为重点。"
    assert extract_credits(text)[0] == text


def test_credits_glued_lead_credit_ends_at_the_last_name():
    line = "潮新闻 记者 唐骏垚 应陶今年政府工作报告提出，深化大数据、人工智能等研发应用"
    assert line[: glued_lead_credit(line)] == "潮新闻 记者 唐骏垚 应陶"
    assert glued_lead_credit("潮新闻 记者 唐骏垚 应陶") is None


def test_credits_split_names_joins_single_characters():
    assert split_names("黄 鑫 李和风") == ["黄鑫", "李和风"]
    assert split_names("李 晔") == ["李晔"]


def test_credits_relative_date_needs_a_fetch_time():
    assert resolve_relative("AIGC行业资讯11个月前发布 jzawxc", "2025-11-20T08:00:00+00:00") == "2024-12-20"
    assert resolve_relative("3天前发布", "2025-11-20T08:00:00+00:00") == "2025-11-17"
    assert resolve_relative("11个月前发布", None) is None
    _, _, credits = extract_credits("正文。", chrome=["AIGC行业资讯11个月前发布 jzawxc"], fetched_at=None)
    assert credits.published_at is None


def test_credits_explicit_date():
    assert explicit_date("2024年3月14日 15:00 来源：经济日报") == "2024-03-14"
    assert explicit_date("发布时间：2024-03-14") == "2024-03-14"
    assert explicit_date("截至2023年底") is None


def test_credits_source_inside_prose_is_not_split_off():
    from zhiku.clean.credits import credit_spans

    assert credit_spans("数据来源：国家统计局，增速超过70%。") == []
    line = "推动我国数字经济稳步高质量发展。来源丨瞭望、经济参考报"
    assert [line[s:e] for s, e in credit_spans(line)] == ["来源丨瞭望、经济参考报"]


def test_credits_date_line_gives_the_publication_date():
    from zhiku.clean.steps import clean_text

    result = clean_text("2024年3月14日 15:00\n工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展。")
    assert result.published_at == "2024-03-14" and result.date_note == "explicit date in a byline"
    assert result.text == "工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展。"


@pytest.mark.parametrize("line,source", [
    ("新华社杭州12月27日电", "新华社"),
    ("中新网3月5日电", "中新网"),
    ("央视网消息：", "央视网"),
    ("本报北京3月5日讯", None),  # this paper: no outlet named
])
def test_credits_a_dateline_gives_the_outlet_and_leaves_the_body(line, source):
    text, log, credits = extract_credits(f"{line}\n12月26日，深度求索发布新模型。")
    assert text == "12月26日，深度求索发布新模型。"
    assert credits.source == source and log[0].before == line


def test_credits_a_dateline_is_no_prose_about_an_outlet():
    for prose in ("新华社记者近日从国家电网获悉，", "新华社发布消息：", "人民日报评论称，"):
        text, log, credits = extract_credits(f"{prose}\n正文。")
        assert text.startswith(prose) and not log and credits.source is None, prose


def test_credits_a_dateline_dates_a_fresh_story_only():
    from zhiku.clean.credits import dateline_date

    assert dateline_date("新华社杭州12月27日电", "2024-12-28T08:00:00+00:00") == "2024-12-27"
    assert dateline_date("新华社北京12月30日电", "2025-01-02T08:00:00+00:00") == "2024-12-30"  # the year before
    assert dateline_date("新华社杭州12月27日电", "2026-12-07T08:00:00+00:00") is None  # an archive read now
    assert dateline_date("新华社北京电", "2024-12-28T08:00:00+00:00") is None  # no day


def test_clean_a_dateline_glued_to_the_first_sentence_goes_to_the_credits():
    from zhiku.clean.steps import clean_text

    out = clean_text("新华社杭州12月27日电（记者张璇）12月26日，深度求索正式发布新一代大模型DeepSeek-V3。该模型参数量达6710亿。",
                     fetched_at="2024-12-28T08:00:00+00:00")
    assert out.text.startswith("12月26日，深度求索")
    assert (out.source, out.authors, out.published_at) == ("新华社", ["张璇"], "2024-12-27")
    out = clean_text("新华社北京12月27日电 国务院总理近日主持召开会议，部署人工智能工作。")
    assert out.text.startswith("国务院总理") and out.source == "新华社"


@pytest.mark.parametrize("line,authors,source,date", [
    ("来源：东方网  作者：李明  2025-07-26 10:32", ["李明"], "东方网", "2025-07-26"),
    ("时间：2025-07-26 来源：新华网", [], "新华网", "2025-07-26"),
    ("作者：张三 李四 | 编辑：王芳", ["张三", "李四"], None, None),
])
def test_credits_a_byline_of_fields_gives_outlet_author_and_date(line, authors, source, date):
    """The byline had stayed in the body (and opened the summary), its spaces later taken for OCR spacing."""
    text, log, credits = extract_credits(f"{line}\n7月26日，大会在上海开幕。")
    assert text == "7月26日，大会在上海开幕。"
    assert (credits.authors, credits.source, credits.published_at) == (authors, source, date)


def test_credits_prose_with_a_colon_is_no_byline():
    text, _, credits = extract_credits("数据来源：国家统计局。\n时间：就是金钱")
    assert text == "数据来源：国家统计局。\n时间：就是金钱" and credits.source is None
