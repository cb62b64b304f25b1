"""`walletcomplain validate`: check custom playbook and directory files before using them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import catalog
from .errors import CatalogError, Problem
from .models import Directory


@dataclass
class Outcome:
    path: str
    what: str  # "playbook recharge", "directory", ...
    problems: list[Problem] = field(default_factory=list)


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += catalog.playbook_files(p) if p.is_dir() else [p]
    return out


def validate_paths(paths: list[Path], today: dt.date) -> list[Outcome]:
    files = _files(paths)
    base = catalog.data_dir()
    directory, problems = catalog.load_directory(base / "providers.yaml")
    common, more = catalog.load_common(base / "common.yaml")
    if directory is None or common is None:
        raise CatalogError(problems + more)
    results: list[Outcome] = []
    kinds = {}
    for f in files:
        if not f.exists():
            results.append(Outcome(str(f), "?", [Problem(str(f), None, "", "file not found")]))
            continue
        data, _, _ = catalog.read_yaml(f)
        kinds[f] = catalog.kind_of(data)
    # A directory file given alongside playbooks is what those playbooks are checked against.
    for f in [f for f, k in kinds.items() if k == "directory"]:
        d, probs = catalog.load_directory(f)
        results.append(Outcome(catalog.display(f), "directory", probs))
        if d is not None and not probs:
            directory = d
    for f in [f for f, k in kinds.items() if k == "common"]:
        c, probs = catalog.load_common(f)
        results.append(Outcome(catalog.display(f), "common questions", probs))
        if c is not None and not probs:
            common = c
    for f in [f for f, k in kinds.items() if k == "playbook"]:
        pb, probs = catalog.load_playbook(f, directory, common, today)
        what = f"playbook {pb.id}" if pb is not None else "playbook"
        if pb is not None:
            probs += render_example(pb, directory, catalog.display(f), today)
        results.append(Outcome(catalog.display(f), what, probs))
    return results


def render_example(pb: object, directory: Directory, name: str, today: dt.date) -> list[Problem]:
    """Render the example letter for every provider in both languages; any failure is a problem."""
    from . import complaint
    from .models import Catalog, Playbook

    assert isinstance(pb, Playbook)
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
