"""Start-up guards: heavy modules stay out of the commands that do not need them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("questionary", "prompt_toolkit", "jinja2")


def modules_after(code: str, tmp_path: Path) -> set[str]:
    """Run `code` in a fresh interpreter and return what it imported."""
    script = f"""
import sys, json
{code}
print(json.dumps(sorted(sys.modules)))
"""
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def run_main(args: list[str]) -> str:
    return f"""
import io, contextlib
sys.argv = ["walletcomplain", *{args!r}]
from walletcomplain.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
"""


def test_importing_the_cli_pulls_in_no_heavy_module(tmp_path: Path) -> None:
    loaded = modules_after("import walletcomplain.cli", tmp_path)
    assert not loaded & set(HEAVY)
    assert "rich.console" not in loaded
    assert "yaml" not in loaded


@pytest.mark.parametrize(
    "args", [["--help"], ["providers", "--json"], ["letter", "--help"], ["check-number", "95188"]]
)
def test_fast_paths_stay_light(tmp_path: Path, args: list[str]) -> None:
    modules_after(run_main(["providers", "--json"]), tmp_path)  # build the cache first
    loaded = modules_after(run_main(args), tmp_path)
    assert not loaded & {*HEAVY, "pydantic", "yaml", "rich.console", "walletcomplain.models"}


def test_letter_with_json_answers_skips_yaml_and_pydantic(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"incident_date": "2026-11-20", "amount": 5}), encoding="utf-8")
    modules_after(run_main(["providers", "--json"]), tmp_path)
    loaded = modules_after(
        run_main(["letter", "-i", "recharge", "-p", "alipay", "-a", str(answers)]), tmp_path
    )
    assert not loaded & {*HEAVY, "pydantic", "yaml"}


def test_a_group_command_builds_only_itself(tmp_path: Path) -> None:
    """`cases list` imports neither the other cases commands' modules nor theirs."""
    modules_after(run_main(["providers", "--json"]), tmp_path)  # build the cache first
    loaded = modules_after(run_main(["cases", "list"]), tmp_path)
    assert "walletcomplain.commands.cases" in loaded
    assert "walletcomplain.models" not in loaded  # its names come from the checked data
    assert not loaded & {"walletcomplain.commands.submit", "walletcomplain.commands.escalate"}


def test_command_path_skips_global_options() -> None:
    from walletcomplain.cli import command_path

    assert command_path(["--lang", "en", "cases", "-l", "zh", "list"]) == ("cases", "list")
    assert command_path(["--playbooks", "d", "letter", "-i", "x"]) == ("letter", "x")
    assert command_path(["--help"]) == (None, None)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["cases", "lsit"], "你是不是想写 list？"),  # a typo still gets the group's names
        (["cases", "--help"], "purge"),  # the group's help lists every command
        (["cases", "list", "--help"], "--all"),
    ],
)
def test_a_trimmed_group_still_helps(tmp_path: Path, args: list[str], says: str) -> None:
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(tmp_path), "WALLETCOMPLAIN_LANG": "zh"}
    out = subprocess.run(
        [sys.executable, "-m", "walletcomplain", *args], capture_output=True, text=True, env=env
    )
    assert says in out.stdout + out.stderr
