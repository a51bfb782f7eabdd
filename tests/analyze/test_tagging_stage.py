"""The tag stage on the seeds: normalized tags with evidence, scores by position, and the reference test."""

from __future__ import annotations

import pytest

from tests.analyze._seeds import body, card_field
from zhiku.analyze.tagging import TagStage, analyze, make_stage
from zhiku.errors import ConfigError
from zhiku.pipeline import STAGES, Pipeline
from zhiku.record import RawInfo, Record
from zhiku.settings import Settings
from zhiku.text.sentences import split_sentences

# What each seed card's AI技术/行业 item means, as (field, concept id); None = not a technology or industry.
REFERENCE = {
    "000": {
        "智能芯片": ("ai_technologies", "ai-chip"), "大模型算法": ("ai_technologies", "large-model"),
        "框架": ("ai_technologies", "deep-learning-framework"), "智能物联终端": ("ai_technologies", "iot-terminal"),
        "工业云": ("ai_technologies", "industrial-cloud"), "制造业": ("industries", "C"), "金融": ("industries", "J"),
        "医疗": ("industries", "Q"),
    },
    "002": {
        "人工智能": ("ai_technologies", "artificial-intelligence"), "大模型": ("ai_technologies", "large-model"),
        "鸿蒙系统": ("ai_technologies", "harmonyos"), "医疗领域": ("industries", "Q"), "矿山领域": ("industries", "B"),
        "金融分析": ("industries", "J"),
    },
    "004": {
        "无人驾驶": ("ai_technologies", "autonomous-driving"), "远程医疗": ("industries", "Q"),
        "智慧工厂": ("industries", "C"), "智慧港口": ("industries", "G"),
        "电厂设备故障排查与维护": ("ai_technologies", "predictive-maintenance"),
    },
}


def _record(key: str) -> Record:
    text = body(key)
    return Record(id=f"seed-{key}", title=card_field(key, "标题")[0] if card_field(key, "标题") else None,
                  raw=RawInfo(format="seed-record", sha256="0" * 64), text=text)


@pytest.fixture(scope="module")
def tagged() -> dict[str, Record]:
    stage = TagStage(use_lac=False)
    return {k: stage(_record(k)) for k in REFERENCE}


def test_tagging_reference_seed_cards_precision_recall(tagged):
    """Every real technology/industry of the seed cards is found under zhiku's concept; P/R are printed."""
    total_hit = total_gold = total_top = total_top_hit = 0
    for key, ref in REFERENCE.items():
        rec = tagged[key]
        items = card_field(key, "AI技术") + card_field(key, "行业")
        assert set(items) <= set(ref), f"seed {key}: unmapped card items {set(items) - set(ref)}"
        gold = {ref[i] for i in items if ref[i] is not None}
        found = {("ai_technologies", t.id) for t in rec.ai_technologies} | {("industries", t.id) for t in rec.industries}
        hit = gold & found
        # precision: of zhiku's top tags (as many as the card lists per field), how many the card lists
        top = set()
        for field in ("ai_technologies", "industries"):
            n = sum(1 for f, _ in gold if f == field)
            top |= {(field, t.id) for t in getattr(rec, field)[:n]}
        print(f"seed {key}: recall {len(hit)}/{len(gold)} = {len(hit) / len(gold):.2f}; "
              f"precision@card-size {len(top & gold)}/{len(top)} = {len(top & gold) / max(1, len(top)):.2f}; "
              f"missed {sorted(gold - found)}")
        total_hit += len(hit)
        total_gold += len(gold)
        total_top += len(top)
        total_top_hit += len(top & gold)
        assert gold <= found, f"seed {key}: missed {gold - found}"
    print(f"all: recall {total_hit / total_gold:.2f}, precision@card-size {total_top_hit / total_top:.2f}")


def test_tagging_evidence_points_at_its_sentence(tagged):
    for rec in tagged.values():
        sentences = split_sentences(rec.text)
        for field in ("ai_technologies", "industries", "regions", "organizations", "people", "policies"):
            items = getattr(rec, field)
            assert isinstance(items, list)
            for item in items:
                for ev in item.evidence:
                    assert rec.text[ev.start : ev.start + len(ev.text)] == ev.text
                    s = sentences[ev.sentence]
                    assert s.start <= ev.start < s.end, (field, ev)


def test_tagging_industries_never_hold_a_technology(tagged):
    for rec in tagged.values():
        labels = {t.label for t in rec.industries}
        assert not labels & {"无人驾驶", "自动驾驶", "大模型", "人工智能"}


def test_tagging_seed_000_people_and_organizations(tagged):
    rec = tagged["000"]
    people = {p.name: p for p in rec.people}
    assert people["陶青"].title == "局长" and people["陶青"].organization == "工业和信息化部运行监测协调局"
    orgs = {o.name: o for o in rec.organizations}
    assert orgs["工业和信息化部"].type == "government"
    assert orgs["中国联通"].linked == ["联通数字科技有限公司"]
    assert "中国" not in {r.name for r in rec.regions}  # only 中国联通 and 中国计算机行业协会 in 000
    assert {"山东省", "威海市"} <= {r.name for r in rec.regions}


def test_tagging_title_and_lead_score_higher_than_boilerplate():
    text = "杭州发布人工智能新政策。\n记者了解到，会议讨论了区块链。\n区块链之外，还讨论了人工智能。\n（责任编辑：张三）量子计算"
    tags = {t.id: t.score for t in analyze(text, title="人工智能赋能千行百业", use_lac=False)["ai_technologies"]}
    assert tags["artificial-intelligence"] > tags["blockchain"] > tags["quantum-computing"]
    plain = {t.id: t.score for t in analyze(text, use_lac=False)["ai_technologies"]}
    assert tags["artificial-intelligence"] > plain["artificial-intelligence"]


def test_tagging_aside_in_brackets_scores_low():
    text = "本文讨论智能芯片。智能芯片很重要。（另据报道，区块链也有进展。区块链进展很快。）"
    tags = {t.id: t.score for t in analyze(text, use_lac=False)["ai_technologies"]}
    assert tags["ai-chip"] > tags["blockchain"]


def test_tagging_stage_registered_after_clean_and_round_trips():
    names = list(STAGES)
    assert STAGES["tag"] == "zhiku.analyze.tagging:make_stage"
    if "clean" in names:
        assert names.index("clean") < names.index("tag")
    stage = make_stage(Settings(extra={"ner": "rules"}))
    assert stage.requires == ("text",) and stage.use_lac is False
    assert make_stage(Settings()).use_lac is False  # the model is opt-in: it is ~40 times slower
    assert make_stage(Settings(extra={"ner": "auto"})).use_lac is None
    with pytest.raises(ConfigError, match="ner"):
        make_stage(Settings(extra={"ner": "spacy"}))
    pipe = Pipeline([stage])
    out = pipe.run(_record("004"))[0]
    assert out.versions["tag"] == stage.version
    again = Record.from_json(out.to_json())
    assert again.ai_technologies == out.ai_technologies and again.organizations == out.organizations


def test_tagging_empty_text_gives_empty_lists():
    rec = TagStage(use_lac=False)(Record(id="x", raw=RawInfo(format="text", sha256="0" * 64), text=""))
    assert rec.ai_technologies == [] and rec.people == [] and rec.policies == []


def test_tagging_a_foreign_name_and_its_short_form_are_one_person():
    text = ("特斯拉首席执行官埃隆·马斯克周二表示，xAI将发布新模型。马斯克称，训练已经完成。"
            "OpenAI首席执行官山姆·奥尔特曼则回应说，马斯克的说法不准确。")
    record = Record(id="t", title="马斯克发布新模型", text=text, raw=RawInfo(format="text", sha256="0" * 64))
    people = {p.name: p for p in make_stage(Settings())(record).people}
    assert sorted(people) == ["埃隆·马斯克", "山姆·奥尔特曼"]
    musk = people["埃隆·马斯克"]
    assert (musk.title, musk.organization) == ("首席执行官", "特斯拉")
    assert [(e.text, e.start) for e in musk.evidence] == [
        ("埃隆·马斯克", text.index("埃隆")), ("马斯克", text.index("马斯克称")), ("马斯克", text.index("马斯克的"))]


def test_tagging_a_short_form_two_full_names_share_stays_apart():
    text = "金·卡戴珊和科勒·卡戴珊出席了活动。卡戴珊说，她很高兴。"
    record = Record(id="t", title="活动", text=text, raw=RawInfo(format="text", sha256="0" * 64))
    people = {p.name: p for p in make_stage(Settings())(record).people}
    assert "金·卡戴珊" in people and "科勒·卡戴珊" in people
    for name in ("金·卡戴珊", "科勒·卡戴珊"):  # the bare 卡戴珊 is neither's evidence
        assert [e.text for e in people[name].evidence] == [name]
