"""Unfinished `start` sessions, kept in the data directory so Ctrl-C loses nothing.

A draft holds the provider, the problem, the language and the answers given so
far, as plain JSON types. Files are written atomically with mode 0600.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
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


def directory() -> Path:
    return paths.home() / "drafts"


def new_id(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")


def save(draft: Draft) -> Path:
    draft.saved = dt.datetime.now().isoformat(timespec="seconds")
    path = directory() / f"{draft.id}.json"
    data = json.dumps(draft.__dict__, ensure_ascii=False, indent=1, default=str)
    paths.write_atomic(path, data.encode("utf-8"), force=True)
    return path


def load_all() -> list[Draft]:
    """Newest first. A damaged file is skipped, never deleted: it may still be read by hand."""
    out = []
    d = directory()
    if not d.is_dir():
        return []
    for p in d.glob("*.json"):
        if not re.fullmatch(r"[\w-]+", p.stem):
            continue
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
            out.append(Draft(**raw))
        except (OSError, ValueError, TypeError):
            continue
    return sorted(out, key=lambda x: x.saved, reverse=True)


def delete(draft_id: str) -> None:
    (directory() / f"{draft_id}.json").unlink(missing_ok=True)
