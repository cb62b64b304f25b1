"""From the letter to the submission (issue 13): `cases call`, `cases form`, `cases attach`,
`cases evidence`, `cases letter`, and the parts of `cases show`, `cases export --format zip`
and `cases delete` that concern the timeline and the evidence files.

Registered on the `cases` group by cli.py. Like every command, it only parses and prints: the
sheet, the fields, the copies and the archive are made in callsheet.py, forms.py,
evidence.py, casefile.py and timeline.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    STATE,
    case_session,
    confirm,
    fail,
    lang_of,
    load_catalog,
    today,
    write_or_print,
)
from .options import CaseId, ForceOption, Format, FormatOption, JsonOption, LangOption, YesOption

if TYPE_CHECKING:
    from walletcomplain.models import Lang
    from walletcomplain.store import Case, Store


def interactive() -> bool:
    """The call sheet asks its questions only when a person reads the sheet and answers."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def can_ask() -> bool:
    """`attach` asks which item on a terminal (its output is messages on stderr)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def letter_lang(case: Case, lang: Any) -> Lang:
    """A document keeps the case's language unless --lang says otherwise."""
    if lang is not None or STATE.lang is not None:
        return lang_of(lang)
    return case.lang  # type: ignore[return-value]


# --- cases call ---------------------------------------------------------------------------


def cases_call(
    case_id: CaseId,
    as_json: JsonOption = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="hp_cases_call_no_log")] = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases call`: its help (zh, en) is messages.M["hp_cases_call"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import callsheet
        from walletcomplain.casescreens import sheet_lines

        case = log.get(case_id)
        cat = s.catalog
        sheet = callsheet.build(case, cat, letter_lang(case, lang), today())
        if as_json:
            from walletcomplain.catalog import json_dump

            sys.stdout.write(json_dump(sheet.to_json()) + "\n")
            return
        sys.stdout.write("\n".join(sheet_lines(sheet)) + "\n")
        sys.stdout.flush()
        if no_log or not interactive():
            return
        _after_call(log, cat, case, language)


def _ask(question: str) -> str:
    value: str = typer.prompt(question, default="", show_default=False, prompt_suffix=" ")
    return value.strip()


def _after_call(log: Store, cat: Any, case: Case, lang: Lang) -> None:
    from walletcomplain import callsheet
    from walletcomplain.due import explain_due, next_date
    from walletcomplain.messages import t
    from walletcomplain.output import say
    from walletcomplain.safe import neutral

    try:
        _ask(t("cs_wait", lang))
        ref = _ask(t("cs_q_ref", lang))
        said = _ask(t("cs_q_said", lang))
        while True:
            raw = _ask(t("cs_q_promised", lang))
            try:
                promised = callsheet.parse_promised(raw, today())
                break
            except callsheet.BadPromise as e:
                say(t(e.key, lang, given=neutral(e.given)))
        if not (ref or said or promised) and not typer.confirm(
            t("cs_log_empty", lang), default=False
        ):
            say(t("cs_not_logged", lang))
            return
    except (KeyboardInterrupt, EOFError, typer.Abort):
        from walletcomplain.errors import ExitCode

        fail("\n" + t("cs_not_logged", lang), ExitCode.INTERRUPTED)
    callsheet.record_call(log, cat, case, today(), ref, said, promised)
    now = log.get(case.id)
    say(t("cl_logged", lang, date=next_date(now, lang), why=explain_due(now, cat, lang)))


# --- cases form ---------------------------------------------------------------------------


def cases_form(
    case_id: CaseId,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="FORM",
            help="hp_cases_form_to",
        ),
    ],
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases form`: its help (zh, en) is messages.M["hp_cases_form"]."""
    with case_session(lang) as (s, log):
        from walletcomplain import evidence, forms
        from walletcomplain.casescreens import form_lines, notes_lines
        from walletcomplain.output import say

        case = log.get(case_id)
        cat = s.catalog
        doc_lang = letter_lang(case, lang)
        form = forms.build(
            case,
            cat,
            to,
            doc_lang,
            today(),
            evidence.listing(log, case_id),
        )
        if as_json:
            from walletcomplain.catalog import json_dump

            sys.stdout.write(json_dump(form.to_json()) + "\n")
            return
        sys.stdout.write("\n".join(form_lines(form, doc_lang)) + "\n")
        sys.stdout.flush()
        for line in notes_lines(form.notes):
            say(line)


# --- evidence -----------------------------------------------------------------------------


def _labels(cat: Any, case: Case, lang: Lang) -> dict[str, str]:
    pb = cat.playbooks.get(case.issue)
    return {e.id: e.get(lang) for e in pb.evidence} if pb is not None else {}


def _pick_item(cat: Any, case: Case, lang: Lang) -> str | None:
    """On a terminal: which checklist item the files are (0 for none)."""
    from walletcomplain.messages import t
    from walletcomplain.output import say

    pb = cat.playbooks.get(case.issue)
    if pb is None:
        return None
    say(t("ev_pick", lang))
    for i, e in enumerate(pb.evidence, 1):
        say(f"  {i}. {e.get(lang)} ({e.id})")
    say(f"  0. {t('z_no_item', lang)}")
    while True:
        raw = _ask(t("ev_pick_prompt", lang, n=len(pb.evidence)))
        if raw.isdigit() and 0 <= int(raw) <= len(pb.evidence):
            return pb.evidence[int(raw) - 1].id if int(raw) else None
        if raw in [e.id for e in pb.evidence]:
            return raw
        say(t("ev_pick_again", lang, n=len(pb.evidence)))


def cases_attach(
    case_id: CaseId,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="hp_cases_attach_files"),
    ],
    as_item: Annotated[
        str | None,
        typer.Option("--as", help="hp_cases_attach_as"),
    ] = None,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases attach`: its help (zh, en) is messages.M["hp_cases_attach"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import evidence
        from walletcomplain.casescreens import size_text
        from walletcomplain.messages import t, t_n
        from walletcomplain.output import say
        from walletcomplain.safe import neutral

        case = log.get(case_id)
        cat = s.catalog
        for f in files:  # refuse before asking anything
            evidence.check_source(f)
        pb = cat.playbooks.get(case.issue)
        if as_item is not None:
            item = evidence.check_item(pb, as_item)
        elif can_ask():
            try:
                item = _pick_item(cat, case, language)
            except (KeyboardInterrupt, EOFError, typer.Abort):
                from walletcomplain.errors import ExitCode

                fail("\n" + t("ev_not_attached", language), ExitCode.INTERRUPTED)
        else:
            item = None
        done = evidence.attach(log, case_id, files, item)
        label = _labels(cat, case, language).get(item or "", t("z_no_item", language))
        for a in done:
            say(
                t(
                    "ev_attached",
                    language,
                    name=neutral(a.name),
                    size=size_text(a.size),
                    sha=a.short,
                    item=label,
                )
            )
        say(t_n("ev_attached_total", language, len(done), id=case_id))


def cases_evidence(case_id: CaseId, as_json: JsonOption = False, lang: LangOption = None) -> None:
    """`walletcomplain cases evidence`: its help (zh, en) is messages.M["hp_cases_evidence"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import evidence
        from walletcomplain.casescreens import evidence_lines
        from walletcomplain.messages import t, t_n
        from walletcomplain.output import say

        case = log.get(case_id)
        attached = evidence.listing(log, case_id)
        states = {a.id: evidence.verify(a) for a in attached}
        bad = [a for a in attached if states[a.id] != "ok"]
        if as_json:
            from walletcomplain.render import json

            sys.stdout.write(json.dumps(json.attachments(attached, states)) + "\n")
        elif not attached:
            say(t("ev_none", language, id=case_id))
        else:
            cat = s.catalog
            lines = evidence_lines(attached, _labels(cat, case, language), states, language)
            sys.stdout.write(f"== {t('ev_title', language, id=case_id)} ==\n")
            sys.stdout.write("\n".join(lines) + "\n")
            pb = cat.playbooks.get(case.issue)
            if pb is not None:
                held = pb.answer(evidence.with_held(case.answers, attached, pb), "evidence_in_hand")
                held = held or []
                missing = [e.get(language) for e in pb.evidence if e.id not in held]
                if missing:
                    say(
                        t("ev_still_missing", language, items=t("list_sep", language).join(missing))
                    )
        if bad:
            from walletcomplain.errors import ExitCode

            fail(t_n("ev_bad", language, len(bad)), ExitCode.ENVIRONMENT)


def cases_detach(
    case_id: CaseId,
    evidence_id: Annotated[
        int, typer.Argument(metavar="EVIDENCE_ID", help="hp_cases_detach_file", min=1)
    ],
    yes: YesOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases detach`: its help (zh, en) is messages.M["hp_cases_detach"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import evidence
        from walletcomplain.errors import NotFound
        from walletcomplain.messages import t
        from walletcomplain.output import say
        from walletcomplain.safe import neutral

        log.get(case_id)
        known = [a.id for a in evidence.listing(log, case_id)]
        if evidence_id not in known:  # before asking anything
            raise NotFound("evidence file", str(evidence_id), [str(k) for k in known])
        if not confirm(t("ev_confirm_detach", language, n=evidence_id, id=case_id), yes, language):
            say(t("cl_kept", language))
            return
        gone = evidence.detach(log, case_id, evidence_id)
        say(t("ev_detached", language, name=neutral(gone.name), n=gone.id, id=case_id))


# --- the letter with its evidence ---------------------------------------------------------


def cases_letter(
    case_id: CaseId,
    fmt: FormatOption = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="hp_cases_letter_output")
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases letter`: its help (zh, en) is messages.M["hp_cases_letter"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import casefile, evidence

        case = log.get(case_id)
        cat = s.catalog
        attached = evidence.listing(log, case_id)
        doc_lang = letter_lang(case, lang)
        letter = casefile.case_letter(case, cat, doc_lang, today(), attached)
        if fmt == Format.json:
            from walletcomplain.render import json

            text = json.dumps(json.case_letter(case.id, letter, attached)) + "\n"
        else:
            from walletcomplain import render

            text = render.renderer("letter", fmt.value)(letter)
        write_or_print(text, output, force, language)


# --- hooks for show, export, delete (called from commands/cases.py) ---------------------


def show(log: Store, case: Case, as_json: bool, lang: Lang) -> None:
    """`cases show`: the state, then the timeline; --json adds the timeline and the files."""
    from walletcomplain import evidence, timeline
    from walletcomplain.casescreens import timeline_lines
    from walletcomplain.messages import t
    from walletcomplain.output import say, wants_plain

    cat = load_catalog(lang)
    attached = evidence.listing(log, case.id)
    if as_json:  # json.case carries the timeline
        from walletcomplain.render import json

        data = json.case(case, cat, lang, today(), attached)
        sys.stdout.write(json.dumps(data) + "\n")
        return
    pb = cat.playbooks.get(case.issue)
    p = cat.directory.provider(case.provider)
    status = t(f"st_{case.status}", lang) + (
        f" ({t('oc_' + case.outcome, lang)})" if case.outcome else ""
    )
    title = " · ".join(
        [
            t("x_title", lang, id=case.id),
            p.name.get(lang) if p else case.provider,
            pb.title.get(lang) if pb else case.issue,
            status,
        ]
    )
    colour = not wants_plain(sys.stdout)
    entries = timeline.entries(case, cat, lang, today())
    sys.stdout.write("\n".join(timeline_lines(title, entries, colour=colour)) + "\n")
    if attached:
        sys.stdout.write(t("tl_files", lang, n=len(attached), id=case.id) + "\n")
    say(t("tl_legend", lang))


def export_zip(log: Store, case: Case, output: Path | None, force: bool, lang: Lang) -> None:
    from walletcomplain import evidence, render
    from walletcomplain.messages import t, t_n
    from walletcomplain.output import say

    if output is None:
        fail(t("zip_needs_output", lang))
    cat = load_catalog(lang)
    attached = evidence.listing(log, case.id)
    write = render.renderer("case", "zip")
    written = write(output, case, cat, lang, today(), attached, force)
    say(
        t_n(
            "zip_written",
            lang,
            len(attached),
            path=str(written.path),
            n=written.files,
            files=len(attached),
        )
    )


def delete_files(case_id: int | None, lang: Lang) -> None:
    """After the case (or every case) is gone from the log: its evidence folder."""
    from walletcomplain import evidence
    from walletcomplain.messages import os_reason, t

    try:
        if case_id is None:
            evidence.delete_all_files()
        else:
            evidence.delete_case_files(case_id)
    except OSError as e:
        folder = evidence.root() if case_id is None else evidence.case_folder(case_id)
        from walletcomplain.errors import ExitCode

        fail(
            t("ev_delete_failed", lang, path=str(folder), error=os_reason(e, lang)),
            ExitCode.ENVIRONMENT,
        )
