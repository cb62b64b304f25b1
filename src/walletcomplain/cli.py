"""The command line: parse arguments, call the core, print. Nothing else lives here.

Heavy modules (the catalog, YAML, rich, questionary) are imported inside the
commands that need them, so `--help` and the scripted paths start fast.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from . import __version__

if TYPE_CHECKING:
    import datetime as dt

    from .models import Catalog, Lang


class Exit:
    """Exit codes (plain ints: an Enum class costs start-up time for nothing here)."""

    OK = 0
    RUNTIME = 1
    USAGE = 2  # usage or validation
    INTERRUPTED = 130


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class DocumentOpt(str, Enum):
    letter = "letter"
    police = "police"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


HELP = """walletcomplain: 数字钱包投诉助手 / a complaint assistant for digital wallets.

Gets you from "my wallet went wrong" to the right official channel, the evidence
to collect, a firm complaint letter and the next step if nobody answers.
Everything stays on this computer. It never asks for passwords or SMS codes.
"""


class SafeGroup(TyperGroup):
    """Click's own usage errors quote what was typed ("No such command '...'"): they pass
    the same neutralising function as everything else we print."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with neutral_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with neutral_usage_errors():
            return super().invoke(ctx)


@contextmanager
def neutral_usage_errors() -> Iterator[None]:
    try:
        yield
    except ValueError as e:
        if "null byte" not in str(e):  # Click's path checks meet a NUL (only via the API)
            raise
        from .messages import t

        fail(t("nul_in_path", lang_of(None)))
    except Exception as e:
        if hasattr(e, "format_message") and isinstance(getattr(e, "message", None), str):
            from .safe import neutral

            e.message = neutral(e.message)  # type: ignore[attr-defined]
            if isinstance(getattr(e, "option_name", None), str):  # NoSuchOption quotes it
                e.option_name = neutral(e.option_name)  # type: ignore[attr-defined]
        raise


APP_SETTINGS: dict[str, Any] = {
    "cls": SafeGroup,
    "add_completion": False,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "pretty_exceptions_show_locals": False,
    "rich_markup_mode": None,  # help is plain text: fast, and nothing in it is markup
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(help=HELP, **APP_SETTINGS)
providers_app = typer.Typer(
    help="The contact directory: hotlines, in-app paths, caveats and sources.",
    invoke_without_command=True,
    no_args_is_help=False,
)
playbooks_app = typer.Typer(
    help="The problem types (playbooks) and their questions.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(providers_app, name="providers")
app.add_typer(playbooks_app, name="playbooks")


class State:
    lang: "Lang | None" = None
    playbook_dirs: list[Path] = []  # noqa: RUF012 - one process, one state


STATE = State()

LangOption = Annotated[
    Optional[LangOpt],  # noqa: UP045 - typer needs Optional on 3.10
    typer.Option(
        "--lang",
        "-l",
        help="zh or en (default: WALLETCOMPLAIN_LANG, else the locale; C/POSIX gives zh).",
    ),
]
PlaybooksOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--playbooks",
        metavar="DIR",
        file_okay=False,
        help="A directory of your own playbooks (repeatable); same id overrides the packaged one.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]


def lang_of(opt: LangOpt | None) -> "Lang":
    if opt is not None:
        return "zh" if opt == LangOpt.zh else "en"
    if STATE.lang is not None:
        return STATE.lang
    from .messages import default_lang

    return default_lang()


def fail(message: str, code: int = Exit.USAGE) -> NoReturn:
    from .output import say

    say(message)
    raise typer.Exit(int(code))


def today() -> "dt.date":
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
        from .messages import t

        fail(t("today_range", lang_of(None), given=pinned))
    return day


def argv_text(value: str | None, option: str, lang: "Lang") -> str | None:
    """Text from the command line that did not decode as UTF-8 (Python keeps the bytes as
    lone surrogates) cannot be stored or printed: bad input, said as such."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        from .messages import t
        from .safe import neutral

        fail(t("argv_encoding", lang, option=option, shown=neutral(value, newlines=False)))
    return value


@contextmanager
def guard(lang: "Lang") -> Iterator[None]:
    """Turn every expected failure into a clear message and the documented exit code."""
    from .errors import (
        CaseNotFound,
        CatalogError,
        FileExists,
        InvalidAnswers,
        MissingFolder,
        NotApplicable,
        NotFound,
        NotRegular,
        StoreError,
    )
    from .messages import t

    try:
        yield
    except KeyboardInterrupt:
        fail("\n" + t("interrupted", lang), Exit.INTERRUPTED)
    except CatalogError as e:
        fail(t("catalog_errors", lang) + "\n" + "\n".join(f"  {p}" for p in e.problems))
    except NotFound as e:
        hint = t("did_you_mean", lang, suggest=e.suggest) + " " if e.suggest else ""
        fail(t("not_found", lang, kind=e.kind, given=e.given, known=", ".join(e.known), hint=hint))
    except NotApplicable as e:
        fail(e.message(lang))
    except InvalidAnswers as e:
        lines = "\n".join(f"  - {line}" for line in e.lines(lang))
        fail(
            t("invalid_answers", lang, n=len(e.result.errors))
            + "\n"
            + lines
            + "\n"
            + t("invalid_answers_hint", lang, issue=e.playbook.id)
        )
    except AnswersFileError as e:
        fail(str(e))
    except CaseNotFound as e:
        fail(t("cl_not_found", lang, id=e.case_id))
    except StoreError as e:
        fail(t("store_error", lang, error=e.describe(lang)), Exit.RUNTIME)
    except FileExists as e:
        fail(t("file_exists", lang, path=str(e)))
    except NotRegular as e:
        fail(t("not_regular", lang, path=str(e)))
    except MissingFolder as e:
        fail(t("missing_folder", lang, path=str(e)))
    except OSError as e:
        fail(
            t("os_error", lang, error=f"{e.strerror or e}: {e.filename or ''}".rstrip(": ")),
            Exit.RUNTIME,
        )
    except ValueError as e:
        if "null byte" not in str(e):  # a NUL in a file name (only through the Python API)
            raise
        fail(t("nul_in_path", lang))
    except Exception as e:
        if type(e).__module__ != "sqlite3":  # the case log failing outside a transaction
            raise
        from .store import _explain, db_path

        err = _explain(db_path(), e)  # type: ignore[arg-type]
        fail(t("store_error", lang, error=err.describe(lang)), Exit.RUNTIME)


def load_catalog(lang: "Lang", extra: list[Path] | None = None) -> "Catalog":
    from . import catalog
    from .progress import rebuild_reporter

    dirs = catalog.extra_dirs([*STATE.playbook_dirs, *(extra or [])])
    return catalog.load(dirs, today(), progress=rebuild_reporter(lang))


# --- answers from flags and files ---------------------------------------------------------


class AnswersFileError(ValueError):
    pass


def read_answers_file(spec: str, lang: "Lang") -> dict[str, Any]:
    """YAML or JSON, UTF-8 with or without BOM, from a path or '-' (stdin)."""
    from . import limits
    from .catalog import excerpt
    from .messages import t

    name = "<stdin>" if spec == "-" else spec
    try:  # bounded: 1 MiB, a regular file (never /dev/zero, a FIFO or a folder)
        if spec == "-":
            data = limits.read_stream(sys.stdin.buffer, limits.MAX_ANSWERS_BYTES)
        else:
            data = limits.read_regular(Path(spec), limits.MAX_ANSWERS_BYTES)
        text = data.decode("utf-8-sig")
    except limits.LimitError as e:
        raise AnswersFileError(e.describe(name, lang)) from None
    except OSError as e:
        raise AnswersFileError(
            t("answers_unreadable", lang, name=name, error=e.strerror or str(e))
        ) from None
    except UnicodeDecodeError as e:
        raise AnswersFileError(t("answers_encoding", lang, name=name, pos=e.start)) from None
    parsed: Any
    if text.lstrip().startswith("{"):
        import json

        try:
            parsed = json.loads(text)
            limits.check_tree(parsed)
        except json.JSONDecodeError as e:
            raise AnswersFileError(
                t("answers_syntax", lang, name=name, line=e.lineno, error=e.msg)
            ) from None
        except RecursionError:  # deeper than the interpreter allows: certainly over the limit
            raise AnswersFileError(
                limits.LimitError("depth", limit=limits.MAX_DEPTH).describe(name, lang)
            ) from None
        except limits.LimitError as e:
            raise AnswersFileError(e.describe(name, lang)) from None
    else:
        import yaml

        try:
            limits.scan_yaml(text)  # depth, aliases, sizes: before anything is built
            parsed = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except limits.LimitError as e:
            raise AnswersFileError(e.describe(name, lang)) from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark is not None else "?"
            raise AnswersFileError(
                t(
                    "answers_syntax",
                    lang,
                    name=name,
                    line=line,
                    error=excerpt(str(getattr(e, "problem", None) or e)),
                )
            ) from None
        except Exception as e:  # PyYAML's constructors fail oddly on odd tags (`!!int`)
            raise AnswersFileError(
                t("answers_unparsable", lang, name=name, error=excerpt(f"{type(e).__name__}: {e}"))
            ) from None
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise AnswersFileError(t("answers_not_mapping", lang, name=name))
    return {str(k): v for k, v in parsed.items()}


def parse_sets(items: list[str], lang: "Lang") -> dict[str, str]:
    from .messages import t

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = argv_text(item, "--set", lang).partition("=")  # type: ignore[union-attr]
        if not sep or not key.strip():
            fail(t("bad_set", lang, item=item))
        out[key.strip()] = value
    return out


# --- commands ------------------------------------------------------------------------------


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"walletcomplain {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    lang: LangOption = None,
    playbooks: PlaybooksOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    STATE.lang = None
    if lang is not None:
        STATE.lang = lang_of(lang)
    STATE.playbook_dirs = list(playbooks or [])


@app.command()
def start(
    provider: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--provider", "-p", help="Skip the provider question: alipay, wechatpay, ..."),
    ] = None,
    issue: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--issue", "-i", help="Skip the problem question: recharge, security, ..."),
    ] = None,
    lang: LangOption = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue a session you left (Ctrl-C, closed window, ...)."),
    ] = False,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", dir_okay=False, help="Save the letter here at the end."),
    ] = None,
    playbooks: PlaybooksOption = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help="Keep nothing: no draft on Ctrl-C, no case.")
    ] = False,
) -> None:
    """Walk through a complaint step by step: the main way to use walletcomplain.

    Asks which provider and problem, shows what to check first, asks the questions,
    lets you review and change answers, then shows the channels, the escalation ladder,
    the evidence still missing and the letter, and offers to save it.
    Ctrl-B goes back one question. Every answer is kept as a draft as you give it, so
    Ctrl-C, a closed window or a crash lose nothing: `walletcomplain start --resume`
    continues. Needs a terminal; in scripts use `walletcomplain letter`.
    """
    language = lang_of(lang)
    from .messages import t

    if output is not None and not os.path.lexists(output.parent):  # now, not at the end
        fail(t("missing_folder", language, path=str(output.parent)))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail(t("i_no_tty", language))
    with guard(language):
        cat = load_catalog(language, playbooks)
        from . import drafts
        from .interview import Interrupted, Interview
        from .interview import resume as resume_draft
        from .output import say
        from .prompter import QuestionaryPrompter
        from .store import enabled

        if provider and issue and not resume:  # the same check as `letter`, before any question
            from . import complaint

            p = complaint.find_provider(cat, provider)
            complaint.check_applies(cat, p, complaint.find_playbook(cat, issue))
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
                back = resume_draft(cat, draft, today())
                iv.draft, iv.values, iv.done = draft, back.values, back.done
                if lang is None and STATE.lang is None:
                    iv.lang = language = draft.lang
                    iv.prompter = prompter = QuestionaryPrompter(language)
                    prompter.catch_signals()
                if back.dropped:
                    say(t("i_draft_dropped", language, fields=", ".join(back.dropped)))
                provider, issue = draft.provider, draft.issue
            iv.run(provider, issue)
        except Interrupted as e:
            stopped(e, language)
        except KeyboardInterrupt as e:  # before the interview began (choosing a draft)
            stopped(Interrupted(None, getattr(e, "signum", None)), language)


def stopped(e: Any, lang: "Lang") -> NoReturn:
    """The way out of an interrupted `start`: say where the answers are, exit 130 (Ctrl-C),
    143 (SIGTERM) or 129 (SIGHUP). A closed terminal cannot be written to: stay quiet."""
    import contextlib

    from .messages import t
    from .output import say

    if e.signum is None:
        key = "i_interrupted" if e.where else "i_interrupted_nothing"
        code = Exit.INTERRUPTED
    else:
        key = "i_terminated" if e.where else "i_interrupted_nothing"
        code = 128 + int(e.signum)
        import signal

        for sig in (signal.SIGHUP, signal.SIGTERM):  # a second one must not cut the exit short
            signal.signal(sig, signal.SIG_IGN)
    try:
        say("\n" + t(key, lang, path=e.where or ""))
        sys.stdout.flush()
    except (OSError, ValueError):  # the terminal is gone: nothing can be said, exit quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            with contextlib.suppress(OSError):
                os.dup2(devnull, fd)
    raise typer.Exit(code)


def record_case(rep: Any, lang: "Lang") -> None:
    """letter --save: the case goes into the log, unless recording is off."""
    from . import cases, store
    from .messages import t
    from .output import say

    if not store.enabled():
        say(t("cl_off", lang))
        return
    with store.Store() as log:
        say(t("cl_saved", lang, id=cases.record(log, rep, today())))


def pick_draft(iv: Any, found: list[Any], cat: "Catalog", lang: "Lang") -> Any:
    """Several drafts: let the user choose, newest first."""
    from .messages import t

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


@app.command()
def letter(
    issue: Annotated[
        str,
        typer.Option(
            "--issue", "-i", help="Problem type: recharge, security, dispute, fees, closure."
        ),
    ],
    provider: Annotated[
        str,
        typer.Option(
            "--provider", "-p", help="alipay, wechatpay, jdpay, applepay, unionpay, tpwallet."
        ),
    ],
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            help="An answer as KEY=VALUE (repeatable; a multichoice as a,b). Wins over --answers.",
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", "-a", help="Answers file, YAML or JSON; '-' reads stdin."),
    ] = None,
    lang: LangOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text (default), markdown or json.")
    ] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the letter to this file (atomically).", dir_okay=False
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    playbooks: PlaybooksOption = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="Also record the letter as a case to follow up (cases ...)."),
    ] = False,
    document: Annotated[
        DocumentOpt,
        typer.Option(
            "--document",
            help="letter (default), or police: the police report when money was lost to fraud.",
        ),
    ] = DocumentOpt.letter,
) -> None:
    """Write the complaint letter from answers given as flags or a file (no prompts).

    Every missing or invalid answer is listed at once with what was expected; exit code 2.
    The letter goes to stdout (or --output); channels, the escalation ladder, the evidence
    still missing and the warnings go to stderr. --format json puts all of it on stdout.
    """
    language = lang_of(lang)
    with guard(language):
        raw = read_answers_file(answers_file, language) if answers_file else {}
        raw.update(parse_sets(set_ or [], language))
        cat = load_catalog(language, playbooks)
        from . import complaint
        from .output import emit, say, write_out

        comp = complaint.build(cat, provider, issue, raw, language, today())
        rep = complaint.report(comp)
        if fmt == Format.json:
            from .catalog import json_dump

            body = json_dump(complaint.to_json(rep)) + "\n"
        else:
            doc = rep.letter
            if document == DocumentOpt.police:
                if rep.police_report is None:
                    from .messages import t

                    fail(t("no_police_report", language))
                doc = rep.police_report
            body = doc.to_markdown() if fmt == Format.markdown else doc.to_text()
        if output is not None:
            from .messages import t
            from .paths import write_atomic
            from .safe import for_file

            write_atomic(output, for_file(body).encode("utf-8"), force=force, mode=0o600)
        else:
            write_out(body)
        if fmt != Format.json:
            from . import views

            emit(views.report_blocks(rep))
            if rep.police_report is not None and document == DocumentOpt.letter:
                from .messages import t

                say(t("w_police_report", language))
        if output is not None:
            say(t("saved_letter", language, path=str(output)))
        if save:  # last: the letter is out even if the case log turns out to be unusable
            record_case(rep, language)


class NumberExit:
    OFFICIAL = 0
    NOT_FOUND = 3
    WARY = 4


@app.command("check-number")
def check_number(
    number: Annotated[str, typer.Argument(help="The number that called or texted you, as shown.")],
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Is this an official number? Also: how to tell a fake support call.

    Accepts +86, 0086, spaces, dashes, full-width digits, an extension (转7) and an
    area code (010-96110). Exit code: 0 in the directory, 3 not in it, 4 a pattern to
    be wary of, 2 not a phone number. A number on a screen proves nothing: caller ID
    can be faked, so hang up and call the official number yourself.
    """
    language = lang_of(lang)
    with guard(language):
        from . import catalog, phone
        from .messages import t
        from .progress import rebuild_reporter

        src = catalog.sources(catalog.extra_dirs(STATE.playbook_dirs))
        directory = catalog.load_data(src, today(), rebuild_reporter(language))["directory"]
        try:
            result = phone.lookup(directory, number)
        except phone.InvalidNumber:
            fail(t("n_invalid", language, raw=number))
        code = {
            "official": NumberExit.OFFICIAL,
            "not_found": NumberExit.NOT_FOUND,
            "wary": NumberExit.WARY,
        }[result.verdict]
        if as_json:
            payload = {
                "input": number,
                "normalized": result.number.national,
                "extension": result.number.extension,
                "verdict": result.verdict,
                "matches": [
                    {
                        "owner": m.owner,
                        "id": m.owner_id,
                        "name": m.name[language],
                        "channel": m.channel,
                        "via_area_code": m.via_area_code,
                        "notes": [n[language] for n in m.notes],
                    }
                    for m in result.matches
                ],
                "warnings": [w[language] for w in result.warnings],
                "checklist": [s[language] for s in directory.get("scam_signs", [])],
                "rules": [r[language] for r in directory.get("scam_rules", [])],
            }
            from .safe import json_text

            sys.stdout.write(json_text(payload, indent=2) + "\n")
        else:
            from . import views
            from .output import emit

            emit(views.check_blocks(result, directory, language), sys.stdout)
        raise typer.Exit(int(code))


@providers_app.callback()
def providers_list(
    ctx: typer.Context, as_json: JsonOption = False, lang: LangOption = None
) -> None:
    """List the providers and their hotlines; `providers show P` for one in full."""
    if ctx.invoked_subcommand is not None:
        return
    language = lang_of(lang)
    with guard(language):
        if as_json:  # straight from the checked data: no need to rebuild the models
            from . import catalog
            from .progress import rebuild_reporter
            from .safe import json_text

            src = catalog.sources(catalog.extra_dirs(STATE.playbook_dirs))
            data = catalog.load_data(src, today(), rebuild_reporter(language))
            directory = {k: data["directory"][k] for k in ("providers", "authorities")}
            sys.stdout.write(json_text(directory, indent=2) + "\n")
            return
        cat = load_catalog(language)
        from . import views
        from .output import emit

        emit([views.providers_block(cat.directory, language)], sys.stdout)


@providers_app.command("show")
def providers_show(
    provider: Annotated[str, typer.Argument(help="Provider id, e.g. alipay.")],
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """One provider: every channel with hours, caveats, its regulator and the sources."""
    language = lang_of(lang)
    with guard(language):
        cat = load_catalog(language)
        from . import complaint, views
        from .output import emit, write_out

        p = complaint.find_provider(cat, provider)
        if as_json:
            from .catalog import json_dump

            write_out(json_dump(p))
            return
        emit(views.provider_blocks(cat.directory, p, language), sys.stdout)


@playbooks_app.callback()
def playbooks_list(
    ctx: typer.Context,
    as_json: JsonOption = False,
    lang: LangOption = None,
    playbooks: PlaybooksOption = None,
) -> None:
    """List the problem types; `playbooks show I` for the questions of one."""
    if ctx.invoked_subcommand is not None:
        STATE.playbook_dirs += list(playbooks or [])
        return
    language = lang_of(lang)
    with guard(language):
        cat = load_catalog(language, playbooks)
        from .output import emit, write_out

        if as_json:
            from . import views
            from .catalog import json_dump

            rows = [
                {
                    "id": pb.id,
                    "version": pb.version,
                    "title": pb.title.get(language),
                    "group": g,
                    "group_title": views.group_title(g, language),
                    "synonyms": {"zh": pb.synonyms.zh, "en": pb.synonyms.en},
                    "only_for": pb.only_for,
                    "summary": pb.summary.get(language),
                    "source": cat.sources.get(pb.id),
                }
                for g, members in views.grouped(cat.playbooks)
                for pb in members
            ]
            write_out(json_dump(rows))
            return
        from . import views

        emit(views.playbooks_blocks(cat.playbooks, language), sys.stdout)


@playbooks_app.command("show")
def playbooks_show(
    issue: Annotated[str, typer.Argument(help="Playbook id, e.g. recharge.")],
    as_json: JsonOption = False,
    answers_template: Annotated[
        bool, typer.Option("--answers-template", help="Print a YAML answers file to fill in.")
    ] = False,
    example: Annotated[
        bool, typer.Option("--example", help="Print the playbook's example answers as YAML.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """The questions of one playbook: id, type, required, choices, rules and `when`."""
    language = lang_of(lang)
    with guard(language):
        cat = load_catalog(language)
        from . import complaint, views
        from .output import emit, write_out

        pb = complaint.find_playbook(cat, issue)
        if as_json + answers_template + example > 1:
            fail("--json, --answers-template, --example: choose one")
        if example:
            from .template import example_yaml

            write_out(example_yaml(pb))
        elif as_json:
            from .catalog import json_dump

            write_out(json_dump(views.playbook_json(pb, language)))
        elif answers_template:
            from .template import answers_template as make

            write_out(make(pb, language))
        else:
            emit(views.playbook_blocks(pb, language), sys.stdout)


@app.command()
def validate(
    paths_: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Playbook or directory files, or folders of them."),
    ],
    lang: LangOption = None,
) -> None:
    """Check your own playbook and provider files: schema, references, both languages, and
    that the example answers produce a letter in Chinese and English."""
    language = lang_of(lang)
    with guard(language):
        from .messages import t
        from .output import say, write_out
        from .validate import validate_paths

        results = validate_paths(paths_, today())
        bad = 0
        for r in results:
            if r.problems:
                bad += 1
                say(t("validate_bad", language, path=r.path, n=len(r.problems)))
                for p in r.problems:
                    say(f"  {p}")
            else:
                write_out(t("validate_ok", language, path=r.path, what=r.what))
        if bad:
            raise typer.Exit(int(Exit.USAGE))


# --- the case log ---------------------------------------------------------------------------

cases_app = typer.Typer(
    help="The case log: every contact, reply and escalation of your complaints, and when to follow up.",
    no_args_is_help=True,
)
app.add_typer(cases_app, name="cases")


class StatusOpt(str, Enum):
    open = "open"
    waiting = "waiting"
    escalated = "escalated"
    closed = "closed"


class ChannelOpt(str, Enum):
    hotline = "hotline"
    in_app = "in_app"
    email = "email"
    web = "web"
    authority = "authority"


class OutcomeOpt(str, Enum):
    resolved = "resolved"
    partly = "partly"
    rejected = "rejected"
    abandoned = "abandoned"


class ExportFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    zip = "zip"


CaseId = Annotated[int, typer.Argument(help="The case number, as in `cases list`.", min=1)]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")]


@contextmanager
def case_log(lang: "Lang") -> Iterator[Any]:
    from .store import Store

    with guard(lang), Store() as log:
        yield log


def parse_day(value: str | None, lang: "Lang") -> "dt.date":
    from . import answers
    from .messages import t

    if not value:
        return today()
    try:
        day = answers.parse_date(value)
    except answers.AnswerError:
        fail(t("cl_bad_date", lang, given=value))
    if day > today():
        fail(t("cl_bad_date", lang, given=value))
    return day


def write_or_print(text: str, output: Path | None, force: bool, lang: "Lang") -> None:
    from .messages import t
    from .output import say, write_out
    from .paths import write_atomic

    if output is None:
        write_out(text)
        return
    from .safe import for_file

    write_atomic(output, for_file(text).encode("utf-8"), force=force)
    say(t("saved_letter", lang, path=str(output)))


@cases_app.command("list")
def cases_list(
    status: Annotated[
        StatusOpt | None, typer.Option("--status", "-s", help="Only cases in this state.")
    ] = None,
    as_json: JsonOption = False,
    all_: Annotated[
        bool, typer.Option("--all", help="Every case, not just the latest 50.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Your cases, newest first: number, state, provider, problem, next follow-up."""
    language = lang_of(lang)
    limit = None if all_ else 50
    with case_log(language) as log:
        from .messages import t

        rows = log.iter_cases(status.value if status else None, limit)
        out = sys.stdout
        if as_json:  # streamed: 100,000 cases never sit in memory at once
            out.write("[")
            keys = ("id", "provider", "issue", "status", "created", "next_due")
            for i, r in enumerate(rows):
                out.write(("," if i else "") + json_line(dict(zip(keys, r, strict=True))))
            out.write("]\n")
            return
        from .output import cell_width, pad

        labels = {st: t(f"st_{st}", language) for st in ("open", "waiting", "escalated", "closed")}
        width = max(cell_width(x) for x in [*labels.values(), t("col_status", language)])
        header = [
            "    #",
            pad(t("col_status", language), width),
            pad(t("col_provider", language), 9),
            pad(t("col_issue", language), 8),
            pad(t("col_created", language), 10),
            t("col_due", language),
        ]
        out.write("  ".join(header).rstrip() + "\n")
        padded = {k: pad(v, width) for k, v in labels.items()}
        from .safe import neutral

        line = "%5d  %s  %-9s  %-8s  %s  %s\n"
        shown = 0
        lines = []
        for case_id, provider, issue, state, created, due in rows:
            cells = (
                neutral(str(x), newlines=False) for x in (provider, issue, created, due or "-")
            )
            lines.append(line % (case_id, padded.get(state, "?"), *cells))
            shown += 1
            if len(lines) >= 5000:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))
        if shown == 0:
            from .output import say

            say(t("cl_none", language))
        elif limit is not None and shown == limit:
            total = log.count(status.value if status else None)
            if total > shown:
                from .output import say

                say(t("cl_more", language, shown=shown, total=total))


def json_line(obj: Any) -> str:
    from .safe import json_text

    return json_text(obj)


@cases_app.command("show")
def cases_show(case_id: CaseId, as_json: JsonOption = False, lang: LangOption = None) -> None:
    """One case as a timeline: each contact, reply and escalation on its date, then the
    follow-up date and what happens on it (! marks a date that has passed)."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import submitcmds

        submitcmds.show(log, log.get(case_id), as_json, language)


@cases_app.command("log")
def cases_log(
    case_id: CaseId,
    channel: Annotated[
        ChannelOpt,
        typer.Option("--channel", "-c", help="How: hotline, in_app, email, web, authority."),
    ],
    ref: Annotated[
        str | None, typer.Option("--ref", "-r", help="The ticket or reference number they gave.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What was said or done.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="When (default today), e.g. 2026-11-21.")
    ] = None,
    reply: Annotated[
        str | None, typer.Option("--reply", help="Their answer, if they gave one.")
    ] = None,
    authority: Annotated[
        str | None,
        typer.Option(
            "--authority", "-a", help="With --channel authority: which (pboc, samr, nfra, ...)."
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Record a contact (a call, a chat, an e-mail, a complaint to an authority) or a reply.
    The next follow-up date is set from the escalation ladder, and said why."""
    language = lang_of(lang)
    day = parse_day(date, language)
    with case_log(language) as log:
        from . import cases
        from .messages import t
        from .output import say

        ref, note, reply, authority = (
            argv_text(v, o, language)
            for v, o in ((ref, "--ref"), (note, "--note"), (reply, "--reply"), (authority, "-a"))
        )
        case = log.get(case_id)
        cat = load_catalog(language)
        cases.log_contact(log, cat, case, channel.value, day, ref, note, reply, authority)
        say(t("cl_logged", language, why=cases.explain_due(log.get(case_id), cat, language)))


@cases_app.command("due")
def cases_due(
    as_json: JsonOption = False,
    all_: Annotated[
        bool, typer.Option("--all", help="Every case due, not just the 50 most overdue.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """What needs following up today, most overdue first, and why."""
    language = lang_of(lang)
    limit = None if all_ else 50
    with case_log(language) as log:
        import itertools

        from . import cases
        from .messages import t
        from .output import Block, emit, say

        due = log.due(today(), limit)
        first = list(itertools.islice(due, 101))
        if not first:
            sys.stdout.write("[]\n") if as_json else say(t("cl_nothing_due", language))
            return
        cat = load_catalog(language)

        def item(c: Any) -> dict[str, Any]:
            return {
                "id": c.id,
                "provider": c.provider,
                "issue": c.issue,
                "status": c.status,
                "due": c.next_due.isoformat() if c.next_due else None,
                "why": cases.explain_due(c, cat, language),
            }

        rest = (item(c) for c in itertools.chain(first, due))  # streamed: thousands stay small
        out = sys.stdout
        if as_json:
            out.write("[\n")
            for n, entry in enumerate(rest):
                out.write(("," if n else "") + json_line(entry) + "\n")
            out.write("]\n")
            return
        from .safe import neutral

        if len(first) <= 100:
            lines = [f"#{i['id']}  {i['due']}  {i['why']}" for i in rest]
            emit([Block(t("h_due", language), lines=lines, style="warn")], out)
        else:  # a long list streams as plain lines: wrapping each would take seconds
            out.write(f"== {t('h_due', language)} ==\n")
            for i in rest:
                out.write(neutral(f"#{i['id']}  {i['due']}  {i['why']}", newlines=False) + "\n")
        if limit is not None and len(first) >= limit:
            total = log.count_due(today())
            if total > limit:
                say(t("cl_more_due", language, shown=limit, total=total))


@cases_app.command("escalate")
def cases_escalate(
    case_id: CaseId,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="The authority (pboc, samr, nfra, cca, police); default: the next on the ladder.",
        ),
    ] = None,
    lang: LangOption = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text (default), markdown or json.")
    ] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write the letter to this file."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the letter only; record nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Escalate before the normal date without asking, and overwrite --output.",
        ),
    ] = False,
) -> None:
    """Write the escalation letter to the next authority, telling the whole history: the
    facts, every contact with its date and reference, the answer or the silence, and what
    the authority is asked to do under its rule. For the police, the police report.
    The escalation is recorded once the letter is written or printed (not with --dry-run)."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import cases
        from .letter import format_date
        from .messages import t
        from .output import say

        case = log.get(case_id)
        letter_lang = language if (lang is not None or STATE.lang is not None) else case.lang
        cat = load_catalog(language)
        if to is None and cases.next_authority(case, cat) is None:
            fail(
                t("cl_no_next", language, known=", ".join(a.id for a in cat.directory.authorities))
            )
        try:
            from .evidence import listing

            esc = cases.prepare_escalation(
                cat, case, to, letter_lang, today(), listing(log, case_id)
            )
        except cases.NoDocument as e:
            fail(t("cl_no_document", language, name=e.authority.name.get(language)))
        ladder = cases.ladder_authorities(case, cat)
        if to is not None and esc.authority.id not in ladder and not force:
            names = [a.name.get(language) for a in cat.directory.authorities if a.id in ladder]
            known = t("list_sep", language).join(names)
            name = esc.authority.name.get(language)
            fail(t("cl_not_competent", language, name=name, known=known))
        if output is not None and output.exists() and not force:
            fail(t("file_exists", language, path=str(output)))
        if esc.early is not None and not force and not dry_run:
            basis = "early_rule" if case.due_reason.get("basis") == "rule" else "early_suggestion"
            why = t(basis, language, date=format_date(esc.early, language))
            if not (sys.stdin.isatty() and sys.stderr.isatty()):
                fail(t("cl_early_script", language, why=why))
            ask = t("cl_early_ask", language, why=why[:1].upper() + why[1:])
            if not typer.confirm(ask, default=False):
                say(t("cl_not_escalated", language))
                return
        if fmt == Format.json:
            from .catalog import json_dump

            data = {
                "case": case.id,
                "authority": {"id": esc.authority.id, "name": esc.authority.name.get(letter_lang)},
                "document": esc.letter.kind,
                "lang": esc.letter.lang,
                "subject": esc.letter.subject,
                "text": esc.letter.to_text(),
                "placeholders": esc.letter.placeholders,
                "laws": [{"id": x.id, "cite": x.cite.get(letter_lang)} for x in esc.letter.laws],
                "early_until": esc.early.isoformat() if esc.early else None,
                "recorded": not dry_run,
            }
            text = json_dump(data) + "\n"
        elif fmt == Format.markdown:
            text = esc.letter.to_markdown()
        else:
            text = esc.letter.to_text()
        write_or_print(text, output, True, language)
        for note in [*esc.authority.notes, *(c.note for c in esc.authority.channels if c.note)]:
            if note is not None:
                say(f"• {note.get(language)}")
        if esc.letter.placeholders:
            items = t("list_sep", language).join(esc.letter.placeholders)
            say(t("w_placeholders", language, items=items))
        if dry_run:
            say(t("cl_dry_run", language))
            return
        cases.record_escalation(log, case, esc, today())
        say(
            t(
                "cl_escalated",
                language,
                name=esc.authority.name.get(language),
                why=cases.explain_due(log.get(case_id), cat, language),
            )
        )


@cases_app.command("close")
def cases_close(
    case_id: CaseId,
    outcome: Annotated[
        OutcomeOpt, typer.Option("--outcome", help="resolved, partly, rejected or abandoned.")
    ],
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="Anything worth keeping.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Close a case with its outcome."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import cases
        from .messages import t
        from .output import say

        case = log.get(case_id)
        cases.close(log, case, outcome.value, argv_text(note, "--note", language), today())
        say(t("cl_closed", language, id=case_id, outcome=t(f"oc_{outcome.value}", language)))


@cases_app.command("export")
def cases_export(
    case_id: CaseId,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="markdown (default), json, or zip (needs --output)."),
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to this file.")
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """The whole case file, for a regulator or a lawyer: facts, letter, timeline, next step,
    and the evidence files with their SHA-256. Card, ID and phone numbers are masked as in
    the letter. --format zip writes one archive with the letters, the timeline, the answers,
    the evidence files, an index of their hashes and a README."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import cases, evidence, submitcmds

        case = log.get(case_id)
        if fmt == ExportFormat.zip:
            submitcmds.export_zip(log, case, output, force, language)
            return
        cat = load_catalog(language)
        attached = evidence.listing(log, case_id)
        if fmt == ExportFormat.json:
            from .catalog import json_dump

            text = json_dump(cases.export_data(case, cat, language, attached)) + "\n"
        else:
            text = cases.export_markdown(case, cat, language, attached)
        write_or_print(text, output, force, language)


@cases_app.command("remind")
def cases_remind(
    case_id: CaseId,
    ics: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--ics",
            help="The calendar file to write (default: walletcomplain-case-N.ics here).",
            dir_okay=False,
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """A calendar file with a reminder on the next follow-up date."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import cases
        from .messages import t
        from .output import say
        from .paths import write_atomic

        case = log.get(case_id)
        if case.next_due is None:
            fail(t("cl_remind_closed", language))
        cat = load_catalog(language)
        from .safe import for_file

        path = ics if ics is not None else Path(f"walletcomplain-case-{case_id}.ics")
        write_atomic(path, for_file(cases.ics(case, cat, language)).encode("utf-8"), force=force)
        if ics is None:
            say(t("cl_remind_default", language, path=str(path.resolve())))
        say(t("cl_remind_saved", language, path=str(path), date=case.next_due.isoformat()))


def confirm(question: str, yes: bool, lang: "Lang") -> bool:
    from .messages import t

    if yes:
        return True
    if not sys.stdin.isatty():
        fail(t("cl_need_yes", lang))
    return typer.confirm(question, default=False)


@cases_app.command("delete")
def cases_delete(case_id: CaseId, yes: YesOption = False, lang: LangOption = None) -> None:
    """Delete one case, its history and its evidence files (asks first)."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import submitcmds
        from .messages import t
        from .output import say

        log.get(case_id)
        if not confirm(t("cl_confirm_delete", language, id=case_id), yes, language):
            say(t("cl_kept", language))
            return
        log.delete(case_id)
        submitcmds.delete_files(case_id, language)
        say(t("cl_deleted", language, id=case_id))


@cases_app.command("purge")
def cases_purge(yes: YesOption = False, lang: LangOption = None) -> None:
    """Delete every case, every draft and every evidence file (asks first)."""
    language = lang_of(lang)
    with case_log(language) as log:
        from . import submitcmds
        from .messages import t
        from .output import say

        if not confirm(t("cl_confirm_purge", language, n=log.count()), yes, language):
            say(t("cl_kept", language))
            return
        n = log.purge()
        submitcmds.delete_files(None, language)
        say(t("cl_purged", language, n=n))


from . import submitcmds  # noqa: E402, F401 - the submission commands (issue 13) join `cases`

GLOBAL_VALUE_OPTIONS = frozenset({"--lang", "-l", "--playbooks"})


def command_name(argv: list[str]) -> str | None:
    """The subcommand in argv, skipping global options and their values."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in GLOBAL_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def app_for(name: str | None) -> typer.Typer:
    """The app with only the command being run, so Typer does not build the other
    commands' parameters on every start. Help and unknown names get the whole app."""
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__) == name]  # type: ignore[union-attr]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    trimmed = typer.Typer(help=HELP, **APP_SETTINGS)
    trimmed.registered_callback = app.registered_callback
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def argv_lang(argv: list[str]) -> "Lang":
    """The session's language before Typer has parsed anything (for usage errors)."""
    for i, arg in enumerate(argv):
        value = None
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in ("zh", "en"):
            return "zh" if value == "zh" else "en"
    from .messages import default_lang

    return default_lang()


def usage_error(e: Any, lang: "Lang") -> str:
    """Click's usage errors in the session's language: what was wrong, the usage line and
    where to find help, the way Click lays them out."""
    import re

    from typer._click import exceptions as ce

    from .messages import t

    message = str(getattr(e, "message", e))
    if isinstance(e, ce.NoSuchOption):
        text = t("u_no_such_option", lang, name=e.option_name)
        if e.possibilities:
            sep = "" if lang == "zh" else " "
            text += sep + t("u_did_you_mean", lang, names=", ".join(sorted(e.possibilities)))
    elif isinstance(e, ce.BadOptionUsage) and "requires an argument" in message:
        text = t("u_needs_value", lang, name=e.option_name)
    elif isinstance(e, ce.MissingParameter):
        hint = e.param_hint or (e.param.get_error_hint(e.ctx) if e.param and e.ctx else "")
        text = t("u_missing", lang, param=str(hint).replace('"', "'"))
    elif isinstance(e, ce.BadParameter):
        hint = e.param_hint or (e.param.get_error_hint(e.ctx) if e.param and e.ctx else "")
        choices = getattr(getattr(e.param, "type", None), "choices", None)
        m = re.match(r"'(.*)' is not one of", message)
        if choices and m:
            text = t(
                "u_bad_choice", lang, param=hint, value=m[1], choices=", ".join(map(str, choices))
            )
        else:
            text = t("u_bad_value", lang, param=hint, detail=message)
    elif m := re.match(r"No such command '(.*)'", message):
        text = t("u_no_command", lang, name=m[1])
    elif m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        text = t("u_extra", lang, args=m[1])
    else:
        text = message
    if lang == "zh":  # Click quotes names in ASCII quotes; Chinese text uses 「」
        text = re.sub(r" ?'([^'「」]*)' ?", r"「\1」", text).replace("」/「", "」或「")
    out = []
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        out.append(t("u_usage", lang, usage=ctx.get_usage().removeprefix("Usage: ")))
        out.append(t("u_try", lang, command=ctx.command_path))
        out.append("")
    out.append(t("u_error", lang, message=text))
    return "\n".join(out)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    from typer._click import exceptions as ce
    from typer.exceptions import Abort

    try:
        code = app_for(command_name(sys.argv[1:]))(standalone_mode=False)
    except Abort:  # typer.confirm's Ctrl-C
        sys.stderr.write("\n")
        sys.exit(int(Exit.INTERRUPTED))
    except ce.NoArgsIsHelpError as e:  # the help itself
        e.show()
        sys.exit(e.exit_code)
    except ce.ClickException as e:  # usage errors, in the session's language
        sys.stderr.write(usage_error(e, argv_lang(sys.argv[1:])) + "\n")
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(int(Exit.INTERRUPTED))
    except Exception as e:  # the last line of defence: a short message, never locals
        from .safe import neutral

        sys.stderr.write(
            f"walletcomplain: internal error: {type(e).__name__}: {neutral(str(e)[:300])}\n"
            "Please report this, with the command you ran (leave out personal data).\n"
        )
        sys.exit(int(Exit.RUNTIME))
    sys.exit(code if isinstance(code, int) else 0)
