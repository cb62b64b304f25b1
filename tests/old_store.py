"""The case log as the code before named migrations wrote it: its SQL, kept verbatim here
(not imported from the code) so that upgrade tests start from what users really have."""

from __future__ import annotations

import sqlite3
from pathlib import Path

OLD_MIGRATIONS_TABLE = "CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT);"

# The numbered migrations 1, 2 and 3 of the old store.py, exactly.
OLD_SQL = [
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        provider TEXT NOT NULL,
        issue TEXT NOT NULL,
        lang TEXT NOT NULL,
        answers TEXT NOT NULL,
        letter TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'escalated', 'closed')),
        outcome TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        next_due TEXT,
        due_reason TEXT
    );
    CREATE INDEX cases_by_status ON cases (status, id);
    CREATE INDEX cases_by_due ON cases (next_due) WHERE status != 'closed';
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
    );
    CREATE INDEX events_by_case ON events (case_id, day, id);
    """,
    """
    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        saved TEXT NOT NULL
    );
    """,
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
    );
    CREATE INDEX evidence_by_case ON evidence (case_id, id);
    """,
]


def old_log(path: Path, versions: int = 1) -> sqlite3.Connection:
    """An unstamped log of the old code with its first `versions` migrations applied and
    recorded by number; the connection is left open for the test to add rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(OLD_MIGRATIONS_TABLE + "".join(OLD_SQL[:versions]))
    db.executemany(
        "INSERT INTO migrations VALUES (?, 'then')", [(v,) for v in range(1, versions + 1)]
    )
    db.commit()
    return db
