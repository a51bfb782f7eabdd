"""Input formats and encodings, detected automatically, on real text (the seeds)."""

from __future__ import annotations

import json

import opencc
import pytest

from zhiku.collect.cards import parse_card, split_tags
from zhiku.collect.decode import decode_bytes
from zhiku.collect.files import detect_format, read_bytes, read_path
from zhiku.errors import InputError, ParseError

from ..conftest import seed_path, seed_text


def _one(data: bytes, origin: str = "x"):
    items = list(read_bytes(data, origin))
    assert len(items) == 1, items
    return items[0]


def test_files_seed_card_reads_body_and_keeps_old_tags():
    rec = next(read_path(seed_path("000")))
    assert rec.raw.format == "seed-record"
    assert rec.title == "人工智能加速赋能千行百业"
    assert rec.url == "https://baijiahao.baidu.com/s?id=1798888032494898445"
    assert rec.text.startswith("工业和信息化部日前公布数据显示")
    assert rec.imported.keywords == ["工业和信息化部", "算力产业", "数字化转型", "智能制造"]
    assert rec.imported.ai_technologies == ["智能芯片", "大模型算法", "框架", "智能物联终端", "工业云"]
    assert rec.imported.events.startswith("这篇文章报道了")
    assert "1. **人工智能企业数量增长**" in rec.imported.events


def test_cards_tags_split_on_any_separator():
    # seed 002 separates its industries with full-width commas, 004 with doubled spaces
    assert split_tags("医疗领域，矿山领域，金融分析") == ["医疗领域", "矿山领域", "金融分析"]
    assert split_tags("无人驾驶,  远程医疗,  智慧工厂") == ["无人驾驶", "远程医疗", "智慧工厂"]
    assert parse_card(seed_text("004"))["行业"] == "无人驾驶,  远程医疗,  智慧工厂"


def test_files_plain_text_first_line_is_title():
    rec = next(read_path(seed_path("003")))
    assert rec.raw.format == "text"
    assert rec.title == "1 5"  # the cleaning stage re-derives it; the reader keeps what the text says
    assert rec.meta["title_from"] == "first-line"
    assert "多地竞逐人工智能产业" in rec.text


def test_files_plain_text_title_line_wins():
    rec = _one("来源：新华社\n标题：杭州成立人工智能产业联盟\n3月14日下午，160家企业和机构成立联盟。".encode())
    assert rec.title == "杭州成立人工智能产业联盟"
    assert "160家" in rec.text


def test_files_html_page():
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>杭州成立人工智能产业联盟</title></head>"
        "<body><div class='nav'>首页 | 新闻</div><article><h1>杭州成立人工智能产业联盟</h1>"
        + "".join(f"<p>{p}</p>" for p in seed_text("002").split("总结: ")[1].split("关键词:")[0].split("。")[:8])
        + "</article></body></html>"
    )
    rec = _one(html.encode("utf-8"), "page.html")
    assert rec.raw.format == "html"
    assert "杭州" in (rec.title or "")
    assert "160家覆盖人工智能全产业链的创新企业和机构" in rec.text


def test_files_jsonl_lines_become_records():
    lines = [
        {"url": "https://example.cn/a?utm_source=x", "title": "甲", "text": "大模型产业发展迅速。", "source": "经济日报",
         "published_at": "2024-03-14"},
        {"url": "https://example.cn/b", "title": "乙", "html": "<html><body><p>算力规模达到新高。</p><p>二段。</p></body></html>"},
    ]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode()
    items = list(read_bytes(data, "f.jsonl"))
    assert [i.raw.format for i in items] == ["jsonl", "jsonl"]
    assert items[0].url == "https://example.cn/a" and items[0].source == "经济日报"
    assert items[0].published_at == "2024-03-14" and items[0].raw.line == 1
    assert "算力规模达到新高" in items[1].text and items[1].raw.line == 2


def test_files_jsonl_bad_line_is_reported_and_rest_lands():
    data = b'{"title": "a", "text": "\xe7\xac\xac\xe4\xb8\x80\xe7\xaf\x87"}\n{not json\n{"title": "c"}\n{"title": "d", "text": "x"}\n'
    items = list(read_bytes(data, "bad.jsonl"))
    errors = [i for i in items if isinstance(i, InputError)]
    records = [i for i in items if not isinstance(i, InputError)]
    assert [e.source for e in errors] == ["bad.jsonl:2", "bad.jsonl:3"]
    assert "not valid JSON" in errors[0].reason and "text" in errors[1].reason
    assert len(records) == 2


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_decode_simplified_seed_in_codec(codec):
    text = seed_text("000")
    data = text.encode(codec)
    decoded, name = decode_bytes(data, "seed")
    assert decoded.lstrip("\ufeff") == text
    rec = _one(data)
    assert rec.title == "人工智能加速赋能千行百业"


def test_decode_big5_traditional_text():
    text = opencc.OpenCC("s2t").convert(seed_text("002"))
    data = text.encode("big5", errors="ignore")
    decoded, name = decode_bytes(data, "big5.txt")
    assert name == "big5"
    assert decoded == data.decode("big5")
    assert "人工智能產業聯盟" in decoded


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 4, "binary"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_decode_refuses_non_text(data, reason):
    with pytest.raises(ParseError) as err:
        decode_bytes(data, "bad.bin")
    assert err.value.source == "bad.bin" and reason in err.value.reason


def test_files_missing_path_and_binary_file_reported(tmp_path):
    from zhiku.api import read_inputs

    (tmp_path / "image.dat").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "ok.txt").write_text("标题行\n正文。", encoding="utf-8")
    items = list(read_inputs([tmp_path / "nope.txt", tmp_path]))
    errors = {e.source: e.reason for e in items if isinstance(e, InputError)}
    assert errors[str(tmp_path / "nope.txt")] == "no such file or folder"
    assert "binary" in errors[str(tmp_path / "image.dat")]
    assert [r.title for r in items if not isinstance(r, InputError)] == ["标题行"]


@pytest.mark.parametrize("key,fmt", [("000", "seed-record"), ("001", "text"), ("002", "seed-record"),
                                     ("003", "text"), ("004", "seed-record")])
def test_files_detect_format_on_seeds(key, fmt):
    assert detect_format(seed_text(key)) == fmt
