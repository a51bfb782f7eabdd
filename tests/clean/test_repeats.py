"""Duplication repair: doubled lines, repeated paragraphs, pull-quote sentences and glued fragments."""

from __future__ import annotations

from zhiku.clean.repeats import dedupe_lines, dedupe_sentences, remove_repeats


def test_repeats_line_repeated_in_a_row_is_dropped():
    text, log = dedupe_lines("首要任务\n首要任务\n当“人工智能+”上升为一种行动。")
    assert text == "首要任务\n当“人工智能+”上升为一种行动。"
    assert log[0].before == "首要任务" and log[0].at == 5


def test_repeats_whole_body_printed_twice_keeps_one_copy():
    body = "第一段说明人工智能产业。\n小标题在这里出现\n第二段讲述算力建设进展。"
    text, log = remove_repeats(body + "\n" + body)
    assert text == body
    assert len(log) == 3


def test_repeats_pull_quote_sentences_are_removed():
    text, _ = dedupe_sentences("这是“人工智能+”首次被写入政府工作报告。这是“人工智能+”首次被写入政府工作报告。3月14日下午，联盟成立。")
    assert text == "这是“人工智能+”首次被写入政府工作报告。3月14日下午，联盟成立。"


def test_repeats_suffix_repeat_of_previous_sentence_is_removed():
    text, _ = dedupe_sentences("当“人工智能+”上升为一种行动，意味着国家将加强顶层设计。国家将加强顶层设计。全国两会闭幕后。")
    assert text == "当“人工智能+”上升为一种行动，意味着国家将加强顶层设计。全国两会闭幕后。"


def test_repeats_fragment_glued_to_next_sentence_is_cut_off():
    src = ("简单理解，“+”的就是“千行百业+各种应用场景”，把人工智能这项技术有效应用到经济社会发展的方方面面。"
           "“+”的就是“千行百业+各种应用场景”，把人工智能这项技术有效应用到经济社会发展的方方面面在杭州市人工智能产业联盟成立大会上，王坚用了一个比喻。")
    text, log = dedupe_sentences(src)
    assert text.endswith("方方面面。在杭州市人工智能产业联盟成立大会上，王坚用了一个比喻。")
    assert log[0].note == "repeated fragment glued to a sentence"


def test_repeats_sentence_recombined_from_fragments_is_removed():
    src = ("杭州正在坚定地“做难而正确的事”：市发改委等部门正加紧设计政策，通过“政府+联盟+企业+高校院所”的良性互动，共同营造一流的人工智能创新生态。"
           "杭州正在坚定地“做难而正确的事”通过“政府+联盟+企业+高校院所”的良性互动，共同营造一流的人工智能创新生态。回顾历史。")
    text, _ = dedupe_sentences(src)
    assert text.count("杭州正在坚定地") == 1 and text.endswith("回顾历史。")


def test_repeats_similar_sentences_with_new_words_are_kept():
    src = ("■山东已有人工智能骨干企业近1000家，带动相关产业规模超1000亿元。"
           "\n据统计，我省已有人工智能骨干企业近1000家，带动相关产业规模超1000亿元。"
           "\n同时，我省没有处于绝对优势地位的领域。工业和信息化部运行监测协调局局长陶青表示，要加快。"
           "\n工业和信息化部运行监测协调局局长陶青表示，要深化应用。")
    assert dedupe_sentences(src) == (src, [])


def test_repeats_short_headings_may_repeat():
    src = "一是\n加强算力。\n一是\n加强算法。"
    assert remove_repeats(src)[0] == src
