"""Pasted WeChat articles, Weibo posts and feed snippets: the chrome of their platforms goes, their credits are read,
their headline titles them. Each text is written in the style of such pages."""

from __future__ import annotations

from zhiku.api import process_bytes

WECHAT = """点击上方蓝字“AI前哨站”关注我们，设为星标★，第一时间获取最新资讯
DeepSeek发布V3.2：推理成本再降50%

来源 | AI前哨站 作者 | 小智
▲图片来源：DeepSeek官网

12月1日，深度求索（DeepSeek）正式发布新模型DeepSeek-V3.2，并同步开源模型权重。😀😀

官方数据显示，V3.2在多项推理基准上与GPT-5持平。🔥

END

往期推荐
▶ 重磅！国产大模型迎来新一轮价格战
▶ 一文读懂稀疏注意力

喜欢就点个“在看”吧👇
"""

WEIBO = ("#人工智能# #具身智能# 【宇树科技完成C轮融资 估值超120亿元】据@36氪 报道，宇树科技近日完成C轮融资，由中国移动旗下"
         "基金、腾讯、阿里巴巴联合领投，投后估值超过120亿元。宇树科技创始人王兴兴此前表示，公司人形机器人产品今年出货量预计"
         "将超过1000台。 网页链接 \u200b\u200b")

SNIPPET = "据报道&nbsp;&nbsp;华为昇腾AI集群已在全国30多个城市落地，服务超过500家企业客户。&nbsp;[阅读全文]"


def _record(text: str):
    [record] = process_bytes(text.encode("utf-8"), "post.txt")
    return record


def test_a_wechat_article_loses_its_accounts_chrome_and_keeps_its_credits():
    """The follow prompt had been the title; the byline of 来源 | … 作者 | … fields, the image credit, the emoji and
    everything after END (往期推荐, its links, 在看) had stayed in the body."""
    record = _record(WECHAT)
    assert record.title == "DeepSeek发布V3.2：推理成本再降50%", record.title
    assert (record.source, record.authors) == ("AI前哨站", ["小智"])
    assert record.text == ("12月1日，深度求索（DeepSeek）正式发布新模型DeepSeek-V3.2，并同步开源模型权重。\n"
                           "官方数据显示，V3.2在多项推理基准上与GPT-5持平。"), record.text
    removed = {e.before.strip() for e in record.cleaning if e.step == "noise"}
    assert {"END", "往期推荐", "▲图片来源：DeepSeek官网", "😀😀"} <= removed, removed  # logged, so auditable


def test_a_weibo_post_is_titled_by_its_headline_after_its_topics_and_summarized_beyond_it():
    """The whole post had been the title (its topics came before the 【headline】), and the summary the headline
    again; a clause that only says who speaks (…王兴兴此前表示，) is no summary."""
    record = _record(WEIBO)
    assert record.title == "宇树科技完成C轮融资 估值超120亿元", record.title
    assert "网页链接" not in record.text
    assert record.summary and "【" not in record.summary and not record.summary.endswith("表示。"), record.summary


def test_a_feed_snippets_title_has_no_html_entities():
    record = _record(SNIPPET)
    assert "&nbsp;" not in record.title and "&nbsp" not in record.text, record.title
    assert "阅读全文" not in record.text


def test_weibo_emoticons_leave_the_text_and_references_stay():
    """A pasted Weibo post's [允悲] and [加油] had stayed in its text (and in event titles: …惹您生气[允悲])."""
    from zhiku.clean.noise import remove_noise

    text, log = remove_noise("让我以后不要再惹您生气[允悲]。\n球队表示会继续努力[加油][加油]。文献[1]指出，[注]方法有效。")
    assert text == "让我以后不要再惹您生气。\n球队表示会继续努力。文献[1]指出，[注]方法有效。"
    assert [e.before for e in log] == ["[允悲]", "[加油]", "[加油]"]
