"""A complaint: provider + playbook + validated answers, and everything derived from it.

`build` is where raw answers (from flags, a file or the prompts) become a
Complaint, through answers.parse. `report` adds the letter, the channels, the
escalation plan, the missing evidence and the warnings: everything `letter`
and `start` show, and everything `--json` carries (render/json.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import answers, escalation
from .errors import InvalidAnswers
from .letter import Letter
from .messages import describe_notice, t
from .models import (
    Catalog,
    Directory,
    Evidence,
    Lang,
    Playbook,
    Provider,
    Question,
)
from .names import check_applies, find_playbook, find_provider


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)  # an aggregate: see models.py
class Complaint:
    """A checked answer set for one provider and one problem, in one language."""

    directory: Directory
    provider: Provider
    playbook: Playbook
    lang: Lang
    values: dict[str, Any]
    today: dt.date
    notices: list[answers.Notice] = field(default_factory=list)

    def question(self, qid: str) -> Question | None:
        return self.playbook.question(qid)

    def labels(self) -> dict[str, str]:
        return {q.id: q.label.get(self.lang) for q in self.playbook.questions}


def build(
    catalog: Catalog,
    provider_id: str,
    playbook_id: str,
    raw: Mapping[str, object],
    lang: Lang,
    today: dt.date,
) -> Complaint:
    provider = find_provider(catalog, provider_id)
    playbook = find_playbook(catalog, playbook_id)
    check_applies(catalog, provider, playbook)
    result = answers.parse(playbook.questions, raw, today)
    if not result.ok:
        raise InvalidAnswers(playbook, result)
    return Complaint(
        directory=catalog.directory,
        provider=provider,
        playbook=playbook,
        lang=lang,
        values=result.values,
        today=today,
        notices=result.notices,
    )


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)  # an aggregate: see models.py
class Report:
    """Everything a complaint gives: the letter, the plan, what is missing, warnings."""

    complaint: Complaint
    letter: Letter
    plan: escalation.Plan
    missing: list[Evidence]
    urgent: list[str]
    warnings: list[str]
    scam_signs: list[str] = field(default_factory=list)  # shown when the playbook says so
    scam_rules: list[str] = field(default_factory=list)
    police_report: Letter | None = None  # money lost to fraud or theft: for the police first


def report(c: Complaint) -> Report:
    from . import documents

    plan = escalation.plan(c.directory, c.provider, c.playbook, c.values)
    letter = documents.letter(c, plan)
    held = set(c.playbook.answer(c.values, "evidence_in_hand") or [])
    missing = [e for e in c.playbook.evidence if e.id not in held and e.needed(c.values)]
    urgent = [p.get(c.lang) for p in c.playbook.urgent if p.when is None or p.when.holds(c.values)]
    police = next((a for a in c.directory.authorities if a.has("police")), None)
    scam = c.playbook.scam_checklist
    show_scam = scam is not None and scam.holds(c.values)
    return Report(
        complaint=c,
        letter=letter,
        plan=plan,
        missing=missing,
        urgent=urgent,
        warnings=warnings(c, plan, letter),
        scam_signs=[s.get(c.lang) for s in c.directory.scam_signs] if show_scam else [],
        scam_rules=[r.get(c.lang) for r in c.directory.scam_rules] if show_scam else [],
        police_report=(
            documents.police_report(c, police) if plan.urgent and police is not None else None
        ),
    )


def warnings(c: Complaint, plan: escalation.Plan, letter: Letter) -> list[str]:
    lang = c.lang
    out = [describe_notice(n, c.labels(), lang) for n in c.notices]
    out += [n.get(lang) for n in c.provider.notes]
    out += [
        t("w_channel_note", lang, value=ch.value, note=ch.note.get(lang))
        if ch.value
        else ch.note.get(lang)
        for ch in c.provider.channels
        if ch.note is not None
    ]
    for law in letter.laws:
        if law.caveat is not None:
            out.append(law.caveat.get(lang))
    if plan.steps[1:] and any(s.may_decline for s in plan.steps):
        out.append(t("w_may_decline", lang))
    if letter.placeholders:
        out.append(t("w_placeholders", lang, items=t("list_sep", lang).join(letter.placeholders)))
    out.append(t("w_no_secrets", lang))
    return list(dict.fromkeys(out))  # keep order, drop repeats
