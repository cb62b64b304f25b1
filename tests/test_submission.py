"""Issue 13's core: the call sheet, form fields, evidence files, the case file and the timeline."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletcomplain import (
    callsheet,
    casefile,
    casescreens,
    complaint,
    documents,
    due,
    evidence,
    forms,
    safe,
    timeline,
    workflow,
)
from walletcomplain.errors import FileExists, NotFound
from walletcomplain.models import Catalog
from walletcomplain.output import cell_width
from walletcomplain.render import zip as render_zip
from walletcomplain.store import Case, Store

from .conftest import TODAY
from .test_data import ISSUES as ALL_ISSUES

PROVIDERS = ["alipay", "wechatpay", "jdpay", "applepay", "unionpay", "tpwallet"]
ISSUES = ["recharge", "security", "dispute", "fees", "closure"]


def new_case(
    cat: Catalog, provider: str = "wechatpay", issue: str = "recharge", **changes: Any
) -> tuple[Store, Case]:
    raw = {**cat.playbooks[issue].example, **changes}
    comp = complaint.build(cat, provider, issue, raw, "zh", TODAY)
    log = Store()
    case_id = workflow.record(log, complaint.report(comp), TODAY)
    return log, log.get(case_id)


def fits(lines: list[str], width: int = 80) -> None:
    too_wide = [line for line in lines if cell_width(line) > width]
    assert not too_wide, too_wide


# --- the call sheet --------------------------------------------------------------------------


def test_the_sheet_has_the_number_details_summary_demand_and_questions(cat: Catalog) -> None:
    log, case = new_case(cat)
    s = callsheet.build(case, cat, "zh", TODAY)
    assert s.number == "95017" and s.hours is None  # the directory gives no hours: none invented
    have = {d.label: d.value for d in s.have}
    assert have["账户"] == "****8000"  # masked
    assert have["交易单号"] == "2026112022001488990011"
    assert have["充值日期"] == "2026年11月20日" and have["金额"] == "人民币200.00元"
    assert have["上次的工单号"] == "A20261121-0042"
    assert "13800138000" not in json.dumps(s.to_json(), ensure_ascii=False)
    said = "".join(s.say)
    assert "2026112022001488990011" in said and "尾号6789" in said and "{{" not in said
    assert s.demands[0] == "立即将该笔充值入账"
    assert len(s.ask) == 3 and "主管" in s.ask[2]
    lines = casescreens.sheet_lines(s)
    assert "服务时间目录里没有记载" in lines[1]
    log.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("issue", ISSUES)
@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_sheet_fits_one_80x24_screen(
    cat: Catalog, provider: str, issue: str, lang: str
) -> None:
    log, case = new_case(cat, provider, issue)
    lines = casescreens.sheet_lines(callsheet.build(case, cat, lang, TODAY))  # type: ignore[arg-type]
    assert len(lines) <= 22, "\n".join(lines)  # two rows stay free for the question after it
    fits(lines)
    log.close()


def test_a_provider_without_a_phone_number_gets_its_channel_not_a_number(cat: Catalog) -> None:
    log, case = new_case(cat, "tpwallet")
    s = callsheet.build(case, cat, "en", TODAY)
    assert s.number is None and s.where == "in-app online support"
    assert "No verified phone number" in casescreens.sheet_lines(s)[1]
    log.close()


def test_money_lost_to_fraud_puts_110_first_on_the_sheet(cat: Catalog) -> None:
    log, case = new_case(cat, "alipay", "security")
    s = callsheet.build(case, cat, "en", TODAY)
    assert s.urgent is not None and "110" in s.urgent
    assert casescreens.sheet_lines(s)[1].startswith("!! ")
    log.close()


def test_a_promised_date_becomes_the_follow_up_date(cat: Catalog) -> None:
    log, case = new_case(cat)
    promised = callsheet.parse_promised("2026-11-28", TODAY)
    event = callsheet.record_call(log, cat, case, TODAY, "WX-1", "三天内回电", promised)
    case = log.get(case.id)
    assert event.channel == "hotline" and event.ref == "WX-1" and event.reply == "三天内回电"
    assert case.next_due == dt.date(2026, 11, 28) and case.status == "waiting"
    why = due.explain_due(case, cat, "zh")
    assert "2026年11月28日 前答复" in why and "中国人民银行" in why
    log.close()


def test_without_a_promise_the_usual_suggestion_applies(cat: Catalog) -> None:
    log, case = new_case(cat)
    callsheet.record_call(log, cat, case, TODAY, None, "会处理", None)
    case = log.get(case.id)
    assert case.next_due == dt.date(2026, 12, 7) and case.due_reason["basis"] == "suggestion"
    log.close()


def test_a_promise_is_a_date_not_before_the_call() -> None:
    assert callsheet.parse_promised("  ", TODAY) is None
    assert callsheet.parse_promised("2026年11月30日", TODAY) == dt.date(2026, 11, 30)
    with pytest.raises(callsheet.BadPromise) as e:
        callsheet.parse_promised("next week", TODAY)
    assert e.value.key == "cs_bad_promise"
    with pytest.raises(callsheet.BadPromise) as e:
        callsheet.parse_promised("2026-11-01", TODAY)
    assert e.value.key == "cs_promise_past"


# --- form fields --------------------------------------------------------------------------------


def test_12315_fields_name_the_company_and_say_limits_are_unverified(cat: Catalog) -> None:
    log, case = new_case(cat)
    f = forms.build(case, cat, "12315", "zh", TODAY, [])
    by = {x.id: x for x in f.fields}
    assert list(by) == ["respondent", "service", "time", "order", "facts", "demand"]
    assert "财付通支付科技有限公司" in by["respondent"].value
    assert by["time"].value == "2026年11月20日"
    assert by["order"].value == "2026112022001488990011"
    assert by["facts"].chars == len(by["facts"].value) > 50
    assert all(not x.to_json()["official_limit_verified"] for x in f.fields)
    assert any("没有核实" in n for n in f.notes)
    # a top-up goes to the PBoC, not to 12315: said on screen
    assert any("中国人民银行" in n and "市场监督管理部门" in n for n in f.notes)
    log.close()


@pytest.mark.parametrize("issue", ALL_ISSUES)
def test_every_problem_fills_the_forms_time_and_speaks_its_own_words(
    cat: Catalog, issue: str
) -> None:
    """Each packaged problem says what a call and a form need (new-user run: seven had
    no `submit`, so their forms said "not given" for a date the case had, and the call
    read the letter's title aloud)."""
    provider = "alipay"
    log, case = new_case(cat, provider, issue)
    spec = cat.playbooks[issue].submit
    assert spec is not None and spec.time is not None and spec.have
    f = {x.id: x for x in forms.build(case, cat, "12315", "zh", TODAY, []).fields}
    assert f["time"].value and "（未填写）" not in f["time"].value
    sheet = callsheet.build(case, cat, "zh", TODAY)
    said = "".join(sheet.say)
    assert said.startswith("你好") and "的函" not in said and "的投诉。" not in said[:20]
    log.close()


def test_a_field_with_no_answer_counts_nothing_and_says_so_on_screen(cat: Catalog) -> None:
    log, case = new_case(cat, "alipay", "frozen")
    f = forms.build(case, cat, "12315", "zh", TODAY, [])
    order = next(x for x in f.fields if x.id == "order")
    assert order.value == "" and order.chars == 0  # frozen accounts have no order number
    lines = casescreens.form_lines(f, "zh")
    i = lines.index("-- 订单号 (0 字) --")
    assert lines[i + 1] == "（未填写）"
    log.close()


def test_jd_pay_form_leaves_the_unverified_company_as_a_placeholder(cat: Catalog) -> None:
    log, case = new_case(cat, "jdpay")
    f = forms.build(case, cat, "12315", "zh", TODAY, [])
    assert "[被投诉公司全称]" in f.fields[0].value
    assert any("被投诉公司全称" in n for n in f.notes)
    log.close()


def test_the_in_app_text_stays_within_500_characters(cat: Catalog) -> None:
    log, case = new_case(cat, what_happened="很长的经过。" * 300)
    for lang in ("zh", "en"):
        f = forms.build(case, cat, "wallet", lang, TODAY, [])
        (message,) = f.fields
        assert message.chars <= forms.WALLET_CHARS and message.limit == 500
        assert ("立即将该笔充值入账" if lang == "zh" else "credit the top-up") in message.value
    log.close()


def test_the_in_app_text_lists_the_screenshots_with_their_files(
    cat: Catalog, tmp_path: Path
) -> None:
    log, case = new_case(cat)
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"png")
    attached = evidence.attach(log, case.id, [shot], "screenshot_record")
    f = forms.build(case, cat, "wallet", "en", TODAY, attached)
    assert any("shot.png" in a and "transaction record" in a for a in f.attach)
    assert any("bank's debit SMS" in a and "no file attached yet" in a for a in f.attach)
    log.close()


def test_12363_is_a_phone_script_with_the_history_and_the_ask(cat: Catalog) -> None:
    log, case = new_case(cat)
    f = forms.build(case, cat, "12363", "en", TODAY, [])
    text = "\n".join(x.value for x in f.fields)
    assert "A20261121-0042" in text  # the earlier contact and its reference
    assert "forward this complaint" in text  # the PBoC's `ask` from the directory
    assert any("weekday office hours" in n for n in f.notes)
    assert not any("not on this problem's escalation ladder" in n for n in f.notes)
    log.close()


# --- evidence -------------------------------------------------------------------------------------


def make(tmp_path: Path, name: str, data: bytes = b"evidence bytes") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_attach_copies_privately_with_name_size_time_and_hash(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    src = make(tmp_path, "银行短信.jpg", b"\xff\xd8 jpeg")
    (a,) = evidence.attach(log, case.id, [src], "bank_sms")
    assert a.name == "银行短信.jpg" and a.size == 7 and a.item == "bank_sms"
    assert a.sha256 == hashlib.sha256(b"\xff\xd8 jpeg").hexdigest()
    assert a.stored == "0001-bank_sms.jpg" and a.path().read_bytes() == b"\xff\xd8 jpeg"
    assert stat.S_IMODE(a.path().stat().st_mode) == 0o600
    assert stat.S_IMODE(a.path().parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(evidence.root().stat().st_mode) == 0o700
    assert evidence.listing(log, case.id) == [a]
    assert list(a.path().parent.glob(".attach.*")) == []  # no temporary file left
    log.close()


def test_attaching_ticks_the_checklist(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat, evidence_held=[])
    evidence.attach(log, case.id, [make(tmp_path, "a.png")], "target_proof")
    held = evidence.with_held(
        case.answers, evidence.listing(log, case.id), cat.playbooks[case.issue]
    )
    assert held["evidence_held"] == ["target_proof"]
    log.close()


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda p: p / "nope.png", "ev_missing"),
        (lambda p: p, "ev_directory"),
        (lambda p: make(p, "empty.png", b""), "ev_empty"),
    ],
)
def test_refused_files_say_why(cat: Catalog, tmp_path: Path, setup: Any, code: str) -> None:
    log, case = new_case(cat)
    with pytest.raises(evidence.EvidenceError) as e:
        evidence.attach(log, case.id, [setup(tmp_path)], None)
    assert e.value.code == code and e.value.exit == 2
    assert evidence.listing(log, case.id) == []
    log.close()


def test_a_special_file_is_refused(cat: Catalog, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    log, case = new_case(cat)
    with pytest.raises(evidence.EvidenceError) as e:
        evidence.attach(log, case.id, [fifo], None)
    assert e.value.code == "ev_special"
    log.close()


def test_too_large_is_refused_before_and_during_the_copy(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log, case = new_case(cat)
    big = make(tmp_path, "big.pdf", b"x" * 21)
    monkeypatch.setattr(evidence, "MAX_BYTES", 20)
    with pytest.raises(evidence.EvidenceError) as e:
        evidence.check_source(big)
    assert e.value.code == "ev_too_large" and e.value.detail == "21"
    # a file that grows after the check is still refused, and nothing is left behind
    monkeypatch.setattr(evidence, "check_source", lambda p: 1)
    with pytest.raises(evidence.EvidenceError):
        evidence.attach(log, case.id, [big], None)
    assert evidence.listing(log, case.id) == []
    assert list(evidence.case_folder(case.id).iterdir()) == []
    log.close()


def test_a_full_disk_keeps_what_was_attached_before(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log, case = new_case(cat)
    (first,) = evidence.attach(log, case.id, [make(tmp_path, "first.png")], "screenshot_record")
    real_copy = evidence._copy
    calls = []

    def full(src: Path, folder: Path) -> Any:
        calls.append(src)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy(src, folder)

    monkeypatch.setattr(evidence, "_copy", full)
    files = [make(tmp_path, "b.png", b"b"), make(tmp_path, "c.png", b"c")]
    with pytest.raises(evidence.EvidenceError) as e:
        evidence.attach(log, case.id, files, None)
    assert e.value.code == "ev_disk_full" and e.value.exit == 1 and e.value.path.endswith("c.png")
    assert evidence.listing(log, case.id) == [first]  # the batch is all or nothing
    assert sorted(p.name for p in evidence.case_folder(case.id).iterdir()) == [first.stored]
    assert evidence.verify(first) == "ok"
    log.close()


def test_verify_flags_a_changed_or_vanished_copy(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    a, b = evidence.attach(log, case.id, [make(tmp_path, "a.png"), make(tmp_path, "b.png")], None)
    a.path().write_bytes(b"edited")
    b.path().unlink()
    assert (evidence.verify(a), evidence.verify(b)) == ("changed", "missing")
    log.close()


def test_an_unknown_item_lists_the_known_ones(cat: Catalog) -> None:
    with pytest.raises(NotFound) as e:
        evidence.check_item(cat.playbooks["recharge"], "selfie")
    assert "bank_sms" in e.value.known


def test_safe_stem_keeps_names_portable() -> None:
    assert evidence.safe_stem("账单截图.png") == "file.png"
    assert evidence.safe_stem("账单截图.png", "screenshot_record") == "screenshot_record.png"
    assert evidence.safe_stem("../../etc/passwd") == "passwd"
    assert evidence.safe_stem("a b.JPG") == "a_b.jpg"


# --- letters and the case file ------------------------------------------------------------------


def test_the_letter_lists_files_by_item_and_markdown_adds_short_hashes(
    cat: Catalog, tmp_path: Path
) -> None:
    log, case = new_case(cat, evidence_held=[])
    evidence.attach(log, case.id, [make(tmp_path, "sms.jpg", b"sms")], "bank_sms")
    attached = evidence.listing(log, case.id)
    letter = casefile.case_letter(case, cat, "zh", TODAY, attached)
    text, md = letter.to_text(), letter.to_markdown()
    assert "1. 银行扣款短信或银行流水（文件：sms.jpg）" in text
    assert "SHA-256" not in text
    assert f"`sms.jpg`，SHA-256 {attached[0].short}" in md
    assert "相关证据正在整理" not in text
    log.close()


def test_the_escalation_letter_lists_the_files_too(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    evidence.attach(log, case.id, [make(tmp_path, "sms.jpg")], "bank_sms")
    esc = documents.prepare_escalation(
        cat, case, "pboc", "en", TODAY, evidence.listing(log, case.id)
    )
    text = esc.letter.to_text()
    assert "(2) The bank's debit SMS or statement (files: sms.jpg)" in text
    assert "(3) My original complaint letter to the respondent" in text
    log.close()


def test_the_zip_opens_and_its_index_hashes_match(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    files = [make(tmp_path, "截图1.png", b"one"), make(tmp_path, "sms.jpg", b"two")]
    evidence.attach(log, case.id, files, "screenshot_record")
    esc = documents.prepare_escalation(cat, log.get(case.id), "pboc", "en", TODAY)
    workflow.record_escalation(log, log.get(case.id), esc, TODAY)
    case = log.get(case.id)
    attached = evidence.listing(log, case.id)
    out = tmp_path / "case.zip"
    written = render_zip.export_zip(out, case, cat, "en", TODAY, attached)
    assert written.path == out and stat.S_IMODE(out.stat().st_mode) == 0o600
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert all(n.startswith("case-1/") and n.isascii() for n in names)
        sums = z.read("case-1/evidence/SHA256SUMS").decode().splitlines()
        assert len(sums) == 2
        for line in sums:
            sha, name = line.split("  ")
            assert hashlib.sha256(z.read(f"case-1/{name}")).hexdigest() == sha
        index = json.loads(z.read("case-1/evidence/index.json"))
        assert [x["name"] for x in index] == ["截图1.png", "sms.jpg"]
        readme = z.read("case-1/README.txt").decode()
        assert "What each file is" in readme and "截图1.png" in readme
        for n in names:
            if n != "case-1/README.txt" and not n.endswith("/SHA256SUMS"):
                assert n.removeprefix("case-1/") in readme
        assert "case-1/letters/01-letter.md" in names
        assert "case-1/letters/02-pboc.txt" in names
        answers = json.loads(z.read("case-1/answers.json"))
        assert answers["account_id"] == "****8000"
        assert answers["contact_phone"] == "****8000"  # in full only on the letter's line
        assert "13800138000" not in z.read("case-1/timeline.md").decode().split("```text")[0]
        assert "13800138000" in z.read("case-1/letters/01-letter.txt").decode()
    log.close()


def test_the_zip_never_overwrites_and_wants_an_existing_folder(
    cat: Catalog, tmp_path: Path
) -> None:
    log, case = new_case(cat)
    out = tmp_path / "case.zip"
    out.write_bytes(b"keep me")
    with pytest.raises(FileExists):
        render_zip.export_zip(out, case, cat, "zh", TODAY, [])
    assert out.read_bytes() == b"keep me"
    render_zip.export_zip(out, case, cat, "zh", TODAY, [], force=True)
    assert zipfile.is_zipfile(out)
    with pytest.raises(evidence.EvidenceError) as e:
        render_zip.export_zip(tmp_path / "missing" / "c.zip", case, cat, "zh", TODAY, [])
    assert e.value.code == "zip_no_dir"
    (tmp_path / "dir.zip").mkdir()
    with pytest.raises(evidence.EvidenceError) as e:
        render_zip.export_zip(tmp_path / "dir.zip", case, cat, "zh", TODAY, [], force=True)
    assert e.value.code == "zip_not_regular"
    log.close()


def test_a_changed_evidence_file_stops_the_export(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    (a,) = evidence.attach(log, case.id, [make(tmp_path, "a.png")], None)
    a.path().write_bytes(b"tampered")
    out = tmp_path / "case.zip"
    with pytest.raises(evidence.EvidenceError) as e:
        render_zip.export_zip(out, case, cat, "zh", TODAY, [a])
    assert e.value.code == "ev_changed_export" and e.value.exit == 1
    assert not out.exists() and list(tmp_path.glob(".case.zip.*")) == []
    log.close()


# --- the timeline --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timeline_fits_80_columns_and_marks_overdue(cat: Catalog, lang: str) -> None:
    log, case = new_case(cat)
    workflow.log_contact(log, cat, case, "hotline", TODAY, "R" * 30, "催办" * 40, None, None)
    case = log.get(case.id)
    later = TODAY + dt.timedelta(days=20)
    entries = timeline.entries(case, cat, lang, later)  # type: ignore[arg-type]
    assert [e.mark for e in entries] == ["done", "done", "done", "overdue"]
    assert entries[0].day == dt.date(2026, 11, 21)  # the interview's contact, on its date
    assert entries[-1].day == dt.date(2026, 12, 7)
    lines = casescreens.timeline_lines("T", entries)
    fits(lines)
    assert any(line.startswith("2026-12-07  !  ") for line in lines)
    assert ("已逾期 5 天" if lang == "zh" else "overdue by 5 days") in "\n".join(lines)
    assert "\x1b" not in "\n".join(lines)
    coloured = casescreens.timeline_lines("T", entries, colour=True)
    assert any("\x1b[1;31m!" in line for line in coloured)
    log.close()


def test_neutral_shows_escapes_instead_of_sending_them() -> None:
    assert safe.neutral("a\x1b[31mb\x07\u202e") == "a\\x1b[31mb\\x07\\u202e"
    assert safe.neutral("行1\n行2\t") == "行1\n行2\t"


def test_a_crowded_sheet_gives_way_caveats_first_then_questions_share_a_line(
    cat: Catalog,
) -> None:
    log, case = new_case(cat, "jdpay", "security")
    s = callsheet.build(case, cat, "en", TODAY)
    s.demands = s.demands[:3] * 2  # six: more to ask for than any playbook has today
    lines = casescreens.sheet_lines(s)
    assert len(lines) <= 22
    fits(lines)
    text = "\n".join(lines)
    assert "More caveats: walletcomplain providers show jdpay" in text
    assert "phishing" not in text  # a caveat gave way to the pointer
    assert "Before you hang up, ask: 1) " in text  # the questions share one paragraph
    log.close()


def test_form_facts_tell_every_contact_and_values_are_not_hard_wrapped(cat: Catalog) -> None:
    log, case = new_case(cat)
    callsheet.record_call(log, cat, case, TODAY, "WX-9", "x" * 200, None)
    case = log.get(case.id)
    f = forms.build(case, cat, "12315", "zh", TODAY, [])
    facts = next(x for x in f.fields if x.id == "facts").value
    assert "A20261121-0042" in facts and "WX-9" in facts
    assert "原投诉信附后" not in facts  # nothing is enclosed with a web form
    lines = casescreens.form_lines(f, "zh")
    assert any(("x" * 200) in line for line in lines)  # one line to copy, as typed
    script = forms.build(case, cat, "12363", "zh", TODAY, [])
    said = [x.value for x in script.fields]
    assert said[0] == "你好，我要投诉一笔没有到账的充值。" and said[1].startswith("被投诉的是")
    assert sum("你好" in x for x in said) == 1
    log.close()


def test_the_in_app_text_opens_with_the_subject_not_a_phone_greeting(cat: Catalog) -> None:
    log, case = new_case(cat)
    (message,) = forms.build(case, cat, "wallet", "en", TODAY, []).fields
    assert message.value.startswith("Top-up of RMB 200.00 on 20 November 2026 not credited.")
    assert "calling" not in message.value
    log.close()


def test_dropped_paths_read_what_terminals_paste(tmp_path: Path) -> None:
    assert evidence.dropped_paths("'/a/My Shot.png' /b/c\\ d.jpg") == [
        Path("/a/My Shot.png"),
        Path("/b/c d.jpg"),
    ]
    assert evidence.dropped_paths("file:///tmp/%E6%88%AA%E5%9B%BE.png") == [Path("/tmp/截图.png")]
    assert evidence.dropped_paths("'/unbalanced.png") == [Path("/unbalanced.png")]
    assert evidence.dropped_paths("   ") == []


def test_a_hostile_file_name_is_stored_and_shown_neutralised(cat: Catalog, tmp_path: Path) -> None:
    log, case = new_case(cat)
    (a,) = evidence.attach(log, case.id, [make(tmp_path, "a\x1b[31mred\u202e.png")], "bank_sms")
    assert a.name == "a\\x1b[31mred\\u202e.png"
    letter = casefile.case_letter(case, cat, "en", TODAY, evidence.listing(log, case.id))
    assert "\x1b" not in letter.to_text() + letter.to_markdown()
    log.close()


def test_a_file_swapped_for_a_pipe_after_the_check_does_not_hang(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    monkeypatch.setattr(evidence, "check_source", lambda p: 1)
    log, case = new_case(cat)
    with pytest.raises(evidence.EvidenceError) as e:
        evidence.attach(log, case.id, [fifo], None)
    assert e.value.code == "ev_special" and evidence.listing(log, case.id) == []
    log.close()


def test_a_merchant_dispute_sheet_says_the_merchant_comes_first(cat: Catalog) -> None:
    log, case = new_case(cat, "alipay", "dispute")
    s = callsheet.build(case, cat, "zh", TODAY)
    assert s.first is not None and "某某数码旗舰店" in s.first and "平台" in s.first
    assert casescreens.sheet_lines(s)[1].startswith("! 这件事的被投诉方是")
    recharge_log, recharge = new_case(cat)
    assert callsheet.build(recharge, cat, "zh", TODAY).first is None
    apple = workflow.record(
        recharge_log,
        complaint.report(
            complaint.build(
                cat, "applepay", "recharge", cat.playbooks["recharge"].example, "en", TODAY
            )
        ),
        TODAY,
    )
    first = callsheet.build(recharge_log.get(apple), cat, "en", TODAY).first
    assert first is not None and "back of the card" in first
    log.close()
    recharge_log.close()


HOSTILE = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300)


def test_a_word_longer_than_the_line_is_cut_at_the_edge(cat: Catalog) -> None:
    log, case = new_case(cat)
    callsheet.record_call(
        log, cat, log.get(case.id), TODAY, "R" * 200, "https://" + "x" * 150, None
    )
    case = log.get(case.id)
    lines = casescreens.timeline_lines("T", timeline.entries(case, cat, "en", TODAY))
    lines += casescreens.sheet_lines(callsheet.build(case, cat, "en", TODAY))
    fits(lines)
    joined = "".join(line.strip().lstrip("|").strip() for line in lines)
    assert joined.count("R" * 200) == 2  # in the timeline and as the sheet's last reference
    log.close()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=HOSTILE, reply=HOSTILE, ref=HOSTILE)
def test_any_text_in_the_log_stays_in_80_columns_with_no_raw_control_byte(
    cat: Catalog, note: str, reply: str, ref: str
) -> None:
    log, case = new_case(cat)
    case = log.get(case.id)
    callsheet.record_call(log, cat, case, TODAY, ref, reply, None)
    workflow.log_contact(log, cat, log.get(case.id), "email", TODAY, None, note, None, None)
    case = log.get(case.id)
    for lang in ("zh", "en"):
        lines = casescreens.timeline_lines("T", timeline.entries(case, cat, lang, TODAY))
        lines += casescreens.sheet_lines(callsheet.build(case, cat, lang, TODAY))
        fits(lines)
        for line in lines:
            assert not safe.has_raw_control(line), repr(line)
    log.close()
