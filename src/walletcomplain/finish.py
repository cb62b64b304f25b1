"""The end of a complaint, the same from `start` and from `letter --save`: the letter
written to a file, and the case recorded in the log to follow up."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from .complaint import Report


def write_document(path: Path, text: str, *, force: bool = False) -> None:
    """A letter, a report or an answers file, written atomically as the user's own (0600),
    less control characters. Raises FileExists, NotRegular or MissingFolder."""
    from .paths import write_atomic
    from .safe import for_file

    write_atomic(path, for_file(text).encode("utf-8"), force=force, mode=0o600)


def record_case(rep: Report, today: dt.date) -> int | None:
    """The case's number in the log, or None when recording is off
    (WALLETCOMPLAIN_NO_SAVE). Raises StoreError when the log cannot be used."""
    from . import store, workflow

    if not store.enabled():
        return None
    with store.Store() as log:
        return workflow.record(log, rep, today)
