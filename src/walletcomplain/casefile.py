"""The case's documents with its evidence.

A letter lists the evidence enclosed. Once files are attached to a case, each evidence
item names its files; the markdown form adds a short SHA-256, so a reader can match the
paper to the files. The case file archive that holds them is written by render/zip.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from . import documents, evidence
from .callsheet import complaint_of
from .evidence import Attached
from .letter import Letter, Section
from .messages import t
from .models import Catalog, Lang
from .store import Case


def evidence_section(
    comp: Any, attached: list[Attached], extra: list[str] | None = None
) -> Section:
    """The letter's evidence list: each item held, with its files; files on no item last.
    Markdown items also carry each file's short SHA-256."""
    lang = comp.lang
    held = set(comp.playbook.answer(comp.values, "evidence_in_hand") or [])
    items: list[str] = []
    md: list[str] = []
    for e in comp.playbook.evidence:
        files = [a for a in attached if a.item == e.id]
        if not files and e.id not in held:
            continue
        label = e.get(lang)
        if files:
            items.append(t("l_ev_files", lang, item=label, files=_names(files, lang, False)))
            md.append(t("l_ev_files", lang, item=label, files=_names(files, lang, True)))
        else:
            items.append(label)
            md.append(label)
    loose = [a for a in attached if a.item is None]
    if loose:
        items.append(t("l_ev_other", lang, files=_names(loose, lang, False)))
        md.append(t("l_ev_other", lang, files=_names(loose, lang, True)))
    items += extra or []
    md += extra or []
    later = [] if items else [t("l_evidence_later", lang)]
    return Section(heading=t("l_evidence", lang), items=items, paragraphs=later, md_items=md)


def _names(files: list[Attached], lang: Lang, with_hash: bool) -> str:
    if with_hash:
        parts = [t("l_ev_file_hash", lang, name=_md(a.name), sha=a.short) for a in files]
    else:
        parts = [a.name for a in files]
    return t("list_sep", lang).join(parts)


def _md(name: str) -> str:
    """A file name inside markdown: its own characters never become formatting."""
    return "`" + name.replace("`", "'") + "`"


def with_evidence(letter: Letter, section: Section) -> Letter:
    """The letter with its evidence section replaced (the same heading marks it)."""
    sections = [section if s.heading == section.heading else s for s in letter.sections]
    return dataclasses.replace(letter, sections=sections)


def case_letter(
    case: Case, catalog: Catalog, lang: Lang, today: dt.date, attached: list[Attached]
) -> Letter:
    """The case's letter, rebuilt from its answers, dated when the case was written, with
    the checklist ticked by the attached files and each item's files listed."""
    from . import complaint

    comp = complaint_of(case, catalog, lang, today)
    comp = dataclasses.replace(
        comp, today=case.created, values=evidence.with_held(comp.values, attached, comp.playbook)
    )
    rep = complaint.report(comp)
    return with_evidence(rep.letter, evidence_section(comp, attached))


def escalation_letters(
    case: Case, catalog: Catalog, lang: Lang, attached: list[Attached]
) -> list[tuple[str, Letter]]:
    """The escalation documents already recorded, each as it was dated, with the evidence."""
    out = []
    for e in case.events:
        if e.kind != "escalated" or not e.authority:
            continue
        try:
            esc = documents.prepare_escalation(catalog, case, e.authority, lang, e.day, attached)
        except (documents.NoDocument, LookupError):
            continue
        out.append((e.authority, esc.letter))
    return out
