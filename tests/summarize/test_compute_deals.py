"""A compute contract between a model maker and a cloud company, as AI-industry readers get it; each test names the
defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

DEAL = ("据《华尔街日报》报道，美国人工智能公司OpenAI已与甲骨文公司签署一份为期约五年、总价值约3000亿美元的算力采购合同。\n"
        "受此消息影响，甲骨文股价当日大涨36%，公司创始人拉里·埃里森身家一度超过马斯克，成为全球首富。")


def test_a_compute_contract_is_a_contract_of_both_parties_and_a_founder_is_his_own_companys():
    """签署…合同 had been an organization's founding titled 甲骨文公司签署…, the kind before OpenAI (美国人工智能公司)
    hiding the first party; 公司创始人拉里·埃里森 had been OpenAI's founder (the article's first company), not 甲骨文's."""
    record = run_article(DEAL, "OpenAI与甲骨文签署3000亿美元算力合同")
    first = record.events[0]
    assert (first.type, first.title) == ("contract", "OpenAI与甲骨文公司签署算力采购合同"), first
    assert [(p.name, p.organization) for p in record.people if p.name == "拉里·埃里森"] == [("拉里·埃里森", "甲骨文")]
