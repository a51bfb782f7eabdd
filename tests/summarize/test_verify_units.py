"""Number verification and sentence units: the checks the summaries rest on."""

from __future__ import annotations

import pytest

from zhiku.summarize.units import compress, strip_heading, units
from zhiku.summarize.verify import numbers, unsupported_numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("企业数量超4,500家", {"4500"}),
        ("增速13.90%", {"13.9"}),
        ("规模达三千亿元", {"300000000000", "3000"}),
        ("一个目标", set()),
    ],
)
def test_verify_numbers_normalized(text, expected):
    assert numbers(text) == expected


def test_verify_unsupported_numbers_named():
    source = ["智能算力规模达70百亿亿次浮点运算，增速超过70%。"]
    assert unsupported_numbers("智能算力增速超过70%。", source) == []
    assert unsupported_numbers("智能算力增速超过75%，规模达70百亿亿次。", source) == ["75"]


def test_units_strip_glued_headings_and_repeats():
    text = "关键技术加快突破关键技术加快突破人工智能是战略性技术。这是一句重复的话。这是一句重复的话。"
    got = units(text)
    assert [u.text for u in got] == ["人工智能是战略性技术。", "这是一句重复的话。"]
    assert [u.index for u in got] == [0, 1]
    assert strip_heading("培育壮大产业生态　培育壮大产业生态我国人工智能发展也面临诸多问题。") == "我国人工智能发展也面临诸多问题。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("此外，联盟将打造智算集群。", "联盟将打造智算集群。"),
        ("工业和信息化部副部长单忠德介绍，截至2023年底，我国在用数据中心机架总规模超过810万标准机架；",
         "截至2023年底，我国在用数据中心机架总规模超过810万标准机架。"),
        ("他说，“人工智能是未来产业的变形金刚。”", "他说，“人工智能是未来产业的变形金刚。”"),
    ],
)
def test_units_compress_drops_connectives_and_attributions(text, expected):
    assert compress(text) == expected
