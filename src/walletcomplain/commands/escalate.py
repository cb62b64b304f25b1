"""`walletcomplain cases escalate`: the letter to the next authority, with the history."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import STATE, case_session, fail, today, write_or_print
from .options import CaseId, Format, FormatOption, LangOption

if TYPE_CHECKING:
    from walletcomplain.models import Lang


def cases_escalate(
    case_id: CaseId,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="hp_cases_escalate_to",
        ),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="hp_cases_escalate_output"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="hp_cases_escalate_dry_run")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="hp_cases_escalate_force",
        ),
    ] = False,
) -> None:
    """`walletcomplain cases escalate`: its help (zh, en) is messages.M["hp_cases_escalate"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import documents, workflow
        from walletcomplain.due import explain_due, next_date
        from walletcomplain.messages import format_date, t
        from walletcomplain.output import say

        case = log.get(case_id)
        told = lang is not None or STATE.lang is not None
        letter_lang: Lang = language if told else case.lang  # type: ignore[assignment]
        cat = s.catalog
        if to is None and workflow.next_authority(case, cat) is None:
            fail(
                t("cl_no_next", language, known=", ".join(a.id for a in cat.directory.authorities))
            )
        try:
            from walletcomplain.evidence import listing

            esc = documents.prepare_escalation(
                cat, case, to, letter_lang, today(), listing(log, case_id)
            )
        except documents.NoDocument as e:
            fail(t("cl_no_document", language, name=e.authority.name.get(language)))
        ladder = workflow.ladder_authorities(case, cat)
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
            from walletcomplain.render import json

            text = json.dumps(json.escalation(case.id, esc, letter_lang, not dry_run)) + "\n"
        else:
            from walletcomplain import render

            text = render.renderer("letter", fmt.value)(esc.letter)
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
        workflow.record_escalation(log, case, esc, today())
        say(
            t(
                "cl_escalated",
                language,
                name=esc.authority.name.get(language),
                date=next_date(log.get(case_id), language),
                why=explain_due(log.get(case_id), cat, language),
            )
        )
