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
