"""Screens for the submission commands: the call sheet, form fields, evidence, timeline.

Plain text laid out by display width (CJK characters take two columns), so the same
lines serve a terminal, NO_COLOR and a pipe. Text we did not write (answers, file
names, what an agent said) passes `neutral` first: no control or escape byte reaches
the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .messages import sep, t, t_n
from .output import cell_width, wrap
from .safe import neutral

if TYPE_CHECKING:
    from .callsheet import Sheet
    from .evidence import Attached
    from .forms import Form
    from .models import Lang
    from .timeline import Entry

WIDTH = 80
ROWS = 24


def fold(text: str, width: int) -> list[str]:
    """Wrapped by display width, and a word longer than the line (a long reference, a
    URL) cut where the line ends instead of running past the screen's edge."""
    out: list[str] = []
    for line in wrap(text, width):
        while cell_width(line) > width:
            cut, used = 0, 0
            for i, ch in enumerate(line):
                used += cell_width(ch)
                if used > width:
                    break
                cut = i + 1
            out.append(line[: max(cut, 1)])
            line = line[max(cut, 1) :]
        out.append(line)
    return out


def _flat(text: str) -> str:
    """Untrusted text for a laid-out screen: neutralised, and a tab as one space (a tab's
    width depends on the column it starts in)."""
    return neutral(text).replace("\t", " ")


def _wrapped(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """`text` wrapped after a first-line prefix, later lines under the text."""
    rest = " " * cell_width(first) if rest is None else rest
    lines = fold(_flat(text), width - cell_width(first))
    return [(first if i == 0 else rest) + line for i, line in enumerate(lines)] or [first]


# --- the call sheet -------------------------------------------------------------------------


def sheet_lines(s: Sheet, width: int = WIDTH, rows: int = ROWS - 2) -> list[str]:
    """The sheet in at most `rows` lines (two stay free for the question after it). When
    it would overflow, the caveats give way to a pointer to `providers show` (the first
    one last), then the questions to ask share one paragraph."""
    tries = [(s.caveats, False, False), (s.caveats[:1], True, False), ([], True, False)]
    tries.append(([], True, True))
    lines: list[str] = []
    for caveats, more, compact in tries:
        lines = _sheet(s, width, caveats, more and bool(s.caveats), compact)
        if len(lines) <= rows:
            break
    return lines


def _sheet(
    s: Sheet, width: int, caveats: Sequence[str], more: bool = False, compact: bool = False
) -> list[str]:
    lang = s.lang
    lines = [f"== {t('cs_title', lang, id=s.case_id, provider=s.provider)} =="]
    if s.urgent:
        lines += _wrapped(s.urgent, width, "!! ")
    if s.first:
        lines += _wrapped(s.first, width, "! ")
    if s.number:
        hours = s.hours or t("cs_hours_unknown", lang)
        lines += _wrapped(t("cs_dial", lang, number=s.number, hours=hours), width)
    else:
        lines += _wrapped(t("cs_no_number", lang, where=s.where or "-"), width)
    for c in caveats:
        lines += _wrapped(c, width, "  ! ")
    if more:
        lines += _wrapped(t("cs_more_caveats", lang, id=s.provider_id), width, "  ! ")
    item_sep = sep("item", lang)
    have = item_sep.join(f"{d.label} {d.value}" for d in s.have)
    lines += _wrapped(have, width, t("cs_have", lang))
    lines.append(t("cs_say", lang))
    lines += _wrapped(sep("word", lang).join(s.say), width, "  ")
    lines += _wrapped(item_sep.join(s.demands), width, t("cs_demand", lang))
    if compact:
        asks = " ".join(f"{i}) {q}" for i, q in enumerate(s.ask, 1))
        lines += _wrapped(asks, width, t("cs_ask", lang) + " ")
    else:
        lines.append(t("cs_ask", lang))
        for i, q in enumerate(s.ask, 1):
            lines += _wrapped(q, width, f"  {i}. ")
    lines += _wrapped(s.never, width, "! ")
    return lines


# --- form fields --------------------------------------------------------------------------


def form_lines(f: Form, lang: Lang, width: int = WIDTH) -> list[str]:
    """Each field under its label and count, its value exactly as it is to be pasted."""
    lines = [f"== {f.title} =="]
    for field in f.fields:
        count = (
            t("fm_count_limit", lang, n=field.chars, limit=field.limit)
            if field.limit
            else t_n("fm_count", lang, field.chars)
        )
        lines += ["", f"-- {field.label} ({count}) --"]
        # not wrapped: a line break the terminal did not add would be copied into the form
        lines += neutral(field.value).split("\n") if field.value else [t("fm_not_given", lang)]
    if f.attach:
        lines += ["", f"-- {t('fm_attach', lang)} --"]
        for item in f.attach:
            lines += _wrapped(item, width, "• ", "  ")
    return lines


def notes_lines(notes: list[str], width: int = WIDTH) -> list[str]:
    out: list[str] = []
    for n in notes:
        out += _wrapped(n, width, "! ", "  ")
    return out


# --- evidence -------------------------------------------------------------------------------


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} MiB"


def evidence_lines(
    attached: list[Attached], labels: dict[str, str], states: Mapping[int, str], lang: Lang
) -> list[str]:
    lines = []
    for a in attached:
        state = states.get(a.id, "ok")
        mark = {"ok": " ", "missing": "!", "changed": "!"}[state]
        item = labels.get(a.item or "", t("z_no_item", lang))
        head = f"{mark} #{a.id:<3} {a.short}  {size_text(a.size):>9}  "
        lines += _wrapped(f"{neutral(a.name)} → {item}", WIDTH, head)
        if state != "ok":
            lines += _wrapped(t(f"ev_state_{state}", lang), WIDTH, " " * cell_width(head))
    return lines


# --- the timeline -----------------------------------------------------------------------------

MARKS = {"done": "*", "closed": "#", "next": "o", "overdue": "!"}


def timeline_lines(
    title: str, entries: list[Entry], width: int = WIDTH, colour: bool = False
) -> list[str]:
    lines = [f"== {title} =="]
    for i, e in enumerate(entries):
        mark = MARKS[e.mark]
        if colour and e.mark == "overdue":
            mark = f"\x1b[1;31m{mark}\x1b[0m"
        elif colour and e.mark == "next":
            mark = f"\x1b[33m{mark}\x1b[0m"
        first = f"{e.day.isoformat()}  {mark}  "
        indent = " " * 12 + ("|" if i < len(entries) - 1 else " ") + "  "
        body = fold(_flat(e.text), width - cell_width(indent))
        lines.append(first + body[0])
        lines += [indent + x for x in body[1:]]
        for d in e.detail:
            lines += [indent + x for x in _wrapped(d, width - cell_width(indent))]
    return lines
