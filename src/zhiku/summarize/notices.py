"""Procurement result notices (中标/成交结果公告): the award, read from the notice's labelled fields.

A notice of the Ministry of Finance's template (政府采购公告和公示信息格式规范, 2020) lists its facts as labelled
lines, not sentences: 项目名称：…, 供应商名称：…, 中标（成交）金额：…, 采购人：…. No sentence holds the award, so the
events extractor would title the notice by its boilerplate (公告期限…, 凡对本次公告内容提出询问…). Here the fields are
read and the award becomes the notice's first event: who won what, for how much, from whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.sentences import split_sentences

# a labelled line: an optional section number (二、), the label, a colon, the value
_FIELD = re.compile(r"^[ \t　]*(?:[一二三四五六七八九十]+[、.．]\s*)?(?:\d+[、.．]\s*)?"
                    r"(?P<label>[\u4e00-\u9fff（）()]{2,14})[ \t　]*[：:][ \t　]*(?P<value>\S[^\n]*?)[ \t　]*$", re.M)
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")

# each field's labels once their brackets are dropped (中标（成交）金额 → 中标金额)
_LABELS = {
    "project": ("项目名称", "采购项目名称", "招标项目名称"),
    "winner": ("供应商名称", "中标供应商名称", "成交供应商名称", "中标供应商", "成交供应商", "中标人", "中标人名称",
               "中标单位", "成交单位"),
    "amount": ("中标金额", "成交金额", "中标价", "成交价", "中标价格", "成交价格", "合同金额"),
    "buyer": ("采购人", "采购人名称", "采购单位", "招标人"),
}
_FIELD_OF = {label: field for field, labels in _LABELS.items() for label in labels}
# an amount's words in capital numerals after it, in brackets (4.86亿元（人民币肆亿捌仟陆佰万元整）): said twice
_AMOUNT_ASIDE = re.compile(r"[（(][^）)]*[壹贰叁肆伍陆柒捌玖拾佰仟][^）)]*[）)]$")
# a legal form inside a name, not at its end (中国电信股份有限公司|贵州分公司)
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)(?=.)")


@dataclass(frozen=True)
class Award:
    """Who won which procurement, for how much and from whom; ``sentences``: the indices of the lines read."""

    project: str
    winner: str
    amount: str | None
    buyer: str | None
    sentences: tuple[int, ...]

    @property
    def winner_short(self) -> str:
        """The winner without a legal form inside its name (中国电信股份有限公司贵州分公司 → 中国电信贵州分公司)."""
        return _LEGAL_FORM.sub("", self.winner)

    @property
    def description(self) -> str:
        said = f"{self.winner}中标{self.project}"
        if self.amount:
            said += f"，中标金额{self.amount}"
        if self.buyer:
            said += f"，采购人为{self.buyer}"
        return said + "。"


def award(text: str) -> Award | None:
    """The award a procurement result notice states in labelled lines, or None where ``text`` states none (a project
    and a winner, each named once; a notice of several lots names several and is left to the sentences)."""
    if "：" not in text and ":" not in text or "标" not in text and "成交" not in text:
        return None
    found: dict[str, list[tuple[str, int]]] = {}
    for m in _FIELD.finditer(text):
        field = _FIELD_OF.get(_BRACKETED.sub("", m.group("label")))
        if field:
            found.setdefault(field, []).append((m.group("value"), m.start()))
    if len(found.get("project", ())) != 1 or len(found.get("winner", ())) != 1:
        return None
    starts = sorted(at for values in found.values() for _, at in values[:1])
    sentences = tuple(s.index for s in split_sentences(text) if any(s.start <= at < s.end for at in starts))
    amount = found.get("amount", [(None, 0)])[0][0]
    buyer = found.get("buyer", [(None, 0)])[0][0]
    return Award(project=found["project"][0][0], winner=found["winner"][0][0],
                 amount=_AMOUNT_ASIDE.sub("", amount) if amount else None, buyer=buyer, sentences=sentences)
