"""A small tagged corpus for the web tests: the sample articles with tags at real evidence, plus hostile ones.

The sample corpus is read with zhiku.api (no analysis stages, so the tests do not depend on them) and
each record gets technologies, industries and regions wherever their surface text occurs, with the
sentence index and offset of ``split_sentences``, plus a source, a date and a figure.
"""

from __future__ import annotations

from zhiku import api
from zhiku.pipeline import Pipeline
from zhiku.record import Evidence, Figure, RawInfo, Record, Region, Tag, sha256_hex
from zhiku.store import Store
from zhiku.text.sentences import split_sentences

TECHNOLOGIES = {"大模型": ("large-model", "大模型"), "算力": ("computing-power", "算力"),
                "机器人": ("robotics", "机器人"), "人工智能": ("ai", "人工智能")}
INDUSTRIES = {"制造": ("C", "制造业"), "医疗": ("Q", "卫生和社会工作"), "金融": ("J", "金融业")}
REGIONS = {"山东": ("370000", "山东省"), "杭州": ("330100", "杭州市"), "浙江": ("330000", "浙江省"),
           "北京": ("110000", "北京市")}
SOURCES = ["经济日报", "中国电子报", "潮新闻", "新华网", "人民网"]
XSS_ID = "0000xss0000beef1"
XSS_SCRIPT = "<script>window.__xss = 1; document.title = 'pwned';</script>"
XSS_IMG = '<img src="x" onerror="window.__xss = 2">'


def evidence(text: str, surface: str, limit: int = 5) -> list[Evidence]:
    out = []
    for s in split_sentences(text):
        at = text.find(surface, s.start, s.end)
        if at >= 0:
            out.append(Evidence(sentence=s.index, text=surface, start=at))
        if len(out) >= limit:
            break
    return out


def tag(record: Record, n: int) -> Record:
    """The record with tags at their evidence, a source, a date and one figure."""
    text = record.text
    techs = [Tag(id=i, label=lab, score=0.9, evidence=ev)
             for surface, (i, lab) in TECHNOLOGIES.items() if (ev := evidence(text, surface))]
    inds = [Tag(id=i, label=lab, score=0.7, evidence=ev)
            for surface, (i, lab) in INDUSTRIES.items() if (ev := evidence(text, surface))]
    regs = [Region(name=name, code=code, level="province" if code.endswith("0000") else "prefecture", score=0.8,
                   evidence=ev) for surface, (code, name) in REGIONS.items() if (ev := evidence(text, surface))]
    figures = [Figure(subject="智能算力规模", value=float(10 + n), unit="EFLOPS", raw=f"{10 + n}EFLOPS",
                      year=2023, region=regs[0].name if regs else "中国", sentence=0)]
    return record.copy_with(source=SOURCES[n % len(SOURCES)], published_at=f"2024-0{1 + n % 6}-1{n % 10}",
                            ai_technologies=techs, industries=inds, regions=regs, organizations=[], people=[],
                            figures=figures, keywords=[], summary=split_sentences(text)[0].text if text else "")


def hostile() -> Record:
    """An article whose title, body, source and tag carry HTML and script."""
    text = (f"恶意标题测试{XSS_SCRIPT}。大模型正在改变医疗行业。\n"
            f"第二段{XSS_IMG}含有山东的算力中心。<a href=\"javascript:window.__xss=3\">点我</a>")
    raw = text.encode("utf-8")
    return Record(
        id=XSS_ID, title=f"大模型{XSS_SCRIPT}标题", source='<b onmouseover="window.__xss=4">恶意来源</b>',
        published_at="2024-06-01", raw=RawInfo(format="text", sha256=sha256_hex(raw), encoding="utf-8",
                                               origin="hostile.txt"),
        text=text, ai_technologies=[Tag(id="large-model", label="大模型", score=0.9, evidence=evidence(text, "大模型"))],
        industries=[], regions=[Region(name="山东省", code="370000", evidence=evidence(text, "山东"))],
        organizations=[], people=[], keywords=[], figures=[],
        summary=f"摘要{XSS_IMG}", url="https://example.com/x?<script>",
    ).attach_raw(raw)


def build(store: Store) -> list[Record]:
    """Write the tagged sample corpus and the hostile article to ``store``; return what was written."""
    import zhiku.use.search  # noqa: F401 - registers the search index write hook

    items = api.process_items(api.read_inputs(api.sample_corpus()), Pipeline([]))
    records = [tag(r, n) for n, r in enumerate(i for i in items if isinstance(i, Record))]
    records.append(hostile())
    store.put_records(records)
    return records
