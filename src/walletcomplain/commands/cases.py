"""`walletcomplain cases ...`: the case log (list, show, log, due, close, export, remind,
delete, purge). The submission commands of the same group are in submit.py, escalation in
escalate.py."""

import itertools
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from walletcomplain.states import Channel, Outcome, Status

from .common import (
    argv_text,
    case_session,
    checked_data,
    confirm,
    fail,
    lang_of,
    today,
    write_or_print,
)
from .options import (
    CaseId,
    ExportFormat,
    ForceOption,
    JsonOption,
    LangOption,
    YesOption,
)

if TYPE_CHECKING:
    import datetime as dt

    from walletcomplain.models import Lang


def cases_list(
    status: Annotated[
        Status | None, typer.Option("--status", "-s", help="hp_cases_list_status")
    ] = None,
    as_json: JsonOption = False,
    all_: Annotated[bool, typer.Option("--all", help="hp_cases_list_all")] = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases list`: its help (zh, en) is messages.M["hp_cases_list"]."""
    limit = None if all_ else 50
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain.messages import t

        rows = log.iter_cases(status.value if status else None, limit)
        out = sys.stdout
        if as_json:  # streamed: 100,000 cases never sit in memory at once
            out.write("[")
            from walletcomplain.render import json

            for i, r in enumerate(rows):
                out.write(("," if i else "") + json.line(json.case_row(r)))
            out.write("]\n")
            return
        from walletcomplain.output import cell_width, pad, say, shorten, wants_plain

        first = next(rows, None)  # newest first: the widest number
        if first is None:
            if status is None:
                say(t("cl_none", language))
            else:
                say(t("cl_none_status", language, status=t(f"st_{status.value}", language)))
            return
        idw = max(5, len(str(first[0])))
        labels = {st: t(f"st_{st}", language) for st in ("open", "waiting", "escalated", "closed")}
        width = max(cell_width(x) for x in [*labels.values(), t("col_status", language)])
        header = [
            "#".rjust(idw),
            pad(t("col_status", language), width),
            pad(t("col_created", language), 10),
            pad(t("col_due", language), 10),
            t("col_case", language),
        ]
        out.write("  ".join(header).rstrip() + "\n")
        padded = {k: pad(v, width) for k, v in labels.items()}
        from walletcomplain.safe import neutral

        label = case_labels(language)
        # on a terminal the last column ends at its edge; a pipe gets every word
        room = shutil.get_terminal_size().columns - 1 - (idw + width + 10 + 10 + 8)
        fit = (lambda s: s) if wants_plain(out) else (lambda s: shorten(s, max(room, 12)))
        line = f"%{idw}d  %s  %-10s  %-10s  %s\n"
        shown = 0
        lines = []
        for case_id, provider, issue, state, created, due in itertools.chain([first], rows):
            what = neutral(label(str(provider), str(issue)), newlines=False)
            cells = (neutral(str(x), newlines=False) for x in (created, due or "-"))
            lines.append(line % (case_id, padded.get(state, "?"), *cells, fit(what)))
            shown += 1
            if len(lines) >= 5000:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))
        if limit is not None and shown == limit:
            total = log.count(status.value if status else None)
            if total > shown:
                say(t("cl_more", language, shown=shown, total=total))


def case_labels(lang: "Lang") -> Callable[[str, str], str]:
    """`brand · title` for each listed case, from the catalog's checked data; the ids when
    the catalog cannot be read (a broken playbook must not hide the case log)."""
    from walletcomplain import catalog

    data = checked_data()
    if data is None:
        return lambda provider, issue: f"{provider} · {issue}"
    return catalog.case_label(data, lang)


def cases_show(case_id: CaseId, as_json: JsonOption = False, lang: LangOption = None) -> None:
    """`walletcomplain cases show`: its help (zh, en) is messages.M["hp_cases_show"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from . import submit

        submit.show(log, log.get(case_id), as_json, language)


def cases_log(
    case_id: CaseId,
    channel: Annotated[
        Channel,
        typer.Option("--channel", "-c", help="hp_cases_log_channel"),
    ],
    ref: Annotated[str | None, typer.Option("--ref", "-r", help="hp_cases_log_ref")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="hp_cases_log_note")] = None,
    date: Annotated[str | None, typer.Option("--date", "-d", help="hp_cases_log_date")] = None,
    reply: Annotated[str | None, typer.Option("--reply", help="hp_cases_log_reply")] = None,
    authority: Annotated[
        str | None,
        typer.Option("--authority", "-a", help="hp_cases_log_authority"),
    ] = None,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases log`: its help (zh, en) is messages.M["hp_cases_log"]."""
    language = lang_of(lang)
    day = parse_day(date, language)
    with case_session(lang) as (s, log):
        from walletcomplain import due, workflow
        from walletcomplain.messages import t
        from walletcomplain.output import say

        ref, note, reply, authority = (
            argv_text(v, o, language)
            for v, o in ((ref, "--ref"), (note, "--note"), (reply, "--reply"), (authority, "-a"))
        )
        case = log.get(case_id)
        cat = s.catalog
        workflow.log_contact(log, cat, case, channel.value, day, ref, note, reply, authority)
        now = log.get(case_id)
        if case.status == "closed":  # a contact after closing reopens the case: say so
            say(t("cl_reopened", language, id=case_id))
        why = due.explain_due(now, cat, language)
        say(t("cl_logged", language, date=due.next_date(now, language), why=why))


def cases_due(
    as_json: JsonOption = False,
    all_: Annotated[bool, typer.Option("--all", help="hp_cases_due_all")] = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases due`: its help (zh, en) is messages.M["hp_cases_due"]."""
    limit = None if all_ else 50
    with case_session(lang) as (s, log):
        language = s.lang
        import itertools

        from walletcomplain.messages import t
        from walletcomplain.output import Block, emit, say
        from walletcomplain.render import json

        due = log.due(today(), limit)
        first = list(itertools.islice(due, 101))
        if not first:
            sys.stdout.write("[]\n") if as_json else say(t("cl_nothing_due", language))
            return
        cat = s.catalog

        def item(c: Any) -> dict[str, Any]:
            return json.due_item(c, cat, language)

        rest = (item(c) for c in itertools.chain(first, due))  # streamed: thousands stay small
        out = sys.stdout
        if as_json:
            out.write("[\n")
            for n, entry in enumerate(rest):
                out.write(("," if n else "") + json.line(entry) + "\n")
            out.write("]\n")
            return
        from walletcomplain.safe import neutral

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


def cases_close(
    case_id: CaseId,
    outcome: Annotated[Outcome, typer.Option("--outcome", help="hp_cases_close_outcome")],
    note: Annotated[str | None, typer.Option("--note", "-n", help="hp_cases_close_note")] = None,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases close`: its help (zh, en) is messages.M["hp_cases_close"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import workflow
        from walletcomplain.messages import t
        from walletcomplain.output import say

        case = log.get(case_id)
        workflow.close(log, case, outcome.value, argv_text(note, "--note", language), today())
        say(t("cl_closed", language, id=case_id, outcome=t(f"oc_{outcome.value}", language)))


def cases_export(
    case_id: CaseId,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="hp_cases_export_format"),
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="hp_cases_export_output")
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases export`: its help (zh, en) is messages.M["hp_cases_export"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain import evidence, render

        from . import submit

        case = log.get(case_id)
        if fmt == ExportFormat.zip:
            submit.export_zip(log, case, output, force, language)
            return
        cat = s.catalog
        attached = evidence.listing(log, case_id)
        text = render.renderer("case", fmt.value)(case, cat, language, today(), attached)
        write_or_print(text, output, force, language)


def cases_remind(
    case_id: CaseId,
    ics: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            "--ics",
            help="hp_cases_remind_ics",
            dir_okay=False,
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """`walletcomplain cases remind`: its help (zh, en) is messages.M["hp_cases_remind"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain.messages import t
        from walletcomplain.output import say
        from walletcomplain.paths import write_atomic
        from walletcomplain.render import renderer

        case = log.get(case_id)
        if case.next_due is None:
            fail(t("cl_remind_closed", language))
        cat = s.catalog
        path = ics if ics is not None else Path(f"walletcomplain-case-{case_id}.ics")
        # as rendered: RFC 5545 lines end in CRLF, and the renderer neutralises the text
        write_atomic(
            path, renderer("case", "ics")(case, cat, language).encode("utf-8"), force=force
        )
        if ics is None:
            say(t("cl_remind_default", language, path=str(path.resolve())))
        say(t("cl_remind_saved", language, path=str(path), date=case.next_due.isoformat()))


def cases_delete(case_id: CaseId, yes: YesOption = False, lang: LangOption = None) -> None:
    """`walletcomplain cases delete`: its help (zh, en) is messages.M["hp_cases_delete"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain.messages import t
        from walletcomplain.output import say

        from . import submit

        log.get(case_id)
        if not confirm(t("cl_confirm_delete", language, id=case_id), yes, language):
            say(t("cl_kept", language))
            return
        log.delete(case_id)
        submit.delete_files(case_id, language)
        say(t("cl_deleted", language, id=case_id))


def cases_purge(yes: YesOption = False, lang: LangOption = None) -> None:
    """`walletcomplain cases purge`: its help (zh, en) is messages.M["hp_cases_purge"]."""
    with case_session(lang) as (s, log):
        language = s.lang
        from walletcomplain.messages import t, t_n
        from walletcomplain.output import say

        from . import submit

        if not confirm(t_n("cl_confirm_purge", language, log.count()), yes, language):
            say(t("cl_kept", language))
            return
        n = log.purge()
        submit.delete_files(None, language)
        say(t_n("cl_purged", language, n))


def parse_day(value: str | None, lang: "Lang") -> "dt.date":
    from walletcomplain import answers
    from walletcomplain.messages import t

    if not value:
        return today()
    try:
        day = answers.parse_date(value)
    except answers.AnswerError:
        fail(t("cl_bad_date", lang, given=value))
    if day > today():
        fail(t("cl_bad_date", lang, given=value))
    return day
