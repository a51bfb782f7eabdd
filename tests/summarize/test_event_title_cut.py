"""Event titles: a clause a few characters over the limit is kept whole instead of stopping one word short."""

from __future__ import annotations

import pytest

from zhiku.summarize.events import _cut_phrase

from ..conftest import seed_text
from ._articles import run_article

CLAUSE = "要促进数字技术和实体经济深度融合，更好赋能产业数字化转型"


def test_clause_within_slack_is_kept_whole():
    assert _cut_phrase(CLAUSE, 14, 4) == "要促进数字技术和实体经济深度融合"


def test_without_slack_the_clause_is_cut_at_a_word_boundary():
    cut = _cut_phrase(CLAUSE, 14)
    assert len(cut) <= 14 and CLAUSE.startswith(cut) and cut != "要促进数字技术和实体经济深度融合"


def test_slack_never_lets_a_long_clause_through():
    long_clause = "深化人工智能技术在制造业全链条各环节的融合应用"
    assert len(_cut_phrase(long_clause, 14, 4)) <= 14


def test_a_cut_title_does_not_end_on_a_dangling_word():
    """Seed 000's sentence: the word cut stopped at 制造业全|流程 (a broken word in the card's event title)."""
    clause = "深化人工智能技术在制造业全流程中的融合应用"
    assert seed_text("000").count(clause) >= 1
    assert _cut_phrase(clause, 14) == "深化人工智能技术在制造业"


def test_a_cut_date_keeps_its_day():
    assert _cut_phrase("2020年12月31日至2021年1月底全市开展专项行动", 14) == "2020年12月31日"


def test_cut_titles_of_seed_clauses_end_on_content_words():
    """Every clause of the seeds, cut at 14 characters: no title ends on a preposition, conjunction, particle,
    adverb, direction or pronoun (在, 和, 的, 将, 中, 我国), nor on a one-character modifier (全, 大)."""
    import re

    import rjieba

    from zhiku.summarize.events import _LIST_ETC, _PHRASE_END, _dangles

    phrases = {_PHRASE_END.split(c, maxsplit=1)[0]
               for key in ("000", "001", "002", "003", "004") for c in re.split(r"[，。；！？：\n]", seed_text(key))}
    clauses = {c for c in phrases if len(c) > 18}  # the ones cut by length
    assert len(clauses) > 50
    for clause in clauses:
        cut = _cut_phrase(clause, 14)
        if not cut:  # the clause opens a quote it does not close within the limit: nothing balanced to keep
            continue
        words, joined = [], ""
        clause = _LIST_ETC.sub(r"\g<first>等", clause)  # a list closed by 等 keeps its first item
        for word, pos in rjieba.tag(clause):  # the clause's words (as the cut saw them) up to the cut's end
            if len(joined) >= len(cut):
                break
            words.append((word, pos))
            joined += word
        assert joined == cut and (len(words) == 1 or not _dangles(*words[-1])), (clause, cut)


def test_a_cut_never_parts_a_number_from_its_unit():
    """每焦耳160|万亿次: the title stated 160 where the text states 160万亿次."""
    assert _cut_phrase("“太极”芯片能效达到每焦耳160万亿次运算", 16, 4) == "“太极”芯片能效达到每焦耳160万亿次"
    # a unit running on too far leaves the number out rather than cut it
    cut = _cut_phrase("平台日均调用量达到1500000000000000000000000次以上规模", 12)
    assert not any(c.isdigit() for c in cut), cut


def test_a_cut_inside_a_list_item_ends_before_the_item():
    """戴琼海院士、电子|工程系方璐副教授: a title ending in 电子 named nothing."""
    clause = "清华大学自动化系戴琼海院士、电子工程系方璐副教授团队日前在国际顶级学术期刊"
    assert _cut_phrase(clause, 16, 4) == "清华大学自动化系戴琼海院士"
    assert _cut_phrase("支持人工智能、量子信息", 16) == "支持人工智能、量子信息"  # a whole list is not cut


@pytest.mark.parametrize("text,title", [
    # a cut inside a short quoted name takes the name along: the number before it had been left without its noun
    ("2011年7月3日-8日，芯世界组委会带领2011“芯世界”公益创新奖获奖机构代表在韩国开始了一场精彩的社会创新之旅。",
     "芯世界组委会带领2011“芯世界”"),
    ("2012年5月11日，思源焦点公益基金向盲童孤儿院“济慈之家”提供了首笔物资捐赠，包括大米、食用油和冬衣。",
     "思源焦点公益基金向盲童孤儿院“济慈之家”"),
])
def test_a_cut_inside_a_short_quoted_name_keeps_the_name(text, title):
    record = run_article(text, "公益项目动态")
    assert record.events and record.events[0].title == title


def test_a_cut_after_the_first_word_of_a_latin_product_name_takes_the_rest():
    assert _cut_phrase("第1000台Walker S2工业人形机器人交付仪式。", 12, 4) == "第1000台Walker S2"


def test_a_title_cut_never_splits_a_latin_product_name():
    # 海尔卡奥斯 (probe round 25): the title had ended on COSMO-
    assert _cut_phrase("COSMO-GPT工业大模型2.0版本。", 6, 3) == "COSMO-GPT"
    record = run_article("11月15日，海尔旗下卡奥斯工业互联网平台在青岛发布COSMO-GPT工业大模型2.0版本。新版本推理成本降低60%。",
                         "海尔卡奥斯发布工业大模型2.0")
    assert record.events[0].title.endswith("发布COSMO-GPT")


def test_a_statement_title_without_a_verb_goes_on_to_what_its_subject_does():
    """A sentence without a trigger had been titled by its subject alone, cut before its verb: “风清”全球中期天气预报
    大模型, 44岁的女明星左小青在自己的社交."""
    from tests.summarize._articles import run_article

    record = run_article("“风清”全球中期天气预报大模型可提前15天预报全球天气，预报时效较传统数值模式延长1天以上。",
                         "中国气象局发布“风清”气象大模型")
    assert [e.title for e in record.events] == ["“风清”全球中期天气预报大模型可提前15天预报全球天气"], record.events
