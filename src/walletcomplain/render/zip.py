"""The case file as one zip archive: everything a regulator, a consumer association or a
lawyer needs: the letters (text and markdown), the timeline, the answers (masked as in
every export), the evidence files with an index of their hashes, and a README in the
user's language. Written beside its target and renamed into place when complete."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from walletcomplain.errors import FileExists
from walletcomplain.evidence import EvidenceError
from walletcomplain.messages import t, t_n

from . import json, markdown

if TYPE_CHECKING:
    from walletcomplain.evidence import Attached
    from walletcomplain.models import Catalog, Lang
    from walletcomplain.store import Case


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
    from walletcomplain import evidence

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
    from walletcomplain.casefile import case_letter, escalation_letters

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
    data = json.case(case, catalog, lang, today, attached)
    add(
        "timeline.md",
        _b(markdown.case(case, catalog, lang, today, attached)),
        t("z_timeline", lang),
    )
    add("answers.json", _b(json.plain(data["answers"])), t("z_answers", lang))
    add("case.json", _b(json.plain(data)), t("z_case_json", lang))
    sums = io.StringIO()
    index = []
    pb = catalog.playbooks.get(case.issue)
    for a in attached:
        name = f"evidence/{a.stored}"
        sums.write(f"{a.sha256}  {name}\n")
        item = markdown.item_label(pb, a.item, lang)
        index.append({**a.to_json(), "file": name, "item_label": item})
        said = t_n("z_evidence_file", lang, a.size, name=a.name, item=item, size=a.size)
        add(name, a.path(), said)
    if attached:
        add("evidence/SHA256SUMS", _b(sums.getvalue()), t("z_sums", lang))
        add("evidence/index.json", _b(json.plain(index)), t("z_index", lang))
    readme += ["", t("z_check", lang), ""]
    out.insert(0, ("README.txt", _b("\n".join(readme) + "\n")))
    return out


def _b(text: str) -> bytes:
    return text.encode("utf-8")
