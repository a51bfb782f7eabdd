"""The seed card format (标题/链接/总结/关键词/AI技术/行业/重大事件摘要) as an input and an output."""

from __future__ import annotations

import re

CARD_LABELS = ("标题", "链接", "总结", "关键词", "AI技术", "行业", "重大事件摘要")
_LABEL_LINE = re.compile(r"^(标题|链接|总结|关键词|AI技术|行业|重大事件摘要)\s*[:：]\s?", re.MULTILINE)
_TAG_SEP = re.compile(r"\s*[,，、;；]\s*")


def is_card(text: str) -> bool:
    """A card starts with 标题: and holds at least 总结:."""
    head = text.lstrip("\ufeff \t\r\n")
    return head.startswith(("标题:", "标题：")) and bool(re.search(r"^总结\s*[:：]", text, re.MULTILINE))


def parse_card(text: str) -> dict[str, str]:
    """Split a card into its labelled fields; a field runs until the next label at a line start."""
    fields: dict[str, str] = {}
    matches = list(_LABEL_LINE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        fields.setdefault(m.group(1), text[m.end() : end].strip())
    return fields


def split_tags(value: str) -> list[str]:
    """Old cards separate tags with ", ", "，" or "、"; return each once, in order."""
    out: list[str] = []
    for tag in _TAG_SEP.split(value.strip()):
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return out
