"""The step list: fixed order, each step switchable off through Settings, titles derived and cleaned."""

from __future__ import annotations

import pytest

from tests.clean.helpers import raw_record
from zhiku.clean.stage import CleanStage, make_stage
from zhiku.clean.steps import STEP_NAMES, clean_text, clean_title
from zhiku.clean.titles import derive_title, remove_title_copies
from zhiku.pipeline import STAGES, Pipeline
from zhiku.settings import Settings, load_settings


def test_steps_order_is_fixed():
    assert STEP_NAMES[:6] == ("mojibake", "pinyin-gloss", "script", "paragraphs", "unicode", "noise")
    assert STEP_NAMES[-2:] == ("repeats", "layout")
    assert len(set(STEP_NAMES)) == len(STEP_NAMES)


def test_steps_clean_is_the_first_registered_stage():
    assert next(iter(STAGES)) == "clean"
    assert Pipeline.from_settings(Settings(), only=["clean"]).names == ["clean"]


@pytest.mark.parametrize("step,probe", [
    ("pinyin-gloss", "jìng"),
    ("script", "競"),
    ("noise", "举报/反馈"),
    ("repeats", "关键技术加快突破关键技术加快突破"),
])
def test_steps_each_can_be_switched_off(step, probe):
    text = "競(jìng)逐人工智能。关键技术加快突破关键技术加快突破人工智能是引领新一轮科技革命的战略性技术。举报/反馈"
    on = clean_text(text).text
    off = clean_text(text, disabled=[step]).text
    assert on != off
    if step == "repeats":
        assert off.count("关键技术加快突破") == 2 and on.count("关键技术加快突破") == 1
    else:
        assert probe not in on and probe in off


def test_steps_disabled_through_settings_and_env():
    settings = load_settings(environ={"ZHIKU_DISABLED_CLEAN_STEPS": "script,pinyin-gloss"})
    stage = make_stage(settings)
    out = stage(raw_record("001").copy_with())
    assert "（jìng）" in out.text and "競" in out.title and out.script == "simplified"
    assert not any(e.step in ("script", "pinyin-gloss") for e in out.cleaning)


def test_steps_whole_stage_can_be_disabled():
    settings = Settings(disabled_stages=("clean",))
    assert "clean" not in Pipeline.from_settings(settings).names


def test_titles_derive_and_remove_copies():
    title, rest, log = derive_title("\n多地竞逐人工智能产业\n本报记者 齐旭\n正文。")
    assert title == "多地竞逐人工智能产业" and rest == "\n本报记者 齐旭\n正文。" and log[0].at == 1
    assert derive_title("如果把发展人工智能比作砌房子，那么算力就好比是一块块砖头。")[0] is None
    text, log = remove_title_copies("竞逐人工智能 山东的方位与作为\n正文。", "竞逐人工智能，山东的方位与作为")
    assert text == "正文。" and log[0].note == "copy of the title"


def test_titles_are_simplified_and_normalized():
    assert clean_title("競(jìng)逐人工智能,山東的方位與作為")[0] == "竞逐人工智能，山东的方位与作为"
    assert clean_title("加什么?怎么加?杭州")[0] == "加什么？怎么加？杭州"


def test_stage_failure_keeps_the_record_and_flags_it(monkeypatch):
    import zhiku.clean.stage as stage_module

    def boom(*args, **kwargs):
        raise ValueError("synthetic failure")

    monkeypatch.setattr(stage_module, "clean_page", boom)
    record = raw_record("000").copy_with()
    out = CleanStage()(record)
    assert out.text == record.text and out.flags[-1].kind == "clean"


def test_steps_articles_and_lead_switch_off_separately():
    from tests.clean.helpers import raw_body
    from zhiku.clean.steps import clean_page

    page = raw_body("003")
    assert len(clean_page(page, derive_title=True)) == 2
    whole = clean_page(page, derive_title=True, disabled=["articles"])
    assert len(whole) == 1 and whole[0].text.count("连日来") == 1
    no_lead = clean_page(page, derive_title=True, disabled=["lead"])
    assert not no_lead[0].text.startswith("连日来") and not any(e.step == "lead" for e in no_lead[0].entries)
