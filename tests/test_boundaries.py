"""The design's import boundary: the core never imports a UI library, nor our UI modules.

The UI is the command line (cli.py, commands/), the interactive interview, and what lays
out screens for a terminal (output.py, views.py, casescreens.py). Everything else is
the core: data, answers, documents, the case log, rendering to files. The core can be
used from a script or a test with no terminal at all.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "walletcomplain"
UI_LIBRARIES = ("typer", "click", "rich", "questionary", "prompt_toolkit")
UI_MODULES = ("cli", "commands", "interview", "output", "views", "casescreens", "__main__")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


CORE = sorted(
    module_name(p)
    for p in SRC.rglob("*.py")
    if module_name(p).split(".")[0] not in UI_MODULES and p.name != "__init__.py"
)


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, as absolute names."""
    package = ["walletcomplain", *path.relative_to(SRC).parent.parts]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            out.add(name)
            out |= {f"{name}.{a.name}" for a in node.names}
    return out


def test_the_core_is_most_of_the_package() -> None:
    assert {"answers", "catalog", "documents", "store", "privacy", "models"} <= set(CORE)


@pytest.mark.parametrize("name", CORE)
def test_core_module_imports_no_ui(name: str) -> None:
    path = SRC.joinpath(*name.split(".")).with_suffix(".py")
    bad = sorted(
        m
        for m in imported(path)
        if m.split(".")[0] in UI_LIBRARIES
        or (m.startswith("walletcomplain.") and m.split(".")[1] in UI_MODULES)
    )
    assert bad == [], f"{name} is core code but imports {bad}"


def test_importing_the_whole_core_loads_no_ui_library() -> None:
    code = (
        "import sys, json\n"
        + "".join(f"import walletcomplain.{m}\n" for m in CORE)
        + "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert [m for m in loaded if m.split(".")[0] in UI_LIBRARIES] == []
