"""`walletcomplain letter`: the complaint letter from flags or a file, no prompts."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import argv_text, fail, session, today
from .options import DocumentOpt, Format, FormatOption, LangOption, PlaybooksOption

if TYPE_CHECKING:
    from walletcomplain.models import Lang


def letter(
    issue: Annotated[
        str,
        typer.Option("--issue", "-i", help="hp_letter_issue"),
    ],
    provider: Annotated[
        str,
        typer.Option("--provider", "-p", help="hp_letter_provider"),
    ],
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            help="hp_letter_set",
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", "-a", metavar="<file>", help="hp_letter_answers"),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = Format.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="hp_letter_output", dir_okay=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="hp_letter_force")] = False,
    playbooks: PlaybooksOption = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="hp_letter_save"),
    ] = False,
    document: Annotated[
        DocumentOpt,
        typer.Option(
            "--document",
            help="hp_letter_document",
        ),
    ] = DocumentOpt.letter,
) -> None:
    """`walletcomplain letter`: its help (zh, en) is messages.M["hp_letter"]."""
    with session(lang, playbooks) as s:
        language = s.lang
        from walletcomplain.messages import t

        if answers_file:
            from walletcomplain.answersfile import read_answers_file

            raw = read_answers_file(answers_file, language)
        else:
            raw = {}
        raw.update(parse_sets(set_ or [], language))
        cat = s.catalog
        from walletcomplain import complaint
        from walletcomplain.output import emit, say, write_out

        comp = complaint.build(cat, provider, issue, raw, language, today())
        rep = complaint.report(comp)
        if fmt == Format.json:
            from walletcomplain.render import json

            body = json.dumps(json.report(rep)) + "\n"
        else:
            doc = rep.letter
            if document == DocumentOpt.police:
                if rep.police_report is None:
                    fail(t("no_police_report", language))
                doc = rep.police_report
            from walletcomplain import render

            body = render.renderer("letter", fmt.value)(doc)
        if output is not None:
            from walletcomplain.finish import write_document

            write_document(output, body, force=force)
        else:
            write_out(body)
        if fmt != Format.json:
            from walletcomplain import views

            emit(views.report_blocks(rep))
            if rep.police_report is not None and document == DocumentOpt.letter:
                say(t("w_police_report", language))
        if output is not None:
            say(t("saved_letter", language, path=str(output)))
        if save:  # last: the letter is out even if the case log turns out to be unusable
            from walletcomplain.finish import record_case

            case_id = record_case(rep, today())
            say(t("cl_off", language) if case_id is None else t("cl_saved", language, id=case_id))


def parse_sets(items: list[str], lang: "Lang") -> dict[str, str]:
    from walletcomplain.messages import t

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = argv_text(item, "--set", lang).partition("=")  # type: ignore[union-attr]
        if not sep or not key.strip():
            fail(t("bad_set", lang, item=item))
        out[key.strip()] = value
    return out
