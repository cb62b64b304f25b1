"""Paired start-up timings and peak memory of whole processes.

    uv run python bench/run.py [--pairs N] [--only NAME] [--json]

Each budgeted command (A) is compared with its yardstick (B): a minimal one-command
Typer app of the same Typer version, or, for `start`, a minimal one-question
questionary app in a pseudo-terminal. A and B run alternately (ABBA, so neither
always goes first), and each pair gives one ratio A/B. The figure is the median of
those per-pair ratios, with their minimum and maximum: machine noise that slows one
pair slows both of its runs, so the ratio is steady where unpaired medians swing.

Peak memory is each child's own maximum resident set size (os.wait4, or VmHWM for
the pty runs), the largest seen. The catalog cache is warmed first (the budgets are
about the runs a user repeats); the cold rebuild with 500 user playbooks is timed
and its memory measured separately. Exit code 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
# The installed console script, as users run it (python -m adds runpy's cost).
WC = shutil.which("walletcomplain", path=str(Path(PY).parent)) or "walletcomplain"
RATIO_BUDGET = 1.25
MEMORY_BUDGET_MIB = 60.0
SECONDS = 0.5  # `cases list` / `cases due` over 100,000 cases


Run = Callable[[], tuple[float, float]]  # () -> (seconds, peak MiB)


@dataclass(frozen=True, kw_only=True)
class Pair:
    name: str
    a: Run
    b: Run
    b_name: str
    budget: float | None = RATIO_BUDGET  # None: a reference figure, not a budget


def process(cmd: list[str], env: dict[str, str]) -> Run:
    def run() -> tuple[float, float]:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
        return elapsed, usage.ru_maxrss / 1024  # KiB on Linux

    return run


def in_pty(cmd: list[str], env: dict[str, str], expect: str) -> Run:
    """Seconds from spawning `cmd` in a pseudo-terminal (80x24) until `expect` is on
    screen, and the peak memory (MiB) at that moment; then Ctrl-C."""

    def run() -> tuple[float, float]:
        import pexpect

        pty_env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm-256color"}
        pty_env.pop("NO_COLOR", None)
        start = time.perf_counter()
        child = pexpect.spawn(
            cmd[0], cmd[1:], env=pty_env, dimensions=(24, 80), encoding="utf-8", timeout=30
        )
        child.expect_exact(expect)
        elapsed = time.perf_counter() - start
        peak = 0.0
        with open(f"/proc/{child.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
        return elapsed, peak

    return run


QUESTION = "哪个钱包或支付服务出了问题"


def pairs(work: Path, env: dict[str, str]) -> list[Pair]:
    import yaml  # the bench's own venv has it; the commands measured read JSON

    example = subprocess.run(
        [WC, "playbooks", "show", "recharge", "--example"],
        check=True,
        capture_output=True,
        env=env,
    ).stdout
    answers = work / "answers.json"
    answers.write_text(json.dumps(yaml.safe_load(example), ensure_ascii=False))
    letter = [WC, "letter", "--issue", "recharge", "--provider", "alipay", "--answers"]
    minimal = process([PY, str(HERE / "minimal_app.py")], env)
    minimal_help = process([PY, str(HERE / "minimal_app.py"), "--help"], env)
    zh = {**env, "WALLETCOMPLAIN_LANG": "zh"}
    question = in_pty([PY, str(HERE / "minimal_question.py")], zh, QUESTION)
    commands = {
        "--help": [WC, "--help"],
        "letter --help": [WC, "letter", "--help"],
        "providers --json": [WC, "providers", "--json"],
        "providers show alipay": [WC, "providers", "show", "alipay"],
        "playbooks": [WC, "playbooks"],
        "check-number 95188": [WC, "check-number", "95188"],
        "letter --answers FILE.json": [*letter, str(answers)],
        "cases list (100,000 cases)": [WC, "cases", "list"],
        "cases due (100,000 cases)": [WC, "cases", "due"],
    }
    out = [
        Pair(
            name=name,
            a=process(cmd, env),
            b=minimal_help if "--help" in cmd else minimal,
            b_name="minimal typer app" + (" --help" if "--help" in cmd else ""),
        )
        for name, cmd in commands.items()
    ]
    if importlib.util.find_spec("cookiecutter") is not None:  # uv run --group bench
        out.append(  # DESIGN.md: `letter` stays under 0.6x cookiecutter rendering one file
            Pair(
                name="letter --answers FILE.json",
                a=process([*letter, str(answers)], env),
                b=process(
                    [
                        PY,
                        "-m",
                        "cookiecutter",
                        "--no-input",
                        "--overwrite-if-exists",
                        "-o",
                        str(work / "cc-out"),
                        str(HERE / "cookiecutter-template"),
                    ],
                    env,
                ),
                b_name="cookiecutter --no-input",
                budget=0.6,
            )
        )
    out.append(  # the floor: what importing the model classes alone costs
        Pair(
            name="(models import only)",
            a=process([PY, str(HERE / "models_app.py")], env),
            b=minimal,
            b_name="minimal typer app",
            budget=None,
        )
    )
    out.append(
        Pair(
            name="start: first question",
            a=in_pty([WC, "start"], zh, QUESTION),
            b=question,
            b_name="minimal questionary app",
        )
    )
    return out


@dataclass(frozen=True, kw_only=True)
class Figure:
    name: str
    vs: str
    budget: float | None
    median: float
    low: float
    high: float
    a_ms: float
    peak_mib: float

    @property
    def ok(self) -> bool:
        within = self.budget is None or self.median <= self.budget
        return within and self.peak_mib < MEMORY_BUDGET_MIB


def measure(p: Pair, n: int) -> Figure:
    p.a()  # warm: caches, .pyc files, the page cache
    p.b()
    ratios, a_times, peak = [], [], 0.0
    for i in range(n):
        if i % 2 == 0:
            (ta, ma), (tb, _) = p.a(), p.b()
        else:
            (tb, _), (ta, ma) = p.b(), p.a()
        ratios.append(ta / tb)
        a_times.append(ta)
        peak = max(peak, ma)
    return Figure(
        name=p.name,
        vs=p.b_name,
        budget=p.budget,
        median=statistics.median(ratios),
        low=min(ratios),
        high=max(ratios),
        a_ms=statistics.median(a_times) * 1000,
        peak_mib=peak,
    )


def cold_many(work: Path, env: dict[str, str]) -> tuple[float, float]:
    """A first run with 500 user playbooks and an empty cache: seconds and peak MiB."""
    many = work / "playbooks"  # copies of one packaged playbook with new ids
    many.mkdir()
    fees = (HERE.parent / "data" / "playbooks" / "fees.yaml").read_text(encoding="utf-8")
    for i in range(500):
        (many / f"p{i:03d}.yaml").write_text(
            fees.replace("id: fees", f"id: fees{i:03d}", 1), encoding="utf-8"
        )
    cold = {**env, "WALLETCOMPLAIN_HOME": str(work / "cold-home")}
    return process([WC, "--playbooks", str(many), "providers", "--json"], cold)()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--only", help="measure only the commands whose name contains this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wc-bench-"))
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(work / "home"), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure byte-compiled modules, as users run
    env.pop("WALLETCOMPLAIN_LANG", None)
    try:
        # in a child process: the bench must stay small, or its children would
        # report its memory as theirs
        db = work / "home" / "walletcomplain.db"
        subprocess.run(
            [PY, str(HERE / "cases_data.py"), str(db), "100000", dt.date.today().isoformat()],
            check=True,
            env=env,
        )
        figures = [
            measure(p, args.pairs) for p in pairs(work, env) if not args.only or args.only in p.name
        ]
        cold_s, cold_mib = cold_many(work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = all(f.ok for f in figures) and cold_mib < MEMORY_BUDGET_MIB
    if args.json:
        data = {
            "pairs": args.pairs,
            "figures": [
                {
                    "command": f.name,
                    "vs": f.vs,
                    "budget": f.budget,
                    "ratio_median": round(f.median, 3),
                    "ratio_min": round(f.low, 3),
                    "ratio_max": round(f.high, 3),
                    "median_ms": round(f.a_ms, 1),
                    "peak_mib": round(f.peak_mib, 1),
                    "ok": f.ok,
                }
                for f in figures
            ],
            "cold_500_playbooks": {"seconds": round(cold_s, 2), "peak_mib": round(cold_mib, 1)},
            "ok": ok,
        }
        print(json.dumps(data, indent=2))
        return 0 if ok else 1
    print(f"{args.pairs} pairs; ratio = median of per-pair ratios (min-max); budget")
    mib = f"{MEMORY_BUDGET_MIB:.0f} MiB"
    print(f"{RATIO_BUDGET}x (0.6x against cookiecutter), peak memory under {mib}\n")
    print(f"{'command':28} {'vs':24} {'ratio':>6} {'min-max':>11} {'ms':>6} {'MiB':>5}")
    for f in figures:
        mark = "" if f.ok else "  MISS"
        if f.budget is None:
            mark = "  (reference)"
        print(
            f"{f.name:28} {f.vs:24} {f.median:5.2f}x {f.low:5.2f}-{f.high:<5.2f}"
            f" {f.a_ms:6.0f} {f.peak_mib:5.1f}{mark}"
        )
    mark = "" if cold_mib < MEMORY_BUDGET_MIB else "  MISS"
    print(f"\ncold run, 500 user playbooks: {cold_s:.2f} s, peak {cold_mib:.1f} MiB{mark}")
    for c in figures:
        if c.name.startswith("cases") and c.a_ms > SECONDS * 1000:
            print(f"MISS {c.name}: {c.a_ms:.0f} ms (budget {SECONDS * 1000:.0f} ms)")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
