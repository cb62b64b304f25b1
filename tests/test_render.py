"""render/: one module per output format, its registry, and the one masking rule of exports."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from walletcomplain import complaint, privacy, render
from walletcomplain.commands.options import ExportFormat, Format
from walletcomplain.models import Catalog
from walletcomplain.render import ics as render_ics
from walletcomplain.render import json as render_json
from walletcomplain.render import markdown as render_markdown
from walletcomplain.store import Store

from .conftest import TODAY
from .test_store import new_case


def test_export_and_calendar(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat))
    data = render_json.case(case, cat, "en", TODAY)
    assert data["answers"]["account_id"] == "****8000"
    assert data["events"][0]["kind"] == "created"
    md = render_markdown.case(case, cat, "zh", TODAY)
    assert md.startswith("# 投诉案件 #1") and "## 时间线" in md and "支付宝" in md
    ics = render_ics.reminder(
        case, cat, "zh", now=dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.timezone.utc)
    )
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261207" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_the_exported_timeline_starts_with_the_contact_from_the_interview(cat: Catalog) -> None:
    """The interview's "already contacted support" is the first line of the export's
    timeline, with its date and reply, as in `cases show` (new-user run)."""
    log = Store()
    answers = {
        **cat.playbooks["recharge"].example,
        "tried_before": True,
        "tried_date": "2026-11-19",
        "tried_channel": "hotline",
        "tried_reply": "客服让我再等等。",
    }
    comp = complaint.build(cat, "alipay", "recharge", answers, "zh", TODAY)
    from walletcomplain import workflow

    case = log.get(workflow.record(log, complaint.report(comp), TODAY))
    data = render_json.case(case, cat, "zh", TODAY)
    first = data["timeline"][0]
    assert first["date"] == "2026-11-19" and "热线" in first["text"]
    assert first["detail"] == ["对方答复：客服让我再等等。"]
    md = render_markdown.case(case, cat, "zh", TODAY)
    timeline = md.split("## 时间线")[1].split("##")[0]
    assert timeline.strip().startswith("1. 2026年11月19日：联系") and "客服让我再等等" in timeline
    assert data["timeline"][-1]["mark"] == "next"  # then the follow-up date


def test_every_registered_renderer_exists() -> None:
    for what, fmt in render.RENDERERS:
        assert callable(render.renderer(what, fmt)), (what, fmt)


def test_the_format_options_are_the_registry_formats() -> None:
    assert {f.value for f in Format} == {*render.formats("letter"), "json"}
    assert render.formats("report") == ["json"]
    assert {f.value for f in ExportFormat} <= set(render.formats("case"))


def test_a_letter_renders_the_same_through_the_registry(cat: Catalog) -> None:
    comp = complaint.build(
        cat, "alipay", "recharge", cat.playbooks["recharge"].example, "en", TODAY
    )
    doc = complaint.report(comp).letter
    assert render.renderer("letter", "text")(doc) == doc.to_text()
    assert render.renderer("letter", "markdown")(doc) == doc.to_markdown()
    assert doc.to_markdown().startswith("**To: ")


def test_the_case_json_renderer_is_the_export(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat))
    text = render.renderer("case", "json")(case, cat, "en", TODAY, [])
    assert text == render_json.dumps(render_json.case(case, cat, "en", TODAY, [])) + "\n"


def test_the_render_package_is_core() -> None:
    code = (
        "import sys, walletcomplain.render as r\n"
        "for what, fmt in r.RENDERERS: r.renderer(what, fmt)\n"
        "bad = {'typer', 'rich', 'questionary', 'prompt_toolkit', 'click'} & set(sys.modules)\n"
        "print(sorted(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13800138000", "****8000"),
        ("123456", "****3456"),  # a short phone too: JSON once showed it whole
    ],
)
def test_one_masking_rule_for_every_export(cat: Catalog, phone: str, shown: str) -> None:
    questions = cat.playbooks["recharge"].questions
    values = {"account_id": "13912348000", "contact_phone": phone, "contact_name": "张三"}
    out = privacy.public_answers(questions, values)
    assert out["contact_phone"] == shown
    assert out["account_id"] == "****8000"  # pii: the last four only
    assert out["contact_name"] == "张三"  # a name is no number
    assert values["contact_phone"] == phone  # a copy: the answers themselves are untouched
