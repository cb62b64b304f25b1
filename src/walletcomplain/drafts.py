"""Unfinished `start` sessions, kept in the case log's database so no way out loses work.

The interview saves the draft after every answer, so Ctrl-C, a signal, a closed
terminal or even kill -9 lose at most the question on screen.

A draft holds the provider, the problem, the language and the answers given so
far, as plain JSON types. Nothing is kept when recording is off
(`--no-save`, WALLETCOMPLAIN_NO_SAVE=1).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .models import Lang


@dataclass
class Draft:
    id: str
    provider: str | None
    issue: str | None
    lang: Lang
    answers: dict[str, Any] = field(default_factory=dict)
    saved: str = ""  # ISO timestamp of the last save
    version: int | None = None  # the playbook's version when the draft was saved


def new_id(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")


def started(draft: Draft) -> str:
    """When the session began (its id is the start time), as YYYY-MM-DD HH:MM."""
    try:
        return dt.datetime.strptime(draft.id[:15], "%Y%m%d-%H%M%S").strftime("%Y-%m-%d %H:%M")
    except ValueError:  # an id from elsewhere: the last save is the best we know
        return draft.saved.replace("T", " ")[:16]


def save(draft: Draft) -> str:
    """Store the draft; returns where it is, for the message that says how to resume."""
    from .store import Store

    draft.saved = dt.datetime.now().isoformat(timespec="seconds")
    with Store() as store:
        store.save_draft(draft.id, dataclasses.asdict(draft))
        return f"{store.path} (draft {draft.id})"


def load_all() -> list[Draft]:
    """Newest first. A draft that no longer reads as one is skipped, not deleted."""
    from .store import Store

    out = []
    with Store() as store:
        for raw in store.drafts():
            try:
                out.append(Draft(**raw))
            except TypeError:
                continue
    return out


def delete(draft_id: str) -> None:
    from .store import Store

    with Store() as store:
        store.delete_draft(draft_id)
