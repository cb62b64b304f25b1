"""The case's documents with its evidence, and the case file as one zip archive.

A letter lists the evidence enclosed. Once files are attached to a case, each evidence
item names its files; the markdown form adds a short SHA-256, so a reader can match the
paper to the files. `export_zip` writes everything a regulator, a consumer association
or a lawyer needs into one archive: the letters (text and markdown), the timeline, the
answers (masked as in every export), the evidence files with an index of their hashes,
and a README in the user's language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cases, evidence, privacy
from .answers import ids_with_roles
from .callsheet import complaint_of
from .errors import FileExists
from .evidence import Attached, EvidenceError
from .letter import Letter, Section
from .messages import t, t_n
from .models import Catalog, Lang
from .roles import QuestionRole
from .store import Case


def evidence_section(
    comp: Any, attached: list[Attached], extra: list[str] | None = None
) -> Section:
    """The letter's evidence list: each item held, with its files; files on no item last.
    Markdown items also carry each file's short SHA-256."""
    lang = comp.lang
    held = set(comp.playbook.answer(comp.values, "evidence_in_hand") or [])
    items: list[str] = []
    md: list[str] = []
    for e in comp.playbook.evidence:
        files = [a for a in attached if a.item == e.id]
        if not files and e.id not in held:
            continue
        label = e.get(lang)
        if files:
            items.append(t("l_ev_files", lang, item=label, files=_names(files, lang, False)))
            md.append(t("l_ev_files", lang, item=label, files=_names(files, lang, True)))
        else:
            items.append(label)
            md.append(label)
    loose = [a for a in attached if a.item is None]
    if loose:
        items.append(t("l_ev_other", lang, files=_names(loose, lang, False)))
        md.append(t("l_ev_other", lang, files=_names(loose, lang, True)))
    items += extra or []
    md += extra or []
    later = [] if items else [t("l_evidence_later", lang)]
    return Section(heading=t("l_evidence", lang), items=items, paragraphs=later, md_items=md)


def _names(files: list[Attached], lang: Lang, with_hash: bool) -> str:
    if with_hash:
        parts = [t("l_ev_file_hash", lang, name=_md(a.name), sha=a.short) for a in files]
    else:
        parts = [a.name for a in files]
    return t("list_sep", lang).join(parts)


def _md(name: str) -> str:
    """A file name inside markdown: its own characters never become formatting."""
    return "`" + name.replace("`", "'") + "`"


def with_evidence(letter: Letter, section: Section) -> Letter:
    """The letter with its evidence section replaced (the same heading marks it)."""
    sections = [section if s.heading == section.heading else s for s in letter.sections]
    return dataclasses.replace(letter, sections=sections)


def case_letter(
    case: Case, catalog: Catalog, lang: Lang, today: dt.date, attached: list[Attached]
) -> Letter:
    """The case's letter, rebuilt from its answers, dated when the case was written, with
    the checklist ticked by the attached files and each item's files listed."""
    from . import complaint

    comp = complaint_of(case, catalog, lang, today)
    comp = dataclasses.replace(
        comp, today=case.created, values=evidence.with_held(comp.values, attached, comp.playbook)
    )
    rep = complaint.report(comp)
    return with_evidence(rep.letter, evidence_section(comp, attached))


def escalation_letters(
    case: Case, catalog: Catalog, lang: Lang, attached: list[Attached]
) -> list[tuple[str, Letter]]:
    """The escalation documents already recorded, each as it was dated, with the evidence."""
    out = []
    for e in case.events:
        if e.kind != "escalated" or not e.authority:
            continue
        try:
            esc = cases.prepare_escalation(catalog, case, e.authority, lang, e.day, attached)
        except (cases.NoDocument, LookupError):
            continue
        out.append((e.authority, esc.letter))
    return out


def attachments_json(
    attached: list[Attached], states: Mapping[int, str] | None = None
) -> list[dict[str, Any]]:
    out = []
    for a in attached:
        d = a.to_json()
        if states is not None:
            d["state"] = states.get(a.id, "ok")
        out.append(d)
    return out


# --- the zip archive -----------------------------------------------------------------------


@dataclass
class Written:
    path: Path
    files: int
    size: int


def check_target(path: Path, force: bool) -> None:
    """Before any work: the folder exists, and the target is new (or --force on a file)."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise EvidenceError("zip_no_dir", str(parent))
    if path.exists() or path.is_symlink():
        if not force:
            raise FileExists(str(path))
        if not path.is_file() or path.is_symlink():
            raise EvidenceError("zip_not_regular", str(path))


def export_zip(
    path: Path,
    case: Case,
    catalog: Catalog,
    lang: Lang,
    today: dt.date,
    attached: list[Attached],
    force: bool = False,
) -> Written:
    """One archive, written beside its target and renamed into place when complete."""
    check_target(path, force)
    for a in attached:  # a file that changed since it was attached would break the index
        state = evidence.verify(a)
        if state != "ok":
            raise EvidenceError(f"ev_{state}_export", a.name, exit=1, detail=a.stored)
    entries = _entries(case, catalog, lang, today, attached)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
                stamp = _zip_time(today)
                for name, data in entries:
                    info = zipfile.ZipInfo(f"case-{case.id}/{name}", stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o600 << 16
                    if isinstance(data, Path):
                        with open(data, "rb") as src, z.open(info, "w") as dst:
                            while chunk := src.read(evidence.CHUNK):
                                dst.write(chunk)
                    else:
                        z.writestr(info, data)
            raw.flush()
            os.fsync(raw.fileno())
        if not force and path.exists():
            raise FileExists(str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Written(path, len(entries), path.stat().st_size)


def _zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


def _entries(
    case: Case, catalog: Catalog, lang: Lang, today: dt.date, attached: list[Attached]
) -> list[tuple[str, bytes | Path]]:
    out: list[tuple[str, bytes | Path]] = []
    readme: list[str] = [t("z_title", lang, id=case.id), "", t("z_intro", lang), ""]

    def add(name: str, data: bytes | Path, what: str) -> None:
        out.append((name, data))
        readme.append(f"{name}\n    {what}")

    letter = case_letter(case, catalog, lang, today, attached)
    add("letters/01-letter.txt", _b(letter.to_text()), t("z_letter_txt", lang))
    add("letters/01-letter.md", _b(letter.to_markdown()), t("z_letter_md", lang))
    add("letters/01-letter-as-saved.txt", _b(case.letter), t("z_letter_saved", lang))
    for n, (aid, esc) in enumerate(escalation_letters(case, catalog, lang, attached), 2):
        who = catalog.directory.authority(aid)
        name = who.name.get(lang) if who else aid
        add(f"letters/{n:02d}-{aid}.txt", _b(esc.to_text()), t("z_escalation", lang, name=name))
        add(
            f"letters/{n:02d}-{aid}.md",
            _b(esc.to_markdown()),
            t("z_escalation_md", lang, name=name),
        )
    shown = _contact_masked(case, catalog)
    data = cases.export_data(shown, catalog, lang, attached)
    add(
        "timeline.md",
        _b(cases.export_markdown(shown, catalog, lang, attached)),
        t("z_timeline", lang),
    )
    add(
        "answers.json",
        _b(json.dumps(data["answers"], ensure_ascii=False, indent=2, default=str) + "\n"),
        t("z_answers", lang),
    )
    add(
        "case.json",
        _b(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"),
        t("z_case_json", lang),
    )
    sums = io.StringIO()
    index = []
    for a in attached:
        name = f"evidence/{a.stored}"
        sums.write(f"{a.sha256}  {name}\n")
        item = _item_label(catalog, case, a.item, lang)
        index.append({**a.to_json(), "file": name, "item_label": item})
        said = t_n("z_evidence_file", lang, a.size, name=a.name, item=item, size=a.size)
        add(name, a.path(), said)
    if attached:
        add("evidence/SHA256SUMS", _b(sums.getvalue()), t("z_sums", lang))
        add(
            "evidence/index.json",
            _b(json.dumps(index, ensure_ascii=False, indent=2) + "\n"),
            t("z_index", lang),
        )
    readme += ["", t("z_check", lang), ""]
    out.insert(0, ("README.txt", _b("\n".join(readme) + "\n")))
    return out


# The complainant's own phone appears in full only on the letter's contact line. (Main's
# cases.export_data masks answers.CONTACT_FIELDS itself since issue 9; this is the same rule
# for this branch, harmless twice.) The number of someone who called is evidence: kept.
CONTACT_FIELDS: tuple[QuestionRole, ...] = ("sender_phone",)


def _contact_masked(case: Case, catalog: Catalog) -> Case:
    answers = dict(case.answers)
    for key in ids_with_roles(catalog.playbooks.get(case.issue), CONTACT_FIELDS):
        if isinstance(answers.get(key), str):
            answers[key] = privacy.mask_tail(answers[key])
    return dataclasses.replace(case, answers=answers)


def _item_label(catalog: Catalog, case: Case, item: str | None, lang: Lang) -> str:
    pb = catalog.playbooks.get(case.issue)
    e = next((x for x in pb.evidence if x.id == item), None) if pb and item else None
    return e.get(lang) if e else t("z_no_item", lang)


def _b(text: str) -> bytes:
    return text.encode("utf-8")
