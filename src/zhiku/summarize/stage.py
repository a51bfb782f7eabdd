"""The "summarize" pipeline stage: summary and events for every record, offline unless an LLM is configured."""

from __future__ import annotations

import logging
from typing import Any

from ..record import Record
from ..settings import Settings
from .backends import Backend, LLMBackend, OfflineBackend
from .openai_compat import ChatClient, ResponseCache, Usage, default_cache_path

logger = logging.getLogger(__name__)

# 2: event titles without a point number (二是) or a dangling last word; 3: no bare time, label, scene-setting clause
# or piece of a quotation as a title (summarize.headline), whole book titles, no object past a comma, a stop after a
# closing quote that ends a cut description; 4: a list closed by 等 keeps its first item in a long title, a directive
# after "X指出，" is X's, a description from inside a quotation is quoted and attributed, no bullet or 比如 opens one,
# a statistic's title names its figure's place unless that is the country; 5: a company written long is titled by
# its short name (深度求索), a document issued is named whole (上海印发《…行动方案》), a plan's target year or period
# dates no event; 6: a clause without a subject takes the person or company the sentence names last, a company's
# figure keeps its company and period, a forecast its 将; 7: a short article in paragraphs is summarized in
# sentences (a headline of clauses is for one-paragraph posts), a directive keeps who gave it (会议指出，要…);
# 8: a known name is the actor over what it is (大模型公司|月之暗面), a trigger ending its clause takes what stands
# before it (月之暗面完成新一轮超10亿美元融资), a date before a subject needs digits (月之暗面); 9: a body an
# announcement is attributed to is named whole (法国航空公司表示，10日将取消… keeps who, and titles 法国航空公司);
# 10: the nouns before a long subject's first verb are the subject (法国各工会|号召…); 11: a subject keeps where
# (…大会在上海世博中心开幕), and of names joined by 暨 the first; 12: a forecast's year (预计2026年) dates no event;
# 13: a listing is a financing (挂牌上市), a deadline or a period's start (2025年底前, 2022年至…) dates nothing, a kind
# before a name is no part of the actor (国产GPU企业|摩尔线程), 公司 opening a sentence is the article's company;
# 14: research events (发表论文, 研制出, 首创), a cut title keeps a number's unit and ends before a 、 list's last item;
# 15: bodies listed and counted act as the first of them (工信部等七部门印发《…》), a target time in its own clause
# goes with what it frames (提出，到2025年，…); 16: an attribution is no title (公告显示), an official speaks for
# the body (国家网信办有关负责人 → 国家网信办), places listed act as the first (上海等地), 推出…政策 is a policy,
# a statement's first clause is kept whole within the title's length; 17: a gathering is named whole but its year
# (浙江省第十四届人民代表大会第三次会议在杭州开幕), 开跑/开赛 start one, a target keeps its 力争, a range its start;
# 18: a roundup item is titled by its 【heading】, 投入服务 is a launch (no investment), a noun phrase of up to 14
# characters is a subject whole, titles are cut with the domain words (超算中心); 19: 下一步 (and 未来， 今后，) is a
# time, no actor; 将(主要)用于 states a use, no plan; 20: a title that opens with a particle or ends with a
# preposition, a conjunction or a particle is a cut piece (的劳动力供给…, …慎食对), 因为/即使… open no headline;
# 21: 投资者/投资额 trigger no investment; 22: 加大投入 is none either, a forecast keeps 预计 across its year
# (上海人工智能产业规模预计突破5000亿元); 23: a short post's headline keeps its 【headline】 apart and no topic
# tags (#人工智能#), a title ending in 是 is no headline; 24: 起草《…》 and 征求意见 are policies, a deadline
# (截止时间为2024年10月14日) dates nothing, nor a year planned (计划于2026年); 25: a statistic is titled with the
# one company its sentence names before it (寒武纪总市值突破6500亿元); 26: appointments are personnel events
# (任命, 出任, 将兼任), a long actor's person after a title is the actor (…事业群总裁沈抖 → 沈抖), a round's use
# (本轮融资将用于) is no financing, 领投 is one, a year a span runs from (自2019年成立以来) or told as past (此前…
# 已于2023年) is not the article's, what a company announced (宣布|完成…融资) is its title's object; 27: rulings,
# fines and suits are legal events, 投产 and 宣布开源 launches, 建成 a number a statistic, projects signed an
# investment, a rule in force is titled by its document, what was said keeps who said it when it opens with 其/他;
# 28: tenders won and contracts signed are contract events, recalls legal ones, 发布会 no launch; a clause without a
# subject goes on with the name its sentence opens with; a company's registered name is titled short; a gathering
# named in 《》 is its title's actor, 在京/在沪 where; a year in a document's title counts for the article's year;
# 29: 揭牌/签约/启动仪式 found nothing, a forecast's year (2037年将超过4亿) is not the article's, an interview's
# 我们 is the body its speaker heads, a rule's article number (第十四条) opens no title; 30: 出任何/接任务 appoint
# nobody; 31: 首席投资官 invests nothing, 当地时间… alone is no title; 32: a short post titled by its 【headline】 is
# summarized beyond it, and a clause that only says who speaks (…此前表示，) is none of its summary; 33: 生效 is a
# policy event titled by what comes into force (《人工智能法案》相关规则生效), 递交招股书 a listing's, A向B (优必选向
# 香港联合交易所递交…), a statistic names its company before its place (SK海力士营业收入同比增长39%); 34:
# 发布数据显示 launches nothing, 集体学习/会谈/会见 are meetings, 发表《…联合声明》 a policy; 35: a press answer's
# 答： opens no summary, companies listed with 等 act as the first (微软Azure等云服务商将率先部署); 36: a
# feature's scene (走进…) is neither summary nor event when its news is there, 下降/降至/降低 state a figure; 37:
# a day ends no actor (国家知识产权局|12月3日|召开), a document too long beside its place is named once with it
# (深圳印发加快打造…若干措施), a statistic of nothing named (超过70分) is no event; 38: a stock's move is a
# statistic (上证指数上涨0.8%, 寒武纪涨8.37%); 39: a numbered point's title drops its number (一是…); 40: a table's
# row pasted as text (| 月之暗面 | C轮 | …) is neither summary nor event; 41: 融资额/融资规模… finance nothing; 42: a
# half-width comma or colon inside a number (12,000元, 84:74) ends no clause; 43: a title opening with 他/她 names
# the one person named just before it (菲利普都会将…), an outlet in brackets (【21世纪经济报道】) is no roundup heading;
# 44: the framing says 重要进展 once (not 重要进展等进展), a title does not close a [ ] it did not open; 45: 批准/准予
# …注册/上市 is a regulator's decision, a maker before a named thing gives way to its name in a long title (推想科技
# 生产的|“肺结节CT影像辅助检测软件”), 当地时间 ends no actor, the segmenter keeps companies whole; 46: awards (获得冠军,
# 荣获…奖) are events of their own type, a phrase cut before 的“name” goes on to the name; 47: 受此影响 is a
# connective, a change qualifier (降低约, 下跌超过) titles a statistic by its figure (深度求索推理成本降低约50%); 48: a
# title that states where a figure came from keeps it (从0.8%下降至0.1%), a maker's named entrant wins
# (天工Ultra获得冠军); 49: a title cut inside a short quoted name takes the name along (带领2011“芯世界”, not a number
# left without its noun); 50: a body's side speaks for it (小米汽车方面表示), a name in the subject's 的 phrase is no
# actor (国家数据局授牌的|基地), 发布通报/公告/声明 launches no product, a share-swap merger (吸收合并) is a deal of
# the acquirer (海光信息拟通过…的方式换股吸收合并…), the court rules, not a party of the case it rules on, a year
# that will be something is the subject, not the speaker (2025年将是AI眼镜的爆发之年), a park's opening (开园) is an
# event, a title cut after the first word of a Latin product name takes the rest (第1000台Walker S2), a board's term
# (自董事会审议通过之日起) is no policy, a title is never cut inside a Latin name (发布COSMO-GPT, not COSMO-);
# 51: raising funds (拟募集资金80亿元) and listing tutoring (启动上市辅导) are capital events, why an event is held
# (举办这场比赛旨在…) is no meeting; 52: listing on an entity list is a regulator acting, its actor named
# before 将|把 what it lists; 将 of disposal (将…政治化) plans nothing; 相比… sets the scene; a title ending in a
# time 后 (被列入清单后) is weak; a quotation closing just past a title's cut closes in it; 53: 达成…协议 is a
# deal; two parties with an adverb between them are both the subject (OpenAI已与英伟达|签署意向书), the agent after
# 由 is read whole (由|市属国企、医院、高校等单位|提出, not its last ten characters); a police case release is
# legal, an emergency response (启动Ⅳ级应急响应) policy, 启动…机制/预案/程序 no product; a counted object whose
# description runs past a title gives its head noun (发布一起…的|典型案例); 54: a roundup item's heading line and the
# sentence under it that tells the same event are one event; an item's number (【1】) leaves titles and summaries;
# 55: a title cut one to three characters past a quoted name ends with the name (…“肺结节CT影像辅助检测软件”);
# 启动…上市进程 is a capital event; 56: 通过 before a trigger stays whole (头部车企通过|并购), a name running on to
# another body's suffix is the subject (浙江大学人工智能研究所|成立), a career told (他曾担任…) weighs less and its
# clauses are his, 我国 alone is a subject, a launch in a clause of a goal (力争…|建成, 将加快推进…|研制) is a plan,
# 批准发布《…》 a policy, a speaker's time (工业和信息化部日前|表示) is not his name; 57: a procurement result notice's
# award (项目名称/供应商名称/中标金额 lines) is its first event and its other labelled lines tell none, 发布之日起 and
# 提出询问 are no events, a point's digit number (3.) leaves titles; 58: a court's acceptance of a case (受理…一案) is
# legal and 该院 is the court named before, a reply (被告方面回应称) is the side's, a speaker is no actor of an
# action with nothing after it (孙东表示，计划于2024年|推出), a Latin name with a space is a subject (NeurIPS 2025), a
# statistic's value ends before 的; 59: 签约项目 is no signing, 总投资 no investment, 发布量 no launch, 上线首月 no
# launch; a case release's object may run 30 characters (通报了一批…的典型案例); a day alone (3日) is no part of a
# subject; a cut ends on no modal verb (…大模型可); a longer attribution is no title (中国气象局副局长毕宝贵介绍); a
# statistic is no company's whose product its subject deploys; an editorial's calls are no events, and a record of
# no events has a framing that announces no list; 60: a list item's numbered heading (一、…。) and the sentence after
# it are one event titled by the heading, X年即将过去 dates the article in X, a title closes a quotation a few
# characters past its cut or leaves it out; 61: 审结…案, 判决被告…, 判决已生效 are legal, 制定《…》 a policy,
# 首发售价 no launch; who holds a launch event (雷鸟创新在深圳召开新品发布会，) launches what the next clause names; a
# maker whose product the subject uses (搭载高通…芯片) is no actor; …明确 is an attribution; 62: 披露三季报 is an
# event, a statistic of 公司 is the article's company's, the longest company named holds the shorter (百度智能云); 63:
# a statement's title that names only its subject goes on to its verb where that fits (…大模型可提前15天预报全球天气);
# 64: 发布《…若干措施》 is a policy however long its name, an event its text dates 今天 takes the article's day; 65:
# 今年以来 opens no title, a subject's tail starts at no Latin name's middle (RuiPath), what a body made (…合作建设的|AI
# 计算中心) is the subject, not the body (a body before 在 owns what follows); 66: 签署…合同 is a contract, the kind
# before a Latin name leaves two parties' subject (美国人工智能公司|OpenAI已与甲骨文公司); 67: a published list or
# batch of filings (公布…名单, 发布…备案信息) is a policy event, a permit obtained (获得…许可) a regulatory one, a
# founding year (成立于2020年) no year of the article, a long body's name shortened where its title has no room
# (国家互联网信息办公室 → 网信办), the region an event's title names before the text's; 68: 发布了《…计划》 is a policy,
# 首发首展 a count, a launch after a target year (提出，到2027年，…建成) a plan, a wire story's day alone (26日) dated
# in the article's month, a document's title too long to quote told without its marks, 关于 and the 的 before its kind;
# 69: the companies a listing includes (包括…在内的) are not who lists them, a count keeps its number (超过600|家…),
# 获得…组冠军 and 分获 are awards, 发布…指引 a policy dated when issued (not 自…起施行), a long statement drops where
# it happened (在…中, 在…工厂), what a company announces of itself titles it (…宣布，其…下线), a cut's change
# (降低50%以上) is a figure's qualifier; 70: a clause that opens with what was done (已完成…融资) has no subject in
# it (the announcer before is the actor), 该校|… names the body's unit, 目标检测 and 将其…用于 are no plans; 71: a
# roadmap's years (计划在2026年…, 2028年…推出) date no article and its launches (计划在…推出, 还将推出) are plans, 公布…
# 季度业绩 is an event dated when published (not 截至…止, the period's end; 截至 is as of, no target), what a group
# spends on (集团在…上投入) is the company's, a clause of when (事故发生时) no title, a ratio's aside (（PUE）) no
# part of its title; 72: a launch in a list of countries is titled by the first (在新加坡、…等国家 → 在新加坡等国家),
# 记者了解到 is an attribution, no title; 73: a summary leaves out a roundup item's number (1. OpenAI推出…), 发布…案件
# is legal news, 警方提醒 no title; 74: 公布…审批结果 is a policy, 挂牌 before a count is none (挂牌数据产品突破4000个),
# 发布《…准则》 a policy, an autonomous region is named short (新疆, not 新疆维吾尔); 75: a body that speaks is named
# whole (武汉市交通运输局表示，…, not 运输局), 有市民反映 is an attribution; 76: a development zone's measures named
# after it are titled by its short name (北京经开区发布促进…若干措施); 77: a sentence's subject follows its date and
# its source (7月8日，中国证监会官网显示，|杭州宇树科技…), 拟 alone is no subject, 为期3天的 no part of a name,
# 夺得…金牌 an award; 78: 今日/日前 after a subject are when, no part of it (美团今日正式|发布); 79: where a long
# clause happened ends at a word (not the 上 of 长上下文), …等方面 too; a service's age (上线两个月) is no launch; 80:
# a year alone after 将于/将在 (Robotaxi将于2026年…) dates no article; 81: a title cut for length ends at a word
VERSION = "81"


def make_backend(settings: Settings) -> Backend:
    """The LLM backend when ``llm_base_url`` and ``llm_model`` are set, else the offline one."""
    if not (settings.llm_base_url and settings.llm_model):
        return OfflineBackend()
    cache = None
    if (settings.llm_cache or "").lower() != "off":
        cache = ResponseCache(settings.llm_cache or default_cache_path())
    return LLMBackend(ChatClient.from_settings(settings), settings.llm_prompt_version, cache,
                      refine_tags=settings.llm_refine_tags)


class SummarizeStage:
    """Assigns ``summary`` and ``events``; how they were made goes to ``meta["summarize"]``."""

    name = "summarize"
    version = VERSION
    requires = ("text",)
    assigns = ("summary", "events")

    def __init__(self, backend: Backend):
        self.backend = backend
        self.records = 0

    @property
    def usage(self) -> dict[str, int]:
        """Token counts of this run (all zero for the offline backend)."""
        usage = getattr(self.backend, "usage", None)
        return (usage or Usage()).as_dict()

    def __call__(self, record: Record) -> Record:
        result = self.backend.summarize(record)
        self.records += 1
        meta: dict[str, Any] = {"backend": result.backend, "summary_sentences": result.summary_sentences,
                                **result.notes}
        record.summary = result.summary
        record.events = result.events
        record.meta["events_framing"] = result.framing
        record.meta["summarize"] = meta
        if "proposed_technologies" in result.notes:  # for a curator to accept into the taxonomy
            record.meta["proposed_technologies"] = result.notes["proposed_technologies"]
        record.flags.extend(result.flags)
        if result.backend == "llm" or "fallback_reason" in result.notes:
            logger.debug("summarize run so far: %d records, tokens %s", self.records, self.usage)
        return record


def make_stage(settings: Settings) -> SummarizeStage:
    return SummarizeStage(make_backend(settings))
