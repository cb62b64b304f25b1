"""What every command shares: the session's language, the catalog, today's date, and the
one place where expected failures become a message and an exit code (`session`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    import datetime as dt

    from walletcomplain.models import Catalog, Lang
    from walletcomplain.store import Store

    from .options import LangOpt


class State:
    lang: Lang | None = None
    playbook_dirs: list[Path] = []  # noqa: RUF012 - one process, one state


STATE = State()


def lang_of(opt: LangOpt | None) -> Lang:
    if opt is not None:
        return "zh" if opt.value == "zh" else "en"
    if STATE.lang is not None:
        return STATE.lang
    from walletcomplain.messages import default_lang

    return default_lang()


def fail(message: str, code: int | None = None) -> NoReturn:
    """Say why, and exit with `code` (default ExitCode.USAGE)."""
    from walletcomplain.errors import ExitCode
    from walletcomplain.output import say

    say(message)
    raise typer.Exit(int(ExitCode.USAGE if code is None else code))


def today() -> dt.date:
    """WALLETCOMPLAIN_TODAY=YYYY-MM-DD pins 'today' (tests, or a letter dated in advance)."""
    import datetime as dt

    pinned = os.environ.get("WALLETCOMPLAIN_TODAY", "").strip()
    if not pinned:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(pinned)
    except ValueError:
        fail(f"WALLETCOMPLAIN_TODAY: got '{pinned}'; expected a date such as 2026-11-22")
    if not dt.date(1990, 1, 1) <= day <= dt.date(2999, 12, 31):  # follow-up dates must fit
        from walletcomplain.messages import t

        fail(t("today_range", lang_of(None), given=pinned))
    return day


def argv_text(value: str | None, option: str, lang: Lang) -> str | None:
    """Text from the command line that did not decode as UTF-8 (Python keeps the bytes as
    lone surrogates) cannot be stored or printed: bad input, said as such."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        from walletcomplain.messages import t
        from walletcomplain.safe import neutral

        fail(t("argv_encoding", lang, option=option, shown=neutral(value, newlines=False)))
    return value


class Session:
    """One command's run: its language, and the catalog loaded the first time it is asked
    for (so a command fails on its own arguments before it pays for the catalog)."""

    def __init__(self, lang: Lang, playbooks: list[Path] | None = None) -> None:
        self.lang = lang
        self.playbooks = playbooks
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_catalog(self.lang, self.playbooks)
        return self._catalog


@contextmanager
def guard(s: Session) -> Iterator[None]:
    """Turn every expected failure into a clear message and the documented exit code, in
    the session's language when it fails (`start --resume` takes on the draft's)."""
    from walletcomplain.errors import ExitCode, WalletError  # here: --help never needs them

    try:
        yield
    except WalletError as e:
        fail(e.message(s.lang), e.exit_code)
    except KeyboardInterrupt:
        from walletcomplain.messages import t

        fail("\n" + t("interrupted", s.lang), ExitCode.INTERRUPTED)
    except OSError as e:
        from walletcomplain.messages import os_reason, t

        error, path = os_reason(e, s.lang), e.filename
        said = (
            t("os_error_path", s.lang, error=error, path=path)
            if path
            else t("os_error", s.lang, error=error)
        )
        fail(said, ExitCode.ENVIRONMENT)
    except ValueError as e:
        if "null byte" not in str(e):  # a NUL in a file name (only through the Python API)
            raise
        from walletcomplain.messages import t

        fail(t("nul_in_path", s.lang))
    except Exception as e:
        if type(e).__module__ != "sqlite3":  # the case log failing outside a transaction
            raise
        from walletcomplain.store import _explain, db_path

        err = _explain(db_path(), e)  # type: ignore[arg-type]
        fail(err.message(s.lang), err.exit_code)


def checked_data() -> dict[str, Any] | None:
    """The catalog's checked data as plain JSON (its cache: no models are built), for the
    lists that only need ids and names; None when it cannot be read (the command that
    needs the catalog itself will say why)."""
    from walletcomplain import catalog
    from walletcomplain.errors import WalletError

    try:
        return catalog.load_data(catalog.sources(catalog.extra_dirs(STATE.playbook_dirs)), today())
    except (OSError, WalletError):
        return None


def load_catalog(lang: Lang, extra: list[Path] | None = None) -> Catalog:
    """The checked catalog; a slow rebuild says so on stderr (progress.py)."""
    from walletcomplain import catalog
    from walletcomplain.progress import rebuild_reporter

    dirs = catalog.extra_dirs([*STATE.playbook_dirs, *(extra or [])])
    return catalog.load(dirs, today(), progress=rebuild_reporter(lang))


@contextmanager
def session(lang: LangOpt | None, playbooks: list[Path] | None = None) -> Iterator[Session]:
    """The preamble of every command: its language, its catalog, its errors."""
    s = Session(lang_of(lang), playbooks)
    with guard(s):
        yield s


@contextmanager
def case_session(lang: LangOpt | None) -> Iterator[tuple[Session, Store]]:
    """`session`, with the case log open."""
    from walletcomplain.store import Store

    with session(lang) as s, Store() as log:
        yield s, log


def confirm(question: str, yes: bool, lang: Lang) -> bool:
    from walletcomplain.messages import t

    if yes:
        return True
    if not sys.stdin.isatty():
        fail(t("cl_need_yes", lang))
    return typer.confirm(question, default=False)


def write_or_print(text: str, output: Path | None, force: bool, lang: Lang) -> None:
    from walletcomplain.finish import write_document
    from walletcomplain.messages import t
    from walletcomplain.output import say, write_out

    if output is None:
        write_out(text)
        return
    write_document(output, text, force=force)
    say(t("saved_letter", lang, path=str(output)))
