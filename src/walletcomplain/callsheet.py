"""The call sheet: what to have at hand and what to say to a hotline, and the call's record.

Seed 001's advice for phone support, made concrete for one case: the number with its
hours and caveats (from the directory), the details an agent asks for, about thirty
seconds of plain spoken sentences (the playbook's `submit.spoken`), the demand, and
what to ask before hanging up. After the call, `record_call` logs it as a contact; a
date the agent promised becomes the case's follow-up date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import answers, documents, due, escalation, workflow
from .errors import NotFound, WalletError
from .letter import Filler, format_value
from .messages import t
from .models import Catalog, Lang, Playbook
from .store import Case, Event, Store


@dataclass
class Detail:
    label: str
    value: str


@dataclass
class Sheet:
    case_id: int
    lang: Lang
    provider: str
    provider_id: str
    number: str | None  # None: the provider has no verified phone number
    where: str | None  # without a number: the channel to use instead
    hours: str | None  # None: the directory gives no hours
    caveats: list[str]
    urgent: str | None  # money lost to fraud: 110 and the bank first
    first: str | None  # the complaint is against someone else (a merchant): them first
    have: list[Detail]
    say: list[str]
    demands: list[str]
    ask: list[str]
    never: str
    placeholders: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "lang": self.lang,
            "provider": {"id": self.provider_id, "name": self.provider},
            "dial": {
                "number": self.number,
                "channel": self.where,
                "hours": self.hours,
                "hours_known": self.hours is not None,
                "caveats": self.caveats,
            },
            "urgent": self.urgent,
            "respondent_first": self.first,
            "have": [{"label": d.label, "value": d.value} for d in self.have],
            "say": self.say,
            "demands": self.demands,
            "ask_before_hanging_up": self.ask,
            "never": self.never,
            "placeholders": self.placeholders,
        }


def complaint_of(case: Case, catalog: Catalog, lang: Lang, today: dt.date) -> Any:
    """The case's complaint, or NotFound when its playbook no longer fits its answers."""
    comp = workflow.rebuild(case, catalog, lang, today)
    if comp is None:
        raise NotFound("issue", case.issue, list(catalog.playbooks))
    return comp


def last_ref(case: Case, pb: Playbook) -> str | None:
    """The latest reference number: from the log, else from the interview."""
    refs = [e.ref for e in case.events if e.ref and e.channel != "authority"]
    if refs:
        return refs[-1]
    value = pb.answer(case.answers, "prior_contact_ref")
    return str(value) if value else None


def build(case: Case, catalog: Catalog, lang: Lang, today: dt.date) -> Sheet:
    comp = complaint_of(case, catalog, lang, today)
    p, pb = comp.provider, comp.playbook
    f = Filler(comp)
    hotline = p.hotline()
    where = None
    if hotline is None:
        other = escalation.sorted_channels(p.channels)
        ch = other[0] if other else None
        if ch is not None:
            where = ch.path.get(lang) if ch.path else ch.value
    caveats = []
    if hotline is not None and hotline.note is not None:
        caveats.append(hotline.note.get(lang))
    caveats += [n.get(lang) for n in p.notes]
    plan = escalation.plan(comp.directory, p, pb, comp.values)
    spec = pb.submit
    have_ids = spec.have if spec is not None else [pb.role_id("sender_account")]
    have = []
    for qid in have_ids:
        q = comp.question(qid)
        if q is None or (q.when is not None and not q.when.holds(comp.values)):
            continue  # a question that does not apply to this case
        value = comp.values.get(qid)
        shown = format_value(q, value, lang) if value is not None else t("cs_not_given", lang)
        have.append(Detail(q.label.get(lang), shown))
    ref = last_ref(case, pb)
    if ref:
        have.append(Detail(t("cs_last_ref", lang), ref))
    if spec is not None:
        paras = [p_ for p_ in spec.spoken if p_.when is None or p_.when.holds(comp.values)]
        say = [f.fill(x.get(lang)) for x in paras]
    else:
        say = [t("cs_say_subject", lang, subject=f.fill(pb.letter.subject.get(lang)))]
    return Sheet(
        case_id=case.id,
        lang=lang,
        provider=p.name.get(lang),
        provider_id=p.id,
        number=hotline.value if hotline is not None else None,
        where=where,
        hours=hotline.hours.get(lang) if hotline is not None and hotline.hours else None,
        caveats=caveats,
        urgent=t("cs_urgent", lang) if plan.urgent else None,
        first=_first(comp, lang),
        have=have,
        say=say,
        demands=documents.demands(comp),
        ask=[t("cs_ask_ref", lang), t("cs_ask_date", lang), t("cs_ask_supervisor", lang)],
        never=t("cs_never", lang),
        placeholders=f.missing,
    )


def _first(comp: Any, lang: Lang) -> str | None:
    """Who to call before this number: the merchant (a dispute), or the card's bank
    (a provider whose letters go to the issuing bank, as Apple Pay's do)."""
    if comp.playbook.respondent != "provider":
        name = documents.respondent(comp, Filler(comp))
        return t("cs_respondent_first", lang, respondent=name)
    if comp.provider.respondent == "issuing_bank":
        return t("cs_bank_first", lang)
    return None


class BadPromise(WalletError, ValueError):
    """A promised date that is not a date, or lies before the call."""

    def __init__(self, given: str, key: str) -> None:
        super().__init__(given)
        self.given, self.key = given, key

    def message(self, lang: Lang) -> str:
        from .messages import t
        from .safe import neutral

        return t(self.key, lang, given=neutral(self.given))


def parse_promised(text: str, day: dt.date) -> dt.date | None:
    """The date the agent promised an answer by: empty for none; never before the call."""
    text = text.strip()
    if not text:
        return None
    try:
        value = answers.parse_date(text)
    except answers.AnswerError:
        raise BadPromise(text, "cs_bad_promise") from None
    if value < day:
        raise BadPromise(text, "cs_promise_past")
    return value


def record_call(
    store: Store,
    catalog: Catalog,
    case: Case,
    day: dt.date,
    ref: str | None,
    said: str | None,
    promised: dt.date | None,
) -> Event:
    """The call as a contact on the hotline. A promised date becomes the follow-up date;
    without one, the usual suggestion applies (what an agent says on the phone is not a
    final written answer, so it does not make the case due for review today)."""
    if promised is not None:
        promise: due.Due = (
            promised,
            {
                "kind": "promised",
                "since": day.isoformat(),
                "promised": promised.isoformat(),
            },
        )
    else:
        promise = due.due_for_provider(day)
    return workflow.log_contact(
        store, catalog, case, "hotline", day, ref or None, None, said or None, None, due=promise
    )
