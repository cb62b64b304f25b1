"""Following a complaint through: due dates, escalation letters, exports, reminders.

The store keeps the facts (store.py); this module decides what they mean. Each
contact sets the next follow-up date from the escalation ladder: the day count
of a rule from FACTS.md where one exists, otherwise our suggestion, and the
reason is kept with the date so that `cases due` and `cases show` can say why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import answers, complaint, escalation, privacy
from .errors import InvalidAnswers, NotFound
from .letter import Letter, Section, format_date, format_value
from .letter import facts as letter_facts
from .messages import t
from .models import Authority, Catalog, Lang
from .store import Case, Event, Status, Store

Due = tuple[dt.date | None, dict[str, Any]]


# --- due dates ---------------------------------------------------------------------------


def due_for_provider(day: dt.date, kind: str = "provider_reply") -> Due:
    days = escalation.SUGGESTED_REPLY_DAYS
    return day + dt.timedelta(days=days), {
        "kind": kind,
        "since": day.isoformat(),
        "days": days,
        "basis": "suggestion",
    }


def due_for_authority(a: Authority, day: dt.date) -> Due:
    rule = a.rule
    if rule is not None and rule.days:
        date = escalation.add_days(day, rule.days, rule.working_days)
        return date, {
            "kind": "authority_reply",
            "since": day.isoformat(),
            "days": rule.days,
            "working_days": rule.working_days,
            "max_days": rule.max_days,
            "basis": "rule",
            "authority": a.id,
            "source": rule.source,
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
    if r.get("kind") == "authority_reply":
        a = catalog.directory.authority(r.get("authority", ""))
        name = a.name.get(lang) if a else r.get("authority", "?")
        if r.get("basis") == "rule" and a is not None and a.rule is not None:
            return t(
                "c_due_rule",
                lang,
                since=since,
                name=name,
                days=r["days"],
                unit=unit,
                date=date,
                rule=a.rule.get(lang),
                source=a.rule.source,
            )
        return t(
            "c_due_authority_suggestion",
            lang,
            since=since,
            name=name,
            days=r.get("days"),
            date=date,
        )
    if r.get("kind") == "review_reply":
        return t(
            "c_due_review",
            lang,
            since=since,
            provider=provider,
            next=_next_name(case, catalog, lang),
        )
    key = "c_due_created" if r.get("kind") == "letter" else "c_due_provider"
    return t(
        key,
        lang,
        since=since,
        provider=provider,
        days=r.get("days"),
        date=date,
        next=_next_name(case, catalog, lang),
    )


# --- recording ----------------------------------------------------------------------------


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
        due_for_provider(today, "letter"),
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
) -> Event:
    """A call, a chat, an e-mail, a web form, or a complaint to an authority; and any reply."""
    ref = _scrub(ref)  # a card number or a code pasted as the "reference" is masked too
    note = _scrub(note)
    reply = _scrub(reply)
    status: Status
    if channel == "authority":
        a = _authority_for(case, catalog, authority)
        due = due_for_authority(a, day)
        status = "escalated"
        authority = a.id
    else:
        due = due_for_provider(day)
        status = "waiting"
        authority = None
    if reply:
        due = day, {"kind": "review_reply", "since": day.isoformat(), "authority": authority}
    nxt = next_authority(case, catalog)
    due[1]["next"] = (
        nxt.id if nxt is not None else None
    )  # named in `cases due` without the timeline
    kind = "reply" if reply and not ref and not note else "contact"
    event = Event(0, case.id, day, kind, channel, ref, note, reply, authority)  # type: ignore[arg-type]
    event.id = store.add_event(case.id, event, status, due)
    return event


def close(store: Store, case: Case, outcome: str, note: str | None, day: dt.date) -> None:
    event = Event(0, case.id, day, "closed", note=_scrub(note))
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


def next_authority(case: Case, catalog: Catalog) -> Authority | None:
    """The next authority on the ladder that this case has not been taken to yet."""
    try:
        provider = complaint.find_provider(catalog, case.provider)
        playbook = complaint.find_playbook(catalog, case.issue)
    except NotFound:
        return None
    plan = escalation.plan(catalog.directory, provider, playbook)
    done = {e.authority for e in case.events if e.kind == "escalated"}
    for step in plan.steps:
        if (
            step.authority is not None
            and step.key not in done
            and step.key != "police"
            and not step.may_decline
        ):
            return step.authority
    return None


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


@dataclass
class Escalation:
    authority: Authority
    letter: Letter


def escalate(
    store: Store, catalog: Catalog, case: Case, to: str | None, lang: Lang, today: dt.date
) -> Escalation:
    """The letter to the next authority, with the whole history; the escalation is recorded."""
    a = _authority_for(case, catalog, to) if to else next_authority(case, catalog)
    if a is None:
        raise NotFound("authority", "", [x.id for x in catalog.directory.authorities])
    letter = escalation_letter(case, catalog, a, lang, today)
    event = Event(0, case.id, today, "escalated", channel="authority", authority=a.id)
    store.add_event(case.id, event, "escalated", due_for_authority(a, today))
    return Escalation(a, letter)


def escalation_letter(
    case: Case, catalog: Catalog, a: Authority, lang: Lang, today: dt.date
) -> Letter:
    provider = _provider_name(catalog, case.provider, lang)
    comp = rebuild(case, catalog, lang, today)
    pb = catalog.playbooks.get(case.issue)
    title = pb.title.get(lang) if pb else case.issue
    first = min([e.day for e in case.events if e.kind in ("contact", "reply")] or [case.created])
    days = (today - first).days

    def value(qid: str) -> str:
        if comp is None or qid not in comp.values:
            return t("placeholder", lang, label=qid)
        return format_value(comp.question(qid), comp.values[qid], lang)

    hotline = next((c.value for c in a.channels if c.kind == "hotline" and c.value), None)
    to = t("e_to", lang, name=a.name.get(lang)) + (
        f"（{hotline}）" if lang == "zh" and hotline else f" ({hotline})" if hotline else ""
    )
    sender = [
        t("l_from", lang, name=value("contact_name")),
        t("l_phone", lang, phone=value("contact_phone")),
    ]
    if a.id == "samr":  # SAMR Order 2019 No. 20: a complaint needs these
        sender.append(t("e_address", lang))
    sections = [
        Section(
            t("e_respondent", lang),
            paragraphs=[t("e_respondent_text", lang, provider=provider, title=title)],
        )
    ]
    if comp is not None:
        sections.append(Section(t("l_facts", lang), paragraphs=letter_facts(comp)))
    else:
        sections.append(Section(t("l_facts", lang), paragraphs=[t("e_see_original", lang)]))
    history = []
    for e in case.events:
        history.append(describe_event(e, catalog, lang))
    replies = [e for e in case.events if e.reply]
    sections.append(Section(t("e_history", lang, provider=provider), items=history))
    answer = (
        t("e_answer", lang, reply=replies[-1].reply)
        if replies
        else t("e_silence", lang, provider=provider)
    )
    elapsed = t("e_elapsed", lang, since=format_date(first, lang), days=days, provider=provider)
    basis = [elapsed, answer]
    if a.rule is not None:
        basis.append(t("e_rule", lang, rule=a.rule.get(lang), source=a.rule.source))
    pboc = catalog.directory.authority("pboc")
    if pboc is not None and pboc.notes:
        basis.append(pboc.notes[0].get(lang))  # no legal day count for a direct complaint: say so
    sections.append(Section(t("e_time", lang), paragraphs=basis))
    demands = [t("e_demand_handle", lang, provider=provider)]
    if comp is not None:
        dq = comp.question("demands")
        demands += [format_value(dq, d, lang) for d in comp.values.get("demands", [])]
    sections.append(Section(t("l_demands", lang), items=demands))
    if comp is not None:
        held = [
            ev.get(lang)
            for ev in comp.playbook.evidence
            if ev.id in comp.values.get("evidence_held", [])
        ]
        sections.append(Section(t("l_evidence", lang), items=[*held, t("e_original_letter", lang)]))
    closing = [*t("l_regards", lang).split("\n"), value("contact_name"), format_date(today, lang)]
    subject = t("e_subject", lang, provider=provider, title=title)
    via = t(
        "e_via",
        lang,
        channels=" / ".join(c.value or (c.path.get(lang) if c.path else "") for c in a.channels),
    )
    return Letter(lang, to, via, subject, sender, sections, closing)


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


def export_data(case: Case, catalog: Catalog, lang: Lang) -> dict[str, Any]:
    """The whole case file. Free text was masked when it was typed; pii answers are masked here."""
    pb = catalog.playbooks.get(case.issue)
    shown = dict(case.answers)
    if pb is not None:
        for q in pb.questions:
            if q.pii and isinstance(shown.get(q.id), str):
                shown[q.id] = privacy.mask_tail(shown[q.id])
    for key in answers.CONTACT_FIELDS:  # in full only on the letter's contact line
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
    }


def export_markdown(case: Case, catalog: Catalog, lang: Lang) -> str:
    d = export_data(case, catalog, lang)
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
    lines += ["", f"## {t('x_letter', lang)}", "", "```text", case.letter.rstrip("\n"), "```", ""]
    return "\n".join(lines)


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
