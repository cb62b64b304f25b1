"""The case as a timeline: each contact, reply and escalation on its date, then the
follow-up date and what happens on it, marked when it has passed.

The entries are data (`Entry`); `cases show` draws them in columns (views in
casescreens.py). The contact the user reported in the interview comes first, with its
own date, as in the escalation letter's history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .due import explain_due
from .messages import M, t, t_n
from .models import Catalog, Lang
from .roles import PRIOR_CONTACT
from .store import Case, Event

Mark = Literal["done", "next", "overdue", "closed"]


@dataclass
class Entry:
    day: dt.date
    mark: Mark
    text: str
    detail: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "mark": self.mark,
            "text": self.text,
            "detail": self.detail,
        }


def _event_text(e: Event, catalog: Catalog, lang: Lang) -> tuple[str, list[str]]:
    parts = [t(f"ev_{e.kind}", lang)]
    if e.channel:
        parts.append(t(f"ch_{e.channel}", lang))
    if e.authority:
        a = catalog.directory.authority(e.authority)
        parts.append(a.name.get(lang) if a else e.authority)
    if e.ref:
        parts.append(t("tl_ref", lang, ref=e.ref))
    detail = []
    if e.reply:
        detail.append(t("tl_reply", lang, reply=e.reply))
    if e.note:
        detail.append(t("tl_note", lang, note=e.note))
    if e.kind == "closed" and e.note is None and not detail:
        detail = []
    return " · ".join(parts), detail


def entries(case: Case, catalog: Catalog, lang: Lang, today: dt.date) -> list[Entry]:
    out: list[Entry] = []
    pb = catalog.playbooks.get(case.issue)
    said = {r: pb.answer(case.answers, r) if pb else None for r in PRIOR_CONTACT}
    if said["prior_contact"] and said["prior_contact_date"]:
        try:
            day = dt.date.fromisoformat(str(said["prior_contact_date"]))
        except ValueError:
            day = None
        if day is not None:
            channel, ref, reply = (said[r] for r in PRIOR_CONTACT[2:])
            parts = [t("tl_tried", lang)]
            if channel:  # the log's short channel names; "other" only the letters have
                key = f"ch_{channel}" if f"ch_{channel}" in M else f"l_ch_{channel}"
                parts.append(t(key, lang))
            if ref:
                parts.append(t("tl_ref", lang, ref=ref))
            detail = [t("tl_reply", lang, reply=reply)] if reply else []
            out.append(Entry(day, "done", " · ".join(parts), detail))
    for e in case.events:
        text, detail = _event_text(e, catalog, lang)
        out.append(Entry(e.day, "closed" if e.kind == "closed" else "done", text, detail))
    out.sort(key=lambda x: x.day)  # stable: same-day events keep their order
    if case.status != "closed" and case.next_due is not None:
        due = case.next_due
        late = (today - due).days
        if late > 0:
            head = t_n("tl_overdue", lang, late)
        elif late == 0:
            head = t("tl_due_today", lang)
        else:
            head = t_n("tl_due_in", lang, -late)
        out.append(
            Entry(
                due,
                "overdue" if late > 0 else "next",
                head,
                [explain_due(case, catalog, lang)],
            )
        )
    return out
