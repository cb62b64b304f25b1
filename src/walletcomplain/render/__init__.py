"""One home per output format: each module renders every document and view into one format.

    text.py      plain text: letters, a case's events
    markdown.py  Markdown: letters, the case file
    json.py      every JSON view: the report, plans, channels, playbooks, the case file
    ics.py       iCalendar: the follow-up reminder
    zip.py       the case file archive

Terminal output (tables and blocks) is the UI layer: output.py and views.py. This package
is core: it never imports typer, rich, questionary or prompt_toolkit, and this registry
imports nothing until a renderer is asked for.

The registry maps what is rendered and the format's name to "module:function". The
`--format` choices of the commands are these names (tests/test_render.py checks).

To add a format: write its module here (`render/pdf.py` with `def letter(doc) -> str`),
register it below with one line (`("letter", "pdf"): "pdf:letter"`), and add the name to
the command's format choice (commands/options.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# (what, format) -> "module:function" in this package
RENDERERS: dict[tuple[str, str], str] = {
    ("letter", "text"): "text:letter",  # Letter -> str
    ("letter", "markdown"): "markdown:letter",  # Letter -> str
    ("report", "json"): "json:report",  # complaint.Report -> dict
    ("case", "markdown"): "markdown:case",  # (Case, Catalog, lang, today, attached) -> str
    ("case", "json"): "json:case_text",  # (Case, Catalog, lang, today, attached) -> str
    ("case", "zip"): "zip:export_zip",  # (path, Case, Catalog, lang, today, attached, force)
    ("case", "ics"): "ics:reminder",  # (Case, Catalog, lang) -> str
    ("playbook", "json"): "json:playbook",  # (Playbook, lang) -> dict
}


def formats(what: str) -> list[str]:
    """The format names `what` can be rendered in, in registration order."""
    return [fmt for (kind, fmt) in RENDERERS if kind == what]


def renderer(what: str, fmt: str) -> Callable[..., Any]:
    """The function that renders `what` in format `fmt` (its module loads only now)."""
    module, name = RENDERERS[(what, fmt)].split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return found
