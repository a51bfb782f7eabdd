"""A tagged corpus for the use/ tests: the seeds plus SogouCS news texts, tagged by plain substring rules."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

from zhiku.collect.files import read_path
from zhiku.record import Duplicates, Figure, Organization, RawInfo, Record, Region, Tag, record_id, sha256_hex

from ..conftest import EVAL_DEV, SEED_FILES, seed_path

SOGOU = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
SOGOU_DOCS = 90  # enough to rank, small enough to load per test on both backends

TECH = {"large-model": ("大模型", ("大模型",)), "computing-power": ("算力", ("算力",)),
        "deep-learning": ("深度学习", ("深度学习",)), "autonomous-driving": ("自动驾驶", ("无人驾驶", "自动驾驶"))}
INDUSTRY = {"C": ("制造业", ("制造",)), "Q": ("卫生和社会工作", ("医疗", "医院")), "P": ("教育", ("教育", "学校"))}
REGIONS = {"山东": ("山东省", "370000"), "济南": ("济南市", "370100"), "浙江": ("浙江省", "330000"),
           "杭州": ("杭州市", "330100"), "贵州": ("贵州省", "520000"), "深圳": ("深圳市", "440300"),
           "北京": ("北京市", "110000")}
ORGS = ("工业和信息化部", "百度", "华为", "中国计算机行业协会", "红十字会")


def norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def tag(rec: Record, day: date) -> Record:
    """Tags and a date from substring rules, so tests can count the same things independently."""
    body = (rec.title or "") + "\n" + rec.text
    rec.published_at = day.isoformat()
    rec.ai_technologies = [Tag(id=k, label=lab, score=1.0) for k, (lab, pats) in TECH.items()
                           if any(p in body for p in pats)]
    rec.industries = [Tag(id=k, label=lab, score=1.0) for k, (lab, pats) in INDUSTRY.items()
                      if any(p in body for p in pats)]
    rec.regions = [Region(name=name, code=code, level="province" if code.endswith("0000") else "prefecture")
                   for pat, (name, code) in REGIONS.items() if pat in body]
    rec.organizations = [Organization(name=o) for o in ORGS if o in body]
    return rec


@lru_cache(maxsize=1)
def _corpus_json() -> tuple[str, ...]:
    recs: list[Record] = []
    for key in SEED_FILES:
        recs += [r for r in read_path(seed_path(key)) if isinstance(r, Record)]
    if SOGOU.exists():
        rows = [json.loads(line) for line in SOGOU.read_text(encoding="utf-8").splitlines()]
        # keep the documents the tests name (a 济南 story, 红十字会 in a headline), then the first ones
        wanted = [r for r in rows if "济南" in (r.get("content") or "") or "红十字会" in (r.get("title") or "")]
        rest = [r for r in rows if r not in wanted]
        for row in (wanted + rest)[:SOGOU_DOCS]:
            if not row.get("content"):
                continue
            text = row["content"]
            recs.append(Record(id=record_id(row["url"], text), url=row["url"], source="搜狐公益", title=row["title"],
                               text=text, raw=RawInfo(format="jsonl", sha256=sha256_hex(text))))
    out = []
    for i, rec in enumerate(recs):
        out.append(tag(rec, date(2024, 1, 1) + timedelta(days=(i * 37) % 300)).to_json())
    return tuple(out)


def corpus() -> list[Record]:
    """Fresh copies of the tagged corpus (tests may change them)."""
    return [Record.from_json(j) for j in _corpus_json()]


def duplicate_of(rec: Record, source: str = "转载网") -> tuple[Record, Record]:
    """A syndicated copy of ``rec`` (not canonical) and ``rec`` marked as the canonical copy."""
    cluster = "c" + rec.id
    copy = rec.copy_with(id=rec.id[::-1], source=source, url=(rec.url or "") + "#copy",
                         duplicates=Duplicates(cluster=cluster, canonical=rec.id, is_canonical=False))
    orig = rec.copy_with(duplicates=Duplicates(cluster=cluster, canonical=rec.id, is_canonical=True))
    return orig, copy


FIGURES = [
    # (subject, value, unit, region, year): two articles disagree on AI 企业数量 in 中国 2023.
    ("AI企业数量", 4500.0, "家", "中国", 2023),
    ("AI企业数量", 3000.0, "家", "中国", 2023),
    ("智能算力规模", 7.0e19, "FLOPS", "贵州省", 2023),
    ("智能算力规模", 7.0e19, "FLOPS", "贵州", 2023),
    ("智算中心算力", 1.2e19, "FLOPS", "山东省", 2024),
    ("核心产业规模", 5.0e11, "CNY", "中国", 2023),
]


def with_figures(recs: list[Record]) -> list[Record]:
    """Attach FIGURES to the first records, one each."""
    for rec, (subj, value, unit, region, year) in zip(recs, FIGURES, strict=False):
        rec.figures = [Figure(subject=subj, value=value, unit=unit, raw=f"{value:g}{unit}", region=region, year=year)]
    return recs
