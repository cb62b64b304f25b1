"""The `cases` commands through CliRunner, and the whole follow-up story, installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from walletcomplain.cli import app

from .test_cli import RECHARGE, write_example

EXE = shutil.which("walletcomplain", path=str(Path(sys.executable).parent)) or "walletcomplain"


@pytest.fixture
def case_id(runner: CliRunner, tmp_path: Path) -> int:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*RECHARGE, str(answers), "--save"])
    assert result.exit_code == 0, result.output
    assert "已记录为投诉案件 #1" in result.stderr
    return 1


def test_list_show_and_json(runner: CliRunner, case_id: int) -> None:
    listed = runner.invoke(app, ["cases", "list"])
    assert listed.exit_code == 0 and "已写信" in listed.stdout
    # names in the reader's language, as `cases show` says them; the ids stay in --json
    assert "支付宝 · 充值失败或未到账" in listed.stdout and "alipay" not in listed.stdout
    en = runner.invoke(app, ["cases", "list", "--lang", "en"]).stdout
    assert "Alipay · Top-up failed or not credited" in en
    closed = runner.invoke(app, ["cases", "list", "--status", "closed"])
    assert closed.stdout == "" and "没有状态为「已结束」的案件。" in closed.stderr
    data = json.loads(runner.invoke(app, ["cases", "list", "--json"]).stdout)
    assert data == [
        {
            "id": 1,
            "provider": "alipay",
            "issue": "recharge",
            "status": "open",
            "created": "2026-11-22",
            "next_due": "2026-12-07",
        }
    ]
    assert (
        json.loads(runner.invoke(app, ["cases", "list", "--status", "closed", "--json"]).stdout)
        == []
    )
    shown = runner.invoke(app, ["cases", "show", "1", "--lang", "en"])
    assert shown.exit_code == 0 and "Complaint case #1" in shown.stdout
    assert "letter written" in shown.stdout and "follow-up date" in shown.stdout
    assert (
        json.loads(runner.invoke(app, ["cases", "show", "1", "--json"]).stdout)["status"] == "open"
    )


def test_log_due_escalate_close(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged = runner.invoke(
        app,
        [
            "cases",
            "log",
            "1",
            "--channel",
            "hotline",
            "--ref",
            "A1",
            "--note",
            "会处理",
            "--date",
            "2026年11月22日",
        ],
    )
    assert logged.exit_code == 0 and "已记录。下次跟进日：2026年12月7日。" in logged.stderr
    assert runner.invoke(app, ["cases", "due"]).stderr.strip() == "今天没有需要跟进的案件。"
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-08")
    due = runner.invoke(app, ["cases", "due", "--lang", "en"])
    assert (
        due.exit_code == 0
        and "#1" in due.stdout
        and "escalating to the People's Bank" in due.stdout
    )
    assert json.loads(runner.invoke(app, ["cases", "due", "--json"]).stdout)[0]["id"] == 1
    letter = runner.invoke(app, ["cases", "escalate", "1"])
    assert letter.exit_code == 0
    assert letter.stdout.startswith("致：中国人民银行[分支机构名称]") and "A1" in letter.stdout
    assert "12363" in letter.stderr and "分支机构" in letter.stderr  # on screen, not in the letter
    assert "已记录升级到中国人民银行" in letter.stderr
    closed = runner.invoke(app, ["cases", "close", "1", "--outcome", "resolved", "--note", "到账"])
    assert closed.exit_code == 0 and "已解决" in closed.stderr
    assert (
        json.loads(runner.invoke(app, ["cases", "list", "--json"]).stdout)[0]["status"] == "closed"
    )
    assert "已结束" in runner.invoke(app, ["cases", "remind", "1", "--ics", "x.ics"]).stderr
    # a contact logged after closing reopens the case, and says so (new-user run)
    again = runner.invoke(app, ["cases", "log", "1", "--channel", "hotline", "--ref", "A2"])
    assert again.exit_code == 0 and "案件 #1 原已结束" in again.stderr
    assert (
        json.loads(runner.invoke(app, ["cases", "list", "--json"]).stdout)[0]["status"] != "closed"
    )


def test_export_and_remind(runner: CliRunner, case_id: int, tmp_path: Path) -> None:
    md = runner.invoke(app, ["cases", "export", "1"])
    assert md.exit_code == 0 and md.stdout.startswith("# 投诉案件 #1") and "****8000" in md.stdout
    data = json.loads(runner.invoke(app, ["cases", "export", "1", "--format", "json"]).stdout)
    assert data["answers"]["account_id"] == "****8000" and data["letter"].startswith("致")
    out = tmp_path / "case.md"
    assert runner.invoke(app, ["cases", "export", "1", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["cases", "export", "1", "-o", str(out)]).exit_code == 2  # no --force
    ics = tmp_path / "r.ics"
    result = runner.invoke(app, ["cases", "remind", "1", "-o", str(ics)])
    assert result.exit_code == 0 and "2026-12-07" in result.stderr
    assert "DTSTART;VALUE=DATE:20261207" in ics.read_text(encoding="utf-8")
    data = ics.read_bytes()  # RFC 5545: every line ends in CRLF, as rendered
    assert data.endswith(b"END:VCALENDAR\r\n") and data.count(b"\r\n") == data.count(b"\n")


def test_delete_and_purge_ask_first(runner: CliRunner, case_id: int) -> None:
    refused = runner.invoke(app, ["cases", "delete", "1"])  # CliRunner's stdin is not a terminal
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert runner.invoke(app, ["cases", "delete", "1", "--yes"]).exit_code == 0
    assert runner.invoke(app, ["cases", "show", "1"]).exit_code == 2
    assert runner.invoke(app, ["cases", "purge", "--yes"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["show", "9"],
        ["log", "9", "--channel", "web"],
        ["escalate", "9"],
        ["close", "9", "--outcome", "partly"],
        ["export", "9"],
        ["delete", "9", "-y"],
        ["remind", "9", "--ics", "x.ics"],
    ],
)
def test_unknown_case_exits_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, ["cases", *args])
    assert result.exit_code == 2
    assert "没有编号为 9 的案件" in result.stderr


def test_bad_input_exits_2(runner: CliRunner, case_id: int) -> None:
    assert runner.invoke(app, ["cases", "log", "1", "--channel", "fax"]).exit_code == 2
    future = runner.invoke(app, ["cases", "log", "1", "--channel", "web", "--date", "2030-01-01"])
    assert future.exit_code == 2 and "--date" in future.stderr
    assert runner.invoke(app, ["cases", "show", "abc"]).exit_code == 2
    assert runner.invoke(app, ["cases", "escalate", "1", "--to", "cia"]).exit_code == 2


def test_no_save_env_turns_recording_off(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_NO_SAVE", "1")
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*RECHARGE, str(answers), "--save"])
    assert result.exit_code == 0 and "没有保存案件" in result.stderr
    monkeypatch.delenv("WALLETCOMPLAIN_NO_SAVE")
    assert json.loads(runner.invoke(app, ["cases", "list", "--json"]).stdout) == []


def test_a_file_that_is_not_a_database_is_named(runner: CliRunner) -> None:
    home = Path(os.environ["WALLETCOMPLAIN_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "walletcomplain.db").write_text("not sqlite " * 200, encoding="utf-8")
    result = runner.invoke(app, ["cases", "list"])
    assert result.exit_code == 1
    assert "walletcomplain.db" in result.stderr and "Traceback" not in result.output
    assert (home / "walletcomplain.db").read_text(encoding="utf-8").startswith("not sqlite")


@pytest.mark.e2e
def test_the_whole_follow_up_story_with_the_installed_command(tmp_path: Path) -> None:
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(tmp_path / "home"), "WALLETCOMPLAIN_LANG": "zh"}

    def run(*args: str, today: str = "2026-11-22") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            timeout=30,
            env={**env, "WALLETCOMPLAIN_TODAY": today},
        )

    def ok(*args: str, today: str = "2026-11-22") -> subprocess.CompletedProcess[str]:
        result = run(*args, today=today)
        assert result.returncode == 0, result.stderr
        return result

    example = ok("playbooks", "show", "recharge", "--example").stdout
    (tmp_path / "a.yaml").write_text(example, encoding="utf-8")
    ok("letter", "-i", "recharge", "-p", "alipay", "-a", str(tmp_path / "a.yaml"), "--save")
    ok(
        "cases",
        "log",
        "1",
        "--channel",
        "hotline",
        "--ref",
        "A20261122-01",
        "--note",
        "说三天内处理",
    )
    ok("cases", "log", "1", "--channel", "in_app", "--ref", "CS-02", today="2026-11-25")
    due = run("cases", "due", today="2026-12-11")
    assert due.returncode == 0 and "#1" in due.stdout
    escalated = run("cases", "escalate", "1", today="2026-12-11")
    assert escalated.returncode == 0
    for part in ["A20261121-0042", "A20261122-01", "CS-02", "中国人民银行"]:
        assert part in escalated.stdout, part
    assert "12363" in escalated.stderr
    export = run("cases", "export", "1", "--format", "json", today="2026-12-11")
    data = json.loads(export.stdout)
    assert [e["kind"] for e in data["events"]] == ["created", "contact", "contact", "escalated"]
    assert data["status"] == "escalated"


def test_letter_save_prints_the_letter_even_if_the_log_is_broken(
    runner: CliRunner, tmp_path: Path
) -> None:
    home = Path(os.environ["WALLETCOMPLAIN_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "walletcomplain.db").write_text("not sqlite " * 200, encoding="utf-8")
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*RECHARGE, str(answers), "--save"])
    assert result.stdout.startswith("致：支付宝（中国）网络技术有限公司")
    assert result.exit_code == 1 and "walletcomplain.db" in result.stderr


def events(runner: CliRunner) -> list[str]:
    out = json.loads(runner.invoke(app, ["cases", "show", "1", "--json"]).stdout)
    return [e["kind"] for e in out["events"]]


def test_escalating_on_day_0_is_refused_in_a_script_and_says_the_normal_date(
    runner: CliRunner, case_id: int
) -> None:
    early = runner.invoke(app, ["cases", "escalate", "1"])
    assert early.exit_code == 2
    assert "2026年12月7日" in early.stderr and "--force" in early.stderr
    assert early.stdout == ""  # no letter, and nothing recorded
    assert events(runner) == ["created"]
    forced = runner.invoke(app, ["cases", "escalate", "1", "--force"])
    assert forced.exit_code == 0 and forced.stdout.startswith("致：中国人民银行")
    assert events(runner) == ["created", "escalated"]


def test_dry_run_previews_and_records_nothing(runner: CliRunner, case_id: int) -> None:
    before = runner.invoke(app, ["cases", "show", "1", "--json"]).stdout
    preview = runner.invoke(app, ["cases", "escalate", "1", "--dry-run", "-f", "markdown"])
    assert preview.exit_code == 0 and preview.stdout.startswith("**致：中国人民银行")
    assert "--dry-run" in preview.stderr
    assert runner.invoke(app, ["cases", "show", "1", "--json"]).stdout == before


def test_escalation_json_is_json(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-08")
    result = runner.invoke(app, ["cases", "escalate", "1", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["authority"]["id"] == "pboc" and data["document"] == "escalation"
    assert data["text"].startswith("To: the People's Bank of China")
    assert data["recorded"] is True and data["early_until"] is None
    assert data["laws"][0]["id"] == "pboc_fcp"


def test_escalation_is_not_recorded_when_the_letter_cannot_be_written(
    runner: CliRunner, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from walletcomplain import paths

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "letter.txt"))

    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-08")
    monkeypatch.setattr(paths, "write_atomic", full_disk)
    result = runner.invoke(app, ["cases", "escalate", "1", "-o", str(tmp_path / "letter.txt")])
    assert result.exit_code == 1 and "磁盘已满" in result.stderr
    assert events(runner) == ["created"]


def test_police_report_for_a_fraud_case_from_the_command_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    example = runner.invoke(app, ["playbooks", "show", "security", "--example"]).stdout
    path = tmp_path / "s.yaml"
    path.write_text(example, encoding="utf-8")
    saved = runner.invoke(
        app, ["letter", "-i", "security", "-p", "alipay", "-a", str(path), "--save"]
    )
    assert saved.exit_code == 0 and "--document police" in saved.stderr
    ladder = saved.stderr[saved.stderr.index("对方不答复时怎么升级") :]
    assert ladder.index("110") < ladder.index("95188")  # the police before the wallet
    due = runner.invoke(app, ["cases", "due"])
    assert "#1" in due.stdout and "110" in due.stdout  # due today, not in 15 days
    police = runner.invoke(app, ["cases", "escalate", "1", "--to", "police"])
    assert police.exit_code == 0  # at once: no waiting for the wallet
    assert police.stdout.startswith("致：[公安机关名称]") and "报案材料" in police.stdout
    report = runner.invoke(
        app, ["letter", "-i", "security", "-p", "alipay", "-a", str(path), "--document", "police"]
    )
    assert report.stdout.startswith("致：[公安机关名称]")


def test_an_authority_off_the_ladder_is_refused_without_force(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-08")
    wrong = runner.invoke(app, ["cases", "escalate", "1", "--to", "nfra", "--lang", "en"])
    assert wrong.exit_code == 2 and "does not take" in wrong.stderr
    assert "People's Bank of China" in wrong.stderr  # where the case can go
    assert events(runner) == ["created"]


def test_a_fraud_case_escalates_to_the_police_first_and_the_wallet_keeps_its_time(
    runner: CliRunner, tmp_path: Path
) -> None:
    example = runner.invoke(app, ["playbooks", "show", "security", "--example"]).stdout
    saved = runner.invoke(
        app, ["letter", "-i", "security", "-p", "alipay", "--answers", "-", "--save"], input=example
    )
    assert saved.exit_code == 0, saved.output
    due = runner.invoke(app, ["cases", "due"])
    assert "escalate 1 --to police" in due.stdout  # the case's own number
    police = runner.invoke(app, ["cases", "escalate", "1"])  # no --to: the police, at once
    assert police.exit_code == 0 and police.stdout.startswith("致：[公安机关名称]")
    wallet = runner.invoke(app, ["cases", "escalate", "1"])  # then the PBoC: not on day 0
    assert wallet.exit_code == 2 and "2026年12月7日" in wallet.stderr
    assert events(runner) == ["created", "escalated"]


def test_the_exported_answers_read_as_words(runner: CliRunner, case_id: int) -> None:
    """The case file is for a regulator or a lawyer: choices in words, not ids."""
    from walletcomplain import catalog
    from walletcomplain.letter import format_value

    from .conftest import TODAY

    md = runner.invoke(app, ["cases", "export", "1"]).stdout
    answers = json.loads(runner.invoke(app, ["cases", "export", "1", "--format", "json"]).stdout)
    pb = catalog.load([], TODAY).playbooks["recharge"]
    choices = [q for q in pb.questions if q.choices and answers["answers"].get(q.id)]
    assert choices  # the example answers some
    for q in choices:
        words = format_value(q, answers["answers"][q.id], "zh")
        assert f"- {q.label.zh}: {words}\n" in md
        assert words != answers["answers"][q.id]
