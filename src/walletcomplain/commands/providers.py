"""`walletcomplain providers` and `providers show`: the contact directory."""

import sys
from typing import Annotated

import typer

from .common import STATE, session, today
from .options import JsonOption, LangOption


def providers_list(
    ctx: typer.Context, as_json: JsonOption = False, lang: LangOption = None
) -> None:
    """List the providers and their hotlines; `providers show P` for one in full."""
    if ctx.invoked_subcommand is not None:
        return
    with session(lang) as s:
        language = s.lang
        if as_json:  # straight from the checked data: no need to rebuild the models
            from walletcomplain import catalog
            from walletcomplain.progress import rebuild_reporter
            from walletcomplain.render import json

            src = catalog.sources(catalog.extra_dirs(STATE.playbook_dirs))
            data = catalog.load_data(src, today(), rebuild_reporter(language))
            directory = {k: data["directory"][k] for k in ("providers", "authorities")}
            sys.stdout.write(json.light(directory))
            return
        cat = s.catalog
        from walletcomplain import views
        from walletcomplain.output import emit

        emit([views.providers_block(cat.directory, language)], sys.stdout)


def providers_show(
    provider: Annotated[str, typer.Argument(metavar="PROVIDER", help="hp_providers_show_provider")],
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain providers show`: its help (zh, en) is messages.M["hp_providers_show"]."""
    with session(lang) as s:
        language = s.lang
        cat = s.catalog
        from walletcomplain import names, views
        from walletcomplain.output import emit, write_out

        p = names.find_provider(cat, provider)
        if as_json:
            from walletcomplain.catalog import json_dump

            write_out(json_dump(p))
            return
        emit(views.provider_blocks(cat.directory, p, language), sys.stdout)
