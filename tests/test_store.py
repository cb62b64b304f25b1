"""The case log: store, migrations, concurrency, damage, due dates, escalation letters."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from walletcomplain import complaint, documents, due, migrations, store, workflow
from walletcomplain.errors import CaseNotFound, StoreError
from walletcomplain.models import Catalog
from walletcomplain.store import Event, Store

from .conftest import TODAY
from .old_store import old_log

GOLDEN = Path(__file__).parent / "golden"


def new_case(
    log: Store,
    cat: Catalog,
    issue: str = "recharge",
    provider: str = "alipay",
    lang: str = "zh",
    day: dt.date = TODAY,
) -> int:
    example = cat.playbooks[issue].example
    rep = complaint.report(complaint.build(cat, provider, issue, example, lang, TODAY))  # type: ignore[arg-type]
    return workflow.record(log, rep, day)


def test_a_case_and_its_timeline(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat)
    case = log.get(case_id)
    assert (case.provider, case.issue, case.status) == ("alipay", "recharge", "open")
    assert case.answers["amount"] == "200.00" and "支付宝（中国）网络技术有限公司" in case.letter
    assert case.next_due == TODAY + dt.timedelta(days=15)
    assert case.due_reason["basis"] == "suggestion"
    assert [e.kind for e in case.events] == ["created"]
    path = store.db_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert log.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_contact_sets_the_next_date_from_the_ladder(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat))
    workflow.log_contact(
        log, cat, case, "hotline", dt.date(2026, 11, 23), "A1", "说三天内处理", None, None
    )
    case = log.get(case.id)
    assert case.status == "waiting"
    assert case.next_due == dt.date(2026, 12, 8)
    why = due.explain_due(case, cat, "en")
    assert "escalating to the People's Bank of China" in why and "we suggest" in why
    workflow.log_contact(
        log, cat, case, "authority", dt.date(2026, 12, 9), None, None, None, "samr"
    )
    case = log.get(case.id)
    assert case.status == "escalated"
    assert case.next_due == dt.date(
        2026, 12, 18
    )  # 7 working days (SAMR Order 2019 No. 20, Art. 14)
    assert "7 working days" in due.explain_due(case, cat, "en")
    workflow.log_contact(
        log, cat, case, "hotline", dt.date(2026, 12, 10), None, None, "已退款 200 元", None
    )
    case = log.get(case.id)
    assert case.next_due == dt.date(2026, 12, 10) and case.due_reason["kind"] == "review_reply"
    workflow.close(log, case, "resolved", "到账了", dt.date(2026, 12, 11))
    case = log.get(case.id)
    assert (case.status, case.outcome, case.next_due) == ("closed", "resolved", None)
    assert [e.kind for e in case.events] == ["created", "contact", "contact", "reply", "closed"]


def test_free_text_in_the_log_is_masked(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat))
    workflow.log_contact(
        log,
        cat,
        case,
        "hotline",
        TODAY,
        None,
        "客服要验证码 123456，卡号 6222021234567890128",
        None,
        None,
    )
    note = log.get(case.id).events[-1].note or ""
    assert "123456" not in note and "6222021234567890128" not in note


def test_due_lists_only_what_is_due(cat: Catalog) -> None:
    log = Store()
    a = new_case(log, cat, day=dt.date(2026, 11, 1))
    b = new_case(log, cat, day=dt.date(2026, 11, 20))
    c = new_case(log, cat, day=dt.date(2026, 11, 2))
    workflow.close(log, log.get(c), "abandoned", None, TODAY)
    assert [x.id for x in log.due(TODAY)] == [a]
    assert [x.id for x in log.due(dt.date(2026, 12, 31))] == [a, b]


def test_unknown_case() -> None:
    log = Store()
    with pytest.raises(CaseNotFound):
        log.get(42)
    with pytest.raises(CaseNotFound):
        log.add_event(42, Event(case_id=42, day=TODAY, kind="note"), None, None)
    with pytest.raises(CaseNotFound):
        log.delete(42)


def test_a_failed_write_leaves_the_case_as_it_was(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat)
    before = log.get(case_id)

    def half_a_change() -> None:
        with log.write() as c:
            c.execute("UPDATE cases SET status = 'closed' WHERE id = ?", (case_id,))
            c.execute(
                "INSERT INTO events (case_id, day, kind, created) VALUES (?, ?, 'note', 'x')",
                (case_id, "2026-11-22"),
            )
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        half_a_change()
    after = log.get(case_id)
    assert after.status == before.status and len(after.events) == len(before.events)
    with pytest.raises(
        sqlite3.IntegrityError
    ):  # a check constraint fails half way: nothing is kept
        log.add_event(case_id, Event(case_id=case_id, day=TODAY, kind="note"), "lost", None)
    assert len(log.get(case_id).events) == len(before.events)


def test_not_a_database_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "walletcomplain.db"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError) as e:
        Store(path)
    assert str(path) in str(e.value) and "untouched" in str(e.value)
    assert path.read_bytes() == before


def test_a_damaged_database_is_named_and_left_alone(tmp_path: Path, cat: Catalog) -> None:
    path = tmp_path / "walletcomplain.db"
    log = Store(path)
    new_case(log, cat)
    log.close()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"  # the SQLite header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as e:
        Store(path)
    assert str(path) in str(e.value)
    assert path.read_bytes()[:16] == b"garbage garbage!"


def test_an_old_database_upgrades_itself_and_drafts_move_in(tmp_path: Path) -> None:
    home = Path(os.environ["WALLETCOMPLAIN_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "drafts").mkdir()
    draft = {
        "id": "20261120-120000-000001",
        "provider": "alipay",
        "issue": "recharge",
        "lang": "zh",
        "answers": {"amount": "200.00"},
        "saved": "2026-11-20T12:00:00",
        "version": 1,
    }
    (home / "drafts" / f"{draft['id']}.json").write_text(json.dumps(draft), encoding="utf-8")
    db = old_log(home / store.FILENAME)
    db.execute(
        "INSERT INTO cases (provider, issue, lang, answers, letter, status, created, updated)"
        " VALUES ('alipay', 'recharge', 'zh', '{}', 'old letter', 'open', '2026-11-01', 'then')"
    )
    db.commit()
    db.close()
    log = Store()
    names = log.conn.execute("SELECT name FROM migrations ORDER BY name")
    assert [r[0] for r in names] == [m.__name__ for m in migrations.MIGRATIONS]
    assert log.get(1).letter == "old letter"
    assert [d["id"] for d in log.drafts()] == [draft["id"]]
    assert list((home / "drafts").glob("*.json")) == []


def _writer(home: str, worker: int, n: int) -> None:
    os.environ["WALLETCOMPLAIN_HOME"] = home
    log = Store()
    for i in range(n):
        case_id = log.add_case(
            "alipay",
            "recharge",
            "zh",
            {"w": worker, "i": i},
            "letter",
            TODAY,
            (TODAY, {"kind": "letter"}),
        )
        log.add_event(
            case_id,
            Event(
                case_id=case_id, day=TODAY, kind="contact", channel="hotline", ref=f"{worker}-{i}"
            ),
            "waiting",
            None,
        )
    log.close()


def test_several_writer_processes_lose_nothing() -> None:
    home = os.environ["WALLETCOMPLAIN_HOME"]
    Store().close()  # create it first, as the first run of the tool would
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(home, w, 40)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    log = Store()
    assert log.count() == 160
    assert (
        log.conn.execute("SELECT count(*) FROM events WHERE kind = 'contact'").fetchone()[0] == 160
    )
    refs = {r[0] for r in log.conn.execute("SELECT ref FROM events WHERE ref IS NOT NULL")}
    assert len(refs) == 160


def test_purge_and_delete(cat: Catalog) -> None:
    log = Store()
    a, b = new_case(log, cat), new_case(log, cat)
    log.save_draft("d", {"id": "d"})
    log.delete(a)
    assert (
        log.count() == 1
        and log.conn.execute("SELECT count(*) FROM events WHERE case_id = ?", (a,)).fetchone()[0]
        == 0
    )
    assert log.purge() == 1
    assert log.count() == 0 and log.drafts() == []
    with pytest.raises(CaseNotFound):
        log.get(b)


def test_no_save_turns_recording_off() -> None:
    assert store.enabled({})
    assert not store.enabled({"WALLETCOMPLAIN_NO_SAVE": "1"})
    assert store.enabled({"WALLETCOMPLAIN_NO_SAVE": "0"})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_escalation_letters(cat: Catalog, lang: str) -> None:
    log = Store()
    case = log.get(new_case(log, cat, lang=lang, day=dt.date(2026, 11, 22)))
    workflow.log_contact(
        log,
        cat,
        case,
        "hotline",
        dt.date(2026, 11, 23),
        "A20261123-0042",
        "说 3 个工作日内处理" if lang == "zh" else "they said three working days",
        None,
        None,
    )
    workflow.log_contact(
        log, cat, log.get(case.id), "in_app", dt.date(2026, 11, 30), "CS-7788", None, None, None
    )
    day = dt.date(2026, 12, 16)
    result = documents.prepare_escalation(cat, log.get(case.id), None, lang, day)  # type: ignore[arg-type]
    assert result.authority.id == "pboc" and result.early is None
    text = result.letter.to_text()
    path = GOLDEN / f"escalation.recharge.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    for part in ["A20261121-0042", "A20261123-0042", "CS-7788", "支付宝（中国）网络技术有限公司"]:
        assert part in text
    # the history starts with the contact reported in the interview, before the letter
    history = text[text.index("A20261121-0042") :]
    assert history.index("A20261121-0042") < history.index("A20261123-0042")
    assert log.get(case.id).status == "waiting"  # preparing records nothing
    workflow.record_escalation(log, log.get(case.id), result, day)
    case = log.get(case.id)
    assert case.status == "escalated" and case.events[-1].authority == "pboc"
    assert case.next_due == dt.date(2026, 12, 31)


def escalate(log: Store, cat: Catalog, case_id: int, to: str | None) -> documents.Escalation:
    esc = documents.prepare_escalation(cat, log.get(case_id), to, "zh", TODAY)
    workflow.record_escalation(log, log.get(case_id), esc, TODAY)
    return esc


def test_escalation_goes_up_the_ladder(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="dispute", provider="jdpay")
    assert workflow.next_authority(log.get(case_id), cat).id == "samr"  # type: ignore[union-attr]
    letter = escalate(log, cat, case_id, None).letter.to_text()
    assert "地址：[你的地址]" in letter and "地址：[被投诉人地址]" in letter  # SAMR needs both
    assert "第四十六条" in letter  # asks it to act within 7 working days
    case = log.get(case_id)
    assert case.due_reason["working_days"] and case.next_due == dt.date(2026, 12, 1)
    # the payment side may still go to the wallet's regulator
    assert workflow.next_authority(case, cat).id == "pboc"  # type: ignore[union-attr]


def test_samr_is_not_suggested_after_pboc_handled_the_dispute(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="fees", provider="alipay")
    assert workflow.next_authority(log.get(case_id), cat).id == "pboc"  # type: ignore[union-attr]
    escalate(log, cat, case_id, None)
    assert workflow.next_authority(log.get(case_id), cat) is None


def test_fraud_case_is_due_today_and_the_police_get_a_police_report(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="security")
    case = log.get(case_id)
    assert case.next_due == TODAY and case.due_reason["kind"] == "urgent"
    assert "110" in due.explain_due(case, cat, "zh")
    esc = documents.prepare_escalation(cat, case, "police", "zh", TODAY)
    text = esc.letter.to_text()
    assert esc.letter.kind == "police_report" and esc.early is None
    assert text.startswith("致：[公安机关名称]") and "报案材料" in text and "立案侦查" in text
    assert "投诉处理部门" not in text  # not a complaint about the wallet's complaint handling


def test_no_letter_for_a_court(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat))
    with pytest.raises(documents.NoDocument):
        documents.prepare_escalation(cat, case, "court", "zh", TODAY)


@pytest.mark.parametrize(
    ("issue", "provider", "authority"),
    [
        ("auto_renewal", "wechatpay", "samr"),  # 12315 against the merchant
        ("frozen", "alipay", "pboc"),
        ("refund", "jdpay", "pboc"),
        ("wrong_transfer", "alipay", "pboc"),  # the wallet's handling; the payee is for a court
        ("credit", "alipay", "nfra"),  # 12378: the lender is a consumer-finance company
        ("other", "unionpay", "pboc"),
    ],
)
def test_new_problems_escalate_to_their_authority(
    cat: Catalog, issue: str, provider: str, authority: str
) -> None:
    log = Store()
    case_id = new_case(log, cat, issue=issue, provider=provider)
    assert workflow.next_authority(log.get(case_id), cat).id == authority  # type: ignore[union-attr]
    esc = escalate(log, cat, case_id, None)
    a = cat.directory.authority(authority)
    assert a is not None and a.law is not None
    law = cat.directory.law(a.law)
    assert law is not None and law.cite.zh in esc.letter.to_text()
    case = log.get(case_id)
    assert case.status == "escalated" and case.events[-1].authority == authority
    assert a.rule is not None and a.rule.days is not None
    if a.rule.working_days:  # SAMR: 7 working days on the official calendar
        assert case.due_reason["working_days"] and case.next_due == dt.date(2026, 12, 1)
    else:
        assert case.next_due == TODAY + dt.timedelta(days=a.rule.days)


def test_a_credit_case_is_due_on_the_lenders_legal_deadline(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat, issue="credit", provider="alipay"))
    assert case.next_due == TODAY + dt.timedelta(days=15)
    assert case.due_reason["basis"] == "rule"  # the NFRA rule binds the lender: not a suggestion
    assert "重庆蚂蚁消费金融有限公司" in case.letter
    why = due.explain_due(case, cat, "en")
    assert "suggestion" not in why


def test_a_scam_case_is_due_today_and_the_police_get_a_police_report(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat, issue="scam", provider="wechatpay"))
    assert case.next_due == TODAY and case.due_reason["kind"] == "urgent"
    esc = documents.prepare_escalation(cat, case, "police", "zh", TODAY)
    assert esc.letter.kind == "police_report" and "刷单返利" in esc.letter.to_text()


def test_a_wrong_transfer_has_no_letter_for_the_court(cat: Catalog) -> None:
    log = Store()
    case = log.get(new_case(log, cat, issue="wrong_transfer"))
    with pytest.raises(documents.NoDocument):
        documents.prepare_escalation(cat, case, "court", "zh", TODAY)
