"""Form-ready fields: the complaint cut into the fields of a channel's form, ready to paste.

The wallet's in-app form (one short text we keep within WALLET_CHARS, plus the
screenshots to attach), and the form of every authority whose data has `form:` (its
`to` is what `--to` calls it): a web platform gets its fields (as public help pages list
them: respondent, goods or service, time, order number, facts, demand, evidence), a
phone line a script.

No character limit of any official form was verified: every field says so, and the
500 characters of the in-app text are our own choice, not the app's rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import documents, escalation, workflow
from .callsheet import complaint_of, last_ref
from .errors import NotFound
from .evidence import Attached
from .letter import Filler, format_value
from .messages import format_date, sep, t
from .models import Authority, Catalog, Directory, Lang
from .roles import WALLET_FORM as WALLET
from .store import Case

WALLET_CHARS = 500  # our choice for an in-app message: short enough to read at a glance


@dataclass
class Field:
    id: str
    label: str
    value: str
    limit: int | None = None  # a limit we hold ourselves to (never an official one)

    @property
    def chars(self) -> int:
        return len(self.value)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "chars": self.chars,
            "limit": self.limit,
            "official_limit_verified": False,
        }


@dataclass
class Form:
    target: str
    title: str
    fields: list[Field]
    notes: list[str] = field(default_factory=list)  # for the screen, never for the form
    attach: list[str] = field(default_factory=list)  # what to upload or attach

    def to_json(self) -> dict[str, Any]:
        return {
            "to": self.target,
            "title": self.title,
            "fields": [f.to_json() for f in self.fields],
            "attach": self.attach,
            "notes": self.notes,
        }


def targets(directory: Directory) -> list[str]:
    """What `--to` may name, from the data: web forms, the wallet's own, phone scripts."""
    forms = [a.form for a in directory.authorities if a.form is not None]
    return [
        *(f.to for f in forms if f.kind == "web_form"),
        WALLET,
        *(f.to for f in forms if f.kind == "phone_script"),
    ]


def authority_for(directory: Directory, target: str) -> Authority | None:
    """The authority whose form `--to` names; None for the wallet's own."""
    return next((a for a in directory.authorities if a.form and a.form.to == target), None)


def attach_list(comp: Any, attached: list[Attached], lang: Lang) -> list[str]:
    """Each evidence item with the files attached to it, then files attached to no item."""
    out = []
    for e in comp.playbook.evidence:
        files = [a.name for a in attached if a.item == e.id]
        if files:
            out.append(t("fm_item_files", lang, item=e.get(lang), files=_join(files, lang)))
        elif e.id in (comp.playbook.answer(comp.values, "evidence_in_hand") or []):
            out.append(t("fm_item_held", lang, item=e.get(lang)))
    loose = [a.name for a in attached if a.item is None]
    if loose:
        out.append(t("fm_other_files", lang, files=_join(loose, lang)))
    return out


def _join(items: list[str], lang: Lang) -> str:
    return t("list_sep", lang).join(items)


def _value(comp: Any, qid: str | None, lang: Lang) -> str:
    """The answer as the form wants it; empty when there is none (nothing to paste, and
    nothing to count: the screen says it is not given)."""
    if qid is None or qid not in comp.values:
        return ""
    return format_value(comp.question(qid), comp.values[qid], lang)


def _spoken(comp: Any, f: Filler) -> list[str]:
    spec = comp.playbook.submit
    if spec is None:
        return [f.fill(comp.playbook.letter.subject.get(comp.lang))]
    paras = [p for p in spec.spoken if p.when is None or p.when.holds(comp.values)]
    return [f.fill(p.get(comp.lang)) for p in paras]


def _ladder_note(comp: Any, a: Authority | None, case: Case, lang: Lang) -> list[str]:
    """A channel this case's ladder does not lead to: say so on screen, and which does."""
    if a is None:
        return []
    plan = escalation.plan(comp.directory, comp.provider, comp.playbook, comp.values)
    ids = [s.authority.id for s in plan.steps if s.authority is not None]
    notes = []
    if a.id not in ids:
        nxt = plan.next_authority()
        other = nxt.authority.name.get(lang) if nxt and nxt.authority else t("c_other_routes", lang)
        notes.append(t("fm_not_on_ladder", lang, name=a.name.get(lang), other=other))
    done = workflow.escalated_to(case)
    if escalation.refuses_after(a, done):
        notes.append(t("fm_not_after", lang, name=a.name.get(lang)))
    return notes


def build(
    case: Case,
    catalog: Catalog,
    target: str,
    lang: Lang,
    today: dt.date,
    attached: list[Attached],
) -> Form:
    from .evidence import with_held

    a = authority_for(catalog.directory, target)
    if (a is None or a.form is None) and target != WALLET:
        raise NotFound("form", target, targets(catalog.directory))
    comp = complaint_of(case, catalog, lang, today)
    comp = dataclasses.replace(comp, values=with_held(comp.values, attached, comp.playbook))
    f = Filler(comp)
    spec = comp.playbook.submit
    demands = documents.demands(comp)
    item_sep = sep("item", lang)
    if a is not None and a.form is not None and a.form.kind == "web_form":
        service = f.fill(spec.service.get(lang)) if spec and spec.service else None
        facts = documents.facts(comp, f)
        written = t("h_letter_written", lang, respondent=comp.provider.brand(lang))
        facts += [  # every contact with its date and reference, as the escalation letter has
            t("fm_script_history", lang, date=format_date(h.day, lang), text=h.text)
            for h in documents.history(case, comp, catalog)
            if h.text != written  # the form is the complaint; no letter is enclosed
        ]
        fields = [
            Field("respondent", t("fm_respondent", lang), documents.respondent(comp, f)),
            Field(
                "service",
                t("fm_service", lang),
                service or comp.playbook.title.get(lang),
            ),
            Field("time", t("fm_time", lang), _value(comp, spec.time if spec else None, lang)),
            Field("order", t("fm_order", lang), _value(comp, spec.order if spec else None, lang)),
            Field("facts", t("fm_facts", lang), "\n".join(facts)),
            Field("demand", t("fm_demand", lang), item_sep.join(demands)),
        ]
        notes = [a.form.how.get(lang)] if a.form.how else []
        notes.append(t("fm_limits_unverified", lang))
        notes += _ladder_note(comp, a, case, lang)
        if f.missing:
            notes.append(t("fm_placeholders", lang, items=_join(f.missing, lang)))
        title = a.form.title.get(lang)
        return Form(target, title, fields, notes, attach_list(comp, attached, lang))
    if a is None or a.form is None:  # the wallet's own in-app form
        text = _short_text(comp, f, demands, last_ref(case, comp.playbook), lang)
        fields = [Field("message", t("fm_message", lang), text, WALLET_CHARS)]
        notes = [t("fm_wallet_limit", lang, n=WALLET_CHARS)]
        path = next(
            (c.path.get(lang) for c in comp.provider.channels if c.kind == "in_app" and c.path),
            None,
        )
        if path:
            notes.insert(0, t("fm_wallet_where", lang, path=path))
        return Form(
            target, t("fm_title_wallet", lang), fields, notes, attach_list(comp, attached, lang)
        )
    script = _phone_script(case, catalog, comp, f, a, demands, lang)  # a phone line
    fields = [Field(f"line_{i}", t("fm_line", lang, n=i), line) for i, line in enumerate(script, 1)]
    notes = [a.form.how.get(lang)] if a.form.how else []
    ch = next((c for c in a.channels if c.value == a.form.to), None)
    if ch is not None and ch.hours:
        notes.append(t("fm_hours", lang, hours=ch.hours.get(lang)))
    if ch is not None and ch.note:
        notes.append(ch.note.get(lang))
    notes += [n.get(lang) for n in a.notes]
    notes += _ladder_note(comp, a, case, lang)
    title = a.form.title.get(lang)
    return Form(target, title, fields, notes, attach_list(comp, attached, lang))


def _short_text(comp: Any, f: Filler, demands: list[str], ref: str | None, lang: Lang) -> str:
    """The in-app message: what happened, the demand, the last reference; within
    WALLET_CHARS, dropping the least needed parts first, cut with an ellipsis only as a
    last resort."""
    # written, not spoken: the subject opens it instead of the spoken greeting
    subject = f.fill(comp.playbook.letter.subject.get(lang))
    spoken = [t("fm_short_subject", lang, subject=subject), *_spoken(comp, f)[1:]]
    word_sep = sep("word", lang)
    demand = t("fm_short_demand", lang, demands=sep("item", lang).join(demands))
    parts = [*spoken, demand]
    if ref:
        parts.append(t("fm_short_ref", lang, ref=ref))
    text = word_sep.join(parts)
    while len(text) > WALLET_CHARS and len(spoken) > 1:
        spoken.pop()  # the later sentences give detail; the first says what it is about
        text = word_sep.join([*spoken, *parts[-(2 if ref else 1) :]])
    if len(text) > WALLET_CHARS:
        text = text[: WALLET_CHARS - 1] + "…"
    return text


def _phone_script(
    case: Case,
    catalog: Catalog,
    comp: Any,
    f: Filler,
    a: Authority | None,
    demands: list[str],
    lang: Lang,
) -> list[str]:
    spoken = _spoken(comp, f)  # the first sentence greets and says what it is about
    lines = [*spoken[:1], t("fm_script_open", lang, respondent=documents.respondent(comp, f))]
    lines += spoken[1:]
    written = t("h_letter_written", lang, respondent=comp.provider.brand(lang))
    for h in documents.history(case, comp, catalog):
        if h.text != written:  # said on the phone, "the letter is enclosed" makes no sense
            lines.append(t("fm_script_history", lang, date=format_date(h.day, lang), text=h.text))
    if not documents.last_reply(case, comp.playbook):  # an answer is already in the history above
        lines.append(t("fm_script_silence", lang))
    if a is not None and a.ask is not None:
        lines.append(t("fm_script_ask", lang, ask=a.ask.get(lang)))
    lines.append(t("fm_script_demands", lang, demands=sep("item", lang).join(demands)))
    lines.append(t("fm_script_ref", lang))
    return lines
