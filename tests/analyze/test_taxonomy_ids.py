"""Taxonomies: validation at load, coverage of the issue's concepts, and a snapshot of the stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhiku.analyze.taxonomy import check_disjoint, domain_terms, load_taxonomy, parse_taxonomy
from zhiku.errors import ConfigError

SNAPSHOT = Path(__file__).with_name("taxonomy_ids.json")


def _ids() -> dict[str, list[str]]:
    return {name: sorted(load_taxonomy(name).concepts) for name in ("ai_technologies", "industries")}


def test_taxonomy_ids_match_snapshot():
    """Ids are stored in databases: none may vanish; a rename needs a `renamed` entry and a snapshot update."""
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = _ids()
    for name, ids in snapshot.items():
        tax = load_taxonomy(name)
        vanished = [i for i in ids if i not in current[name] and i not in tax.renamed]
        assert not vanished, f"{name}: ids removed without a `renamed` entry: {vanished}"
    assert current == snapshot, "new ids: update tests/analyze/taxonomy_ids.json"


def test_taxonomy_has_headers_and_enough_concepts():
    tech = load_taxonomy("ai_technologies")
    assert len(tech.concepts) >= 120
    assert "国家" in tech.source or "白皮书" in tech.source
    industries = load_taxonomy("industries")
    assert sorted(industries.concepts) == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert "GB/T 4754-2017" in industries.source


@pytest.mark.parametrize(
    ("term", "concept"),
    [
        ("通用大模型", "general-large-model"), ("行业大模型", "industry-large-model"),
        ("垂直大模型", "vertical-large-model"), ("多模态大模型", "multimodal-large-model"),
        ("生成式人工智能", "generative-ai"), ("AIGC", "aigc"), ("智能芯片", "ai-chip"), ("GPU", "gpu"),
        ("NPU", "npu"), ("高端AI芯片", "high-end-ai-chip"), ("算力", "computing-power"),
        ("智能算力", "intelligent-computing"), ("智算中心", "intelligent-computing-center"), ("超算", "supercomputing"),
        ("算力网络", "computing-network"), ("东数西算", "east-data-west-computing"), ("数据中心", "data-center"),
        ("深度学习框架", "deep-learning-framework"), ("飞桨", "paddlepaddle"), ("PaddlePaddle", "paddlepaddle"),
        ("TensorFlow", "tensorflow"), ("PyTorch", "pytorch"), ("MindSpore", "mindspore"),
        ("计算机视觉", "computer-vision"), ("语音识别", "speech-recognition"), ("自然语言处理", "nlp"),
        ("知识图谱", "knowledge-graph"), ("工业机器人", "industrial-robot"), ("人形机器人", "humanoid-robot"),
        ("具身智能", "embodied-ai"), ("类脑智能", "brain-inspired-intelligence"), ("自动驾驶", "autonomous-driving"),
        ("无人驾驶", "autonomous-driving"), ("智能网联汽车", "connected-vehicle"), ("智能物联终端", "iot-terminal"),
        ("工业互联网", "industrial-internet"), ("工业云", "industrial-cloud"), ("隐私计算", "privacy-computing"),
        ("区块链", "blockchain"), ("数字孪生", "digital-twin"), ("5G", "5g"), ("大数据", "big-data"),
        ("深度学习", "deep-learning"), ("文心", "ernie"), ("通义", "tongyi"), ("盘古", "pangu"), ("海若", "hairuo"),
        ("COSMO-GPT", "cosmo-gpt"), ("大语言模型", "large-model"), ("LLM", "large-model"),
    ],
)
def test_taxonomy_covers_issue_concepts(term, concept):
    assert load_taxonomy("ai_technologies").patterns[term.lower()] == (concept,)


def test_taxonomy_every_parent_exists_and_patterns_map_to_one_id():
    tech = load_taxonomy("ai_technologies")
    for c in tech.concepts.values():
        assert c.parent is None or c.parent in tech.concepts
        for p in c.patterns:
            assert tech.patterns[p.lower()] == (c.id,)
    assert tech.ancestors("ernie") == ["large-model", "generative-ai", "artificial-intelligence"]


def test_taxonomy_industry_scenarios_map_to_sections():
    ind = load_taxonomy("industries")
    assert ind.patterns["渔政"] == ("A", "S")
    assert ind.patterns["智慧医疗"] == ("Q",)
    assert ind.patterns["远程医疗"] == ("Q",)
    assert ind.patterns["智慧港口"] == ("G",)
    assert ind.patterns["智能工厂"] == ("C",)
    assert ind.patterns["影视修复"] == ("R",)
    assert ind["Q"].label == "医疗" and ind["Q"].official == "卫生和社会工作"


def test_taxonomy_technology_never_an_industry():
    tech = load_taxonomy("ai_technologies")
    ind = load_taxonomy("industries")
    assert "无人驾驶" not in ind.patterns
    assert not set(tech.patterns) & set(ind.patterns)
    bad = parse_taxonomy(
        "industries",
        {"source": "test", "version": "1", "concepts": [{"id": "C", "label": "制造业", "patterns": ["制造业", "无人驾驶"]}]},
    )
    with pytest.raises(ConfigError, match="无人驾驶"):
        check_disjoint(tech, bad)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"version": "1", "concepts": [{"id": "a", "label": "甲", "patterns": ["甲"]}]}, "source"),
        ({"source": "s", "version": "1", "concepts": [{"id": "a", "label": "甲", "patterns": ["甲"]},
                                                       {"id": "a", "label": "乙", "patterns": ["乙"]}]}, "twice"),
        ({"source": "s", "version": "1", "concepts": [{"id": "a", "label": "甲", "patterns": ["甲"]},
                                                       {"id": "b", "label": "乙", "patterns": ["甲"]}]}, "both"),
        ({"source": "s", "version": "1", "concepts": [{"id": "a", "label": "甲", "parent": "z", "patterns": ["甲"]}]},
         "does not exist"),
        ({"source": "s", "version": "1", "concepts": [{"id": "a", "label": "甲", "parent": "b", "patterns": ["甲"]},
                                                       {"id": "b", "label": "乙", "parent": "a", "patterns": ["乙"]}]},
         "own ancestor"),
    ],
)
def test_taxonomy_validation_refuses_bad_data(tmp_path, data, reason):
    from zhiku.analyze import taxonomy

    path = tmp_path / "t.yaml"
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=reason):
        taxonomy.parse_taxonomy("t", taxonomy._read_yaml(path), str(path))


def test_taxonomy_domain_terms_keep_multichar_patterns():
    terms = domain_terms()
    assert "大模型" in terms and "智算中心" in terms and "具身智能" in terms and "智慧港口" in terms
    assert all(len(t) >= 2 for t in terms)
