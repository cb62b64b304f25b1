"""Markdown: a letter for a mail or a document, and a case file for a reader."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from walletcomplain.messages import t

from . import text

if TYPE_CHECKING:
    from walletcomplain.evidence import Attached
    from walletcomplain.letter import Letter
    from walletcomplain.models import Catalog, Lang, Playbook
    from walletcomplain.store import Case


def letter(doc: Letter) -> str:
    head = text.head(doc)
    lines = [f"**{head[0]}**  ", *(f"{x}  " if x else "" for x in head[1:])]
    for i, s in enumerate(doc.sections):
        lines += ["", f"#### {text.heading(doc, i, s.heading)}", ""]
        lines += [p + "\n" for p in s.paragraphs]
        lines += [f"{x}  " for x in text.items(doc, s.md_items if s.md_items else s.items)]
    lines += ["", *(f"{line}  " if line else "" for line in doc.closing)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def case(
    c: Case,
    catalog: Catalog,
    lang: Lang,
    today: dt.date,
    attached: list[Attached] | None = None,
) -> str:
    """`cases export`: the case's state, its timeline, its answers (masked), its evidence
    files and its letter."""
    from walletcomplain.letter import format_value
    from walletcomplain.messages import format_date

    from .json import case as case_data

    d = case_data(c, catalog, lang, today, attached)
    lines = [
        f"# {t('x_title', lang, id=c.id)}",
        "",
        f"- {t('x_provider', lang)}: {d['provider']['name']}",
        f"- {t('x_issue', lang)}: {d['issue']['title']}",
        f"- {t('x_status', lang)}: {t('st_' + c.status, lang)}"
        + (f" ({t('oc_' + c.outcome, lang)})" if c.outcome else ""),
        f"- {t('x_created', lang)}: {format_date(c.created, lang)}",
        f"- {t('x_next', lang)}: {d['next_due_why']}",
        "",
        f"## {t('x_timeline', lang)}",
        "",
    ]
    for i, e in enumerate(d["timeline"], 1):  # as `cases show` draws it, the contact first
        day = format_date(dt.date.fromisoformat(e["date"]), lang)
        lines.append(f"{i}. {t('x_timeline_line', lang, date=day, text=e['text'])}")
        lines += [f"   - {line}" for line in e["detail"]]
    lines += ["", f"## {t('x_answers', lang)}", ""]
    pb = catalog.playbooks.get(c.issue)
    for key, value in d["answers"].items():  # masked; choices in words, as the letter says them
        q = pb.question(key) if pb else None
        label = q.label.get(lang) if q else key
        shown = format_value(q, value, lang).replace("\n", "\n  ")  # lines stay in the item
        lines.append(f"- {label}: {shown}")
    if attached:
        lines += ["", f"## {t('x_evidence', lang)}", ""]
        lines += [
            t("x_evidence_line", lang, item=item_label(pb, a.item, lang), name=a.name, sha=a.short)
            for a in attached
        ]
    lines += ["", f"## {t('x_letter', lang)}", "", "```text", c.letter.rstrip("\n"), "```", ""]
    return "\n".join(lines)


def item_label(pb: Playbook | Any, item: str | None, lang: Lang) -> str:
    """The evidence item a file was attached as, in words; or "on no item"."""
    e = next((x for x in pb.evidence if x.id == item), None) if pb is not None and item else None
    return e.get(lang) if e is not None else t("z_no_item", lang)
