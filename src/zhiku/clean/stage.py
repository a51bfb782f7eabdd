"""The cleaning stage: raw body → clean body, with every change in ``record.cleaning`` and problems in
``record.flags``; a page holding several articles becomes several records pointing at the same raw page."""

from __future__ import annotations

import logging

from ..record import Flag, Record, record_id
from ..settings import Settings
from .chars import entry
from .script import to_simplified
from .steps import STEP_NAMES, CleanResult, clean_page, clean_title
from .titles import title_key

logger = logging.getLogger(__name__)


class CleanStage:
    """Pipeline stage ``clean``; steps named in ``Settings.disabled_clean_steps`` are skipped."""

    name = "clean"
    version = "22"  # 2: a dateline (新华社杭州12月27日电) gives the outlet and leaves the body; 3: a simplified
    # text keeps 昇 and 於 (华为昇腾), which OpenCC's t2s maps; 4: a byline of fields (来源：东方网  作者：李明
    # 2025-07-26 10:32) gives outlet, author and date and leaves the body, links listed under 相关新闻： go with it,
    # 【字体：大 中 小】 and 点击进入专题>> are chrome; 5: a post that opens with 【#headline#】 is titled by it;
    # 6: WeChat and Weibo chrome (follow prompts, — END — and all after it, 往期推荐 and its links, 在看, image credits,
    # 网页链接, emoji), 来源 | … 作者 | … bylines, topics before a post's 【headline】, HTML character references, a
    # first line that is no headline cleaned as a title; 7: a number grouped by full-width commas (￥1，633，242.82元)
    # is written with half-width ones; 8: Copyright, ICP and 公网安备 lines, 供稿/摄影/编辑 credits, a bare 本站讯 and a
    # date line's 浏览： are chrome, 本站原创 credits no outlet, 职工通讯员 no outlet 职工; 9: Weibo's emoticons
    # ([允悲], [加油]) are junk; 10: SogouCS's paragraph mark (U+E40C) breaks paragraphs, links to a story's rest
    # ([详细], ［　详细　］, [图集]) leave the body, 记者刘凡　周昌和　任笑一　继… gives its spaced authors, a
    # dateline's 讯 no part of the outlet (南都讯), a credit or dateline opening a body is no headline, a dateline
    # may end in 消息 (央广网北京1月11日消息) and a credit stand in 【】 (【环球网报道记者尹艳辉】); 11: a traditional
    # text takes the mainland's technology words (data/regional_words.yaml: 晶片 → 芯片, 人工智慧 → 人工智能); 12: any
    # paper or news site signing a dateline's 讯 (合肥日报讯) gives the outlet, listed or not; 13: a reporter's lead
    # (东方网记者陈静12月4日报道：) is a credit: the outlet and the author, out of the body; 14: any paper whose name
    # ends in 报 signs a 讯 (深圳特区报讯, 现代快报讯, 新京报讯), a bulletin (通报, 简报) none; 15: an editor's credit
    # after the reporters' (每经记者 可杨 每经编辑 张海妮) ends the authors; 16: a dateline may write its year
    # (中央社记者张建中新竹2025年11月10日电), which dates the story; 17: a WeChat post's header (原创 AI前线 2025-11-07
    # 08:30 北京) gives the account and the time posted and leaves the body; 18: a site signing X网讯 (中国证券网讯)
    # gives the outlet, 记者 and 通讯员 between a credit's names are roles, no names; ｜ stays full-width; 19: a paper
    # whose name holds 电报 signs its report (人民邮电报讯); 20: tech sites' datelines (IT之家9月1日消息，) leave the
    # body with the comma after 消息; 21: a credit's outlet may open with digits (21世纪经济报道记者 易佳颖); 22: any
    # site signing 讯 before a space or a time (首都之窗讯 近日，…, 新浪科技讯) is a dateline, not a column the lead
    # was spliced into
    requires = ("text",)
    assigns = ("text", "text_original", "script", "cleaning", "flags", "title", "authors", "source",
               "published_at", "id", "raw", "meta")

    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings()
        unknown = set(settings.disabled_clean_steps) - set(STEP_NAMES)
        if unknown:
            logger.warning("unknown cleaning steps in disabled_clean_steps: %s (known: %s)",
                           ", ".join(sorted(unknown)), ", ".join(STEP_NAMES))
        self.disabled = tuple(settings.disabled_clean_steps)

    def __call__(self, record: Record) -> Record | list[Record]:
        guessed_title = record.meta.get("title_from") == "first-line" or not record.title
        text = record.text
        if record.meta.get("title_from") == "first-line" and record.title:
            text = f"{record.title}\n{text}"  # the collector's guess may be spam or a page number
        try:
            results = clean_page(text, title=None if guessed_title else record.title, derive_title=guessed_title,
                                 disabled=self.disabled, fetched_at=record.fetched_at)
        except Exception as exc:  # a cleaning bug must not lose the article: keep it raw and flag it
            logger.exception("cleaning failed on %s", record.raw.origin or record.id)
            out = record.copy_with()
            out.cleaning.append(entry("clean", "flagged", "", "", 0, f"cleaning failed: {exc.__class__.__name__}"))
            out.flags.append(Flag(kind="clean", note=f"cleaning failed: {exc.__class__.__name__}: {exc}"))
            return out
        if len(results) == 1:
            return self._apply(record, results[0], guessed_title)
        parts = []
        for i, result in enumerate(results):
            part = self._apply(record, result, guessed_title)
            part.raw.part = i
            part.id = record_id(record.url, f"part{i}:" + (part.title or "") + part.text)
            parts.append(part)
        return parts

    @staticmethod
    def _apply(record: Record, result: CleanResult, guessed_title: bool) -> Record:
        out = record.copy_with()
        out.text = result.text
        out.cleaning = list(record.cleaning) + result.entries
        out.flags = list(record.flags) + result.flags
        if result.converted:
            out.script = "traditional"
            out.text_original = result.original
        else:
            out.script = "simplified"
        if result.title and (guessed_title or not record.title):
            out.title = result.title
            out.meta.pop("title_from", None)
        elif result.title:
            out.title = result.title  # the collector's title, normalized (script, punctuation)
        elif guessed_title and record.title and any(
            e.step == "noise" and e.action == "removed" and title_key(e.before)
            and title_key(e.before) == title_key(to_simplified(record.title)) for e in result.entries
        ):
            out.title = None  # the collector's guess was a spam or chrome line, and no headline was found
        elif guessed_title and record.title:  # the first line, no headline: kept, cleaned as a title is
            out.title, log = clean_title(record.title)
            out.cleaning += log
        if not out.authors and result.authors:
            out.authors = list(result.authors)
        if not out.source and result.source:
            out.source = result.source
        if result.sources and "sources" not in out.meta:
            out.meta["sources"] = list(result.sources)
        if not out.published_at and result.published_at:
            out.published_at = result.published_at
            out.meta["published_at_from"] = result.date_note
        if result.marker:
            out.meta["continued"] = result.marker
        return out


def make_stage(settings: Settings) -> CleanStage:
    return CleanStage(settings)
