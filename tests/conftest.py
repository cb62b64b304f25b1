"""Shared fixtures: every test runs with its own data directory and a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from walletcomplain import catalog
from walletcomplain.models import Catalog

TODAY = dt.date(2026, 11, 22)

# A shared 2-core CI machine can pause any example; correctness, not speed, is tested here.
# "dev" (the default) explores new random examples on every run; "ci" (set by .ci/run
# through HYPOTHESIS_PROFILE) is derandomized, so a red CI run is reproducible and a
# green one does not turn red by chance. HYPOTHESIS_PROFILE=deep runs many more examples.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None)
settings.register_profile("deep", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test sees the developer's data, language or playbooks, and all agree on today."""
    home = tmp_path / "home"
    for var in (
        "WALLETCOMPLAIN_LANG",
        "WALLETCOMPLAIN_PLAYBOOKS",
        "LC_ALL",
        "LC_MESSAGES",
        "NO_COLOR",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("WALLETCOMPLAIN_HOME", str(home))
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", TODAY.isoformat())
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    from walletcomplain.commands import common

    monkeypatch.setattr(common.STATE, "lang", None)  # one process, many commands: start clean
    monkeypatch.setattr(common.STATE, "playbook_dirs", [])
    return home


@pytest.fixture(scope="session")
def cat() -> Catalog:
    return catalog.load(use_cache=False, today=TODAY)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def example_answers(cat: Catalog, issue: str) -> dict[str, object]:
    return dict(cat.playbooks[issue].example)
