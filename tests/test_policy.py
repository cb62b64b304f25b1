"""Phone look-ups, the escalation ladder and the due-date policy, against expectations
written out by hand (not computed with the code under test)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from walletcomplain import documents, due, escalation, phone, workflow
from walletcomplain.messages import t
from walletcomplain.models import Catalog, Channel, Text, to_data
from walletcomplain.store import Store

from .conftest import TODAY
from .test_store import new_case

# --- phone ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory() -> dict[str, Any]:
    from walletcomplain import catalog

    data: dict[str, Any] = to_data(catalog.load(use_cache=False, today=TODAY).directory)
    return data


@pytest.mark.parametrize(
    ("typed", "national", "ext"),
    [
        ("95188转7", "95188", "7"),
        ("95188 分机 7", "95188", "7"),
        ("95188 ext 12", "95188", "12"),
        ("95188 ext. 7", "95188", "7"),
        ("95188x7", "95188", "7"),
        ("95188 #7", "95188", "7"),
        ("95188,7", "95188", "7"),
        ("(0571) 9518-8", "57195188", None),
        ("0571.95188", "57195188", None),
        ("0571/95188", "57195188", None),
        ("（0571）95188", "57195188", None),
        ("+86 95188", "95188", None),
        ("0086 95188", "95188", None),
        ("+86 010 12363", "1012363", None),
        ("110", "110", None),
        ("123456789012345", "123456789012345", None),
    ],
)
def test_normalize_by_hand(typed: str, national: str, ext: str | None) -> None:
    n = phone.normalize(typed)
    assert (n.national, n.extension, n.foreign) == (national, ext, False)


@pytest.mark.parametrize("typed", ["+44 95188", "+1 95188", "001 95188"])
def test_foreign_numbers(typed: str, directory: dict[str, Any]) -> None:
    n = phone.normalize(typed)
    assert n.foreign
    assert phone.lookup(directory, typed).verdict == "not_found"


@pytest.mark.parametrize("typed", ["12", "1234567890123456", "转7", "ext 7", "95188 转 1234567"])
def test_not_numbers(typed: str) -> None:
    with pytest.raises(phone.InvalidNumber):
        phone.normalize(typed)


@pytest.mark.parametrize(
    ("typed", "owner", "via"),
    [
        ("010-12363", "pboc", True),
        ("021-12363", "pboc", True),
        ("0571-12363", "pboc", True),
        ("0991-12363", "pboc", True),
        ("010-110", "police", True),
        ("110", "police", False),
        ("12363", "pboc", False),
    ],
)
def test_service_numbers_behind_an_area_code(
    typed: str, owner: str, via: bool, directory: dict[str, Any]
) -> None:
    r = phone.lookup(directory, typed)
    assert r.verdict == "official"
    assert r.matches[0].owner_id == owner
    assert r.matches[0].via_area_code is via


@pytest.mark.parametrize("typed", ["0123-12363", "030-12363", "01-12363", "0200-12363"])
def test_implausible_area_codes_are_not_official(typed: str, directory: dict[str, Any]) -> None:
    assert phone.lookup(directory, typed).verdict == "not_found"


def test_area_code_rule_by_hand() -> None:
    for ok in ("10", "20", "21", "29", "311", "571", "991"):
        assert phone._plausible_area_code(ok), ok
    for bad in ("11", "30", "99", "1", "123", "200", "0571", ""):
        assert not phone._plausible_area_code(bad), bad


def test_only_hotlines_with_a_value_are_indexed(directory: dict[str, Any]) -> None:
    keys = phone.index(directory)
    assert "95188" in keys and "12363" in keys
    assert all(m.channel["kind"] == "hotline" for ms in keys.values() for m in ms)
    tp = [m for ms in keys.values() for m in ms if m.owner_id == "tpwallet"]
    assert tp == []  # tpWallet has no hotline: its e-mail or web is never a "number"


# --- escalation -----------------------------------------------------------------------------


def ch(kind: str) -> Channel:
    return Channel(
        kind=kind,  # type: ignore[arg-type]
        value="95188",
        path=Text(zh="x", en="x"),
        source="a test",
        checked=TODAY,
    )


def test_channel_order_by_hand() -> None:
    kinds = ["other", "forum", "email", "web", "in_app", "hotline"]
    chans = [ch(k) for k in kinds]
    assert [c.kind for c in escalation.sorted_channels(chans)] == list(reversed(kinds))
    assert [c.kind for c in escalation.sorted_channels(list(reversed(chans)))] == list(
        reversed(kinds)
    )


def test_crypto_wallet_ladder(cat: Catalog) -> None:
    d = cat.directory
    plan = escalation.plan(d, d.provider("tpwallet"), cat.playbooks["security"])  # type: ignore[arg-type]
    decline = {s.key: s.may_decline for s in plan.steps}
    assert decline.pop("provider") is False
    assert decline.pop("court") is False  # a court still hears a crypto case
    assert decline.pop("police", False) is False
    assert decline and all(decline.values())  # the regulators and mediation may decline
    assert plan.next_authority() is None  # so no letter names one as what comes next


@pytest.mark.parametrize(("issue", "provider"), [("security", "alipay"), ("dispute", "wechatpay")])
def test_next_authority_is_never_police_mediation_or_court(
    cat: Catalog, issue: str, provider: str
) -> None:
    d = cat.directory
    plan = escalation.plan(d, d.provider(provider), cat.playbooks[issue])  # type: ignore[arg-type]
    nxt = plan.next_authority()
    assert nxt is not None and nxt.key in ("pboc", "samr", "nfra")
    assert [s.key for s in plan.steps][-2:] == ["cca", "court"]  # always open, always last
    keys = [s.key for s in plan.steps]
    assert len(keys) == len(set(keys))  # each authority once


def test_one_rule_for_a_regulator_that_refuses_after_another(cat: Catalog) -> None:
    """The ladder's next authority and a form's screen note use the same rule: the market
    regulator does not take a dispute another regulator has handled."""
    samr, pboc = cat.directory.authority("samr"), cat.directory.authority("pboc")
    assert samr is not None and pboc is not None
    assert escalation.refuses_after(samr, frozenset({"pboc"}))
    assert not escalation.refuses_after(samr, frozenset())
    assert not escalation.refuses_after(samr, frozenset({"samr"}))  # its own case goes on
    assert not escalation.refuses_after(pboc, frozenset({"samr"}))
    d = cat.directory
    plan = escalation.plan(d, d.provider("wechatpay"), cat.playbooks["dispute"])  # type: ignore[arg-type]
    assert plan.next_authority(frozenset({"pboc"})) is None or (
        plan.next_authority(frozenset({"pboc"})).key != "samr"  # type: ignore[union-attr]
    )


def test_steps_carry_the_rule(cat: Catalog) -> None:
    d = cat.directory
    plan = escalation.plan(d, d.provider("alipay"), cat.playbooks["dispute"])  # type: ignore[arg-type]
    by = {s.key: s for s in plan.steps}
    assert (by["pboc"].wait_days, by["pboc"].max_days, by["pboc"].working_days) == (15, 60, False)
    assert by["pboc"].basis == "rule"
    assert (by["samr"].wait_days, by["samr"].working_days, by["samr"].basis) == (7, True, "rule")
    assert (by["cca"].wait_days, by["cca"].basis, by["cca"].rule) == (None, None, None)
    assert by["merchant"].wait_days == 15 and by["merchant"].basis == "suggestion"


@pytest.mark.parametrize(
    ("start", "days", "working", "expected"),
    [
        (dt.date(2026, 11, 20), 0, True, dt.date(2026, 11, 20)),  # Friday, nothing to add
        (dt.date(2026, 11, 21), 1, True, dt.date(2026, 11, 23)),  # Saturday -> Monday
        (dt.date(2026, 11, 22), 1, True, dt.date(2026, 11, 23)),  # Sunday -> Monday
        (dt.date(2026, 11, 23), 5, True, dt.date(2026, 11, 30)),  # a whole week
        (dt.date(2026, 11, 23), 4, True, dt.date(2026, 11, 27)),  # Monday -> Friday
        (dt.date(2026, 11, 21), 1, False, dt.date(2026, 11, 22)),
    ],
)
def test_add_days_by_hand(start: dt.date, days: int, working: bool, expected: dt.date) -> None:
    from walletcomplain import workdays  # late November 2026: no public holiday near

    assert workdays.add_days(start, days, working).date == expected


# --- the due-date policy ----------------------------------------------------------------------

DAY = dt.date(2026, 11, 16)  # a Monday


def test_hotline_contact_waits_fifteen_days(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, day=DAY)
    case = log.get(case_id)
    assert case.next_due == dt.date(2026, 12, 1)  # the letter: 15 days
    assert case.due_reason["kind"] == "letter" and case.due_reason["basis"] == "suggestion"
    event = workflow.log_contact(log, cat, case, "hotline", DAY, "A1", None, None, None)
    case = log.get(case_id)
    assert event.kind == "contact" and case.status == "waiting"
    assert case.next_due == dt.date(2026, 12, 1)
    r = case.due_reason
    assert (r["kind"], r["since"], r["days"], r["basis"], r["next"]) == (
        "provider_reply",
        "2026-11-16",
        15,
        "suggestion",
        "pboc",
    )


def test_authority_contact_follows_its_rule(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="dispute", day=DAY)
    workflow.log_contact(log, cat, log.get(case_id), "authority", DAY, None, "x", None, "samr")
    case = log.get(case_id)
    assert case.status == "escalated"
    assert case.next_due == dt.date(2026, 11, 25)  # 7 working days from a Monday
    r = case.due_reason
    assert (r["kind"], r["basis"], r["days"], r["working_days"], r["authority"]) == (
        "authority_reply",
        "rule",
        7,
        True,
        "samr",
    )
    workflow.log_contact(log, cat, case, "authority", DAY, None, "y", None, "cca")
    r = log.get(case_id).due_reason
    assert (r["basis"], r["days"], log.get(case_id).next_due) == (
        "suggestion",
        15,
        dt.date(2026, 12, 1),
    )


def test_a_reply_is_due_for_review_today(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, day=DAY)
    event = workflow.log_contact(log, cat, log.get(case_id), "email", DAY, None, None, "no", None)
    case = log.get(case_id)
    assert event.kind == "reply"
    assert case.next_due == DAY and case.due_reason["kind"] == "review_reply"
    event = workflow.log_contact(log, cat, case, "email", DAY, "R2", None, "no", None)
    assert event.kind == "contact"  # a reference makes it a contact that carried a reply


def test_next_authority_skips_the_ones_already_used(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="dispute", day=DAY)
    case = log.get(case_id)
    first = workflow.next_authority(case, cat)
    assert first is not None and first.id == "samr"
    esc = documents.prepare_escalation(cat, case, None, "en", DAY)
    assert esc.authority.id == "samr"
    workflow.record_escalation(log, case, esc, DAY)
    case = log.get(case_id)
    second = workflow.next_authority(case, cat)
    assert second is not None and second.id == "pboc"
    assert case.next_due == dt.date(2026, 11, 25)


def test_explain_due_in_words(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, day=DAY)
    text = due.explain_due(log.get(case_id), cat, "en")
    assert "16 November 2026" in text and "1 December 2026" in text and "15" in text
    workflow.close(log, log.get(case_id), "resolved", None, DAY)
    closed = log.get(case_id)
    assert closed.next_due is None
    assert due.explain_due(closed, cat, "en") == t("c_due_none", "en")


def test_due_for_authority_without_a_rule_is_a_suggestion(cat: Catalog) -> None:
    cca = cat.directory.authority("cca")
    assert cca is not None and cca.rule is None
    day, why = due.due_for_authority(cca, DAY)
    assert day == dt.date(2026, 12, 1) and why["basis"] == "suggestion" and why["days"] == 15
    pboc = cat.directory.authority("pboc")
    assert pboc is not None
    day, why = due.due_for_authority(pboc, DAY)
    assert day == dt.date(2026, 12, 1) and why["basis"] == "rule" and why["max_days"] == 60
    assert why["working_days"] is False and why["authority"] == "pboc"


def test_dataclasses_replace_keeps_channels(cat: Catalog) -> None:
    p = cat.directory.provider("alipay")
    assert p is not None
    q = dataclasses.replace(p, channels=list(reversed(p.channels)))
    assert (
        escalation.plan(cat.directory, q, cat.playbooks["recharge"]).channels[0].kind == "hotline"
    )


def test_lookup_says_who_and_why(directory: dict[str, Any]) -> None:
    for typed in ("95188", "+86 95188", "0086 95188"):  # with or without China's prefix
        assert phone.normalize(typed).national == "95188"
        assert not phone.normalize(typed).foreign
    alipay = phone.lookup(directory, "95188")
    assert [(m.owner, m.owner_id) for m in alipay.matches] == [("provider", "alipay")]
    police = phone.lookup(directory, "110")
    assert police.matches[0].owner == "authority"
    look = phone.lookup(directory, "95055")
    assert look.verdict == "wary" and look.warnings and not look.matches


def _steps(plan: escalation.Plan) -> list[tuple[Any, ...]]:
    return [
        (s.key, s.kind, s.basis, s.wait_days, s.working_days, s.may_decline) for s in plan.steps
    ]


def test_fraud_loss_ladder_by_hand(cat: Catalog) -> None:
    d, pb = cat.directory, cat.playbooks["security"]
    loss = dict(pb.example)
    alipay = d.provider("alipay")
    assert alipay is not None
    plan = escalation.plan(d, alipay, pb, loss)
    assert plan.urgent
    assert _steps(plan) == [
        ("police", "authority", "now", None, False, False),
        ("bank", "bank", "now", None, False, False),
        ("provider", "provider", "suggestion", 15, False, False),
        ("pboc", "authority", "rule", 15, False, False),
        ("cca", "authority", None, None, False, False),
        ("court", "authority", None, None, False, False),
    ]
    assert plan.steps[0].max_days is None and plan.steps[0].cite is None
    names = [escalation.step_name(s, alipay, "en") for s in plan.steps]
    assert names[:3] == ["the police", "your card's issuing bank", "Alipay"]
    apple = d.provider("applepay")
    assert apple is not None
    apple_plan = escalation.plan(d, apple, pb, loss)
    assert [s.key for s in apple_plan.steps][:3] == ["police", "bank", "nfra"]  # no "provider"
    calm = escalation.plan(d, apple, pb, {**loss, "money_lost": False})
    assert not calm.urgent and calm.steps[0].key == "provider"
    assert escalation.step_name(calm.steps[0], apple, "en") != apple.name.get("en")
    tp = d.provider("tpwallet")
    assert tp is not None
    assert [s.may_decline for s in escalation.plan(d, tp, pb, loss).steps] == [
        False, False, False, True, True, False,
    ]  # fmt: skip
    assert (
        escalation.plan(d, alipay, pb, {**loss, "money_lost": False}).next_authority() is not None
    )


def test_reply_days_come_from_the_respondents_step(cat: Catalog) -> None:
    d, pb = cat.directory, cat.playbooks["recharge"]
    alipay = d.provider("alipay")
    assert alipay is not None
    plan = escalation.plan(d, alipay, pb)
    i = next(i for i, s in enumerate(plan.steps) if s.kind == "provider")
    steps = list(plan.steps)
    steps[i] = dataclasses.replace(steps[i], wait_days=20)
    assert dataclasses.replace(plan, steps=steps).reply_days == 20
    steps[i] = dataclasses.replace(steps[i], wait_days=None)
    assert dataclasses.replace(plan, steps=steps).reply_days == 15
    assert (
        dataclasses.replace(plan, steps=[s for s in steps if s.kind != "provider"]).reply_days == 15
    )


def test_issuing_bank_step_names_the_brand(cat: Catalog) -> None:
    d, pb = cat.directory, cat.playbooks["recharge"]
    apple = d.provider("applepay")
    assert apple is not None
    step = escalation.plan(d, apple, pb).steps[0]
    for lang in ("zh", "en"):
        name = escalation.step_name(step, apple, lang)
        assert "Apple Pay" in name and "{" not in name
    assert step.cite is not None  # the bank's own regulator's rule, cited on screen


# --- explain_due: each kind of reason says its own thing ------------------------------------


def case_with(reason: dict[str, Any], status: str = "waiting", due: dt.date | None = None) -> Any:
    from walletcomplain.store import Case

    return Case(
        id=1,
        provider="alipay",
        issue="dispute",
        lang="en",
        answers={},
        letter="",
        status=status,  # type: ignore[arg-type]
        created=dt.date(2026, 11, 2),
        updated="",
        next_due=due if due is not None else dt.date(2026, 12, 1),
        due_reason=reason,
    )


def test_explain_due_for_every_kind(cat: Catalog) -> None:
    def say(reason: dict[str, Any], **kw: Any) -> str:
        return due.explain_due(case_with(reason, **kw), cat, "en")

    assert say({}, status="closed") == t("c_due_none", "en")
    assert say({"kind": "urgent"}) == t("c_due_urgent", "en", provider="Alipay", id=1)
    rule = say(
        {"kind": "authority_reply", "basis": "rule", "authority": "pboc", "since": "2026-11-16",
         "days": 15, "forwarded": True, "estimate": True, "holiday": "spring_festival"}
    )  # fmt: skip
    assert "16 November 2026" in rule and "1 December 2026" in rule and "15 days" in rule
    assert "People's Bank of China" in rule
    for key in ("c_due_forwarded", "c_due_estimate"):
        assert t(key, "en") in rule
    assert "Spring Festival" in rule
    plain = say({"kind": "authority_reply", "basis": "rule", "authority": "pboc", "days": 15})
    assert t("c_due_forwarded", "en") not in plain and "Spring Festival" not in plain
    assert "2 November 2026" in plain  # no `since`: counted from the day the case was opened
    samr = say({"kind": "authority_reply", "basis": "rule", "authority": "samr", "days": 7,
                "working_days": True})  # fmt: skip
    assert "7 working days" in samr
    suggestion = say({"kind": "authority_reply", "basis": "suggestion", "authority": "cca",
                      "days": 15, "since": "2026-11-16"})  # fmt: skip
    assert suggestion == t(
        "c_due_authority_suggestion", "en", since="16 November 2026",
        name=cat.directory.authority("cca").name.get("en"),  # type: ignore[union-attr]
        days=15, date="1 December 2026",
    )  # fmt: skip
    assert "xyz" in say({"kind": "authority_reply", "authority": "xyz", "days": 15})
    assert "?" in say({"kind": "authority_reply", "days": 15})
    review = say({"kind": "review_reply", "since": "2026-11-16", "next": "pboc"})
    assert review == t(
        "c_due_review", "en", since="16 November 2026", provider="Alipay",
        next=cat.directory.authority("pboc").name.get("en"),  # type: ignore[union-attr]
    )  # fmt: skip
    letter = say({"kind": "letter", "since": "2026-11-16", "days": 15, "next": "pboc"})
    provider = say({"kind": "provider_reply", "since": "2026-11-16", "days": 15, "next": "pboc"})
    assert letter != provider and "Alipay" in letter and "Alipay" in provider
    assert "15" in letter and "1 December 2026" in provider
    holiday = say({"kind": "provider_reply", "since": "2026-11-16", "days": 15,
                   "holiday": "new_years_day"})  # fmt: skip
    assert "New Year's Day" in holiday


def test_due_reasons_by_hand(cat: Catalog) -> None:
    assert due.due_now(DAY) == (DAY, {"kind": "urgent", "since": "2026-11-16", "basis": "now"})
    assert due.due_for_provider(DAY) == (
        dt.date(2026, 12, 1),
        {"kind": "provider_reply", "since": "2026-11-16", "days": 15, "basis": "suggestion",
         "holiday": None},
    )  # fmt: skip
    pboc = cat.directory.authority("pboc")
    assert pboc is not None and pboc.rule is not None
    day, why = due.due_for_authority(pboc, DAY)
    assert day == dt.date(2026, 12, 1)
    assert why == {
        "kind": "authority_reply", "since": "2026-11-16", "days": 15, "working_days": False,
        "estimate": False, "holiday": None, "max_days": 60, "forwarded": pboc.rule.forwarded,
        "basis": "rule", "authority": "pboc",
    }  # fmt: skip
    cca = cat.directory.authority("cca")
    assert cca is not None
    assert due.due_for_authority(cca, DAY)[1] == {
        "kind": "authority_reply", "since": "2026-11-16", "days": 15, "basis": "suggestion",
        "authority": "cca",
    }  # fmt: skip


def test_a_reply_to_an_authority_keeps_it(cat: Catalog) -> None:
    log = Store()
    case_id = new_case(log, cat, issue="dispute", day=DAY)
    workflow.log_contact(log, cat, log.get(case_id), "authority", DAY, None, None, "no", "samr")
    r = log.get(case_id).due_reason
    assert (r["kind"], r["since"], r["authority"]) == ("review_reply", "2026-11-16", "samr")
