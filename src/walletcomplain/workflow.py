"""Following a complaint through: recording the letter, each contact and reply, the
escalations and the close, and where the case stands on its escalation ladder.

The store keeps the facts (store.py); the due dates come from due.py; the documents
sent to an authority are composed in documents.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from . import answers, complaint, escalation, names, privacy
from .due import Due, due_for_authority, due_for_provider, due_now
from .errors import InvalidAnswers, NotFound
from .states import Channel, EventKind
from .store import Case, Event, Status, Store

if TYPE_CHECKING:
    from .documents import Escalation
    from .models import Authority, Catalog, Lang


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
        a = authority_for(case, catalog, authority)
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


# --- the escalation ladder ------------------------------------------------------------------


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
        provider = names.find_provider(catalog, case.provider)
        playbook = names.find_playbook(catalog, case.issue)
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


def authority_for(case: Case, catalog: Catalog, wanted: str | None) -> Authority:
    """The authority named, else the last one escalated to, else the next on the ladder."""
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


def police_first(case: Case, catalog: Catalog) -> Authority | None:
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
