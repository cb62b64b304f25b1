"""`walletcomplain validate`: check your own playbook and provider files."""

from pathlib import Path
from typing import Annotated

import typer

from .common import session, today
from .options import LangOption


def validate(
    paths_: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="hp_validate_paths"),
    ],
    lang: LangOption = None,
) -> None:
    """`walletcomplain validate`: its help (zh, en) is messages.M["hp_validate"]."""
    with session(lang) as s:
        language = s.lang
        from walletcomplain.messages import t, t_n
        from walletcomplain.output import say, write_out
        from walletcomplain.validate import validate_paths

        results = validate_paths(paths_, today())
        bad = 0
        for r in results:
            if r.problems:
                bad += 1
                say(t_n("validate_bad", language, len(r.problems), path=r.path))
                for p in r.problems:
                    say(f"  {p}")
            else:
                write_out(t("validate_ok", language, path=r.path, what=r.what))
        if bad:
            from walletcomplain.errors import ExitCode

            raise typer.Exit(int(ExitCode.USAGE))
