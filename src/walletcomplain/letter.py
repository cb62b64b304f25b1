"""Render a Complaint as a letter: plain text (pastes into any web form) or markdown.

Playbook letter parts use `{{ question_id }}` placeholders and structured `when`
conditions instead of a template language: every placeholder is checked when
the playbook loads, nothing in a user's playbook can execute, and the letter
path does not pay Jinja2's import time (see README, "Why no Jinja2").
An unanswered question becomes a visible `[label]`, never an empty gap.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import privacy
from .messages import t
from .models import Lang, Law, Model, Question, record

if TYPE_CHECKING:
    from .complaint import Complaint
    from .escalation import Plan

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
BUILT_IN = frozenset({"provider"})  # placeholders that are not question ids
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ZH_NUMERALS = "一二三四五六七八九十"


def format_date(d: dt.date, lang: Lang) -> str:
    return (
        f"{d.year}年{d.month}月{d.day}日"
        if lang == "zh"
        else f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    )


def format_value(q: Question | None, value: Any, lang: Lang) -> str:
    """An answer as it reads in a sentence, in the letter's language."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, Decimal):
        return f"{value:,.2f}元" if lang == "zh" else f"CNY {value:,.2f}"
    if isinstance(value, dt.datetime):
        return (
            f"{format_date(value.date(), lang)} {value:%H:%M}"
            if lang == "zh"
            else (f"{format_date(value.date(), lang)}, {value:%H:%M}")
        )
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, list):
        parts = [format_value(q, v, lang) for v in value]
        return "、".join(parts) if lang == "zh" else ", ".join(parts)
    if q is not None and q.choices and isinstance(value, str):
        c = q.choice(value)
        if c is not None:
            return c.get(lang)
    if q is not None and q.pii:
        return privacy.mask_tail(str(value))
    return str(value)


@record
class Section(Model):
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list


@record
class Letter(Model):
    lang: Lang
    to: str
    via: str
    subject: str
    sender: list[str]
    sections: list[Section]
    closing: list[str]
    placeholders: list[str] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)

    def _heading(self, i: int, text: str) -> str:
        return f"{ZH_NUMERALS[i]}、{text}" if self.lang == "zh" else f"{i + 1}. {text}"

    def to_text(self) -> str:
        lines = [
            self.to,
            self.via,
            "",
            f"{t('l_subject', self.lang)}{self.subject}",
            "",
            *self.sender,
        ]
        for i, s in enumerate(self.sections):
            lines += ["", self._heading(i, s.heading), *s.paragraphs]
            lines += [f"{n}. {item}" for n, item in enumerate(s.items, 1)]
        lines += ["", *self.closing]
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        lines = [f"**{self.to}**  ", f"{self.via}", "", f"### {self.subject}", ""]
        lines += [f"{line}  " for line in self.sender]
        for i, s in enumerate(self.sections):
            lines += ["", f"#### {self._heading(i, s.heading)}", ""]
            lines += [p + "\n" for p in s.paragraphs]
            lines += [f"{n}. {item}" for n, item in enumerate(s.items, 1)]
        lines += ["", *(f"{line}  " for line in self.closing)]
        return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


class _Filler:
    """Fills placeholders and remembers which ones had no answer."""

    def __init__(self, c: Complaint) -> None:
        self.c = c
        self.missing: list[str] = []

    def value(self, qid: str) -> str:
        c = self.c
        if qid == "provider":
            return c.provider.name.get(c.lang)
        q = c.question(qid)
        if qid in c.values:
            return format_value(q, c.values[qid], c.lang)
        label = q.label.get(c.lang) if q else qid
        mark = t("placeholder", c.lang, label=label)
        if mark not in self.missing:
            self.missing.append(mark)
        return mark

    def fill(self, template: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.value(m[1]), template)


def _via(c: Complaint, plan: Plan) -> str:
    lang = c.lang
    parts = []
    hotline = next((ch for ch in plan.channels if ch.kind == "hotline"), None)
    if hotline is not None:
        parts.append(t("l_via_hotline", lang, number=hotline.value))
    for ch in plan.channels:
        if ch.kind != "hotline" and ch.path is not None:
            parts.append(t(f"l_via_{ch.kind}", lang, path=ch.path.get(lang)))
            break
    return t("l_via", lang, channels=("；" if lang == "zh" else "; ").join(parts))


def _tried(c: Complaint, f: _Filler) -> list[str]:
    v, lang = c.values, c.lang
    if not v.get("tried_before"):
        return [t("l_first_complaint", lang)]
    text = t(
        "l_tried",
        lang,
        date=f.value("tried_date"),
        channel=f.value("tried_channel"),
        provider=c.provider.name.get(lang),
    )
    text += (
        t("l_tried_ref", lang, ref=v["tried_ref"])
        if "tried_ref" in v
        else t("l_tried_no_ref", lang)
    )
    text += (
        t("l_tried_reply", lang, reply=v["tried_reply"])
        if "tried_reply" in v
        else t("l_tried_no_reply", lang)
    )
    return [text]


def _next_step(c: Complaint, plan: Plan) -> str:
    lang = c.lang
    step = plan.next_authority()
    crypto = c.provider.kind == "crypto_wallet"
    reserve = t("l_reserve_crypto" if crypto else "l_reserve", lang)
    if step is None or step.authority is None:
        return t("l_next_generic", lang) + reserve
    a = step.authority
    hotline = next((ch.value for ch in step.channels if ch.kind == "hotline"), None)
    if hotline:
        return t("l_next_call", lang, number=hotline, name=a.name.get(lang)) + reserve
    return t("l_next_named", lang, name=a.name.get(lang)) + reserve


def facts(c: Complaint, filler: _Filler | None = None) -> list[str]:
    """The playbook's fact paragraphs that apply, filled in (the escalation letter reuses them)."""
    f = filler or _Filler(c)
    paras = c.playbook.letter.facts
    return [f.fill(p.get(c.lang)) for p in paras if p.when is None or p.when.holds(c.values)]


def compose(c: Complaint, plan: Plan) -> Letter:
    lang, pb, v = c.lang, c.playbook, c.values
    f = _Filler(c)
    name = c.provider.name.get(lang)
    subject = f.fill(pb.letter.subject.get(lang))
    sender = [
        t("l_from", lang, name=f.value("contact_name")),
        t("l_phone", lang, phone=f.value("contact_phone")),
        t("l_account", lang, account=f.value("account_id")),
    ]
    sections = [Section(t("l_facts", lang), paragraphs=facts(c, f))]
    sections.append(Section(t("l_steps", lang), paragraphs=_tried(c, f)))
    held = [e.get(lang) for e in pb.evidence if e.id in v.get("evidence_held", [])]
    sections.append(
        Section(
            t("l_evidence", lang),
            items=held,
            paragraphs=[] if held else [t("l_evidence_later", lang)],
        )
    )
    demand_q = c.question("demands")
    demands = [format_value(demand_q, d, lang) for d in v.get("demands", [])]
    if "demand_other" in v:
        demands.append(str(v["demand_other"]))
    sections.append(Section(t("l_demands", lang), items=demands))
    laws = [c.directory.law(u.law) for u in pb.letter.legal if u.when is None or u.when.holds(v)]
    used = [law for law in laws if law is not None]
    if used:
        basis = [t("l_law", lang, cite=law.cite.get(lang), says=law.says.get(lang)) for law in used]
        sections.append(Section(t("l_basis", lang), paragraphs=basis))
    sections.append(
        Section(t("l_deadline", lang), paragraphs=[t("l_reply", lang, days=plan.reply_days)])
    )
    sections.append(Section(t("l_next", lang), paragraphs=[_next_step(c, plan)]))
    closing = [
        *t("l_regards", lang).split("\n"),
        f.value("contact_name"),
        format_date(c.today, lang),
    ]
    return Letter(
        lang,
        t("l_to", lang, provider=name),
        _via(c, plan),
        subject,
        sender,
        sections,
        closing,
        f.missing,
        used,
    )
