"""Whole-process timings and peak memory, as ratios to a minimal Typer app, in one loop.

    uv run --group bench python bench/run.py [--runs N] [--json]

Each round runs every command once, in turn, so machine noise hits all of them
alike; the figure per command is the median over the rounds. Peak memory is the
child's own maximum resident set size (os.wait4), the largest over the rounds.
The catalog cache is warmed first: the budgets are about the runs a user repeats.
Exit code 1 when a budget is missed, so it can guard a release.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
# The installed console script, as users run it (python -m adds runpy's cost).
WC = [shutil.which("walletcomplain", path=str(Path(PY).parent)) or "walletcomplain"]


@dataclass
class Budget:
    name: str
    vs: str  # the yardstick's name
    ratio: float


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


FIRST_QUESTION = "start: first question on screen"


def first_question(env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning `start` in a pseudo-terminal until the first question is on
    screen, and the peak memory (MiB) at that moment; then Ctrl-C."""
    import pexpect

    pty_env = {
        **env,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm-256color",
        "WALLETCOMPLAIN_LANG": "zh",
    }
    pty_env.pop("NO_COLOR", None)
    start = time.perf_counter()
    child = pexpect.spawn(
        WC[0], ["start"], env=pty_env, dimensions=(40, 80), encoding="utf-8", timeout=30
    )
    child.expect_exact("哪个钱包或支付服务出了问题")
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


def commands(work: Path) -> dict[str, list[str]]:
    example = subprocess.run(
        [*WC, "playbooks", "show", "recharge", "--example"], check=True, capture_output=True
    ).stdout
    yaml_file, json_file = work / "answers.yaml", work / "answers.json"
    yaml_file.write_bytes(example)
    json_file.write_text(json.dumps(_yaml_to_data(example.decode()), ensure_ascii=False))
    out = work / "cc-out"
    letter = [*WC, "letter", "--issue", "recharge", "--provider", "alipay", "--answers"]
    many = work / "playbooks"  # 500 user playbooks: copies of one with new ids
    many.mkdir()
    fees = (HERE.parent / "data" / "playbooks" / "fees.yaml").read_text(encoding="utf-8")
    for i in range(500):
        (many / f"p{i:03d}.yaml").write_text(
            fees.replace("id: fees", f"id: fees{i:03d}", 1), encoding="utf-8"
        )
    return {
        "minimal typer app": [PY, str(HERE / "minimal_app.py")],
        "minimal typer app --help": [PY, str(HERE / "minimal_app.py"), "--help"],
        "cookiecutter --no-input": [
            PY,
            "-m",
            "cookiecutter",
            "--no-input",
            "--overwrite-if-exists",
            "-o",
            str(out),
            str(HERE / "cookiecutter-template"),
        ],
        "--help": [*WC, "--help"],
        "providers --json": [*WC, "providers", "--json"],
        "check-number 95188": [*WC, "check-number", "95188"],
        "cases list (100,000 cases)": [*WC, "cases", "list"],
        "cases list --all (100,000)": [*WC, "cases", "list", "--all"],
        "cases due (100,000 cases)": [*WC, "cases", "due"],
        "cases due --all (100,000)": [*WC, "cases", "due", "--all"],
        "letter --answers FILE.json": [*letter, str(json_file)],
        "letter --answers FILE.yaml": [*letter, str(yaml_file)],
        "letter, 500 user playbooks": [*WC, "--playbooks", str(many), *letter[1:], str(json_file)],
    }


def _yaml_to_data(text: str) -> object:
    import yaml

    return yaml.safe_load(text)


# --help is compared with the minimal app's --help (both print help); the commands
# with the minimal app's command. The letter budget is met with a JSON answers
# file, what scripts send; the YAML line is shown too: `import yaml` alone costs
# about 25 ms, more than the whole 1.25x margin.
BUDGETS = [
    Budget("--help", "minimal typer app --help", 1.15),
    Budget("providers --json", "minimal typer app", 1.15),
    Budget("check-number 95188", "minimal typer app", 1.15),
    Budget("letter --answers FILE.json", "minimal typer app", 1.25),
    Budget("letter --answers FILE.json", "cookiecutter --no-input", 0.6),
    Budget("letter --answers FILE.yaml", "cookiecutter --no-input", 0.6),
    Budget(FIRST_QUESTION, "minimal typer app", 1.5),
]
SECONDS = {
    "cases list (100,000 cases)": 0.5,
    "cases list --all (100,000)": 0.5,
    "cases due (100,000 cases)": 0.5,
}
MEMORY_BUDGET_MIB = 60.0
EXTRA_MS_500 = 150.0  # what 500 playbooks in --playbooks may add to `letter`
YARDSTICKS = ("minimal typer app", "minimal typer app --help", "cookiecutter --no-input")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wc-bench-"))
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(work / "home"), "NO_COLOR": "1"}
    # Measure what users run: byte-compiled modules. The warm-up round writes the .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        # in a child process: the bench itself must stay small, or the commands it forks
        # would report its memory as theirs
        db = work / "home" / "walletcomplain.db"
        subprocess.run(
            [PY, str(HERE / "cases_data.py"), str(db), "100000", dt.date.today().isoformat()],
            check=True,
            env=env,
        )
        cmds = commands(work)
        for cmd in cmds.values():  # warm: caches, .pyc files, the page cache
            run_once(cmd, env)
        first_question(env)
        names = [*cmds, FIRST_QUESTION]
        times: dict[str, list[float]] = {k: [] for k in names}
        peak: dict[str, float] = dict.fromkeys(names, 0.0)
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                t, mem = run_once(cmd, env)
                times[name].append(t)
                peak[name] = max(peak[name], mem)
            t, mem = first_question(env)
            times[FIRST_QUESTION].append(t)
            peak[FIRST_QUESTION] = max(peak[FIRST_QUESTION], mem)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["minimal typer app"]
    results = []
    ok = True
    for b in BUDGETS:
        ratio = med[b.name] / med[b.vs]
        passed = ratio <= b.ratio
        ok &= passed
        results.append(
            {
                "command": b.name,
                "vs": b.vs,
                "ratio": round(ratio, 3),
                "budget": b.ratio,
                "ok": passed,
            }
        )
    for name, limit in SECONDS.items():
        passed = med[name] <= limit
        ok &= passed
        results.append(
            {
                "command": name,
                "vs": "seconds",
                "ratio": round(med[name], 3),
                "budget": limit,
                "ok": passed,
            }
        )
    extra = (med["letter, 500 user playbooks"] - med["letter --answers FILE.json"]) * 1000
    ok &= extra <= EXTRA_MS_500
    results.append(
        {
            "command": "500 user playbooks add",
            "vs": "ms",
            "ratio": round(extra, 1),
            "budget": EXTRA_MS_500,
            "ok": extra <= EXTRA_MS_500,
        }
    )
    mem_ok = all(peak[n] < MEMORY_BUDGET_MIB for n in names if n not in YARDSTICKS)
    ok &= mem_ok
    if args.json:
        print(
            json.dumps(
                {
                    "median_ms": {k: round(v * 1000, 1) for k, v in med.items()},
                    "peak_mib": {k: round(v, 1) for k, v in peak.items()},
                    "budgets": results,
                    "ok": ok,
                },
                indent=2,
            )
        )
    else:
        print(f"{'command':30} {'median':>9} {'x minimal':>10} {'peak MiB':>9}")
        for name in names:
            print(f"{name:30} {med[name] * 1000:7.1f}ms {med[name] / base:9.2f}x {peak[name]:9.1f}")
        print()
        for r in results:
            mark = "ok  " if r["ok"] else "MISS"
            if r["vs"] == "ms":
                print(f"{mark} {r['command']:30} {r['ratio']:.0f} ms (budget {r['budget']} ms)")
            elif r["vs"] == "seconds":
                print(f"{mark} {r['command']:30} {r['ratio']:.3f} s (budget {r['budget']} s)")
            else:
                print(
                    f"{mark} {r['command']:30} {r['ratio']:.2f}x {r['vs']} (budget {r['budget']}x)"
                )
        mark = "ok  " if mem_ok else "MISS"
        print(f"{mark} peak memory under {MEMORY_BUDGET_MIB:.0f} MiB (walletcomplain commands)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
