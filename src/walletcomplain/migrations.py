"""The case log's schema, as named migrations applied in order (simonw/llm's model).

Each migration is a function `mNNN_what(c, folder)` registered by `@migration`; `apply`
runs, inside the caller's write transaction, every one not yet recorded by name in the
`migrations` table, and records it. `folder` is the folder of the database file, where
older versions kept files to bring in. A new migration goes at the end; a released one
never changes, so that every database, however old, reaches the same schema.

Logs written before migrations had names recorded them by number; `apply` renames those
records (`OLD_VERSIONS`) before anything else, in the same transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .states import Status, sql_in

Migration = Callable[[sqlite3.Connection, Path], None]
MIGRATIONS: list[Migration] = []

# The numbered records of logs made before migrations had names.
OLD_VERSIONS = {1: "m001_cases", 2: "m002_drafts", 3: "m003_evidence"}

TABLE_SQL = "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def apply(c: sqlite3.Connection, folder: Path) -> list[str]:
    """Run what is missing, in order, and return the names run. The caller holds the write
    transaction: either every step and its record is kept, or none."""
    _name_old_versions(c)
    c.execute(TABLE_SQL)
    done = {r[0] for r in c.execute("SELECT name FROM migrations")}
    ran = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        fn(c, folder)
        c.execute("INSERT INTO migrations (name, applied) VALUES (?, ?)", (fn.__name__, _now()))
        ran.append(fn.__name__)
    return ran


def _name_old_versions(c: sqlite3.Connection) -> None:
    """`migrations (version INTEGER, applied)` becomes `migrations (name, applied)`."""
    columns = {r[1] for r in c.execute("PRAGMA table_info(migrations)")}
    if "version" not in columns:
        return
    rows = c.execute("SELECT version, applied FROM migrations").fetchall()
    c.execute("DROP TABLE migrations")
    c.execute(TABLE_SQL)
    for version, applied in rows:
        name = OLD_VERSIONS.get(version, f"version {version}")  # unknown: kept, not lost
        c.execute("INSERT INTO migrations VALUES (?, ?)", (name, applied or _now()))


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


@migration
def m001_cases(c: sqlite3.Connection, folder: Path) -> None:
    """Cases and their timeline."""
    c.execute(
        f"""
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        provider TEXT NOT NULL,
        issue TEXT NOT NULL,
        lang TEXT NOT NULL,
        answers TEXT NOT NULL,
        letter TEXT NOT NULL,
        status TEXT NOT NULL CHECK ({sql_in("status", Status)}),
        outcome TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        next_due TEXT,
        due_reason TEXT
    )"""
    )
    c.execute("CREATE INDEX cases_by_status ON cases (status, id)")
    # the same condition as store._NOT_CLOSED, so that its queries use this index
    c.execute(
        f"CREATE INDEX cases_by_due ON cases (next_due) WHERE status != '{Status.closed.value}'"
    )
    c.execute(
        """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        channel TEXT,
        ref TEXT,
        note TEXT,
        reply TEXT,
        authority TEXT,
        created TEXT NOT NULL
    )"""
    )
    c.execute("CREATE INDEX events_by_case ON events (case_id, day, id)")


@migration
def m002_drafts(c: sqlite3.Connection, folder: Path) -> None:
    """Drafts of `start` move in from their JSON files in the database's own folder."""
    c.execute(
        """
    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        saved TEXT NOT NULL
    )"""
    )
    import_draft_files(c, folder)


@migration
def m003_evidence(c: sqlite3.Connection, folder: Path) -> None:
    """Evidence files kept with a case (evidence.py); the files live in evidence/case-N/."""
    c.execute(
        """
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        item TEXT,
        name TEXT NOT NULL,
        stored TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added TEXT NOT NULL
    )"""
    )
    c.execute("CREATE INDEX evidence_by_case ON evidence (case_id, id)")


DRAFT_KEYS = frozenset({"id", "provider", "issue", "lang", "answers", "saved", "version"})
DRAFT_ID = re.compile(r"\d{8}-\d{6}-\d{6}")


def import_draft_files(c: sqlite3.Connection, home: Path) -> None:
    """Drafts from before the case log were JSON files in drafts/: copy them in.

    Only files in our own draft format are read (a regular file named after its draft
    id, with our keys and nothing else), never through a symbolic link, and each one
    imported is renamed to `.json.imported`, not deleted: a `report.json` of the user's
    that happens to sit there is left exactly as it was.
    """
    from . import limits

    folder = home / "drafts"
    if folder.is_symlink() or not folder.is_dir():
        return
    for f in sorted(folder.glob("*.json")):
        try:
            data = json.loads(limits.read_regular(f, 1 << 20, follow=False).decode("utf-8"))
        except (OSError, ValueError, limits.LimitError):
            continue  # unreadable or not a plain file: left where it is
        if not _is_draft(data) or f.name != f"{data['id']}.json":
            continue
        c.execute(
            "INSERT OR IGNORE INTO drafts (id, data, saved) VALUES (?, ?, ?)",
            (data["id"], json.dumps(data, ensure_ascii=False), str(data.get("saved", ""))),
        )
        with contextlib.suppress(OSError):  # imported all the same; a second import is ignored
            f.rename(f.with_name(f.name + ".imported"))


def _is_draft(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and {"id", "lang", "answers"} <= data.keys() <= DRAFT_KEYS
        and isinstance(data["id"], str)
        and DRAFT_ID.fullmatch(data["id"]) is not None
        and data["lang"] in ("zh", "en")
        and isinstance(data["answers"], dict)
        and all(isinstance(data.get(k), (str, type(None))) for k in ("provider", "issue", "saved"))
    )
