"""The local case log: cases, their events and the drafts of `start`, in one SQLite file.

The database lives in the data directory (`walletcomplain.db`), mode 0600, in WAL
mode so that a reader never blocks a writer. Every change runs in one
`BEGIN IMMEDIATE` transaction: two processes writing at once wait for each other
(busy timeout) instead of losing a write, and a failed write leaves everything as
it was. The schema grows by a short list of migrations, recorded in a table, so
an older database upgrades itself on first use.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import paths
from .errors import CaseNotFound, StoreError

Status = Literal["open", "waiting", "escalated", "closed"]
STATUSES: tuple[Status, ...] = ("open", "waiting", "escalated", "closed")
EventKind = Literal["created", "contact", "reply", "escalated", "closed", "note"]
CHANNELS = ("hotline", "in_app", "email", "web", "authority")
OUTCOMES = ("resolved", "partly", "rejected", "abandoned")
FILENAME = "walletcomplain.db"

MIGRATIONS: list[str] = [
    # 1: cases and their timeline
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
    # 2: drafts of `start` move in from their JSON files
    """
    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        saved TEXT NOT NULL
    );
    """,
    # 3: evidence files kept with a case (evidence.py); the files live in evidence/case-N/
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


@dataclass
class Event:
    id: int
    case_id: int
    day: dt.date
    kind: EventKind
    channel: str | None = None
    ref: str | None = None
    note: str | None = None
    reply: str | None = None
    authority: str | None = None


@dataclass
class Case:
    id: int
    provider: str
    issue: str
    lang: str
    answers: dict[str, Any]
    letter: str
    status: Status
    created: dt.date
    updated: str
    outcome: str | None = None
    next_due: dt.date | None = None
    due_reason: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)


def db_path() -> Path:
    return paths.home() / FILENAME


def enabled(env: dict[str, str] | None = None) -> bool:
    """WALLETCOMPLAIN_NO_SAVE=1 turns every kind of recording off."""
    value = (os.environ if env is None else env).get("WALLETCOMPLAIN_NO_SAVE", "").strip().lower()
    return value in ("", "0", "false", "no")


class Store:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or db_path()
        self.conn = self._connect()
        self._migrate()

    # --- opening --------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        try:
            paths.private_dir(path.parent)
            if (
                not path.exists()
            ):  # created private: SQLite gives its -wal and -shm files the same mode
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            elif path.is_dir():
                raise StoreError(f"{path}: is a directory, not a walletcomplain database")
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except OSError as e:
            raise StoreError(f"{path}: cannot open the case log ({e.strerror or e})") from None
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(
                f"{path}: not a walletcomplain case log, or damaged ({e}). It was left untouched; "
                "move it away (or set WALLETCOMPLAIN_HOME) to start a new one."
            ) from None
        conn.row_factory = sqlite3.Row
        return conn

    def _migrate(self) -> None:
        with self.write() as c:
            c.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied TEXT)"
            )
            done = {r[0] for r in c.execute("SELECT version FROM migrations")}
            for version, sql in enumerate(MIGRATIONS, 1):
                if version in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        c.execute(statement)
                if version == 2:
                    _import_draft_files(c)
                c.execute("INSERT INTO migrations VALUES (?, ?)", (version, _now()))

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it, or (on any error) none of it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: {e}") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- cases ---------------------------------------------------------------------------------

    def add_case(
        self,
        provider: str,
        issue: str,
        lang: str,
        answers: dict[str, Any],
        letter: str,
        day: dt.date,
        due: tuple[dt.date | None, dict[str, Any]],
    ) -> int:
        now = _now()
        with self.write() as c:
            cur = c.execute(
                "INSERT INTO cases (provider, issue, lang, answers, letter, status, created,"
                " updated, next_due, due_reason) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                (
                    provider,
                    issue,
                    lang,
                    json.dumps(answers, ensure_ascii=False),
                    letter,
                    day.isoformat(),
                    now,
                    _iso(due[0]),
                    json.dumps(due[1], ensure_ascii=False),
                ),
            )
            case_id = int(cur.lastrowid or 0)
            c.execute(
                "INSERT INTO events (case_id, day, kind, created) VALUES (?, ?, 'created', ?)",
                (case_id, day.isoformat(), now),
            )
        return case_id

    def get(self, case_id: int) -> Case:
        row = self.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        case = _case(row)
        case.events = [
            _event(r)
            for r in self.conn.execute(
                "SELECT * FROM events WHERE case_id = ? ORDER BY day, id", (case_id,)
            )
        ]
        return case

    def iter_cases(
        self, status: str | None = None, limit: int | None = None
    ) -> Iterator[sqlite3.Row]:
        """Newest first, streamed: listing 100,000 cases never holds them all in memory."""
        sql = "SELECT id, provider, issue, status, created, next_due FROM cases"
        args: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            args.append(status)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        cur = self.conn.cursor()
        cur.row_factory = None
        yield from cur.execute(sql, args)

    def count(self, status: str | None = None) -> int:
        if status:
            return int(
                self.conn.execute(
                    "SELECT count(*) FROM cases WHERE status = ?", (status,)
                ).fetchone()[0]
            )
        return int(self.conn.execute("SELECT count(*) FROM cases").fetchone()[0])

    def due(self, today: dt.date, limit: int | None = None) -> Iterator[Case]:
        """Open cases whose follow-up date has come, most overdue first (without timelines)."""
        sql = (
            "SELECT id, provider, issue, lang, '{}' AS answers, '' AS letter, status, outcome,"
            " created, updated, next_due, due_reason FROM cases"
            " WHERE status != 'closed' AND next_due <= ? ORDER BY next_due, id"
        )
        args: list[Any] = [today.isoformat()]
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        for row in self.conn.execute(sql, args):
            yield _case(row)

    def count_due(self, today: dt.date) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM cases WHERE status != 'closed' AND next_due <= ?",
            (today.isoformat(),),
        ).fetchone()
        return int(row[0])

    def add_event(
        self,
        case_id: int,
        event: Event,
        status: Status | None,
        due: tuple[dt.date | None, dict[str, Any]] | None,
        outcome: str | None = None,
    ) -> int:
        """Record one event and, in the same transaction, the case's new status and due date."""
        with self.write() as c:
            if c.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                raise CaseNotFound(case_id)
            cur = c.execute(
                "INSERT INTO events (case_id, day, kind, channel, ref, note, reply, authority,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    event.day.isoformat(),
                    event.kind,
                    event.channel,
                    event.ref,
                    event.note,
                    event.reply,
                    event.authority,
                    _now(),
                ),
            )
            sets: list[str] = ["updated = ?"]
            args: list[Any] = [_now()]
            if status is not None:
                sets.append("status = ?")
                args.append(status)
            if due is not None:
                sets += ["next_due = ?", "due_reason = ?"]
                args += [_iso(due[0]), json.dumps(due[1], ensure_ascii=False)]
            if outcome is not None:
                sets.append("outcome = ?")
                args.append(outcome)
            c.execute(f"UPDATE cases SET {', '.join(sets)} WHERE id = ?", (*args, case_id))
            return int(cur.lastrowid or 0)

    def delete(self, case_id: int) -> None:
        with self.write() as c:
            if c.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount == 0:
                raise CaseNotFound(case_id)

    def purge(self) -> int:
        with self.write() as c:
            n = int(c.execute("SELECT count(*) FROM cases").fetchone()[0])
            c.execute("DELETE FROM events")
            c.execute("DELETE FROM cases")
            c.execute("DELETE FROM drafts")
        self.conn.execute("VACUUM")  # deleted text must not linger in free pages
        return n

    # --- drafts --------------------------------------------------------------------------------

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None:
        with self.write() as c:
            c.execute(
                "INSERT OR REPLACE INTO drafts (id, data, saved) VALUES (?, ?, ?)",
                (draft_id, json.dumps(data, ensure_ascii=False), data.get("saved", _now())),
            )

    def drafts(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT data FROM drafts ORDER BY saved DESC, id DESC")
        out = []
        for (data,) in rows:
            try:
                out.append(json.loads(data))
            except ValueError:
                continue
        return out

    def delete_draft(self, draft_id: str) -> None:
        with self.write() as c:
            c.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def _import_draft_files(c: sqlite3.Connection) -> None:
    """Drafts from before the case log were JSON files in drafts/: move them in."""
    folder = db_path().parent / "drafts"
    if not folder.is_dir():
        return
    for f in sorted(folder.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            draft_id = str(data["id"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: left where it is
        c.execute(
            "INSERT OR IGNORE INTO drafts (id, data, saved) VALUES (?, ?, ?)",
            (draft_id, json.dumps(data, ensure_ascii=False), str(data.get("saved", ""))),
        )
        f.unlink(missing_ok=True)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _case(row: sqlite3.Row) -> Case:
    return Case(
        id=row["id"],
        provider=row["provider"],
        issue=row["issue"],
        lang=row["lang"],
        answers=json.loads(row["answers"]),
        letter=row["letter"],
        status=row["status"],
        created=dt.date.fromisoformat(row["created"]),
        updated=row["updated"],
        outcome=row["outcome"],
        next_due=dt.date.fromisoformat(row["next_due"]) if row["next_due"] else None,
        due_reason=json.loads(row["due_reason"] or "{}"),
    )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        case_id=row["case_id"],
        day=dt.date.fromisoformat(row["day"]),
        kind=row["kind"],
        channel=row["channel"],
        ref=row["ref"],
        note=row["note"],
        reply=row["reply"],
        authority=row["authority"],
    )
