"""The shape of a social-media post: its topic tags and the 【headline】 it opens with."""

from __future__ import annotations

import re

# a post's headline in square brackets before its text, hashtags around it or topics before it (【#DeepSeek发布V3.1#】
# 8月21日，…; #人工智能# #具身智能# 【宇树科技完成C轮融资】…)
# a roundup item's number (【1】OpenAI发布GPT-5.1, 1. OpenAI推出o3-pro模型; not 1.5 nor 3.2%)
ITEM_NUMBER = re.compile(r"^(?:【\d{1,2}】|\d{1,2}[.．、]\s*(?!\d))")
POST_HEADING = re.compile(r"^\s*(?:#[^#\n]{1,20}#\s*)*【#?(?P<heading>[^【】#\n]{4,40}?)#?】")
