"""`walletcomplain playbooks` and `playbooks show`: the problem types and their questions."""

import sys
from typing import Annotated

import typer

from .common import STATE, fail, session
from .options import JsonOption, LangOption, PlaybooksOption


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
    with session(lang, playbooks) as s:
        language = s.lang
        cat = s.catalog
        from walletcomplain.output import emit, write_out

        if as_json:
            from walletcomplain import views
            from walletcomplain.render import json

            rows = json.playbook_rows(views.grouped(cat.playbooks), cat.sources, language)
            write_out(json.dumps(rows))
            return
        from walletcomplain import views

        emit(views.playbooks_blocks(cat.playbooks, language), sys.stdout)


def playbooks_show(
    issue: Annotated[str, typer.Argument(metavar="ISSUE", help="hp_playbooks_show_issue")],
    as_json: JsonOption = False,
    answers_template: Annotated[
        bool, typer.Option("--answers-template", help="hp_playbooks_show_template")
    ] = False,
    example: Annotated[bool, typer.Option("--example", help="hp_playbooks_show_example")] = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain playbooks show`: its help (zh, en) is messages.M["hp_playbooks_show"]."""
    with session(lang) as s:
        language = s.lang
        cat = s.catalog
        from walletcomplain import names, views
        from walletcomplain.output import emit, write_out

        pb = names.find_playbook(cat, issue)
        if as_json + answers_template + example > 1:
            fail("--json, --answers-template, --example: choose one")
        if example:
            from walletcomplain.template import example_yaml

            write_out(example_yaml(pb))
        elif as_json:
            from walletcomplain.render import json

            write_out(json.dumps(json.playbook(pb, language)))
        elif answers_template:
            from walletcomplain.template import answers_template as make

            write_out(make(pb, language))
        else:
            emit(views.playbook_blocks(pb, language), sys.stdout)
