"""The command line: create the Typer apps and register the commands. Nothing else.

Each command lives in its own module in commands/; what they share (language, catalog,
errors) is in commands/common.py, their option types in commands/options.py. Heavy
modules (the catalog, YAML, rich, questionary) are imported inside the commands that
need them, so `--help` and the scripted paths start fast.
"""

import importlib
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from . import __version__
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

# The groups: name -> (help key, runs its callback without a subcommand)
GROUPS: dict[str, tuple[str, bool]] = {
    "providers": ("hp_providers_app", True),
    "playbooks": ("hp_playbooks_app", True),
    "cases": ("hp_cases_app", False),
}
# Every command: (group or None, name or None for the group's own callback,
# "module:function" in commands/). Its help is the key hp_<group>_<name> in messages.py.
COMMANDS: list[tuple[str | None, str | None, str]] = [
    (None, "start", "start:start"),
    (None, "letter", "letter:letter"),
    (None, "check-number", "check_number:check_number"),
    ("providers", None, "providers:providers_list"),
    ("providers", "show", "providers:providers_show"),
    ("playbooks", None, "playbooks:playbooks_list"),
    ("playbooks", "show", "playbooks:playbooks_show"),
    (None, "validate", "validate:validate"),
    ("cases", "list", "cases:cases_list"),
    ("cases", "show", "cases:cases_show"),
    ("cases", "log", "cases:cases_log"),
    ("cases", "due", "cases:cases_due"),
    ("cases", "escalate", "escalate:cases_escalate"),
    ("cases", "close", "cases:cases_close"),
    ("cases", "export", "cases:cases_export"),
    ("cases", "remind", "cases:cases_remind"),
    ("cases", "delete", "cases:cases_delete"),
    ("cases", "purge", "cases:cases_purge"),
    ("cases", "call", "submit:cases_call"),
    ("cases", "form", "submit:cases_form"),
    ("cases", "attach", "submit:cases_attach"),
    ("cases", "evidence", "submit:cases_evidence"),
    ("cases", "detach", "submit:cases_detach"),
    ("cases", "letter", "submit:cases_letter"),
]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"walletcomplain {__version__}")
        raise typer.Exit()


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


def _function(target: str) -> Callable[..., Any]:
    module, name = target.split(":")
    return getattr(importlib.import_module(f".commands.{module}", __package__), name)  # type: ignore[no-any-return]


def build(only: str | None = None, sub: str | None = None) -> typer.Typer:
    """The app. With `only` (a command or group named on the command line) it holds just
    that one, and with `sub` (a group's command) just that one of the group: the other
    commands' modules are not even imported, and Typer does not build their parameters.
    Help, no command and unknown names get the whole app, or the whole group."""
    if only not in GROUPS and not any(g is None and n == only for g, n, _ in COMMANDS):
        only = None
    if only is None or not any(g == only and n == sub for g, n, _ in COMMANDS):
        sub = None
    app = typer.Typer(help=HELP, **APP_SETTINGS)
    app.callback()(main_options)
    groups: dict[str, typer.Typer] = {}
    for group, name, target in COMMANDS:
        if only is not None and only != (group or name):
            continue
        if sub is not None and name not in (None, sub):
            continue
        if group is None:
            app.command(name, cls=LocalCommand, help=f"hp_{name.replace('-', '_')}")(  # type: ignore[union-attr]
                _function(target)
            )
            continue
        if group not in groups:
            key, without_command = GROUPS[group]
            groups[group] = typer.Typer(
                cls=LocalGroup,
                help=key,
                invoke_without_command=without_command,
                no_args_is_help=not without_command,
            )
            app.add_typer(groups[group], name=group)
        if name is None:
            groups[group].callback()(_function(target))
        else:
            groups[group].command(name, cls=LocalCommand, help=f"hp_{group}_{name}")(
                _function(target)
            )
    return app


def __getattr__(name: str) -> Any:
    """`walletcomplain.cli.app`: the whole app, built when asked for (tests, the docs)."""
    if name == "app":
        return build()
    raise AttributeError(name)


GLOBAL_VALUE_OPTIONS = frozenset({"--lang", "-l", "--playbooks"})


def command_path(argv: list[str]) -> tuple[str | None, str | None]:
    """The command in argv and the word after it (a group's command, if it is a group),
    skipping global options and their values."""
    names: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in GLOBAL_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            names.append(arg)
            if len(names) == 2:
                break
    return (names[0] if names else None), (names[1] if len(names) > 1 else None)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    from typer._click import exceptions as ce
    from typer.exceptions import Abort

    try:
        code = build(*command_path(sys.argv[1:]))(standalone_mode=False)
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
