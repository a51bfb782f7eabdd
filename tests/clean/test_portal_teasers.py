"""Pages of a news portal as the SogouCS corpus holds them: its paragraph mark, teasers ending in a link to the rest
([详细], ［　详细　］) and a dateline whose reporters are spaced out (南都讯　记者刘凡　周昌和　任笑一　…)."""

from __future__ import annotations

from zhiku.clean.paragraphs import restore_paragraphs
from zhiku.clean.steps import clean_text

# opening paragraphs of a SogouCS article (news_zh_sogoucs_sample), as the corpus writes them
METRO = ("南都讯　记者刘凡　周昌和　任笑一　继推出日票后，深圳今后将设地铁ＶＩＰ头等车厢，设坐票制。昨日，"
         "《南都ＭＥＴＲＯ》创刊仪式暨２０１２年深港地铁圈高峰论坛上透露，在未来的１１号线上将增加特色服务。"
         "\ue40c论坛上，深圳市政府副秘书长、轨道交通建设办公室主任赵鹏林透露，地铁未来的方向将分等级。")
TEASERS = ("１３年来，我国公共场所禁止吸烟地方法规发挥了一定作用…　［　详细　］\ue40c公共场所禁烟立法已成公众共识"
           "\ue40c２００２年调查显示，公众支持在公共场所禁烟。\ue40c有的家庭认领５、６棵树，把树苗运上山着实费了番力气……"
           "［详细］［图集］\ue40c公民可以通过输入植树证书编号查询到所植树木区域。")


def test_the_corpus_paragraph_mark_breaks_paragraphs():
    text, log = restore_paragraphs(METRO)
    assert "\ue40c" not in text
    assert text.split("\n")[-1].startswith("论坛上，深圳市政府副秘书长")
    assert log and log[0].action == "split"


def test_a_dateline_with_spaced_reporters_gives_authors_and_outlet():
    result = clean_text(METRO)
    assert result.text.startswith("继推出日票后，深圳今后将设地铁VIP头等车厢")
    assert result.authors == ["刘凡", "周昌和", "任笑一"]
    assert result.source == "南都"  # 南都讯: the dateline's 讯 ("reports") is no part of the outlet


def test_links_to_the_rest_of_a_story_leave_the_body():
    text = clean_text(TEASERS).text
    assert "详细" not in text and "图集" not in text and "[" not in text
    assert text.split("\n") == [
        "13年来，我国公共场所禁止吸烟地方法规发挥了一定作用…",
        "公共场所禁烟立法已成公众共识",
        "2002年调查显示，公众支持在公共场所禁烟。",
        "有的家庭认领5、6棵树，把树苗运上山着实费了番力气……",
        "公民可以通过输入植树证书编号查询到所植树木区域。",
    ]


def test_a_bracketed_word_of_prose_stays():
    text = clean_text("报告提出［详细规划］的三个阶段，［更多内容］将另行公布。").text
    assert "详细规划" in text and "更多内容" in text


def test_a_dateline_or_a_credit_opening_a_body_is_no_headline():
    from zhiku.clean.steps import clean_page

    [wire] = clean_page("中新网3月7日电\n据美国《世界日报》报道，全球知名的“艾迪塔罗德狗拉雪橇比赛”7日启动。",
                        derive_title=True)
    assert wire.title is None and wire.source == "中新网"
    assert wire.text.startswith("据美国《世界日报》报道")
    [credited] = clean_page("法治日报全媒体记者王斌 据北京市卫健委2月2日消息，2月1日北京无新增本地确诊病例。",
                            derive_title=True)
    assert credited.title is None and credited.authors == ["王斌"] and credited.source == "法治日报"  # 全媒体记者: an all-media reporter
    assert credited.text.startswith("据北京市卫健委2月2日消息")
    [headed] = clean_page("记者 王斌\n北京无新增本地确诊病例\n据北京市卫健委2月2日消息，2月1日北京无新增。",
                          derive_title=True)
    assert headed.title == "北京无新增本地确诊病例" and headed.authors == ["王斌"]


def test_a_dateline_of_news_and_a_bracketed_credit_leave_the_body():
    from zhiku.clean.steps import clean_page

    # openings of two Sohu news texts (dup_zh_sohu2021_text2vec)
    [cnr] = clean_page("央广网北京1月11日消息（记者王晶）“主播说自己家也吃这款无骨鸡爪，很多人抢着下单。”一位消费者说。",
                       derive_title=True)
    assert cnr.title is None and cnr.source == "央广网" and cnr.authors == ["王晶"]
    assert cnr.text.startswith("“主播说自己家也吃这款无骨鸡爪")
    [hq] = clean_page("【环球网报道记者尹艳辉】据香港《头条日报》等港媒2月2日报道，香港警务处处长邓炳强今日表示。",
                      derive_title=True)
    assert hq.title is None and hq.source == "环球网" and hq.authors == ["尹艳辉"]  # 报道: "reports"
    assert hq.text.startswith("据香港《头条日报》")
