"""Every input that once crashed with "internal error" is now a clear exit 2 or 1.

(The answers file holding `!!int`, /dev/zero, deep and aliased files: test_limits.py;
the full disk and the corrupted answers column: test_store_hostile.py.)
"""

from __future__ import annotations

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
BAD = b"caf\xff".decode("utf-8", "surrogateescape")  # what Python makes of invalid UTF-8 in argv


def test_invalid_utf8_output_name_is_written_and_named(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    target = tmp_path / f"{BAD}.txt"
    result = runner.invoke(app, ["-l", "en", *RECHARGE, str(answers), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert os.path.exists(os.fsencode(target))
    assert "caf\\udcff.txt" in result.stderr  # named visibly, not a crash on printing it


def test_invalid_utf8_answer_with_save_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app, ["-l", "en", *RECHARGE, str(answers), "--set", f"what_happened={BAD}", "--save"]
    )
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "--set: not valid UTF-8 text (what_happened=caf\\udcff)" in result.stderr
    listed = runner.invoke(app, ["cases", "list", "--json"])
    assert listed.stdout.strip() == "[]"


def test_invalid_utf8_in_cases_log(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    assert runner.invoke(app, [*RECHARGE, str(answers), "--save"]).exit_code == 0
    for opt in ("--ref", "--note", "--reply"):
        result = runner.invoke(app, ["-l", "en", "cases", "log", "1", "-c", "hotline", opt, BAD])
        assert result.exit_code == 2, result.output
        assert f"{opt}: not valid UTF-8" in result.stderr


def test_invalid_utf8_in_a_real_process(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    out = subprocess.run([EXE, "playbooks", "show", "recharge", "--example"], capture_output=True)
    answers.write_bytes(out.stdout)
    env = {**os.environ, "LANG": "C.UTF-8"}
    target = os.fsencode(tmp_path) + b"/caf\xff.txt"
    for extra in ([b"-o", target], [b"--set", b"what_happened=caf\xff", b"--save"]):
        proc = subprocess.run(
            [EXE, "-l", "en", "letter", "-i", "recharge", "-p", "alipay", "-a", answers, *extra],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
        assert proc.returncode in (0, 2), proc.stderr
    assert os.path.exists(target)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_today_at_the_end_of_time(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    answers = write_example(runner, tmp_path)
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", day)
    result = runner.invoke(app, ["-l", "en", *RECHARGE, str(answers), "--save"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "between 1990-01-01 and 2999-12-31" in result.stderr


def test_latest_today_allowed_still_saves(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write_example(runner, tmp_path)
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2999-12-31")
    result = runner.invoke(app, ["-l", "en", *RECHARGE, str(answers), "--save"])
    assert result.exit_code == 0, result.output
    assert "Recorded as case #1" in result.stderr


def test_many_money_digits_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app, ["-l", "en", *RECHARGE, str(answers), "--set", "amount=" + "9" * 40]
    )
    assert result.exit_code == 2 and "amount" in result.stderr
