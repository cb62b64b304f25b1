"""The README documents every command and stays true to the CLI."""

from __future__ import annotations

import re

import typer

from walletcomplain.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group: typer.Typer, prefix: str = "") -> list[str]:
    names = [f"{prefix}{c.name or c.callback.__name__}".strip() for c in group.registered_commands]  # type: ignore[union-attr]
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        names.append(f"{prefix}{sub.name}")
        names += command_paths(sub.typer_instance, f"{prefix}{sub.name} ")
    return names


def test_every_command_is_documented_in_the_readme() -> None:
    paths = command_paths(app)
    assert {
        "letter",
        "providers",
        "providers show",
        "playbooks",
        "playbooks show",
        "validate",
    } <= set(paths)
    for path in paths:
        assert re.search(rf"walletcomplain {re.escape(path)}\b", README), (
            f"README lacks `walletcomplain {path}`"
        )


def test_quick_start_is_two_commands() -> None:
    assert "uv run walletcomplain start" in README
    assert "uv run pytest" in README


def test_exit_codes_are_documented() -> None:
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"\|\s*{code}\s*\|", README), code


def test_every_problem_is_listed_with_its_group() -> None:
    from walletcomplain import catalog

    section = README.split("## The problems it knows")[1].split("\n## ")[0]
    for pid in catalog.ORDER:
        assert f"| `{pid}` |" in section, pid
    for group in ("money not arriving", "money taken", "account", "scams", "disputes and fees"):
        assert group in section, group


def test_the_command_reference_is_generated_from_the_cli_and_current() -> None:
    """README's reference is cog output; `uv run cog -r README.md` rewrites it."""
    from cogapp import Cog  # type: ignore[import-untyped]

    assert "#### `walletcomplain cases escalate`" in README
    assert Cog().main(["cog", "--check", "--diff", str(ROOT / "README.md")]) == 0, (
        "README's command reference is out of date: run `uv run cog -r README.md`"
    )
