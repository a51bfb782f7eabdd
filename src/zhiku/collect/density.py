"""Main text by text-density scoring, in the manner of GeneralNewsExtractor (written for zhiku with lxml).

Each block element is scored by how much non-link text it holds per tag, how much punctuation its text
carries (article prose is punctuated, navigation is not) and how many paragraphs it has; the best block's
text is the article.
"""

from __future__ import annotations

import math
import re

from lxml import etree
from lxml import html as lxml_html

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "option", "textarea", "button",
              "input", "svg", "canvas", "head", "link", "meta", "object", "embed")
_BOILER = re.compile(
    r"(comment|footer|\bfoot\b|copyright|share|related|recommend|sidebar|\bside\b|\bnav\b|navbar|menu|breadcrumb|"
    r"\bad\b|advert|banner|hot|rank|login|toolbar|tags?-?list|pinglun|xiangguan|tuijian)",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[，。！？；：、“”‘’（）《》,.!?;:]")
_BLOCK = {"div", "td", "article", "section", "main", "body", "tbody", "table", "tr", "font", "span", "center",
          "blockquote", "ul", "li"}
_BREAK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "blockquote", "pre", "dd", "dt", "ul", "ol", "center", "hr"}
_WS = re.compile(r"[ \t\r\f\v\u3000\xa0]+")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_tree(tree: etree._Element) -> etree._Element:
    """Remove scripts, styles, forms and comments in place."""
    for el in tree.iter(etree.Comment, etree.ProcessingInstruction):
        parent = el.getparent()
        if parent is not None:
            tail = el.tail
            parent.remove(el)
            if tail:
                _append_tail(parent, tail)
    for el in list(tree.iter(*_DROP_TAGS)):
        parent = el.getparent()
        if parent is not None:  # lxml's drop_tree, keeping the tail where the element stood
            prev, tail = el.getprevious(), el.tail
            parent.remove(el)
            if tail:
                _join_text(prev, "tail", tail) if prev is not None else _join_text(parent, "text", tail)
    return tree


def _append_tail(parent: etree._Element, text: str) -> None:
    children = list(parent)
    if children:
        _join_text(children[-1], "tail", text)
    else:
        _join_text(parent, "text", text)


def _join_text(el: etree._Element, attr: str, text: str) -> None:
    """Append to ``el.text`` or ``el.tail``. lxml parses control characters but refuses them when text is
    set again; they are never article text, so they are dropped from the joined text then."""
    joined = (getattr(el, attr) or "") + text
    try:
        setattr(el, attr, joined)
    except ValueError:
        setattr(el, attr, _XML_UNSAFE.sub("", joined))


def block_text(el: etree._Element) -> str:
    """Text of an element with line breaks at block boundaries, blank lines dropped."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BREAK_TAGS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BREAK_TAGS:
            parts.append("\n")

    walk(el)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _Stats:
    __slots__ = ("text", "link_text", "tags", "link_tags", "punct", "paras")

    def __init__(self) -> None:
        self.text = 0
        self.link_text = 0
        self.tags = 0
        self.link_tags = 0
        self.punct = 0
        self.paras = 0


def _count(s: str) -> int:
    return len(_WS.sub("", s))


def _gather(el: etree._Element, stats: dict, in_link: bool = False) -> _Stats:
    st = _Stats()
    tag = el.tag if isinstance(el.tag, str) else ""
    link = in_link or tag == "a"
    own = el.text or ""
    n = _count(own)
    st.text += n
    st.punct += len(_PUNCT.findall(own))
    if link:
        st.link_text += n
    for child in el:
        if not isinstance(child.tag, str):
            continue
        cs = _gather(child, stats, link)
        st.text += cs.text
        st.link_text += cs.link_text
        st.tags += cs.tags + 1
        st.link_tags += cs.link_tags + (1 if child.tag == "a" else 0)
        st.punct += cs.punct
        st.paras += cs.paras
        tail = child.tail or ""
        tn = _count(tail)
        st.text += tn
        st.punct += len(_PUNCT.findall(tail))
        if link:
            st.link_text += tn
    if tag == "p" or (tag in ("div", "br") and n > 20):
        st.paras += 1
    stats[el] = st
    return st


def _score(st: _Stats) -> float:
    plain = st.text - st.link_text
    if plain <= 0:
        return 0.0
    density = plain / max(1, st.tags - st.link_tags)
    symbol_density = plain / (st.text - plain + 1)
    return density * math.log(st.punct + 2) * math.log10(st.paras + 2) * math.log(symbol_density + 1.5) * \
        math.log(plain + 1)


def best_node(tree: etree._Element) -> etree._Element | None:
    """The block element most likely to hold the article body."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    stats: dict = {}
    _gather(root, stats)
    best, best_score = None, 0.0
    for el, st in stats.items():
        if not isinstance(el.tag, str) or el.tag not in _BLOCK:
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        score = _score(st)
        if marker.strip() and _BOILER.search(marker):
            score *= 0.3
        if score > best_score:
            best, best_score = el, score
    return best


def extract_density(tree: etree._Element) -> str:
    """The main text of a parsed page by density scoring ('' when nothing qualifies)."""
    node = best_node(tree)
    if node is None:
        return ""
    for el in list(node.iter()):
        if not isinstance(el.tag, str) or el is node:
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if marker.strip() and _BOILER.search(marker) and el.getparent() is not None:
            el.drop_tree()
    return block_text(node)


def parse_html(html: str) -> etree._Element | None:
    """Parse markup leniently; None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):
        try:
            tree = lxml_html.document_fromstring(html.encode("utf-8", "replace"))
        except (ValueError, etree.ParserError):
            return None
    return tree
