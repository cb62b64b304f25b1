"""`walletcomplain start`: the interview, step by step, in a terminal."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from .common import STATE, fail, lang_of, session, today
from .options import LangOption, PlaybooksOption

if TYPE_CHECKING:
    from walletcomplain.interview import Interrupted
    from walletcomplain.models import Catalog, Lang


def start(
    provider: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--provider", "-p", help="hp_start_provider"),
    ] = None,
    issue: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--issue", "-i", help="hp_start_issue"),
    ] = None,
    lang: LangOption = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="hp_start_resume"),
    ] = False,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", dir_okay=False, help="hp_start_output"),
    ] = None,
    playbooks: PlaybooksOption = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="hp_start_no_save")] = False,
) -> None:
    """`walletcomplain start`: its help (zh, en) is messages.M["hp_start"]."""
    language = lang_of(lang)
    from walletcomplain.messages import t

    if output is not None and not os.path.lexists(output.parent):  # now, not at the end
        fail(t("missing_folder", language, path=str(output.parent)))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail(t("i_no_tty", language))
    with session(lang, playbooks) as s:
        cat = s.catalog
        from walletcomplain import drafts
        from walletcomplain.interview import Interrupted, Interview
        from walletcomplain.output import say
        from walletcomplain.store import enabled

        from .prompter import QuestionaryPrompter

        if provider and issue and not resume:  # the same check as `letter`, before any question
            from walletcomplain import names

            p = names.find_provider(cat, provider)
            names.check_applies(cat, p, names.find_playbook(cat, issue))
        prompter = QuestionaryPrompter(language)
        prompter.catch_signals()
        iv = Interview(prompter, cat, language, today(), output)
        iv.record = enabled() and not no_save
        try:
            if resume:
                found = drafts.load_all()
                if not found:
                    say(t("i_no_drafts", language))
                    return
                draft = found[0] if len(found) == 1 else pick_draft(iv, found, cat, language)
                dropped = iv.resume(draft)
                if lang is None and STATE.lang is None:  # the draft's language, unless told
                    iv.lang = language = s.lang = draft.lang  # errors too
                    iv.prompter = prompter = QuestionaryPrompter(language)
                    prompter.catch_signals()
                if dropped:
                    say(t("i_draft_dropped", language, fields=", ".join(dropped)))
                provider, issue = draft.provider, draft.issue
            elif iv.record:
                waiting_drafts(language)
            iv.run(provider, issue)
        except Interrupted as e:
            stopped(e, language)
        except KeyboardInterrupt as e:  # before the interview began (choosing a draft)
            stopped(Interrupted(None, getattr(e, "signum", None)), language)


def waiting_drafts(lang: "Lang") -> None:
    """A new session while unfinished ones wait: say how to go back to them (a user who
    forgot --resume would otherwise answer everything again). Quiet if the case log is
    missing or unreadable: saving will say what is wrong."""
    from walletcomplain import drafts
    from walletcomplain.errors import WalletError
    from walletcomplain.messages import t_n
    from walletcomplain.output import say
    from walletcomplain.store import db_path

    if not db_path().exists():
        return
    try:
        found = drafts.load_all()
    except (WalletError, OSError):
        return
    if found:
        say(t_n("i_drafts_waiting", lang, len(found)))


def stopped(e: "Interrupted", lang: "Lang") -> NoReturn:
    """The way out of an interrupted `start`: say where the answers are, exit 130 (Ctrl-C),
    143 (SIGTERM) or 129 (SIGHUP). A closed terminal cannot be written to: stay quiet."""
    import contextlib

    from walletcomplain.output import say

    if e.signum is not None:
        import signal

        for sig in (signal.SIGHUP, signal.SIGTERM):  # a second one must not cut the exit short
            signal.signal(sig, signal.SIG_IGN)
    try:
        say("\n" + e.message(lang))
        sys.stdout.flush()
    except (OSError, ValueError):  # the terminal is gone: nothing can be said, exit quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            with contextlib.suppress(OSError):
                os.dup2(devnull, fd)
    raise typer.Exit(int(e.exit_code))


def pick_draft(iv: Any, found: list[Any], cat: "Catalog", lang: "Lang") -> Any:
    """Several drafts: let the user choose, newest first."""
    from walletcomplain.messages import t

    choices = []
    for d in found:
        p = cat.directory.provider(d.provider or "")
        pb = cat.playbooks.get(d.issue or "")
        label = t(
            "i_draft_label",
            lang,
            saved=d.saved.replace("T", " "),
            provider=p.name.get(lang) if p else "?",
            issue=pb.title.get(lang) if pb else "?",
            n=len(d.answers),
        )
        choices.append((d.id, label, None))
    picked = iv.prompter.select(t("i_pick_draft", lang), choices)
    return next(d for d in found if d.id == picked)
