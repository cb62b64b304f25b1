"""What the user sees while the catalog is rebuilt (first run, or a data file changed).

The catalog layer never prints; a command passes `rebuild_reporter(lang)` as the
catalog's progress callback. A rebuild that takes longer than half a second says so
on stderr once; with many playbooks and a terminal, a "done/total" counter follows
on one line. Nothing here is imported unless a command loads the catalog, and the
messages only once something is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .models import Lang

SLOW = 0.5  # seconds of rebuilding before the user is told
MANY = 20  # playbooks from which a counter is worth showing


def rebuild_reporter(
    lang: Lang, stream: TextIO | None = None, clock: Callable[[], float] | None = None
) -> Callable[[int, int], None]:
    """A progress callback for `catalog.load` and `catalog.load_data`."""
    started: float | None = None
    told = counting = False

    def report(done: int, total: int) -> None:
        nonlocal started, told, counting
        now = (clock or monotonic)()
        started = now if started is None else started
        out = stream or sys.stderr
        if not told:
            if now - started <= SLOW:
                return
            from .messages import t

            out.write(t("rebuild_slow", lang) + "\n")
            told = True
            counting = total >= MANY and done < total and _is_tty(out)
        if counting:
            from .messages import t

            out.write("\r" + t("rebuild_count", lang, done=done, total=total))
            out.write("\n" if done >= total else "")
        out.flush()

    return report


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
