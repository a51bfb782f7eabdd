"""An event title that opens with 他/她 names whom it stands for, where the text makes that clear."""

from __future__ import annotations

from ._articles import run_article


def _titles(text: str, title: str) -> list[str]:
    return [e.title for e in run_article(text, title).events]


def test_he_is_the_one_person_named_just_before():
    """xinhuanet: the title had been 他都会将法国总统马克龙提出的…推行到底."""
    titles = _titles("法国总理菲利普11日表示，政府不会让步。不管面对何种压力，他都会将总统马克龙提出的退休制度积分制计划推行到底。",
                     "法国罢工持续")
    assert "菲利普都会将总统马克龙提出的退休制度积分制计划推行到底" in titles, titles


def test_he_stays_where_two_people_or_none_are_named_or_he_is_named_next():
    two = _titles("吴孟达的妻子卢少慈说，丈夫生前很平静。最后几天，他将遗书分别交给了女儿们。", "吴孟达的最后时光")
    assert not any(t.startswith(("吴孟达将", "卢少慈将")) for t in two), two
    far = _titles("福原爱与江宏杰宣布离婚。福原爱出生于1988年，12岁就成为国家队选手。随后十余年，她几乎以一己之力将日本乒乓球带回了世界强队的行列。",
                  "福原爱离婚")
    assert not any(t.startswith("江宏杰") for t in far), far
    named_next = _titles("湖人队今夏将迎来一位老朋友。他就是湖人旧将兰德尔，他将重返洛杉矶。", "兰德尔回归")
    assert not any(t.startswith("湖人队就是") for t in named_next), named_next
