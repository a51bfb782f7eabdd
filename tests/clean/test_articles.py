"""Newspaper pages: splitting at headlines with credits or continuation markers, interleaved leads."""

from __future__ import annotations

from zhiku.clean.articles import is_headline, move_interleaved_lead, split_articles

PAGE = "\n".join([
    "多地竞逐人工智能产业", "", "本报记者 齐旭", "", "提升智能算力供给能力", "如果把发展人工智能比作砌房子，那么算力就好比是一块块砖头。",
    "在北京市人大代表、北京理工大学计算 连日来，地方两会密集召开，人工智能成为热词。记者通过梳理发现，算力成为重点。", "", "",
    "机学院副院长李冬妮看来，应用场景有待成熟完善。", "",
    "以新促质、向新而行 为制造强国建设贡献新质生产力", "", "（上接第1版）", "", "中国特色新型工业化道路要提升战略一体化能力。",
])


def test_articles_page_splits_at_headline_with_credit_or_marker():
    parts, log = split_articles(PAGE)
    assert len(parts) == 2
    assert parts[0].text.startswith("多地竞逐人工智能产业")
    assert parts[1].text.lstrip().startswith("以新促质、向新而行")
    assert parts[1].marker == "（上接第1版）" and "上接" not in parts[1].text
    assert [e.action for e in log].count("split") == 2


def test_articles_single_article_is_not_split():
    parts, log = split_articles("标题在这里出现了\n正文第一句。\n小标题也在这里\n正文第二句。")
    assert len(parts) == 1 and not log


def test_articles_interleaved_lead_moves_to_the_start_and_the_sentence_is_rejoined():
    parts, _ = split_articles(PAGE)
    lines = [ln for ln in parts[0].text.split("\n") if ln.strip()]
    assert lines[:3] == ["多地竞逐人工智能产业", "本报记者 齐旭", "连日来，地方两会密集召开，人工智能成为热词。记者通过梳理发现，算力成为重点。"]
    assert "在北京市人大代表、北京理工大学计算机学院副院长李冬妮看来，应用场景有待成熟完善。" in lines
    assert [e.action for e in parts[0].entries] == ["moved", "replaced"]


def test_articles_lead_that_cannot_be_placed_is_flagged():
    text = "记者拨打了电话后得知 近日，地方两会密集召开，人工智能成为各地政府工作报告的热词。"
    new, log = move_interleaved_lead(text)
    assert new == text and log[0].action == "flagged"


def test_articles_headline_shape():
    assert is_headline("多地竞逐人工智能产业")
    assert not is_headline("本报记者 齐旭")
    assert not is_headline("如果把发展人工智能比作砌房子，那么算力就好比是一块块砖头。")
