"""Following a complaint through: due dates, escalation letters, exports, reminders.

The store keeps the facts (store.py); this module decides what they mean. Each
contact sets the next follow-up date from the escalation ladder: the day count
of a rule from FACTS.md where one exists, otherwise our suggestion, and the
reason is kept with the date so that `cases due` and `cases show` can say why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import answers, complaint, documents, escalation, privacy
from .errors import InvalidAnswers, NotFound, WalletError
from .letter import Letter, format_date, inner_quotes, original_mark
from .messages import t
from .models import Authority, Catalog, Lang, Playbook
from .roles import CONTACT, PRIOR_CONTACT
from .states import Channel, EventKind
from .store import Case, Event, Status, Store

if TYPE_CHECKING:
    from .evidence import Attached

Due = tuple[dt.date | None, dict[str, Any]]


# --- due dates ---------------------------------------------------------------------------


def due_for_provider(
    day: dt.date, kind: str = "provider_reply", bound_by: Authority | None = None
) -> Due:
    """When to follow up with the respondent: on its legal deadline where an authority's
    rule binds it (a card's bank, a credit product's lender: NFRA), else our suggestion."""
    from . import workdays

    rule = bound_by.rule if bound_by is not None else None
    if bound_by is not None and rule is not None and rule.days:
        deadline = workdays.add_days(day, rule.days, rule.working_days)
        return deadline.date, {
            "kind": kind,
            "since": day.isoformat(),
            "days": rule.days,
            "working_days": rule.working_days,
            "estimate": deadline.estimate,
            "holiday": deadline.holiday,
            "basis": "rule",
            "bound_by": bound_by.id,
        }
    days = escalation.SUGGESTED_REPLY_DAYS
    deadline = workdays.add_calendar_days(day, days)
    return deadline.date, {
        "kind": kind,
        "since": day.isoformat(),
        "days": days,
        "basis": "suggestion",
        "holiday": deadline.holiday,
    }


def due_now(day: dt.date) -> Due:
    """Money lost to fraud or theft: the police and the bank are due today, not in 15 days."""
    return day, {"kind": "urgent", "since": day.isoformat(), "basis": "now"}


def due_for_authority(a: Authority, day: dt.date) -> Due:
    rule = a.rule
    if rule is not None and rule.days:
        from . import workdays

        deadline = workdays.add_days(day, rule.days, rule.working_days)
        return deadline.date, {
            "kind": "authority_reply",
            "since": day.isoformat(),
            "days": rule.days,
            "working_days": rule.working_days,
            "estimate": deadline.estimate,
            "holiday": deadline.holiday,
            "max_days": rule.max_days,
            "forwarded": rule.forwarded,
            "basis": "rule",
            "authority": a.id,
        }
    days = escalation.SUGGESTED_REPLY_DAYS
    return day + dt.timedelta(days=days), {
        "kind": "authority_reply",
        "since": day.isoformat(),
        "days": days,
        "basis": "suggestion",
        "authority": a.id,
    }


def explain_due(case: Case, catalog: Catalog, lang: Lang) -> str:
    """Why the next follow-up falls on its date, in words (rule or suggestion, and the source)."""
    r = case.due_reason
    if case.status == "closed" or case.next_due is None:
        return t("c_due_none", lang)
    since = format_date(dt.date.fromisoformat(r.get("since", case.created.isoformat())), lang)
    provider = _provider_name(catalog, case.provider, lang)
    date = format_date(case.next_due, lang)
    unit = t("working_days" if r.get("working_days") else "days", lang)
    kind = r.get("kind")
    if kind == "urgent":
        return t("c_due_urgent", lang, provider=provider, id=case.id)
    if kind == "authority_reply":
        a = catalog.directory.authority(r.get("authority", ""))
        name = a.name.get(lang) if a else r.get("authority", "?")
        if r.get("basis") == "rule" and a is not None and a.rule is not None:
            text = t(
                "c_due_rule",
                lang,
                since=since,
                name=name,
                days=r["days"],
                unit=unit,
                date=date,
                rule=a.rule.get(lang),
                source=_rule_source(catalog, a, lang),
            )
            return text + _date_notes(r, lang)
        return t(
            "c_due_authority_suggestion",
            lang,
            since=since,
            name=name,
            days=r.get("days"),
            date=date,
        )
    if kind == "promised":  # a date the agent gave on the phone (cases call)
        return t(
            "c_due_promised", lang, since=since, date=date, next=_next_name(case, catalog, lang)
        )
    if kind == "review_reply":
        return t(
            "c_due_review",
            lang,
            since=since,
            provider=provider,
            next=_next_name(case, catalog, lang),
        )
    bound = catalog.directory.authority(r.get("bound_by", "")) if r.get("basis") == "rule" else None
    if bound is not None and bound.rule is not None:
        text = t(
            "c_due_respondent_rule",
            lang,
            since=since,
            provider=provider,
            days=r.get("days"),
            unit=unit,
            date=date,
            next=_next_name(case, catalog, lang),
            source=_rule_source(catalog, bound, lang),
        )
        return text + _date_notes(r, lang)
    key = "c_due_created" if kind == "letter" else "c_due_provider"
    text = t(
        key,
        lang,
        since=since,
        provider=provider,
        days=r.get("days"),
        date=date,
        next=_next_name(case, catalog, lang),
    )
    return text + _date_notes(r, lang)


def _rule_source(catalog: Catalog, a: Authority, lang: Lang) -> str:
    """A rule's short citation in the user's language, else its source as written."""
    law = catalog.directory.law(a.law) if a.law else None
    if law is not None:
        return law.cite.get(lang)
    return a.rule.source if a.rule is not None else ""


def _date_notes(r: dict[str, Any], lang: Lang) -> str:
    """What a due date needs said about itself: counted from a forwarded complaint's
    receipt, an estimate beyond the published holiday schedule, a public holiday."""
    text = t("c_due_forwarded", lang) if r.get("forwarded") else ""
    if r.get("estimate"):
        text += t("c_due_estimate", lang)
    if r.get("holiday"):
        text += t("c_due_holiday", lang, holiday=t(f"hol_{r['holiday']}", lang))
    return text


# --- recording ----------------------------------------------------------------------------


def _bound_by(catalog: Catalog, provider_id: str, issue: str) -> Authority | None:
    """The authority whose time limit binds this case's respondent, if any."""
    p = catalog.directory.provider(provider_id)
    if p is None:
        return None
    aid = escalation.direct_rule_id(p, catalog.playbooks.get(issue))
    return catalog.directory.authority(aid) if aid else None


def record(store: Store, rep: complaint.Report, today: dt.date) -> int:
    """A new case from a finished letter: open, due when the provider's suggested time is up."""
    c = rep.complaint
    return store.add_case(
        c.provider.id,
        c.playbook.id,
        c.lang,
        answers.to_jsonable(c.values),
        rep.letter.to_text(),
        today,
        due_now(today)
        if rep.plan.urgent
        else due_for_provider(
            today,
            "letter",
            c.directory.authority(escalation.direct_rule_id(c.provider, c.playbook) or ""),
        ),
    )


def log_contact(
    store: Store,
    catalog: Catalog,
    case: Case,
    channel: str,
    day: dt.date,
    ref: str | None,
    note: str | None,
    reply: str | None,
    authority: str | None,
    due: Due | None = None,
) -> Event:
    """A call, a chat, an e-mail, a web form, or a complaint to an authority; and any reply.
    `due` overrides the follow-up date the ladder would set (a date promised on a call)."""
    ref = _scrub(ref)  # a card number or a code pasted as the "reference" is masked too
    note = _scrub(note)
    reply = _scrub(reply)
    status: Status
    wanted = due
    if channel == "authority":
        a = _authority_for(case, catalog, authority)
        due = due_for_authority(a, day)
        status = Status.escalated
        authority = a.id
    else:
        due = due_for_provider(day, bound_by=_bound_by(catalog, case.provider, case.issue))
        status = Status.waiting
        authority = None
    if reply:
        due = day, {"kind": "review_reply", "since": day.isoformat(), "authority": authority}
    if wanted is not None:
        due = wanted
    nxt = next_authority(case, catalog)
    due[1]["next"] = (
        nxt.id if nxt is not None else None
    )  # named in `cases due` without the timeline
    kind = EventKind.reply if reply and not ref and not note else EventKind.contact
    event = Event(
        case_id=case.id,
        day=day,
        kind=kind,
        channel=channel,
        ref=ref,
        note=note,
        reply=reply,
        authority=authority,
    )
    return dataclasses.replace(event, id=store.add_event(case.id, event, status, due))


def close(store: Store, case: Case, outcome: str, note: str | None, day: dt.date) -> None:
    event = Event(case_id=case.id, day=day, kind=EventKind.closed, note=_scrub(note))
    store.add_event(case.id, event, "closed", (None, {}), outcome=outcome)


def _scrub(text: str | None) -> str | None:
    """Free text typed into the log goes through the same masking as answers."""
    if not text:
        return text
    return privacy.scrub(text)[0]


# --- escalation ---------------------------------------------------------------------------


def rebuild(case: Case, catalog: Catalog, lang: Lang, today: dt.date) -> complaint.Complaint | None:
    """The case's complaint from its stored answers; None if its playbook no longer fits them."""
    try:
        return complaint.build(catalog, case.provider, case.issue, case.answers, lang, case.created)
    except (NotFound, InvalidAnswers):
        return None


def escalated_to(case: Case) -> frozenset[str]:
    return frozenset(e.authority for e in case.events if e.kind == "escalated" and e.authority)


def _plan(case: Case, catalog: Catalog) -> escalation.Plan | None:
    try:
        provider = complaint.find_provider(catalog, case.provider)
        playbook = complaint.find_playbook(catalog, case.issue)
    except NotFound:
        return None
    return escalation.plan(catalog.directory, provider, playbook, case.answers)


def ladder_authorities(case: Case, catalog: Catalog) -> list[str]:
    """The authorities on this case's ladder: who is competent for it at all."""
    plan = _plan(case, catalog)
    return [s.authority.id for s in plan.steps if s.authority] if plan is not None else []


def next_authority(case: Case, catalog: Catalog) -> Authority | None:
    """The next regulator on the ladder that would take this case now (one rule: the plan's)."""
    plan = _plan(case, catalog)
    step = plan.next_authority(escalated_to(case)) if plan is not None else None
    return step.authority if step is not None else None


def _authority_for(case: Case, catalog: Catalog, wanted: str | None) -> Authority:
    if wanted:
        a = catalog.directory.authority(wanted.strip().lower())
        if a is None:
            raise NotFound("authority", wanted, [x.id for x in catalog.directory.authorities])
        return a
    last = next(
        (e.authority for e in reversed(case.events) if e.kind == "escalated" and e.authority), None
    )
    a = catalog.directory.authority(last) if last else next_authority(case, catalog)
    if a is None:
        raise NotFound("authority", "", [x.id for x in catalog.directory.authorities])
    return a


def _next_name(case: Case, catalog: Catalog, lang: Lang) -> str:
    if "next" in case.due_reason:  # worked out when the date was set
        a = catalog.directory.authority(case.due_reason["next"] or "")
    else:
        a = next_authority(case, catalog)
    return a.name.get(lang) if a else t("c_other_routes", lang)


def _provider_name(catalog: Catalog, pid: str, lang: Lang) -> str:
    p = catalog.directory.provider(pid)
    return p.name.get(lang) if p else pid


class NoDocument(WalletError):
    """An authority that takes no letter from us (a court needs a statement of claim)."""

    def __init__(self, authority: Authority) -> None:
        super().__init__(authority.id)
        self.authority = authority

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("cl_no_document", lang, name=self.authority.name.get(lang))


@dataclass
class Escalation:
    authority: Authority
    letter: Letter
    early: dt.date | None  # escalating before this date is early: ask first


def prepare_escalation(
    catalog: Catalog,
    case: Case,
    to: str | None,
    lang: Lang,
    today: dt.date,
    attached: list[Attached] | None = None,
) -> Escalation:
    """The document for the next authority (or the one named), not yet recorded: a police
    report for the police, an escalation letter with the whole history for the others.
    Files attached to the case are listed among the evidence, by item and file name."""
    a = _authority_for(case, catalog, to) if to else _police_first(case, catalog)
    if a is None:
        a = next_authority(case, catalog)
    if a is None:
        raise NotFound("authority", "", [x.id for x in catalog.directory.authorities])
    comp = rebuild(case, catalog, lang, today)
    if comp is None:
        raise NotFound("issue", case.issue, list(catalog.playbooks))
    if attached:
        from . import evidence

        comp = dataclasses.replace(
            comp, values=evidence.with_held(comp.values, attached, comp.playbook)
        )
    if a.has("police"):
        report = documents.police_report(dataclasses.replace(comp, today=today), a)
        if report is None:
            raise NoDocument(a)
        return Escalation(a, _with_files(report, comp, attached, []), None)
    if not (a.has("regulator") or a.has("mediation")):
        raise NoDocument(a)
    letter = documents.escalation_letter(
        comp, a, history(case, comp, catalog), last_reply(case, comp.playbook), today
    )
    letter = _with_files(letter, comp, attached, [t("e_original_letter", lang)])
    return Escalation(a, letter, early_until(case, today))


def _with_files(
    letter: Letter, comp: complaint.Complaint, attached: list[Attached] | None, extra: list[str]
) -> Letter:
    if not attached:
        return letter
    from . import casefile

    return casefile.with_evidence(letter, casefile.evidence_section(comp, attached, extra))


def _police_first(case: Case, catalog: Catalog) -> Authority | None:
    """Money lost to fraud or theft and not yet reported through us: the police come first."""
    plan = _plan(case, catalog)
    if plan is None or not plan.urgent:
        return None
    police = next(
        (s.authority for s in plan.steps if s.authority and s.authority.has("police")), None
    )
    return police if police is not None and police.id not in escalated_to(case) else None


def early_until(case: Case, today: dt.date) -> dt.date | None:
    """The date before which escalating is early: the follow-up date set by the ladder,
    and never the day the letter was written (the respondent has not had it yet). In a
    fraud case the police are never early, but the wallet still has its time."""
    kind = case.due_reason.get("kind")
    if kind == "review_reply":
        return None
    if kind == "urgent":
        wallet_due = due_for_provider(case.created)[0]
        return wallet_due if wallet_due is not None and today < wallet_due else None
    due = case.next_due
    if due is not None and today < due:
        return due
    return None


def record_escalation(store: Store, case: Case, esc: Escalation, today: dt.date) -> None:
    """Recorded only once the document has been written or printed."""
    event = Event(
        case_id=case.id,
        day=today,
        kind=EventKind.escalated,
        channel=Channel.authority,
        authority=esc.authority.id,
    )
    if esc.authority.has("police"):
        store.add_event(case.id, event, "escalated", due_for_provider(today))
    else:
        store.add_event(case.id, event, "escalated", due_for_authority(esc.authority, today))


def last_reply(case: Case, pb: Playbook) -> str | None:
    replies = [e.reply for e in case.events if e.reply]
    if replies:
        return replies[-1]
    value = pb.answer(case.answers, "prior_contact_reply")
    return str(value) if value else None


def history(case: Case, comp: complaint.Complaint, catalog: Catalog) -> list[documents.Contact]:
    """Every contact with its real date, starting with the one reported in the interview."""
    lang = comp.lang
    name = comp.provider.brand(lang)
    out: list[documents.Contact] = []
    said = {r: comp.playbook.answer(comp.values, r) for r in PRIOR_CONTACT}
    if said["prior_contact"] and isinstance(said["prior_contact_date"], dt.date):
        out.append(
            documents.Contact(
                said["prior_contact_date"],
                _contact_text(lang, name, *(said[r] for r in PRIOR_CONTACT[2:])),
            )
        )
    for e in case.events:
        if e.kind == "created":
            out.append(documents.Contact(e.day, t("h_letter_written", lang, respondent=name)))
        elif e.kind in ("contact", "reply") and e.channel != "authority":
            text = (
                t("h_reply", lang, respondent=name, reply=_said(lang, e.reply, short=True))
                if e.kind == "reply"
                else _contact_text(lang, name, e.channel, e.ref, e.reply)
            )
            out.append(documents.Contact(e.day, text))
        elif e.authority:
            a = catalog.directory.authority(e.authority)
            ref = t("h_ref", lang, ref=e.ref) if e.ref else ""
            text = t("h_escalated", lang, name=a.name.get(lang) if a else e.authority, ref=ref)
            out.append(documents.Contact(e.day, text))
    return sorted(out, key=lambda c: c.day)


def _said(lang: Lang, reply: str | None, short: bool = False) -> str:
    if not reply:
        return ""
    key = "h_said_short" if short else "h_said"
    return t(key, lang, reply=inner_quotes(reply, lang), mark=original_mark(reply, lang))


def _contact_text(lang: Lang, name: str, channel: object, ref: object, reply: object) -> str:
    ch = t(f"l_ch_{channel}", lang) if channel else t("l_ch_other", lang)
    return t(
        "h_contact",
        lang,
        respondent=name,
        channel=ch,
        ref=t("h_ref", lang, ref=ref) if ref else "",
        reply=_said(lang, str(reply) if reply else None),
    )


def describe_event(e: Event, catalog: Catalog, lang: Lang) -> str:
    day = format_date(e.day, lang)
    parts = [day, t(f"ev_{e.kind}", lang)]
    if e.channel:
        parts.append(t(f"ch_{e.channel}", lang))
    if e.authority:
        a = catalog.directory.authority(e.authority)
        parts.append(a.name.get(lang) if a else e.authority)
    text = " · ".join(parts)
    if e.ref:
        text += t("ev_ref", lang, ref=e.ref)
    if e.note:
        text += t("ev_note_text", lang, note=e.note)
    if e.reply:
        text += t("ev_reply_text", lang, reply=e.reply)
    return text


# --- export and reminders -----------------------------------------------------------------


def export_data(
    case: Case, catalog: Catalog, lang: Lang, attached: list[Attached] | None = None
) -> dict[str, Any]:
    """The whole case file. Free text was masked when it was typed; pii answers are masked here.
    Attached evidence files are listed with their full SHA-256."""
    pb = catalog.playbooks.get(case.issue)
    shown = dict(case.answers)
    if pb is not None:
        for q in pb.questions:
            if q.pii and isinstance(shown.get(q.id), str):
                shown[q.id] = privacy.mask_tail(shown[q.id])
    for key in answers.ids_with_roles(pb, CONTACT):  # in full only on the letter's contact line
        if isinstance(shown.get(key), str):
            shown[key] = privacy.mask_contact(shown[key])
    return {
        "id": case.id,
        "provider": {"id": case.provider, "name": _provider_name(catalog, case.provider, lang)},
        "issue": {"id": case.issue, "title": pb.title.get(lang) if pb else case.issue},
        "status": case.status,
        "outcome": case.outcome,
        "created": case.created.isoformat(),
        "next_due": case.next_due.isoformat() if case.next_due else None,
        "next_due_estimate": bool(case.due_reason.get("estimate")),
        "next_due_holiday": case.due_reason.get("holiday"),
        "next_due_why": explain_due(case, catalog, lang),
        "answers": shown,
        "letter": case.letter,
        "events": [
            {
                "date": e.day.isoformat(),
                "kind": e.kind,
                "channel": e.channel,
                "ref": e.ref,
                "note": e.note,
                "reply": e.reply,
                "authority": e.authority,
                "text": describe_event(e, catalog, lang),
            }
            for e in case.events
        ],
        "evidence": [a.to_json() for a in attached or []],
    }


def export_markdown(
    case: Case, catalog: Catalog, lang: Lang, attached: list[Attached] | None = None
) -> str:
    d = export_data(case, catalog, lang, attached)
    lines = [
        f"# {t('x_title', lang, id=case.id)}",
        "",
        f"- {t('x_provider', lang)}: {d['provider']['name']}",
        f"- {t('x_issue', lang)}: {d['issue']['title']}",
        f"- {t('x_status', lang)}: {t('st_' + case.status, lang)}"
        + (f" ({t('oc_' + case.outcome, lang)})" if case.outcome else ""),
        f"- {t('x_created', lang)}: {format_date(case.created, lang)}",
        f"- {t('x_next', lang)}: {d['next_due_why']}",
        "",
        f"## {t('x_timeline', lang)}",
        "",
    ]
    lines += [f"{i}. {e['text']}" for i, e in enumerate(d["events"], 1)]
    lines += ["", f"## {t('x_answers', lang)}", ""]
    pb = catalog.playbooks.get(case.issue)
    for key, value in d["answers"].items():
        q = pb.question(key) if pb else None
        label = q.label.get(lang) if q else key
        lines.append(
            f"- {label}: {value if not isinstance(value, list) else ', '.join(map(str, value))}"
        )
    if attached:
        lines += ["", f"## {t('x_evidence', lang)}", ""]
        lines += [
            t("x_evidence_line", lang, item=_item_label(pb, a.item, lang), name=a.name, sha=a.short)
            for a in attached
        ]
    lines += ["", f"## {t('x_letter', lang)}", "", "```text", case.letter.rstrip("\n"), "```", ""]
    return "\n".join(lines)


def _item_label(pb: Any, item: str | None, lang: Lang) -> str:
    e = next((x for x in pb.evidence if x.id == item), None) if pb is not None and item else None
    return e.get(lang) if e is not None else t("z_no_item", lang)


def ics(case: Case, catalog: Catalog, lang: Lang, now: dt.datetime | None = None) -> str:
    """A one-event calendar (RFC 5545) for the next follow-up date."""
    if case.next_due is None:
        raise ValueError("closed")
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    day = case.next_due
    summary = t(
        "r_summary", lang, id=case.id, provider=_provider_name(catalog, case.provider, lang)
    )
    description = explain_due(case, catalog, lang) + "\n" + t("r_hint", lang, id=case.id)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//walletcomplain//case log//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:walletcomplain-case-{case.id}-{day:%Y%m%d}@localhost",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_ics_text(summary)}",
        f"DESCRIPTION:{_ics_text(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_ics_text(summary)}",
        "TRIGGER:PT9H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)
