"""Dropping scripts keeps the text around them even when lxml parsed control characters into it.

lxml's own ``drop_tree`` raises ValueError here (it refuses the joined text); a spliced PDF read as HTML
crashed extraction that way (found by tests/reliability fuzzing).
"""

from __future__ import annotations

import pytest
from lxml import html

from zhiku.collect.density import clean_tree


@pytest.mark.parametrize("source", ["<div>前文<script>x()</script>后\x01文</div>",
                                    "<div>前\x01文<script>x()</script>后文</div>"])
def test_clean_tree_drops_script_and_keeps_text_with_control_characters(source):
    tree = html.fromstring(source)
    clean_tree(tree)
    text = tree.text_content()
    assert tree.find(".//script") is None
    assert "前" in text and "后" in text and "x()" not in text
