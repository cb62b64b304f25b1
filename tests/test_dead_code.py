"""No dead code: vulture finds nothing in src/ but what tests/vulture_allow.py explains."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_vulture_finds_no_dead_code() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "vulture",
            str(ROOT / "src" / "walletcomplain"),
            str(ROOT / "tests" / "vulture_allow.py"),
            "--min-confidence",
            "60",
            "--ignore-names",
            "_,__pydantic_config__",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
