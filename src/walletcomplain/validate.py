"""`walletcomplain validate`: check custom playbook and directory files before using them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import catalog
from .errors import Problem
from .models import Directory, Playbook


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One checked file, as `validate` reports it."""

    path: str
    what: str  # "playbook recharge", "directory", ...
    problems: list[Problem] = field(default_factory=list)


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += catalog.playbook_files(p) if p.is_dir() else [p]
    return out


def validate_paths(paths: list[Path], today: dt.date) -> list[Outcome]:
    """Each file checked by the catalog's own loader (read once); here each playbook's
    example letter is rendered too, and each outcome named."""
    results: list[Outcome] = []
    for c in catalog.check_files(
        _files(paths), today, lambda pb, d, name: render_example(pb, d, name, today)
    ):
        if c.kind == "missing":
            results.append(Outcome(path=str(c.path), what="?", problems=c.problems))
            continue
        what = f"playbook {c.id}" if c.id is not None else WHAT[c.kind]
        results.append(Outcome(path=catalog.display(c.path), what=what, problems=c.problems))
    return results


WHAT = {"directory": "directory", "common": "common questions", "playbook": "playbook"}


def render_example(pb: Playbook, directory: Directory, name: str, today: dt.date) -> list[Problem]:
    """Render the example letter for every provider in both languages; any failure is a problem."""
    from . import complaint
    from .models import Catalog

    cat = Catalog(directory=directory, playbooks={pb.id: pb})
    today = max(today, catalog.example_day(pb))  # the day the example was written for
    problems = []
    for p in directory.providers:
        if not pb.applies_to(p):  # `letter` refuses these with a clear message
            continue
        for lang in ("zh", "en"):
            try:
                r = complaint.report(complaint.build(cat, p.id, pb.id, pb.example, lang, today))
                r.letter.to_text()
            except Exception as e:  # report exactly what broke, for the author
                problems.append(
                    Problem(name, None, "example", f"letter for {p.id} ({lang}) failed: {e}")
                )
    return problems
