"""Everything that reaches the terminal.

Two renderers for the same blocks: rich panels and tables on a colour terminal,
and plain aligned text when the stream is not a TTY or NO_COLOR is set. The
plain path never imports rich, which keeps scripted runs fast. User and
playbook text is never interpreted: rich gets `Text` objects (no markup, no
emoji codes), so `[bold]` and `:smile:` print exactly as typed; and every control
character is shown visibly (safe.neutral) on each of the three ways out below.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import IO, Any, Literal, NamedTuple

from .messages import NO_LINE_END as NO_LINE_END  # where a wrapped line may not break
from .messages import NO_LINE_START as NO_LINE_START
from .messages import UNBROKEN
from .safe import neutral

Style = Literal["info", "warn", "urgent", "ok"]
WIDTH = 80


class Block(NamedTuple):
    """One framed part of a screen: a title, lines of text, and optionally a table."""

    title: str
    lines: Sequence[str] = ()
    header: Sequence[str] | None = None
    rows: Sequence[Sequence[str]] = ()
    style: Style = "info"


def wants_plain(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR", "") != "":
        return True
    isatty = getattr(stream, "isatty", None)
    return not (isatty and isatty())


_WIDE: dict[str, int] = {}


def cell_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK and full-width characters take two."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        w = _WIDE.get(ch)
        if w is None:
            w = _WIDE[ch] = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        width += w
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` columns with "…" where it does not fit."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += cell_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out).rstrip() + "…"


def wrap(text: str, width: int) -> list[str]:
    """Wrap by display width: at spaces in Latin text, between any two CJK characters,
    never putting closing punctuation at the start of a line (the character before it
    moves down too). Bulleted lines hang under their text."""
    out: list[str] = []
    for para in text.split("\n"):
        if cell_width(para) <= width:  # most lines fit as they are
            out.append(para.rstrip())
            continue
        hang = "  " if para.startswith(("• ", "- ", "* ")) else ""
        line: list[str] = []
        used = 0  # display width of `line`
        for word in _TOKEN.findall(para):
            w = cell_width(word)
            if used + w > width and not word.isspace() and "".join(line).strip():
                carry: list[str] = []
                while word in NO_LINE_START and line and line[-1] in NO_LINE_START | {" "}:
                    carry.insert(0, line.pop())  # a run of closing marks moves as one
                if word in NO_LINE_START and "".join(line).strip():
                    carry.insert(0, line.pop())  # with the character before it
                while line and line[-1] in NO_LINE_END and "".join(line[:-1]).strip():
                    carry.insert(0, line.pop())  # an opening mark goes down with its text
                if not "".join(line).strip():  # nothing would be left: overflow instead
                    line += [*carry, word]
                    used = cell_width("".join(line))
                    continue
                out.append("".join(line).rstrip())
                moved = [*carry, word]
                moved[0] = moved[0].lstrip()
                line = [hang, *moved]
                used = cell_width("".join(line))
            else:
                line.append(word)
                used += w
        out.append("".join(line).rstrip())
    return out


# A token: a Chinese date, one non-ASCII character (CJK, full-width, a quote or arrow), a
# run of ASCII with the spaces after it, or spaces. Lines may break between any two tokens.
# (A plain pattern: listing the Unicode ranges costs milliseconds to compile.)
_TOKEN = re.compile(UNBROKEN + r"|[^\x00-\x7f]|[!-~]+ *|\s+")


MARKS = {"info": "", "warn": "! ", "urgent": "!! ", "ok": ""}


def render_plain(blocks: list[Block], width: int = WIDTH) -> str:
    parts: list[str] = []
    for b in blocks:
        if not b.lines and not b.rows:  # a one-line message
            parts.append(b.title)
            continue
        lines = [f"== {MARKS[b.style]}{b.title} =="]
        for line in b.lines:
            lines += ["  " + x for x in wrap(line, width - 2)]
        if b.rows:
            lines += _plain_table(b, width)[0]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _plain_table(b: Block, width: int) -> tuple[list[str], bool]:
    """The table as lines, and whether the first line is the header (a narrow table is
    stacked row by row and drops it)."""
    cols = len(b.rows[0])
    table = [b.header, *b.rows] if b.header else b.rows
    widths = [max(cell_width(r[i]) for r in table) for i in range(cols)]
    fixed = sum(widths[:-1]) + 2 * cols
    lines: list[str] = []
    if width - fixed < 36:  # too narrow for columns: stack each row's middle and last cells
        # under its first cell's column, the first cells aligned when they are short
        first = widths[0] if cols > 2 and widths[0] <= 16 else None
        for r in b.rows:
            if first is None:
                lines += ["  " + x for x in wrap("  ".join(x for x in r[:-1] if x), width - 2)]
                lines += ["      " + x for x in wrap(r[-1], width - 6) if x]
                continue
            room = width - first - 4
            body = wrap("  ".join(x for x in r[1:-1] if x), room) + wrap(r[-1], room)
            body = [x for x in body if x] or [""]
            lines.append(("  " + pad(r[0], first) + "  " + body[0]).rstrip())
            lines += [" " * (first + 4) + x for x in body[1:]]
        return lines, False
    for r in table:
        head = "  " + "  ".join(pad(r[i], widths[i]) for i in range(cols - 1))
        tail = wrap(r[-1], width - fixed) or [""]
        lines.append((head + ("  " if cols > 1 else "") + tail[0]).rstrip())
        indent = " " * (cell_width(head) + (2 if cols > 1 else 0))
        lines += [(indent + x).rstrip() for x in tail[1:]]
    return lines, b.header is not None


def _rich_console(stream: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=stream, highlight=False, markup=False, emoji=False, soft_wrap=False)


BORDER = {"info": "cyan", "warn": "yellow", "urgent": "red", "ok": "green"}


def render_rich(blocks: list[Block], stream: IO[str]) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    console = _rich_console(stream)
    width = min(console.width, WIDTH)
    for b in blocks:
        if not b.lines and not b.rows:  # a one-line message, no frame
            console.print(Text(b.title, style=BORDER[b.style]))
            continue
        # Pre-wrapped by display width: rich would leave a bullet alone on its line
        # before a long run of Chinese text, which it cannot break at spaces.
        body: list[Any] = [Text("\n".join(wrap(line, width - 4))) for line in b.lines]
        if b.rows:  # laid out by display width, as in plain mode: rich's tables fold CJK badly
            table, has_header = _plain_table(b, width - 2)
            rows = [line[2:] for line in table]
            if has_header and rows:
                body.append(Text(rows.pop(0), style="bold"))
            body += [Text(line) for line in rows]
        console.print(
            Panel(
                Group(*body),
                title=Text(b.title),
                title_align="left",
                border_style=BORDER[b.style],
                width=width,
            )
        )


def safe_block(b: Block) -> Block:
    """The block with every control character shown visibly; line breaks are kept only in
    its lines and in a table's last column (the one that wraps)."""

    def row(r: Sequence[str]) -> list[str]:
        return [neutral(c, newlines=i == len(r) - 1) for i, c in enumerate(r)]

    return b._replace(
        title=neutral(b.title, newlines=False),
        lines=[neutral(x) for x in b.lines],
        header=row(b.header) if b.header is not None else None,
        rows=[row(r) for r in b.rows],
    )


def emit(blocks: list[Block], stream: IO[str] | None = None) -> None:
    s = stream if stream is not None else sys.stderr
    if not blocks:
        return
    blocks = [safe_block(b) for b in blocks]
    if wants_plain(s):
        s.write(render_plain(blocks))
        s.flush()
    else:
        render_rich(blocks, s)


def emit_wrapped(b: Block, width: int, stream: IO[str] | None = None) -> None:
    """A one-line message wrapped to `width`: each line neutralised, then styled alone."""
    s = stream if stream is not None else sys.stderr
    lines = wrap(neutral(b.title, newlines=False), width)
    if wants_plain(s):
        s.write("\n".join(lines) + "\n")
        s.flush()
        return
    from rich.text import Text

    console = _rich_console(s)
    for line in lines:
        console.print(Text(line, style=BORDER[b.style]))


def say(message: str, stream: IO[str] | None = None) -> None:
    """A message on stderr, its control characters shown visibly; on a terminal, wrapped
    to its width between words (or CJK characters), never in the middle of one."""
    s = stream if stream is not None else sys.stderr
    text = neutral(message.rstrip("\n"))
    isatty = getattr(s, "isatty", None)
    if isatty is not None and isatty():
        import shutil

        text = "\n".join(wrap(text, shutil.get_terminal_size().columns))
    s.write(text + "\n")
    s.flush()


def write_out(text: str) -> None:
    """Primary output (letters, JSON, tables asked for) on stdout, neutralised."""
    text = neutral(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()
