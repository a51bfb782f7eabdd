"""A copy-detection corpus built from the sample articles by the transformations reprints go through.

Each seed becomes an original plus reprints: truncated to its first half, with paragraphs dropped,
wrapped in portal chrome, in traditional script, with other punctuation, under another title, and
combinations. ``UNRELATED`` holds hand-written articles on the same topics (AI compute policy,
industry alliances) that share vocabulary with the seeds and each other but are different articles.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

from zhiku.collect.files import read_path
from zhiku.record import RawInfo, Record, record_id, sha256_hex
from zhiku.text.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "zhiku" / "data" / "sample"

CHROME_HEAD = ("首页 > 新闻中心 > 科技频道\n来源：{outlet}  责任编辑：王小明  2024-03-15 10:21\n"
               "字号：大 中 小  分享到：微信 微博 QQ空间\n")
CHROME_TAIL = ("\n(来源：{outlet})\n本文仅代表作者观点，不代表本站立场。如有侵权请联系删除。\n"
               "举报/反馈\n相关阅读：\n扫码关注我们的公众号，获取更多资讯\n版权所有 © 2024 某某网 京ICP备12345678号")
PUNCT = str.maketrans({"，": ",", "。": ". ", "：": ":", "；": ";", "“": '"', "”": '"', "（": "(", "）": ")",
                       "、": ",", "！": "!", "？": "?"})


@dataclass(frozen=True)
class Doc:
    """One corpus article: its group (the article it copies) and how it was made."""

    key: str
    group: str
    kind: str
    title: str
    text: str
    source: str | None = None
    published_at: str | None = None

    def record(self) -> Record:
        raw = RawInfo(format="text", sha256=sha256_hex(self.key + self.text), origin=self.key)
        return Record(id=record_id(None, self.key + self.text), title=self.title, text=self.text, raw=raw,
                      source=self.source, published_at=self.published_at)


@functools.lru_cache(maxsize=1)
def seeds() -> dict[str, Record]:
    out = {}
    for path in sorted(SAMPLE.glob("*.txt")):
        for r in read_path(path):
            out[path.name[:3]] = r
    return out


def paragraphs(text: str, n: int = 6) -> list[str]:
    """The body as ``n`` paragraphs of whole sentences (seed cards hold their body on one line)."""
    sents = [s.text for s in split_sentences(text)]
    size = max(1, -(-len(sents) // n))
    return ["".join(sents[i:i + size]) for i in range(0, len(sents), size)]


@functools.lru_cache(maxsize=1)
def _s2t_converter():
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _s2t_converter().convert(text)


def variants(key: str, record: Record, rng: random.Random) -> list[Doc]:
    """The original and its reprints."""
    text = record.text.strip()
    paras = paragraphs(text)
    outlet = "经济日报"
    half = "\n".join(paras[: max(1, len(paras) // 2)])
    dropped = [p for i, p in enumerate(paras) if i not in rng.sample(range(len(paras)), k=min(2, len(paras) - 1))]
    title = record.title or ""
    out = [
        Doc(f"{key}-orig", key, "original", title, "\n".join(paras), outlet, "2024-03-14"),
        Doc(f"{key}-exact", key, "exact", title, "\n".join(paras), "新浪财经", "2024-03-15"),
        Doc(f"{key}-half", key, "first-half", title, half, "网易新闻", "2024-03-15"),
        Doc(f"{key}-drop", key, "paragraphs-dropped", title, "\n".join(dropped), "搜狐", "2024-03-16"),
        Doc(f"{key}-chrome", key, "chrome", title,
            CHROME_HEAD.format(outlet=outlet) + "\n".join(paras) + CHROME_TAIL.format(outlet=outlet), "某省网",
            "2024-03-15"),
        Doc(f"{key}-trad", key, "traditional", _s2t(title), _s2t("\n".join(paras)), "香港某报", "2024-03-16"),
        Doc(f"{key}-punct", key, "punctuation", title, "\n".join(paras).translate(PUNCT), "微信公众号", None),
        Doc(f"{key}-retitled", key, "new-title", "重磅！" + title[:8] + "，一文读懂", "\n".join(paras), "百家号",
            "2024-03-15"),
        Doc(f"{key}-half-chrome", key, "first-half+chrome", title,
            CHROME_HEAD.format(outlet=outlet) + half + CHROME_TAIL.format(outlet=outlet), "某市网", "2024-03-17"),
        Doc(f"{key}-trad-drop", key, "traditional+dropped", _s2t(title), _s2t("\n".join(dropped)), "台湾某网",
            "2024-03-17"),
    ]
    return out


UNRELATED = [
    Doc("u-compute-a", "u-compute-a", "unrelated", "多地出台算力券政策降低企业用算成本",
        "近期，上海、深圳、成都等地相继出台算力券政策，向中小企业和科研机构发放算力补贴，降低使用智能算力的门槛。"
        "上海市经济和信息化委员会表示，今年将安排专项资金，对租用本市智算中心算力的企业按合同金额给予最高30%的补贴。"
        "深圳市则提出，每年发放不超过5亿元的算力券，支持大模型训练和推理。业内人士认为，算力券能够有效盘活闲置算力资源，"
        "但也要防止补贴资金被套取，需要建立算力使用的核验机制。专家建议，各地在推进算力券时应加强统筹，避免重复建设智算中心。",
        "第一财经", "2024-03-12"),
    Doc("u-compute-b", "u-compute-b", "unrelated", "我国智能算力规模持续增长 算力网络建设提速",
        "记者从国家数据局获悉，截至去年底，我国智能算力规模已达到每秒70百亿亿次浮点运算，算力总规模位居全球第二。"
        "“东数西算”工程八大枢纽节点建设全面提速，新开工数据中心项目超过60个。国家数据局负责人表示，下一步将推动算力网络"
        "互联互通，建设全国一体化算力网，提升算力资源调度能力，并引导东部地区的算力需求向西部有序转移。"
        "与此同时，绿色低碳成为数据中心建设的重要方向，多地要求新建大型数据中心电能利用效率降至1.25以下。",
        "人民日报", "2024-03-13"),
    Doc("u-compute-c", "u-compute-c", "unrelated", "人工智能赋能制造业 智能工厂建设加快",
        "工业和信息化部有关负责人日前表示，我国已建成2500多个数字化车间和智能工厂，人工智能技术在研发设计、生产制造、"
        "经营管理等环节的应用不断深化。在汽车、电子、钢铁等行业，一批企业利用大模型开展质量检测和设备运维，生产效率平均"
        "提升超过30%。下一步，工业和信息化部将实施制造业数字化转型行动，推动人工智能与制造业深度融合，培育一批人工智能"
        "赋能新型工业化的标杆企业和典型场景。",
        "中国工业报", "2024-03-14"),
]


def build(seed: int = 7) -> list[Doc]:
    """Every seed's variants plus the unrelated same-topic articles, in a fixed shuffled order."""
    rng = random.Random(seed)
    docs = [d for key, r in seeds().items() for d in variants(key, r, rng)] + list(UNRELATED)
    rng.shuffle(docs)
    return docs


def pair_scores(predicted: dict[str, str], docs: list[Doc]) -> tuple[float, float, int, int, int]:
    """Pair precision and recall of a clustering (doc key -> cluster) against the groups."""
    tp = fp = fn = 0
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            same_gold = a.group == b.group
            same_pred = predicted[a.key] == predicted[b.key]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn
