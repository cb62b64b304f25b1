"""Evidence files kept with a case: copied into the data directory, with their SHA-256.

`cases attach` copies each file into `evidence/case-N/` under the data directory
(folders 0700, files 0600) and records its original name, size, time and SHA-256 in
the case log. A batch is all or nothing: every file is checked first (a regular file,
readable, at most MAX_BYTES), then copied to a temporary name, and only when all the
copies are complete are they renamed into place and recorded in one transaction. A
full disk, a vanished file or a failed write leaves the case as it was.

The checklist is ticked by attaching: a file attached to an evidence item counts as
held, whatever the interview said.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import shutil
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import paths
from .errors import NotFound, WalletError
from .models import Lang, Playbook
from .safe import neutral
from .store import Store

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB per file: a phone photo or a PDF statement fits
MAX_FILES = 50  # per command: a batch stays reviewable
CHUNK = 1024 * 1024
FOLDER = "evidence"

State = Literal["ok", "missing", "changed"]


class EvidenceError(WalletError):
    """A file that cannot be attached, or a copy that failed; `code` names the message.
    `exit` is 2 for what the user gave (usage), 1 for the machine (disk, permissions)."""

    def __init__(self, code: str, path: str, exit: int = 2, detail: str = "") -> None:
        super().__init__(f"{path}: {code}")
        self.code, self.path, self.exit, self.detail = code, path, exit, detail
        self.exit_code = exit

    def message(self, lang: Lang) -> str:
        from .messages import t
        from .safe import neutral

        return t(self.code, lang, path=neutral(self.path), detail=neutral(self.detail))


@dataclass
class Attached:
    id: int
    case_id: int
    item: str | None
    name: str  # the original file name, as given
    stored: str  # the file name in the case's folder
    size: int
    sha256: str
    added: str

    @property
    def short(self) -> str:
        return self.sha256[:12]

    def path(self) -> Path:
        return case_folder(self.case_id) / self.stored

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item": self.item,
            "name": self.name,
            "stored": self.stored,
            "size": self.size,
            "sha256": self.sha256,
            "added": self.added,
        }


def root() -> Path:
    return paths.home() / FOLDER


def case_folder(case_id: int) -> Path:
    return root() / f"case-{case_id}"


# --- checking what the user gave ----------------------------------------------------------


def check_source(path: Path) -> int:
    """The file's size, if it can be attached; EvidenceError (exit 2) with the reason if not."""
    name = str(path)
    try:
        st = path.stat()  # follows a symlink to what it points at
    except FileNotFoundError:
        raise EvidenceError("ev_missing", name) from None
    except OSError as e:
        raise EvidenceError("ev_unreadable", name, detail=e.strerror or str(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise EvidenceError("ev_directory", name)
    if not stat.S_ISREG(st.st_mode):
        raise EvidenceError("ev_special", name)
    if st.st_size > MAX_BYTES:
        raise EvidenceError("ev_too_large", name, detail=str(st.st_size))
    if st.st_size == 0:
        raise EvidenceError("ev_empty", name)
    if not os.access(path, os.R_OK):
        raise EvidenceError("ev_unreadable", name, detail=os.strerror(errno.EACCES))
    return st.st_size


def check_item(pb: Playbook | None, item: str | None) -> str | None:
    """An evidence item id of the case's playbook (NotFound otherwise); None for none."""
    if item is None:
        return None
    wanted = item.strip().lower()
    known = [e.id for e in pb.evidence] if pb is not None else []
    if wanted not in known:
        raise NotFound("evidence item", item, known)
    return wanted


def dropped_paths(text: str) -> list[Path]:
    """The paths in what a terminal pastes when files are dragged onto it: quoted
    ('/a/My Shot.png'), backslash-escaped (/a/My\\ Shot.png), or file:// URIs, several
    separated by spaces. For the interview's evidence step; checked by check_source."""
    import shlex
    from urllib.parse import unquote, urlparse

    try:
        parts = shlex.split(text.strip())
    except ValueError:  # an unbalanced quote: take the text as one path
        parts = [text.strip().strip("'\"")]
    out = []
    for part in parts:
        if part.startswith("file://"):
            part = unquote(urlparse(part).path)
        if part:
            out.append(Path(part).expanduser())
    return out


# --- copying ------------------------------------------------------------------------------


def safe_stem(name: str, fallback: str = "file", limit: int = 40) -> str:
    """A portable file name for the copy: ASCII letters, digits, dot, dash, underscore
    (a name with none of them takes `fallback`, the evidence item). The original name is
    kept in the log and in the export's index."""
    p = Path(name)
    ext = re.sub(r"[^A-Za-z0-9]+", "", p.suffix)[:10].lower()
    stem = unicodedata.normalize("NFKD", p.stem if ext else p.name)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_-")[:limit] or fallback
    return f"{stem}.{ext}" if ext else stem


def _copy(src: Path, folder: Path) -> tuple[Path, int, str]:
    """Copy to a temporary file in `folder` (0600), hashing as it goes, then fsync.
    Reads at most MAX_BYTES + 1: a file that grew past the limit is refused."""
    import tempfile

    # Opened without blocking and checked again: a file swapped for a pipe after the first
    # check must not hang the copy.
    src_fd = os.open(src, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(src_fd).st_mode):
        os.close(src_fd)
        raise EvidenceError("ev_special", str(src))
    fd, tmp = tempfile.mkstemp(prefix=".attach.", suffix=".tmp", dir=folder)
    digest = hashlib.sha256()
    size = 0
    try:
        os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as out, os.fdopen(src_fd, "rb") as f:
            while chunk := f.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise EvidenceError("ev_too_large", str(src), detail=str(size))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), size, digest.hexdigest()


def attach(store: Store, case_id: int, files: list[Path], item: str | None) -> list[Attached]:
    """Copy and record every file, or none of them."""
    if len(files) > MAX_FILES:
        raise EvidenceError("ev_too_many", str(len(files)))
    for f in files:
        check_source(f)
    folder = paths.private_dir(case_folder(case_id))
    copies: list[tuple[Path, Path, int, str]] = []
    out: list[Attached] = []
    try:
        for f in files:
            try:
                tmp, size, sha = _copy(f, folder)
            except EvidenceError:
                raise
            except FileNotFoundError:
                raise EvidenceError("ev_vanished", str(f)) from None
            except OSError as e:
                code = "ev_disk_full" if e.errno in (errno.ENOSPC, errno.EDQUOT) else "ev_copy"
                raise EvidenceError(code, str(f), exit=1, detail=e.strerror or str(e)) from None
            copies.append((f, tmp, size, sha))
        added = dt.datetime.now().isoformat(timespec="seconds")
        with store.write() as c:
            for f, tmp, size, sha in copies:
                cur = c.execute(
                    "INSERT INTO evidence (case_id, item, name, stored, size, sha256, added)"
                    " VALUES (?, ?, ?, '', ?, ?, ?)",
                    (case_id, item, neutral(f.name, newlines=False), size, sha, added),
                )
                eid = int(cur.lastrowid or 0)
                stored = f"{eid:04d}-{safe_stem(f.name, item or 'file')}"
                c.execute("UPDATE evidence SET stored = ? WHERE id = ?", (stored, eid))
                os.replace(tmp, folder / stored)  # inside the transaction: a failure undoes both
                name = neutral(f.name, newlines=False)
                out.append(Attached(eid, case_id, item, name, stored, size, sha, added))
        return out
    except BaseException:
        for _, tmp, _, _ in copies:
            tmp.unlink(missing_ok=True)
        for a in out:  # renamed, then the commit failed: the files go too
            a.path().unlink(missing_ok=True)
        raise


# --- reading ------------------------------------------------------------------------------


def listing(store: Store, case_id: int) -> list[Attached]:
    rows = store.conn.execute(
        "SELECT id, case_id, item, name, stored, size, sha256, added FROM evidence"
        " WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Attached(*tuple(r)) for r in rows]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(a: Attached) -> State:
    """Is the stored copy still the file that was attached?"""
    try:
        return "ok" if sha256_of(a.path()) == a.sha256 else "changed"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "changed"


def held_items(attached: list[Attached]) -> set[str]:
    return {a.item for a in attached if a.item}


def with_held(values: dict[str, Any], attached: list[Attached], pb: Playbook) -> dict[str, Any]:
    """Answers whose evidence checklist also ticks every item a file is attached to."""
    held = list(pb.answer(values, "evidence_in_hand") or [])
    held += sorted(held_items(attached) - set(held))
    out = dict(values)
    if held:
        out[pb.role_id("evidence_in_hand")] = held
    return out


def detach(store: Store, case_id: int, evidence_id: int) -> Attached:
    """Forget one file: its record, then its copy (a missing copy is no obstacle)."""
    found = next((a for a in listing(store, case_id) if a.id == evidence_id), None)
    if found is None:
        known = [str(a.id) for a in listing(store, case_id)]
        raise NotFound("evidence file", str(evidence_id), known)
    with store.write() as c:
        c.execute("DELETE FROM evidence WHERE id = ? AND case_id = ?", (evidence_id, case_id))
    found.path().unlink(missing_ok=True)
    return found


# --- deleting -----------------------------------------------------------------------------


def delete_case_files(case_id: int) -> None:
    """The case's folder and everything in it (after the case itself is gone)."""
    folder = case_folder(case_id)
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


def delete_all_files() -> None:
    folder = root()
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
