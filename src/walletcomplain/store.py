"""The local case log: cases, their events and the drafts of `start`, in one SQLite file.

The database lives in the data directory (`walletcomplain.db`), mode 0600, in WAL
mode so that a reader never blocks a writer. Every change runs in one
`BEGIN IMMEDIATE` transaction: two processes writing at once wait for each other
(busy timeout) instead of losing a write, and a failed write leaves everything as
it was. The schema grows by named migrations (migrations.py), recorded in a table,
so an older database upgrades itself on first use.
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
from typing import Any

from . import paths
from .errors import CaseNotFound, StoreError
from .states import Channel as Channel
from .states import EventKind as EventKind
from .states import Outcome as Outcome
from .states import Status as Status
from .states import known

FILENAME = "walletcomplain.db"
# Inline, not a parameter: it must read as the partial index cases_by_due's own condition
# (migrations.m001_cases) for SQLite to use that index.
_NOT_CLOSED = f"status != '{Status.closed.value}'"


@dataclass(frozen=True, kw_only=True)
class Event:
    """One thing that happened to a case. Read back from the log, a kind or channel that
    is none of ours (a row edited by hand) stays a plain string."""

    id: int = 0  # 0 until the store has recorded it (add_event returns the id)
    case_id: int
    day: dt.date
    kind: EventKind | str
    channel: Channel | str | None = None
    ref: str | None = None
    note: str | None = None
    reply: str | None = None
    authority: str | None = None


@dataclass(frozen=True, kw_only=True)
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
    outcome: Outcome | str | None = None
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
        """Open our database, or refuse without changing a byte.

        Everything that decides whether the file is ours reads it directly (the header,
        the -wal's frames) or through an immutable read-only connection, which creates
        no -wal or -shm. Only a file that carries our application_id (or an older log
        of ours, recognised by its tables) is ever opened for writing. A new log is
        built beside its final name and linked into place, so that no run ever meets a
        half-made or empty file of ours.
        """
        path = self.path
        try:
            paths.private_dir(path.parent)
            if not os.path.lexists(path):
                _refuse_orphans(path)
                _create(path)
            legacy = _check_ours(path)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except OSError as e:
            raise StoreError("st_cannot_open", path=path, error=e.strerror or e) from None
        except sqlite3.Error as e:
            raise _explain(path, e) from None
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            if legacy:  # an older log of ours: stamp it, so it is known as ours from now on
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.Error as e:
            conn.close()
            raise _explain(path, e) from None
        conn.row_factory = sqlite3.Row
        return conn

    def _migrate(self) -> None:
        """Bring the schema up to date (migrations.py), in one write transaction. Files an
        older version kept are looked for beside this database, not in the default home."""
        from . import migrations

        with self.write() as c:
            migrations.apply(c, self.path.parent)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it, or (on any error) none of it. A full disk or a
        damaged file becomes a StoreError that says so; what was there stays."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise _explain(self.path, e, writing=True) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as e:
            try:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolls back by itself when it cannot
            if isinstance(e, sqlite3.Error) and not isinstance(e, _OUR_BUGS):
                raise _explain(self.path, e, writing=True) from None
            raise

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
                " updated, next_due, due_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    provider,
                    issue,
                    lang,
                    json.dumps(answers, ensure_ascii=False),
                    letter,
                    Status.open.value,
                    day.isoformat(),
                    now,
                    _iso(due[0]),
                    json.dumps(due[1], ensure_ascii=False),
                ),
            )
            case_id = int(cur.lastrowid or 0)
            c.execute(
                "INSERT INTO events (case_id, day, kind, created) VALUES (?, ?, ?, ?)",
                (case_id, day.isoformat(), EventKind.created.value, now),
            )
        return case_id

    def get(self, case_id: int) -> Case:
        row = self.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        events = [
            _event(r)
            for r in self.conn.execute(
                "SELECT * FROM events WHERE case_id = ? ORDER BY day, id", (case_id,)
            )
        ]
        return _case(row, events)

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
            f" WHERE {_NOT_CLOSED} AND next_due <= ? ORDER BY next_due, id"
        )
        args: list[Any] = [today.isoformat()]
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        for row in self.conn.execute(sql, args):
            yield _case(row)

    def count_due(self, today: dt.date) -> int:
        row = self.conn.execute(
            f"SELECT count(*) FROM cases WHERE {_NOT_CLOSED} AND next_due <= ?",
            (today.isoformat(),),
        ).fetchone()
        return int(row[0])

    def add_event(
        self,
        case_id: int,
        event: Event,
        status: Status | str | None,
        due: tuple[dt.date | None, dict[str, Any]] | None,
        outcome: Outcome | str | None = None,
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


# Errors that mean our code is wrong, not the disk: they stay what they are.
_OUR_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


# --- is it ours? ------------------------------------------------------------------------------

APPLICATION_ID = 0x57434C47  # "WCLG": stamped in the SQLite header of every case log of ours
OUR_TABLES = frozenset({"migrations", "cases", "events", "drafts", "evidence", "sqlite_sequence"})
_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (0x377F0682, 0x377F0683)


def _refuse_orphans(path: Path) -> None:
    """A -wal or -journal without its database belongs to some other database: SQLite would
    replay it into a new log of ours."""
    for extra in ("-wal", "-journal"):
        other = Path(f"{path}{extra}")
        if os.path.lexists(other):
            raise StoreError("st_orphan", path=other)


def _create(path: Path) -> None:
    """A new, empty, stamped log: made under a temporary name, then linked into place."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)  # mkstemp: mode 0600, and SQLite gives its -wal and -shm files the same
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            from .migrations import TABLE_SQL

            conn.execute(TABLE_SQL)
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # never replaces: another process may have made one meanwhile
        except FileExistsError:
            pass
        except OSError:  # no hard links on this file system
            if not os.path.lexists(path):
                os.replace(tmp, path)
    finally:
        for extra in ("", "-wal", "-shm"):
            Path(tmp + extra).unlink(missing_ok=True)


def _check_ours(path: Path) -> bool:
    """Raise StoreError unless `path` is our case log; True if it is an older one of ours
    that predates the stamp. Reads only: the file is left byte for byte as it was."""
    if os.path.islink(path) and not path.exists():
        raise StoreError("st_dangling", path=path, target=os.readlink(path))
    st = path.stat()
    import stat

    if not stat.S_ISREG(st.st_mode):
        raise StoreError("st_not_regular", path=path)
    if st.st_size == 0:
        raise StoreError("st_empty", path=path)
    with open(path, "rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(_HEADER):
        raise StoreError("st_not_sqlite", path=path)
    app_id = int.from_bytes(header[68:72], "big")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    legacy = False
    if app_id != APPLICATION_ID:
        if app_id != 0 or not _has_only_our_tables(path):
            raise StoreError("st_foreign", path=path)
        legacy = True
    _check_wal(path, page_size, app_id)
    return legacy


def _has_only_our_tables(path: Path) -> bool:
    """An unstamped database is an older log of ours if it holds our tables and no others.
    Looked at through an immutable connection: no lock, no -wal, no -shm, no write."""
    from urllib.parse import quote

    uri = f"file:{quote(os.path.abspath(path))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return "migrations" in names and names <= OUR_TABLES


def _check_wal(path: Path, page_size: int, app_id: int) -> None:
    """A -wal beside our log is replayed into it on open. Ours (a crash, or another
    walletcomplain running now) is welcome; one left by another database is not. A WAL
    carries no owner, but every copy of page 1 in it carries its database's
    application_id, which must be the one in our file, and its page size must be ours.
    (A foreign WAL that never touched page 1 cannot be told apart: a known limit.)"""
    wal = Path(f"{path}-wal")
    try:
        with open(wal, "rb") as f:
            head = f.read(32)
            if len(head) < 32:
                return  # empty: SQLite starts it afresh
            magic = int.from_bytes(head[0:4], "big")
            wal_page = int.from_bytes(head[8:12], "big")
            salt = head[16:24]
            if magic not in _WAL_MAGIC or wal_page != page_size:
                raise StoreError("st_foreign_wal", path=wal, name=wal.name)
            offset = 32
            for _ in range(100_000):  # bounded: a WAL is checkpointed at ~1,000 pages
                f.seek(offset)
                frame = f.read(24)
                if len(frame) < 24 or frame[8:16] != salt:
                    break  # the end, or frames SQLite itself would ignore
                if int.from_bytes(frame[0:4], "big") == 1:
                    page = f.read(100)
                    if int.from_bytes(page[68:72], "big") != app_id:
                        raise StoreError("st_foreign_wal", path=wal, name=wal.name)
                    if not page.startswith(_HEADER):
                        raise StoreError("st_foreign_wal", path=wal, name=wal.name)
                offset += 24 + page_size
    except FileNotFoundError:
        return


def _explain(path: Path, e: sqlite3.Error, writing: bool = False) -> StoreError:
    """What an SQLite error means for the user: a full disk is a full disk, not damage."""
    code = getattr(e, "sqlite_errorcode", None)
    text = str(e)
    if code == 13 or "disk is full" in text:  # SQLITE_FULL
        return StoreError("st_full", path=path)
    if code in (5, 6) or "locked" in text or "busy" in text:
        return StoreError("st_busy", path=path)
    if code == 8 or "readonly" in text:
        return StoreError("st_readonly", path=path)
    if writing:
        return StoreError("st_write_failed", path=path, error=text)
    return StoreError("st_damaged", path=path, error=text)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _case(row: sqlite3.Row, events: list[Event] | None = None) -> Case:
    try:
        return _case_of(row, events or [])
    except (ValueError, TypeError, KeyError) as e:  # hand-edited or damaged
        raise StoreError("st_case_damaged", id=row["id"], error=type(e).__name__) from None


def _case_of(row: sqlite3.Row, events: list[Event]) -> Case:
    return Case(
        id=row["id"],
        provider=row["provider"],
        issue=row["issue"],
        lang=row["lang"],
        answers=json.loads(row["answers"]),
        letter=row["letter"],
        status=Status(row["status"]),
        created=dt.date.fromisoformat(row["created"]),
        updated=row["updated"],
        outcome=known(Outcome, row["outcome"]) if row["outcome"] else None,
        next_due=dt.date.fromisoformat(row["next_due"]) if row["next_due"] else None,
        due_reason=json.loads(row["due_reason"] or "{}"),
        events=events,
    )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        case_id=row["case_id"],
        day=dt.date.fromisoformat(row["day"]),
        kind=known(EventKind, row["kind"]),
        channel=known(Channel, row["channel"]) if row["channel"] is not None else None,
        ref=row["ref"],
        note=row["note"],
        reply=row["reply"],
        authority=row["authority"],
    )
