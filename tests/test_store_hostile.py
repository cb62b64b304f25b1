"""The case log meets files that are not ours: each is refused and left byte for byte."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from walletcomplain import store
from walletcomplain.cli import app
from walletcomplain.errors import StoreError
from walletcomplain.models import Catalog
from walletcomplain.store import Event, Store

from .conftest import TODAY
from .old_store import old_log
from .test_cli import RECHARGE, write_example
from .test_store import new_case


def digest(folder: Path) -> dict[str, str]:
    """Every file in the folder (not following links) and its SHA-256."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if not p.is_symlink() else "link"
        for p in sorted(folder.iterdir())
    }


def foreign_db(path: Path, tables: bool = True) -> None:
    c = sqlite3.connect(path)
    if tables:
        c.execute("CREATE TABLE notes (x)")
        c.execute("INSERT INTO notes VALUES ('my own notes')")
    else:
        c.execute("PRAGMA user_version = 3")
    c.commit()
    c.close()


def foreign_wal(tmp: Path) -> bytes:
    """The write-ahead log of another database, as a crash would leave it."""
    c = sqlite3.connect(tmp / "other.db", isolation_level=None)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA wal_autocheckpoint = 0")
    c.execute("CREATE TABLE t (a)")
    for _ in range(20):
        c.execute("INSERT INTO t VALUES (?)", ("x" * 500,))
    data = (tmp / "other.db-wal").read_bytes()
    c.close()
    return data


@pytest.mark.parametrize("tables", [True, False])
def test_another_programs_database_refused_unchanged(tmp_path: Path, tables: bool) -> None:
    folder = tmp_path / "h"
    folder.mkdir()
    foreign_db(folder / store.FILENAME, tables)
    before = digest(folder)
    with pytest.raises(StoreError) as e:
        Store(folder / store.FILENAME)
    assert "another program's SQLite database" in str(e.value) and "Move it away" in str(e.value)
    assert digest(folder) == before  # no -wal, no -shm, not a byte changed


def test_zero_byte_file_refused(tmp_path: Path) -> None:
    path = tmp_path / store.FILENAME
    path.touch()
    with pytest.raises(StoreError) as e:
        Store(path)
    assert "an empty file" in str(e.value)
    assert path.stat().st_size == 0 and sorted(os.listdir(tmp_path)) == [store.FILENAME]


def test_dangling_symlink_refused(tmp_path: Path) -> None:
    path = tmp_path / store.FILENAME
    target = tmp_path / "elsewhere" / "x.db"
    path.symlink_to(target)
    with pytest.raises(StoreError) as e:
        Store(path)
    assert "does not exist" in str(e.value) and "Remove the link" in str(e.value)
    assert not target.parent.exists() and path.is_symlink()


def test_orphan_wal_refused(tmp_path: Path) -> None:
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / f"{store.FILENAME}-wal").write_bytes(foreign_wal(tmp_path))
    before = digest(folder)
    with pytest.raises(StoreError) as e:
        Store(folder / store.FILENAME)
    assert "leftover" in str(e.value)
    assert digest(folder) == before


def test_foreign_wal_beside_our_log_refused(tmp_path: Path, cat: Catalog) -> None:
    folder = tmp_path / "h"
    log = Store(folder / store.FILENAME)
    new_case(log, cat)
    log.close()
    (folder / f"{store.FILENAME}-wal").write_bytes(foreign_wal(tmp_path))
    before = digest(folder)
    with pytest.raises(StoreError) as e:
        Store(folder / store.FILENAME)
    assert "write-ahead log of another database" in str(e.value)
    assert digest(folder) == before
    (folder / f"{store.FILENAME}-wal").unlink()  # as the message says: then all is well
    assert Store(folder / store.FILENAME).get(1).provider == "alipay"


def test_our_own_wal_after_a_crash_is_recovered(tmp_path: Path, cat: Catalog) -> None:
    folder = tmp_path / "h"
    log = Store(folder / store.FILENAME)
    log.conn.execute("PRAGMA wal_autocheckpoint = 0")
    new_case(log, cat)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in os.listdir(folder):  # a copy as `kill -9` would leave it: db, -wal, -shm
        if name.startswith(store.FILENAME):
            shutil.copy(folder / name, crashed / name)
    log.close()
    assert (crashed / f"{store.FILENAME}-wal").stat().st_size > 0
    assert Store(crashed / store.FILENAME).get(1).provider == "alipay"


def test_new_log_is_stamped_and_an_old_one_gets_stamped(tmp_path: Path) -> None:
    path = tmp_path / store.FILENAME
    Store(path).close()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == store.APPLICATION_ID
    old = tmp_path / "old" / store.FILENAME
    old.parent.mkdir()
    old_log(old).close()
    Store(old).close()
    assert int.from_bytes(old.read_bytes()[68:72], "big") == store.APPLICATION_ID


def _full_after_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up once the log is open: SQLite's own SQLITE_FULL, through a page
    limit (a real tiny file system is not available here)."""
    connect = Store._connect

    def tight(self: Store) -> sqlite3.Connection:
        conn = connect(self)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(Store, "_connect", tight)


def test_full_disk_during_cases_log(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write_example(runner, tmp_path)
    assert runner.invoke(app, [*RECHARGE, str(answers), "--save"]).exit_code == 0
    before = runner.invoke(app, ["cases", "export", "1", "-f", "json"]).stdout
    with monkeypatch.context() as m:
        _full_after_open(m)
        result = runner.invoke(
            app, ["-l", "en", "cases", "log", "1", "-c", "hotline", "--note", "x" * 200_000]
        )
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "the disk is full" in result.stderr and "nothing already in the" in result.stderr
    assert runner.invoke(app, ["cases", "export", "1", "-f", "json"]).stdout == before


def test_full_disk_at_open_is_not_called_damage(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sqlite3.connect

    class Full:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def execute(self, sql: str, *a: Any) -> object:
            if "journal_mode" in sql:
                raise sqlite3.OperationalError("database or disk is full")
            return self.conn.execute(sql, *a)

        def close(self) -> None:
            self.conn.close()

    Store().close()  # the log exists; the disk fills up before the next run
    monkeypatch.setattr(
        sqlite3,
        "connect",
        lambda *a, **k: Full(real(*a, **k)) if not k.get("uri") else real(*a, **k),
    )
    result = runner.invoke(app, ["-l", "en", "cases", "list"])
    assert result.exit_code == 1
    assert "the disk is full" in result.stderr and "damaged" not in result.stderr


def test_store_error_in_a_transaction_keeps_what_was_there(tmp_path: Path, cat: Catalog) -> None:
    log = Store(tmp_path / store.FILENAME)
    case_id = new_case(log, cat)
    pages = log.conn.execute("PRAGMA page_count").fetchone()[0]
    log.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as e:
        log.add_event(
            case_id, Event(case_id=case_id, day=TODAY, kind="note", note="x" * 200_000), None, None
        )
    assert "disk is full" in str(e.value)
    assert [ev.kind for ev in log.get(case_id).events] == ["created"]


def test_hand_corrupted_answers_column(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    assert runner.invoke(app, [*RECHARGE, str(answers), "--save"]).exit_code == 0
    db = sqlite3.connect(Path(os.environ["WALLETCOMPLAIN_HOME"]) / store.FILENAME)
    db.execute("UPDATE cases SET answers = '{not json', created = 'yesterday'")
    db.commit()
    db.close()
    for args in (["cases", "show", "1"], ["cases", "export", "1"], ["cases", "escalate", "1"]):
        result = runner.invoke(app, ["-l", "en", *args])
        assert result.exit_code == 1, (args, result.output)
        assert isinstance(result.exception, SystemExit)
        assert "case 1: its stored data is damaged" in result.stderr
        assert "cases delete 1" in result.stderr


# --- the legacy draft import -----------------------------------------------------------------

DRAFT = {
    "id": "20261120-120000-000001",
    "provider": "alipay",
    "issue": "recharge",
    "lang": "zh",
    "answers": {"amount": "200.00"},
    "saved": "2026-11-20T12:00:00",
    "version": 1,
}


def old_home(home: Path) -> None:
    old_log(home / store.FILENAME).close()


def test_draft_import_reads_only_our_drafts_and_renames_them(tmp_path: Path) -> None:
    home = tmp_path / "own"  # the store's own folder, not WALLETCOMPLAIN_HOME
    old_home(home)
    drafts = home / "drafts"
    drafts.mkdir()
    (drafts / f"{DRAFT['id']}.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    report = {"id": 7, "title": "my tax report"}
    (drafts / "report.json").write_text(json.dumps(report), encoding="utf-8")
    lookalike = {**DRAFT, "id": "20261120-120000-000002", "password": "x"}
    (drafts / "20261120-120000-000002.json").write_text(json.dumps(lookalike), encoding="utf-8")
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({**DRAFT, "id": "20261120-120000-000003"}), encoding="utf-8")
    (drafts / "20261120-120000-000003.json").symlink_to(secret)
    before = digest(drafts)
    log = Store(home / store.FILENAME)
    assert [d["id"] for d in log.drafts()] == [DRAFT["id"]]
    after = digest(drafts)
    assert after.pop(f"{DRAFT['id']}.json.imported") == before.pop(f"{DRAFT['id']}.json")
    assert after == before  # the report, the look-alike and the link: exactly as they were
    assert json.loads(secret.read_text(encoding="utf-8"))["id"].endswith("3")


def test_draft_import_skips_a_symlinked_drafts_folder(tmp_path: Path) -> None:
    home = tmp_path / "own"
    old_home(home)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / f"{DRAFT['id']}.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    (home / "drafts").symlink_to(elsewhere)
    log = Store(home / store.FILENAME)
    assert log.drafts() == []
    assert os.listdir(elsewhere) == [f"{DRAFT['id']}.json"]
