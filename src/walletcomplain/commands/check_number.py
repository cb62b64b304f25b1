"""`walletcomplain check-number`: is this an official number?"""

import sys
from enum import IntEnum
from typing import Annotated

import typer

from .common import STATE, fail, session, today
from .options import JsonOption, LangOption


class NumberExit(IntEnum):
    """check-number's own exit codes (2 stays a usage error: not a phone number)."""

    OFFICIAL = 0
    NOT_FOUND = 3
    WARY = 4


def check_number(
    number: Annotated[str, typer.Argument(metavar="NUMBER", help="hp_check_number_number")],
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain check-number`: its help (zh, en) is messages.M["hp_check_number"]."""
    with session(lang) as s:
        language = s.lang
        from walletcomplain import catalog, phone
        from walletcomplain.messages import t
        from walletcomplain.progress import rebuild_reporter

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
            from walletcomplain.render import json

            sys.stdout.write(json.light(json.number_check(number, result, directory, language)))
        else:
            from walletcomplain import views
            from walletcomplain.output import emit

            emit(views.check_blocks(result, directory, language), sys.stdout)
        raise typer.Exit(int(code))
