"""Golden expectations of the cleaning stage on the five seeds."""

from __future__ import annotations

import re

import pytest

from tests.clean.helpers import FETCHED_AT, cleaned, raw_body, raw_record
from zhiku.clean.noise import chrome_pattern, spam_score
from zhiku.clean.script import to_simplified
from zhiku.record import Record, record_id
from zhiku.text.sentences import split_sentences

CJK_SPACE = re.compile(r"[\u4e00-\u9fff][ \u3000\u00a0]+[\u4e00-\u9fff]")
PINYIN_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]")


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text) if len(s.text) >= 6]


def test_stage_seed_001_is_clean_simplified_and_in_order():
    (record,) = cleaned("001")
    text = record.text
    assert record.title == "竞逐人工智能，山东的方位与作为"
    assert record.script == "traditional" and record.text_original and "競" in record.text_original
    assert not PINYIN_GLOSS.search(text), "a pinyin gloss is left"
    assert to_simplified(text) == text, "a traditional character is left"
    for line in text.split("\n"):
        assert not spam_score(line) and chrome_pattern(line) is None, line
    assert "av" not in text and "jzawxc" not in text and "版权声明" not in text and "相关文章" not in text
    # every paragraph of the article, in order
    headings = ["技术快速迭代，人工智能成关键引擎", "竞跑“未来赛道”，发展人工智能面临新挑战", "聚焦聚力施策，促进人工智能高质量发展"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert text.index("人工智能是引领新一轮科技革命") < positions[0]
    assert text.rstrip().endswith("拓展人工智能赋能新质生产力新空间。")
    assert record.authors == ["李晔"]
    assert record.published_at == "2024-12-20"  # 11个月前, counted back from the fetch time
    assert any(f.kind == "mojibake" for f in record.flags)


def test_stage_seed_003_splits_into_clean_articles():
    parts = cleaned("003")
    assert len(parts) >= 2
    assert [p.title for p in parts[:2]] == ["多地竞逐人工智能产业", "以新促质、向新而行 为制造强国建设贡献新质生产力"]
    assert len({p.id for p in parts}) == len(parts)
    raw = raw_record("003")
    for i, part in enumerate(parts):
        assert part.raw.part == i and part.raw.sha256 == raw.raw.sha256
        assert part.id == record_id(raw.url, f"part{i}:" + part.title + part.text)
        text = part.text
        for noise in ("传真", "地址", "电话", "官方微信", "www.cena.com.cn", "全媒体", "1 5", "元元元", "上接第1版"):
            assert noise not in text, noise
        assert not CJK_SPACE.search(text), CJK_SPACE.search(text)
        assert not re.search(r"[\u4e00-\u9fff][,:;?!][\u4e00-\u9fff“]", text), "half-width punctuation in prose"
        assert '"' not in text
    first = parts[0]
    assert first.authors == ["齐旭"] and first.source == "中国电子报"
    assert first.text.startswith("连日来，地方两会密集召开")  # the interleaved lead, moved back
    assert "北京理工大学计算机学院副院长李冬妮" in first.text
    assert "让我印象最深刻" in first.text
    assert parts[1].meta.get("continued") == "（上接第1版）"
    assert "国内国际双循环" in parts[1].text


@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_stage_cards_repeat_no_sentence_or_heading(key):
    (record,) = cleaned(key)
    sentences = _sentences(record.text)
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]
    lines = [ln for ln in record.text.split("\n") if ln]
    assert all(a != b for a, b in zip(lines, lines[1:], strict=False))
    assert "举报/反馈" not in record.text
    assert "\n\n" not in record.text and len(lines) > 3  # paragraphs restored, one \n between them


def test_stage_seed_004_body_is_about_half_its_raw_length():
    (record,) = cleaned("004")
    ratio = len(record.text) / len(raw_body("004"))
    assert 0.4 <= ratio <= 0.55, ratio
    assert record.source == "瞭望" and record.meta["sources"] == ["瞭望", "经济参考报"]


def test_stage_seed_000_and_002_credits():
    (r0,) = cleaned("000")
    assert r0.authors == ["黄鑫", "李和风"] and r0.source == "经济日报"
    assert "关键技术加快突破\n人工智能是引领" in r0.text
    (r2,) = cleaned("002")
    assert r2.authors == ["唐骏垚", "应陶"] and r2.source == "潮新闻"
    assert r2.text.startswith("今年政府工作报告提出")
    assert r2.title == "两会确定的“人工智能+”加什么？怎么加？杭州大动作破题了"


def test_stage_keeps_metadata_the_collector_had():
    record = raw_record("000").copy_with(authors=["经济日报"], source="百家号", published_at="2024-05-01")
    from zhiku.clean.stage import CleanStage

    out = CleanStage()(record)
    assert isinstance(out, Record)
    assert (out.authors, out.source, out.published_at) == (["经济日报"], "百家号", "2024-05-01")
    assert out.id == record.id


def test_stage_relative_date_needs_fetch_time():
    from zhiku.clean.stage import CleanStage

    record = raw_record("001").copy_with(fetched_at=None)
    out = CleanStage()(record)
    assert out.published_at is None
    assert FETCHED_AT.startswith("2025-11-20")


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_stage_cleaning_a_clean_record_changes_nothing(key):
    from zhiku.clean.stage import CleanStage

    for record in cleaned(key):
        again = CleanStage()(record.copy_with())
        assert isinstance(again, Record)
        assert (again.text, again.title, again.authors) == (record.text, record.title, record.authors)
        assert len(again.cleaning) == len(record.cleaning)


def test_stage_record_json_round_trips():
    for key in ("001", "003"):
        for record in cleaned(key):
            assert Record.from_json(record.to_json()).to_json() == record.to_json()


def test_stage_spam_first_line_is_never_the_title():
    from zhiku.clean.stage import CleanStage
    from zhiku.collect.files import read_bytes

    data = ("国产精品,免费观看,在线观看,日韩视频,欧美高清,无码\n"
            "工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展，企业数量超4500家。").encode()
    (record,) = list(read_bytes(data, "spam.txt"))
    out = CleanStage()(record)
    assert out.title is None
    assert out.text == "工业和信息化部日前公布数据显示，我国人工智能发展取得积极进展，企业数量超4500家。"
