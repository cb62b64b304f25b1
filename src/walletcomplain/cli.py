"""The command line: create the Typer apps and register the commands. Nothing else.

Each command lives in its own module in commands/; what they share (language, catalog,
errors) is in commands/common.py, their option types in commands/options.py. Heavy
modules (the catalog, YAML, rich, questionary) are imported inside the commands that
need them, so `--help` and the scripted paths start fast.
"""

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from . import __version__
from .commands import cases, check_number, escalate, letter, playbooks, providers, start, submit
from .commands import validate as validate_cmd
from .commands.common import STATE, lang_of
from .commands.helptext import LocalCommand, LocalGroup
from .commands.options import LangOption, PlaybooksOption
from .commands.usage import SafeGroup, argv_lang, usage_error

HELP = "hp_app"  # every help text is a key of messages.py, said in the session's language

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
    cls=LocalGroup,
    help="hp_providers_app",
    invoke_without_command=True,
    no_args_is_help=False,
)
playbooks_app = typer.Typer(
    cls=LocalGroup,
    help="hp_playbooks_app",
    invoke_without_command=True,
    no_args_is_help=False,
)
cases_app = typer.Typer(
    cls=LocalGroup,
    help="hp_cases_app",
    no_args_is_help=True,
)


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
            help="hp_version",
            callback=version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    STATE.lang = None
    if lang is not None:
        STATE.lang = lang_of(lang)
    STATE.playbook_dirs = list(playbooks or [])


app.command(cls=LocalCommand, help="hp_start")(start.start)
app.command(cls=LocalCommand, help="hp_letter")(letter.letter)
app.command("check-number", cls=LocalCommand, help="hp_check_number")(check_number.check_number)
app.add_typer(providers_app, name="providers")
providers_app.callback()(providers.providers_list)
providers_app.command("show", cls=LocalCommand, help="hp_providers_show")(providers.providers_show)
app.add_typer(playbooks_app, name="playbooks")
playbooks_app.callback()(playbooks.playbooks_list)
playbooks_app.command("show", cls=LocalCommand, help="hp_playbooks_show")(playbooks.playbooks_show)
app.command(cls=LocalCommand, help="hp_validate")(validate_cmd.validate)
app.add_typer(cases_app, name="cases")
CASES_COMMANDS: list[tuple[str, Callable[..., Any]]] = [
    ("list", cases.cases_list),
    ("show", cases.cases_show),
    ("log", cases.cases_log),
    ("due", cases.cases_due),
    ("escalate", escalate.cases_escalate),
    ("close", cases.cases_close),
    ("export", cases.cases_export),
    ("remind", cases.cases_remind),
    ("delete", cases.cases_delete),
    ("purge", cases.cases_purge),
    ("call", submit.cases_call),
    ("form", submit.cases_form),
    ("attach", submit.cases_attach),
    ("evidence", submit.cases_evidence),
    ("detach", submit.cases_detach),
    ("letter", submit.cases_letter),
]
for name, command in CASES_COMMANDS:
    cases_app.command(name, cls=LocalCommand, help=f"hp_cases_{name}")(command)

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


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    from typer._click import exceptions as ce
    from typer.exceptions import Abort

    try:
        code = app_for(command_name(sys.argv[1:]))(standalone_mode=False)
    except (Abort, KeyboardInterrupt):  # Ctrl-C, at typer.confirm or anywhere else
        from .errors import ExitCode

        sys.stderr.write("\n")
        sys.exit(int(ExitCode.INTERRUPTED))
    except ce.NoArgsIsHelpError as e:  # the help itself
        e.show()
        sys.exit(e.exit_code)
    except ce.ClickException as e:  # usage errors, in the session's language
        sys.stderr.write(usage_error(e, argv_lang(sys.argv[1:])) + "\n")
        sys.exit(e.exit_code)
    except Exception as e:
        from .errors import ExitCode, WalletError  # only now: --help never needs them

        if isinstance(e, WalletError):  # ours, raised outside a command's session
            from .output import say

            say(e.message(argv_lang(sys.argv[1:])))
            sys.exit(int(e.exit_code))
        from .safe import neutral  # the last line of defence: a short message, never locals

        sys.stderr.write(
            f"walletcomplain: internal error: {type(e).__name__}: {neutral(str(e)[:300])}\n"
            "Please report this, with the command you ran (leave out personal data).\n"
        )
        sys.exit(int(ExitCode.ENVIRONMENT))
    sys.exit(code if isinstance(code, int) else 0)
