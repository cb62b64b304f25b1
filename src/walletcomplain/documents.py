"""The three documents, composed from the same parts: the letter to the respondent, the
police report (报案材料) for fraud and theft, and the escalation letter to an authority.

Each is a legal document: the licensed company where it is known (a visible placeholder
where it is not), the facts as the user gave them, only the provisions the playbook lists
as supporting its demands, one language, and nothing addressed to the user: notes such
as "this is a suggestion" belong on screen, never here.

`prepare_escalation` composes the document for an authority from a case: its history,
the last reply, and the files attached, through the same builders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import NotFound, WalletError
from .escalation import Plan, direct_rule_id, respondent_rule
from .letter import (
    Filler,
    Letter,
    Section,
    format_value,
    full_stop,
    inner_quotes,
    original_mark,
    own_words,
)
from .messages import format_date, t, t_n
from .models import Authority, Lang, Law, LegalUse, Playbook
from .roles import PRIOR_CONTACT

if TYPE_CHECKING:
    from .complaint import Complaint
    from .evidence import Attached
    from .models import Catalog
    from .roles import QuestionRole
    from .store import Case


@dataclass(frozen=True)
class Contact:
    """One entry of a case's history, as the escalation letter tells it."""

    day: dt.date
    text: str


# --- parts shared by every document ----------------------------------------------------


def respondent(c: Complaint, f: Filler) -> str:
    """Who the complaint is against: the licensed company, the issuing bank or the merchant."""
    pb = c.playbook
    if pb.respondent == "provider":
        return f.company()
    parts = [
        f.fill(p.get(c.lang)) for p in pb.letter.to if p.when is None or p.when.holds(c.values)
    ]
    return t("list_and", c.lang).join(parts)


def sender(c: Complaint, f: Filler, who: str = "l_from") -> list[str]:
    lines = [
        t(who, c.lang, name=_raw(c, f, "sender_name")),
        t("l_phone", c.lang, phone=_raw(c, f, "sender_phone")),
    ]
    account = c.playbook.role_id("sender_account")
    if account in c.values or c.question(account) is not None:
        lines.append(t("l_account", c.lang, account=f.value(account)))
    return lines


def _raw(c: Complaint, f: Filler, role: QuestionRole) -> str:
    """The complainant's own name and number, as typed: the contact lines are theirs."""
    qid = c.playbook.role_id(role)
    if qid in c.values:
        return str(c.values[qid])
    return f.value(qid)


def closing(c: Complaint, f: Filler, today: dt.date, who: str = "l_signed") -> list[str]:
    return [
        *t("l_regards", c.lang).split("\n"),
        "",
        t(who, c.lang, name=_raw(c, f, "sender_name")),
        format_date(today, c.lang),
    ]


def facts(c: Complaint, f: Filler) -> list[str]:
    paras = c.playbook.letter.facts
    return [f.fill(p.get(c.lang)) for p in paras if p.when is None or p.when.holds(c.values)]


def tried(c: Complaint, f: Filler, name: str) -> str | None:
    """The contact the user reported in the interview, in one sentence; None if none."""
    pb, v, lang = c.playbook, c.values, c.lang
    if not pb.answer(v, "prior_contact"):
        return None
    channel = pb.answer(v, "prior_contact_channel")
    text = t(
        "l_tried",
        lang,
        date=f.value(pb.role_id("prior_contact_date")),
        channel=(
            t(f"l_ch_{channel}", lang) if channel else f.value(pb.role_id("prior_contact_channel"))
        ),
        respondent=name,
    )
    ref = pb.answer(v, "prior_contact_ref")
    text += t("l_tried_ref", lang, ref=ref) if ref else t("l_tried_no_ref", lang)
    reply = pb.answer(v, "prior_contact_reply")
    return text + (
        t(
            "l_tried_reply",
            lang,
            reply=inner_quotes(str(reply), lang),
            mark=original_mark(str(reply), lang),
            stop=full_stop(str(reply), lang),
        )
        if reply
        else t("l_tried_no_reply", lang)
    )


def evidence(c: Complaint, extra: list[str] | None = None) -> Section:
    held_ids = c.playbook.answer(c.values, "evidence_in_hand") or []
    held = [e.get(c.lang) for e in c.playbook.evidence if e.id in held_ids]
    items = [*held, *(extra or [])]
    later = [] if items else [t("l_evidence_later", c.lang)]
    return Section(heading=t("l_evidence", c.lang), items=items, paragraphs=later)


def demands(c: Complaint) -> list[str]:
    pb = c.playbook
    dq = pb.by_role("chosen_demands")
    out = [format_value(dq, d, c.lang) for d in pb.answer(c.values, "chosen_demands") or []]
    other = pb.answer(c.values, "other_demand")
    if other is not None:
        out.append(own_words(str(other), c.lang))
    return out


def laws(c: Complaint, uses: list[LegalUse]) -> list[Law]:
    kind = c.provider.kind
    found = [c.directory.law(u.law) for u in uses if u.applies(c.values, kind)]
    unique = {x.id: x for x in found if x is not None}  # in order, each provision once
    return list(unique.values())


def quote(law: Law, lang: Lang) -> str:
    return t("l_law", lang, cite=law.cite.get(lang), says=law.says.get(lang))


# --- the letter to the respondent -------------------------------------------------------


def letter(c: Complaint, plan: Plan) -> Letter:
    lang, pb = c.lang, c.playbook
    f = Filler(c)
    name = respondent(c, f)
    to_key = "l_to_dept" if pb.respondent == "provider" else "l_to"
    cc = t("l_cc", lang, text=f.fill(pb.letter.cc.get(lang))) if pb.letter.cc else None
    subject = f.fill(pb.letter.subject.get(lang))
    sections = [Section(heading=t("l_facts", lang), paragraphs=facts(c, f))]
    steps = tried(c, f, c.provider.brand(lang))
    sections.append(Section(heading=t("l_steps", lang), paragraphs=[steps or t("l_first", lang)]))
    sections.append(evidence(c))
    sections.append(Section(heading=t("l_demands", lang), items=demands(c)))
    used = laws(c, pb.basis)
    if used:
        sections.append(Section(heading=t("l_basis", lang), items=[quote(x, lang) for x in used]))
    sections.append(Section(heading=t("l_deadline", lang), paragraphs=[_deadline(c, plan)]))
    sections.append(Section(heading=t("l_next", lang), paragraphs=[_next_step(c, plan)]))
    return Letter(
        lang=lang,
        to=t(to_key, lang, respondent=name),
        subject=subject,
        sender=sender(c, f),
        sections=sections,
        closing=closing(c, f, c.today),
        placeholders=f.missing,
        laws=used,
        cc=cc,
    )


def _deadline(c: Complaint, plan: Plan) -> str:
    # The provider's rule binds the provider (a card's bank), not a merchant the letter goes to;
    # a playbook's own respondent (a lender) may carry its own.
    pb = c.playbook
    if pb.direct_rule is None and pb.respondent != "provider":
        return t_n("l_reply", c.lang, plan.reply_days, days=plan.reply_days)
    rule = respondent_rule(c.directory, c.provider, pb)
    a = c.directory.authority(direct_rule_id(c.provider, pb) or "")
    law = c.directory.law(a.law) if a is not None and a.law else None
    if rule is not None and rule.days and law is not None:
        return t_n("l_reply_rule", c.lang, rule.days, cite=law.cite.get(c.lang), days=rule.days)
    return t_n("l_reply", c.lang, plan.reply_days, days=plan.reply_days)


def _next_step(c: Complaint, plan: Plan) -> str:
    lang = c.lang
    step = plan.next_authority()
    if c.provider.kind == "crypto_wallet" and (step is None or step.authority is None):
        # no regulator takes it, and a civil matter is no reason to mention the police
        return t("l_next_crypto", lang) + t("l_reserve_crypto", lang)
    reserve = t("l_reserve", lang)
    if step is None or step.authority is None:
        return t("l_next_generic", lang) + reserve
    a = step.authority
    hotline = next((ch.value for ch in step.channels if ch.kind == "hotline"), None)
    if hotline:
        return t("l_next_call", lang, number=hotline, name=a.name.get(lang)) + reserve
    return t("l_next_named", lang, name=a.name.get(lang)) + reserve


# --- the police report ------------------------------------------------------------------


def police_report(c: Complaint, police: Authority) -> Letter | None:
    """The facts of the crime for the police: who, when, how, how much, to which account.
    None when the playbook has no police report (it is not a crime)."""
    spec = c.playbook.police
    if spec is None:
        return None
    lang = c.lang
    f = Filler(c)
    paras = [f.fill(p.get(lang)) for p in spec.facts if p.when is None or p.when.holds(c.values)]
    sections = [Section(heading=t("p_facts", lang), paragraphs=paras)]
    sections.append(evidence(c))
    sections.append(
        Section(heading=t("p_requests", lang), items=[f.fill(r.get(lang)) for r in spec.requests])
    )
    used = laws(c, spec.basis)
    if used:
        sections.append(Section(heading=t("l_basis", lang), items=[quote(x, lang) for x in used]))
    office = f.mark(police.office.get(lang) if police.office else police.name.get(lang))
    return Letter(
        lang=lang,
        to=t("p_to", lang, office=office),
        subject=f.fill(spec.subject.get(lang)),
        sender=sender(c, f, "p_from"),
        sections=sections,
        closing=closing(c, f, c.today, "p_signed"),
        placeholders=f.missing,
        laws=used,
        kind="police_report",
    )


# --- the escalation letter -------------------------------------------------------------


def escalation_letter(
    c: Complaint,
    a: Authority,
    history: list[Contact],
    last_reply: str | None,
    today: dt.date,
    enclosures: list[str] | None = None,
) -> Letter:
    """To a regulator or a consumer association: the respondent, the facts, every contact
    with its real date, what was answered, and what the authority is asked to do."""
    lang = c.lang
    f = Filler(c)
    name = respondent(c, f)
    office = f.mark(a.office.get(lang)) if a.office else ""
    who = [t("e_respondent_name", lang, respondent=name)]
    if a.has("needs_address"):
        who.append(t("e_respondent_address", lang, address=f.mark(t("label_their_address", lang))))
    sections = [Section(heading=t("e_respondent", lang), paragraphs=who)]
    sections.append(Section(heading=t("l_facts", lang), paragraphs=facts(c, f)))
    items = [t("e_history_item", lang, date=format_date(h.day, lang), text=h.text) for h in history]
    sections.append(
        Section(heading=t("e_history", lang), items=items or [t("e_history_none", lang)])
    )
    answer = (
        t(
            "e_answer",
            lang,
            reply=inner_quotes(last_reply, lang),
            mark=original_mark(last_reply, lang),
            stop=full_stop(last_reply, lang),
        )
        if last_reply
        else t("e_silence", lang, respondent=name)
    )
    sections.append(Section(heading=t("e_reply", lang), paragraphs=[answer]))
    law = c.directory.law(a.law) if a.law else None
    asks = []
    if a.ask is not None:
        asks.append(
            t("e_ask_under", lang, cite=law.cite.get(lang), ask=a.ask.get(lang))
            if law is not None
            else t("e_ask", lang, ask=a.ask.get(lang))
        )
    sections.append(Section(heading=t("e_requests", lang), paragraphs=asks, items=demands(c)))
    own = [x for x in laws(c, c.playbook.basis) if law is None or x.id != law.id]
    used = ([law] if law is not None else []) + own
    if used:
        sections.append(Section(heading=t("l_basis", lang), items=[quote(x, lang) for x in used]))
    sections.append(evidence(c, [*(enclosures or []), t("e_original_letter", lang)]))
    sender_lines = sender(c, f)
    if a.has("needs_address"):
        sender_lines.insert(2, t("e_address", lang, address=f.mark(t("label_address", lang))))
    return Letter(
        lang=lang,
        to=t("e_to", lang, name=a.name.get(lang), office=office),
        subject=t("e_subject", lang, respondent=name, title=c.playbook.title.get(lang)),
        sender=sender_lines,
        sections=sections,
        closing=closing(c, f, today),
        placeholders=f.missing,
        laws=used,
        kind="escalation",
    )


# --- the escalation, prepared from a case -----------------------------------------------


class NoDocument(WalletError):
    """An authority that takes no letter from us (a court needs a statement of claim)."""

    def __init__(self, authority: Authority) -> None:
        super().__init__(authority.id)
        self.authority = authority

    def message(self, lang: Lang) -> str:
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
    from . import workflow

    a = workflow.authority_for(case, catalog, to) if to else workflow.police_first(case, catalog)
    if a is None:
        a = workflow.next_authority(case, catalog)
    if a is None:
        raise NotFound("authority", "", [x.id for x in catalog.directory.authorities])
    comp = workflow.rebuild(case, catalog, lang, today)
    if comp is None:
        raise NotFound("issue", case.issue, list(catalog.playbooks))
    if attached:
        from . import evidence as files

        comp = dataclasses.replace(
            comp, values=files.with_held(comp.values, attached, comp.playbook)
        )
    if a.has("police"):
        report = police_report(dataclasses.replace(comp, today=today), a)
        if report is None:
            raise NoDocument(a)
        return Escalation(a, _with_files(report, comp, attached, []), None)
    if not (a.has("regulator") or a.has("mediation")):
        raise NoDocument(a)
    reply = last_reply(case, comp.playbook)
    doc = escalation_letter(comp, a, history(case, comp, catalog), reply, today)
    doc = _with_files(doc, comp, attached, [t("e_original_letter", lang)])
    return Escalation(a, doc, workflow.early_until(case, today))


def _with_files(
    doc: Letter, comp: Complaint, attached: list[Attached] | None, extra: list[str]
) -> Letter:
    if not attached:
        return doc
    from . import casefile

    return casefile.with_evidence(doc, casefile.evidence_section(comp, attached, extra))


def last_reply(case: Case, pb: Playbook) -> str | None:
    replies = [e.reply for e in case.events if e.reply]
    if replies:
        return replies[-1]
    value = pb.answer(case.answers, "prior_contact_reply")
    return str(value) if value else None


def history(case: Case, comp: Complaint, catalog: Catalog) -> list[Contact]:
    """Every contact with its real date, starting with the one reported in the interview."""
    lang = comp.lang
    name = comp.provider.brand(lang)
    out: list[Contact] = []
    said = {r: comp.playbook.answer(comp.values, r) for r in PRIOR_CONTACT}
    if said["prior_contact"] and isinstance(said["prior_contact_date"], dt.date):
        out.append(
            Contact(
                said["prior_contact_date"],
                _contact_text(lang, name, *(said[r] for r in PRIOR_CONTACT[2:])),
            )
        )
    for e in case.events:
        if e.kind == "created":
            out.append(Contact(e.day, t("h_letter_written", lang, respondent=name)))
        elif e.kind in ("contact", "reply") and e.channel != "authority":
            text = (
                t("h_reply", lang, respondent=name, reply=_said(lang, e.reply, short=True))
                if e.kind == "reply"
                else _contact_text(lang, name, e.channel, e.ref, e.reply)
            )
            out.append(Contact(e.day, text))
        elif e.authority:
            a = catalog.directory.authority(e.authority)
            ref = t("h_ref", lang, ref=e.ref) if e.ref else ""
            text = t("h_escalated", lang, name=a.name.get(lang) if a else e.authority, ref=ref)
            out.append(Contact(e.day, text))
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
