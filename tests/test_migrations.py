"""The case log's named migrations: each one tested from the schema before it, the upgrade
of a log the old numbered code wrote, and the drafts it brings in from the log's own folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from walletcomplain import migrations, store
from walletcomplain.migrations import MIGRATIONS
from walletcomplain.states import Channel, EventKind, Outcome, Status, sql_in
from walletcomplain.store import Event, Store

from .old_store import OLD_MIGRATIONS_TABLE, OLD_SQL, old_log

TODAY = dt.date(2026, 11, 22)
DRAFT = {
    "id": "20261120-120000-000001",
    "provider": "alipay",
    "issue": "recharge",
    "lang": "zh",
    "answers": {"amount": "200.00"},
    "saved": "2026-11-20T12:00:00",
    "version": 1,
}


def names() -> list[str]:
    return [m.__name__ for m in MIGRATIONS]


def schema(c: sqlite3.Connection) -> dict[str, str]:
    """name -> normalised SQL of every table and index (migrations bookkeeping aside)."""
    rows = c.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'migrations'"
    )
    return {n: " ".join(s.split()) for n, s in rows}


def upto(n: int, folder: Path) -> sqlite3.Connection:
    """A bare database with only the first `n` migrations run (no bookkeeping)."""
    c = sqlite3.connect(":memory:")
    c.execute("PRAGMA foreign_keys = ON")
    for m in MIGRATIONS[:n]:
        m(c, folder)
    return c


def add_case(c: sqlite3.Connection) -> int:
    cur = c.execute(
        "INSERT INTO cases (provider, issue, lang, answers, letter, status, created, updated,"
        " next_due, due_reason) VALUES ('alipay', 'recharge', 'zh', '{\"amount\": \"2\"}',"
        " 'the letter', 'waiting', '2026-11-01', 'then', '2026-11-08', '{}')"
    )
    case_id = int(cur.lastrowid or 0)
    c.execute(
        "INSERT INTO events (case_id, day, kind, channel, ref, created)"
        " VALUES (?, '2026-11-02', 'contact', 'hotline', 'R-1', 'then')",
        (case_id,),
    )
    return case_id


def test_migrations_have_unique_ordered_names() -> None:
    assert names() == sorted(names())
    assert len(set(names())) == len(names())
    assert all(n.startswith(f"m{i:03d}_") for i, n in enumerate(names(), 1))
    assert set(migrations.OLD_VERSIONS.values()) <= set(names())


def test_m001_cases_from_nothing(tmp_path: Path) -> None:
    c = upto(0, tmp_path)
    MIGRATIONS[0](c, tmp_path)
    assert {"cases", "events", "cases_by_status", "cases_by_due", "events_by_case"} <= set(
        schema(c)
    )
    case_id = add_case(c)
    for s in Status:  # the CHECK, written from the enum, takes every status and nothing else
        c.execute("UPDATE cases SET status = ? WHERE id = ?", (s.value, case_id))
    with pytest.raises(sqlite3.IntegrityError):
        c.execute("UPDATE cases SET status = 'lost' WHERE id = ?", (case_id,))
    assert sql_in("status", Status) in schema(c)["cases"]


def test_m002_drafts_from_m001(tmp_path: Path) -> None:
    c = upto(1, tmp_path)
    case_id = add_case(c)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / f"{DRAFT['id']}.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    MIGRATIONS[1](c, tmp_path)
    assert "drafts" in schema(c)
    assert c.execute("SELECT letter FROM cases WHERE id = ?", (case_id,)).fetchone() == (
        "the letter",
    )
    assert c.execute("SELECT ref FROM events").fetchall() == [("R-1",)]
    assert [json.loads(d)["id"] for (d,) in c.execute("SELECT data FROM drafts")] == [DRAFT["id"]]
    assert (tmp_path / "drafts" / f"{DRAFT['id']}.json.imported").exists()


def test_m003_evidence_from_m002(tmp_path: Path) -> None:
    c = upto(2, tmp_path)
    case_id = add_case(c)
    c.execute("INSERT INTO drafts VALUES ('d1', '{}', 'then')")
    MIGRATIONS[2](c, tmp_path)
    assert {"evidence", "evidence_by_case"} <= set(schema(c))
    assert c.execute("SELECT count(*) FROM cases").fetchone() == (1,)
    assert c.execute("SELECT count(*) FROM events").fetchone() == (1,)
    assert c.execute("SELECT id FROM drafts").fetchall() == [("d1",)]
    c.execute(
        "INSERT INTO evidence (case_id, item, name, stored, size, sha256, added)"
        " VALUES (?, 'receipt', 'a.png', 'case-1/a.png', 3, 'abc', 'then')",
        (case_id,),
    )
    c.execute("DELETE FROM cases WHERE id = ?", (case_id,))  # evidence goes with its case
    assert c.execute("SELECT count(*) FROM evidence").fetchone() == (0,)


def test_the_schema_is_the_one_the_old_code_made(tmp_path: Path) -> None:
    old = sqlite3.connect(":memory:")
    old.executescript(OLD_MIGRATIONS_TABLE + "".join(OLD_SQL))
    assert schema(upto(len(MIGRATIONS), tmp_path)) == schema(old)


def test_a_log_of_the_old_numbered_code_upgrades_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "log" / store.FILENAME
    db = old_log(path, versions=3)
    case_id = add_case(db)
    db.execute("INSERT INTO drafts VALUES ('d1', '{\"id\": \"d1\"}', '2026-11-20')")
    db.execute(
        "INSERT INTO evidence (case_id, item, name, stored, size, sha256, added)"
        " VALUES (?, 'receipt', 'a.png', 'case-1/a.png', 3, 'abc', 'then')",
        (case_id,),
    )
    db.commit()
    db.close()
    with Store(path) as log:
        rows = log.conn.execute("SELECT name, applied FROM migrations ORDER BY name").fetchall()
        assert [tuple(r) for r in rows] == [(n, "then") for n in names()]  # nothing re-run
        case = log.get(case_id)
        assert (case.letter, case.status, case.answers) == (
            "the letter",
            "waiting",
            {"amount": "2"},
        )
        assert case.status is Status.waiting
        assert [(e.kind, e.channel, e.ref) for e in case.events] == [("contact", "hotline", "R-1")]
        assert log.drafts() == [{"id": "d1"}]
        assert log.conn.execute("SELECT name FROM evidence").fetchall()[0][0] == "a.png"
    with Store(path) as log:  # a second open changes nothing
        assert log.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(names())


def test_an_old_log_part_way_runs_only_what_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / store.FILENAME
    old_log(path, versions=2).close()
    with Store(path) as log:
        rows = dict(log.conn.execute("SELECT name, applied FROM migrations").fetchall())
    assert rows["m001_cases"] == rows["m002_drafts"] == "then"
    assert rows["m003_evidence"] != "then"


def test_drafts_are_imported_from_the_stores_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two logs in two folders, neither of them WALLETCOMPLAIN_HOME: each takes in the
    drafts beside itself, and the default home's drafts stay where they are."""
    home = tmp_path / "home"
    monkeypatch.setenv("WALLETCOMPLAIN_HOME", str(home))
    for folder, n in ((home, 9), (tmp_path / "a", 1), (tmp_path / "b", 2)):
        old_log(folder / store.FILENAME).close()
        (folder / "drafts").mkdir()
        draft = {**DRAFT, "id": f"20261120-120000-00000{n}"}
        (folder / "drafts" / f"{draft['id']}.json").write_text(json.dumps(draft), "utf-8")
    with Store(tmp_path / "a" / store.FILENAME) as a:
        assert [d["id"] for d in a.drafts()] == ["20261120-120000-000001"]
    with Store(tmp_path / "b" / store.FILENAME) as b:
        assert [d["id"] for d in b.drafts()] == ["20261120-120000-000002"]
    assert os.listdir(home / "drafts") == ["20261120-120000-000009.json"]


def test_add_event_returns_the_new_events_id(tmp_path: Path) -> None:
    with Store(tmp_path / store.FILENAME) as log:
        case_id = log.add_case("alipay", "recharge", "zh", {}, "l", TODAY, (TODAY, {}))
        event = Event(case_id=case_id, day=TODAY, kind="contact", channel="hotline", ref="R")
        new = log.add_event(case_id, event, Status.waiting, None)
        got = log.get(case_id)
        assert [e.id for e in got.events if e.ref == "R"] == [new]
        assert got.events[-1].kind is EventKind.contact
        assert got.events[-1].channel is Channel.hotline
        log.add_event(
            case_id, Event(case_id=case_id, day=TODAY, kind="closed"), "closed", None, "partly"
        )
        assert log.get(case_id).outcome is Outcome.partly


def test_due_queries_use_the_partial_index(tmp_path: Path) -> None:
    """The store's 'not closed' condition and the index's, both written from Status, must
    stay the same text, or listing what is due scans every case."""
    with Store(tmp_path / store.FILENAME) as log:
        plan = log.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE {store._NOT_CLOSED}"
            " AND next_due <= ?",
            ("2026-11-22",),
        ).fetchall()
    assert "cases_by_due" in " ".join(str(tuple(r)) for r in plan)
