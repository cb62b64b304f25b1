"""Plain text: a letter as it is printed or pasted into a form, and a case's events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletcomplain.messages import t

if TYPE_CHECKING:
    from walletcomplain.letter import Letter
    from walletcomplain.models import Catalog, Lang
    from walletcomplain.store import Event


def heading(doc: Letter, i: int, text: str) -> str:
    """A section's numbered heading: 一、 in Chinese, 1. in English."""
    return t("section_heading", doc.lang, n=t(f"num_{i + 1}", doc.lang), text=text)


def items(doc: Letter, entries: list[str]) -> list[str]:
    if doc.lang == "en":  # an English item opens with a capital
        entries = [f"{item[:1].upper()}{item[1:]}" for item in entries]
    return [t("list_item", doc.lang, n=n, item=item) for n, item in enumerate(entries, 1)]


def head(doc: Letter) -> list[str]:
    """Addressee, copy, subject, sender and salutation: the lines before the sections."""
    lines = [doc.to]
    if doc.cc:
        lines.append(doc.cc)
    lines += ["", t("l_subject", doc.lang, subject=doc.subject), "", *doc.sender]
    salutation = t("l_salutation", doc.lang)
    return [*lines, "", salutation] if salutation else lines


def letter(doc: Letter) -> str:
    lines = head(doc)
    for i, s in enumerate(doc.sections):
        lines += ["", heading(doc, i, s.heading), *s.paragraphs]
        lines += items(doc, s.items)
    lines += ["", *doc.closing]
    return "\n".join(lines) + "\n"


def event(e: Event, catalog: Catalog, lang: Lang) -> str:
    """One line of a case's timeline: date, what happened, where, and what was said."""
    from walletcomplain.messages import format_date

    parts = [format_date(e.day, lang), t(f"ev_{e.kind}", lang)]
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
