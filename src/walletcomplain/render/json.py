"""Every JSON view: a complaint's report, its escalation plan and channels, a playbook,
a case file, the evidence kept with a case; and the text they are written as.

Answers leave only through privacy.public_answers, the one masking rule of every
export. Nothing here imports the models at run time: `providers --json` stays light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from walletcomplain.complaint import Complaint, Report
    from walletcomplain.documents import Escalation
    from walletcomplain.escalation import Plan
    from walletcomplain.evidence import Attached
    from walletcomplain.letter import Letter
    from walletcomplain.models import Catalog, Channel, Evidence, Lang, Playbook
    from walletcomplain.phone import Lookup
    from walletcomplain.store import Case


def dumps(obj: Any) -> str:
    """A document for a file or stdout: indented, dataclasses and dates as data."""
    from walletcomplain.catalog import json_dump

    return json_dump(obj)


def line(obj: Any) -> str:
    """One compact line of a streamed list (`cases list --json` on 100,000 cases)."""
    from walletcomplain.safe import json_text

    return json_text(obj)


def light(obj: Any) -> str:
    """Indented, for the fast paths (`providers --json`, `check-number --json`): plain data
    only, so that neither the models nor the catalog machinery load."""
    from walletcomplain.safe import json_text

    return json_text(obj, indent=2) + "\n"


def plain(obj: Any) -> str:
    """Indented JSON as the case file archive holds it (dates as text, no escaping)."""
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n"


def channel(ch: Channel, lang: Lang) -> dict[str, Any]:
    return {
        "kind": ch.kind,
        "value": ch.value,
        "path": ch.path.get(lang) if ch.path else None,
        "hours": ch.hours.get(lang) if ch.hours else None,
        "note": ch.note.get(lang) if ch.note else None,
        "source": ch.source,
        "checked": ch.checked.isoformat(),
    }


def evidence_item(e: Evidence, lang: Lang) -> dict[str, Any]:
    return {"id": e.id, "item": e.get(lang), "how": e.how.get(lang), "required": e.required}


def public_answers(c: Complaint) -> dict[str, Any]:
    """A complaint's answers for output outside the letter (privacy.public_answers)."""
    from walletcomplain import answers, privacy

    return privacy.public_answers(c.playbook.questions, answers.to_jsonable(c.values))


def plan(p: Plan, lang: Lang) -> list[dict[str, Any]]:
    from walletcomplain import escalation

    steps = []
    for s in p.steps:
        steps.append(
            {
                "step": s.key,
                "name": escalation.step_name(s, p.provider, lang),
                "channels": [channel(ch, lang) for ch in s.channels],
                "kind": s.kind,
                "at_once": s.basis == "now",
                "wait_days": s.wait_days,
                "max_days": s.max_days,
                "working_days": s.working_days,
                "basis": s.basis,
                "rule": s.rule.get(lang) if s.rule else None,
                "cite": s.cite.get(lang) if s.cite else None,
                "source": s.rule.source if s.rule else None,
                "may_decline": s.may_decline,
            }
        )
    return steps


def report(r: Report) -> dict[str, Any]:
    """`letter --format json`: the letter, the police report, the plan, what is missing."""
    c, lang = r.complaint, r.complaint.lang
    return {
        "provider": {"id": c.provider.id, "name": c.provider.name.get(lang)},
        "issue": {"id": c.playbook.id, "title": c.playbook.title.get(lang)},
        "lang": lang,
        "date": c.today.isoformat(),
        "answers": public_answers(c),
        "letter": {
            "to": r.letter.to,
            "subject": r.letter.subject,
            "laws": [
                {"id": x.id, "cite": x.cite.get(lang), "source": x.source} for x in r.letter.laws
            ],
            "text": r.letter.to_text(),
            "placeholders": r.letter.placeholders,
        },
        "police_report": (
            {"text": r.police_report.to_text(), "placeholders": r.police_report.placeholders}
            if r.police_report is not None
            else None
        ),
        "urgent": r.urgent,
        "scam_checklist": {"signs": r.scam_signs, "rules": r.scam_rules} if r.scam_signs else None,
        "channels": [channel(ch, lang) for ch in r.plan.channels],
        "escalation": plan(r.plan, lang),
        "reply_days": r.plan.reply_days,
        "evidence_missing": [evidence_item(e, lang) for e in r.missing],
        "warnings": r.warnings,
    }


def playbook(pb: Playbook, lang: Lang) -> dict[str, Any]:
    """`playbooks show --json`: every question with its type, rules and `when`, and the example."""
    from walletcomplain import answers
    from walletcomplain.models import to_data

    questions = []
    for q in pb.questions:
        questions.append(
            {
                "id": q.id,
                "type": q.type,
                "required": q.required,
                "label": q.label.get(lang),
                "prompt": q.prompt.get(lang),
                "help": q.help.get(lang) if q.help else None,
                "choices": [{"id": c.id, "label": c.get(lang)} for c in q.choices],
                "rules": {
                    k: v for k, v in to_data(q.rules).items() if v is not None and v is not True
                },
                "when": {k: v for k, v in to_data(q.when).items() if v is not None}
                if q.when
                else None,
                "pii": q.pii,
            }
        )
    from walletcomplain.messages import t

    return {
        "id": pb.id,
        "version": pb.version,
        "title": pb.title.get(lang),
        "group": pb.group,
        "group_title": t(f"group_{pb.group or 'none'}", lang),
        "synonyms": {"zh": pb.synonyms.zh, "en": pb.synonyms.en},
        "only_for": pb.only_for,
        "summary": pb.summary.get(lang),
        "advice": [a.get(lang) for a in pb.advice],
        "questions": questions,
        "evidence": [evidence_item(e, lang) for e in pb.evidence],
        "demands": [{"id": d.id, "label": d.get(lang)} for d in pb.demands],
        "escalate_to": pb.escalate_to,
        "example": answers.to_jsonable(pb.example),
    }


def case(
    c: Case,
    catalog: Catalog,
    lang: Lang,
    today: dt.date,
    attached: list[Attached] | None = None,
) -> dict[str, Any]:
    """The whole case file. Free text was masked when it was typed; answers are masked
    here (privacy.public_answers). The timeline is the one `cases show` draws: the contact
    reported in the interview, every event, and the next follow-up. Attached evidence
    files are listed with their full SHA-256."""
    from walletcomplain import privacy, timeline
    from walletcomplain.due import explain_due, provider_name

    from .text import event

    pb = catalog.playbooks.get(c.issue)
    shown = privacy.public_answers(pb.questions if pb else (), c.answers)
    return {
        "id": c.id,
        "provider": {"id": c.provider, "name": provider_name(catalog, c.provider, lang)},
        "issue": {"id": c.issue, "title": pb.title.get(lang) if pb else c.issue},
        "status": c.status,
        "outcome": c.outcome,
        "created": c.created.isoformat(),
        "next_due": c.next_due.isoformat() if c.next_due else None,
        "next_due_estimate": bool(c.due_reason.get("estimate")),
        "next_due_holiday": c.due_reason.get("holiday"),
        "next_due_why": explain_due(c, catalog, lang),
        "answers": shown,
        "letter": c.letter,
        "events": [
            {
                "date": e.day.isoformat(),
                "kind": e.kind,
                "channel": e.channel,
                "ref": e.ref,
                "note": e.note,
                "reply": e.reply,
                "authority": e.authority,
                "text": event(e, catalog, lang),
            }
            for e in c.events
        ],
        "timeline": [e.to_json() for e in timeline.entries(c, catalog, lang, today)],
        "evidence": [a.to_json() for a in attached or []],
    }


def attachments(
    attached: list[Attached], states: Mapping[int, str] | None = None
) -> list[dict[str, Any]]:
    """The files kept with a case; with `states`, each file's check against its SHA-256."""
    out = []
    for a in attached:
        d = a.to_json()
        if states is not None:
            d["state"] = states.get(a.id, "ok")
        out.append(d)
    return out


def case_text(
    c: Case, catalog: Catalog, lang: Lang, today: dt.date, attached: list[Attached] | None = None
) -> str:
    """`cases export --format json`: the case file as a JSON document."""
    return dumps(case(c, catalog, lang, today, attached)) + "\n"


def case_letter(case_id: int, doc: Letter, attached: list[Attached]) -> dict[str, Any]:
    """`cases letter --format json`: the case's letter with the files attached since."""
    return {
        "case": case_id,
        "lang": doc.lang,
        "subject": doc.subject,
        "text": doc.to_text(),
        "markdown": doc.to_markdown(),
        "placeholders": doc.placeholders,
        "evidence": attachments(attached),
    }


def escalation(case_id: int, esc: Escalation, lang: Lang, recorded: bool) -> dict[str, Any]:
    """`cases escalate --format json`: the document for the authority, and whether it counts
    as sent (not with --dry-run)."""
    doc = esc.letter
    return {
        "case": case_id,
        "authority": {"id": esc.authority.id, "name": esc.authority.name.get(lang)},
        "document": doc.kind,
        "lang": doc.lang,
        "subject": doc.subject,
        "text": doc.to_text(),
        "placeholders": doc.placeholders,
        "laws": [{"id": x.id, "cite": x.cite.get(lang)} for x in doc.laws],
        "early_until": esc.early.isoformat() if esc.early else None,
        "recorded": recorded,
    }


def due_item(c: Case, catalog: Catalog, lang: Lang) -> dict[str, Any]:
    """One case of `cases due`: when, and why."""
    from walletcomplain.due import explain_due

    return {
        "id": c.id,
        "provider": c.provider,
        "issue": c.issue,
        "status": c.status,
        "due": c.next_due.isoformat() if c.next_due else None,
        "why": explain_due(c, catalog, lang),
    }


CASE_ROW = ("id", "provider", "issue", "status", "created", "next_due")


def case_row(row: Sequence[Any]) -> dict[str, Any]:
    """One case of `cases list --json`, from the store's row (CASE_ROW's columns)."""
    return dict(zip(CASE_ROW, row, strict=True))


def playbook_rows(
    groups: Sequence[tuple[str | None, Sequence[Playbook]]],
    sources: Mapping[str, Any],
    lang: Lang,
) -> list[dict[str, Any]]:
    """`playbooks --json`: each playbook, group by group, with where it was loaded from."""
    from walletcomplain.messages import t

    return [
        {
            "id": pb.id,
            "version": pb.version,
            "title": pb.title.get(lang),
            "group": g,
            "group_title": t(f"group_{g or 'none'}", lang),
            "synonyms": {"zh": pb.synonyms.zh, "en": pb.synonyms.en},
            "only_for": pb.only_for,
            "summary": pb.summary.get(lang),
            "source": sources.get(pb.id),
        }
        for g, members in groups
        for pb in members
    ]


def number_check(
    number: str, result: Lookup, directory: Mapping[str, Any], lang: Lang
) -> dict[str, Any]:
    """`check-number --json`: whose number it is, the verdict, and the scam checklist."""
    return {
        "input": number,
        "normalized": result.number.national,
        "extension": result.number.extension,
        "verdict": result.verdict,
        "matches": [
            {
                "owner": m.owner,
                "id": m.owner_id,
                "name": m.name[lang],
                "channel": m.channel,
                "via_area_code": m.via_area_code,
                "notes": [n[lang] for n in m.notes],
            }
            for m in result.matches
        ],
        "warnings": [w[lang] for w in result.warnings],
        "checklist": [s[lang] for s in directory.get("scam_signs", [])],
        "rules": [r[lang] for r in directory.get("scam_rules", [])],
    }
