"""Outlet names that name no outlet: a site's own 本站原创 or 网络 says where an article was not credited from."""

from __future__ import annotations

import re

# 本站原创, 本网讯, 原创, 网络, 互联网, 综合, 未知, 佚名…: placeholders a CMS prints where the source field is empty
_PLACEHOLDER = re.compile(
    r"^(?:本站|本网|本刊|本台|本报)?(?:原创|讯|稿|编辑部)?$|^(?:网络|互联网|网友|综合|网络综合|未知|佚名|不详)$"
    r"|^(?:转载|原创)(?:文章|稿件)?$"
)
_MARKUP = re.compile(r"[=<>{}\"]")  # size="20": an attribute read as text


def real_outlet(name: str | None) -> str | None:
    """``name`` stripped, or None where it is empty, a placeholder rather than an outlet (本站原创, 转载文章) or markup
    (size="20")."""
    name = (name or "").strip()
    return None if not name or _PLACEHOLDER.match(name) or _MARKUP.search(name) else name
