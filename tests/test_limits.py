"""Bounded input: answers files and playbooks that are huge, endless, deep, aliased or slow."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from walletcomplain import limits
from walletcomplain.cli import app

from .conftest import ROOT

LETTER = ["-l", "en", "letter", "-i", "recharge", "-p", "alipay", "-a"]
LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "what_happened: *i",
    ]
)


def run_timed(runner: CliRunner, args: list[str], **kw: object) -> tuple[object, float]:
    start = time.perf_counter()
    result = runner.invoke(app, args, **kw)  # type: ignore[arg-type]
    return result, time.perf_counter() - start


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("laughs.yaml", LAUGHS, "anchors and aliases"),
        ("deep.yaml", "[" * 100_000, "nested deeper than the limit of 16"),
        ("deep-map.yaml", "a:\n" + "".join(" " * i + "- \n" for i in range(1, 200)), "nested"),
        ("deep.json", '{"a": ' + "[" * 100_000, "nested deeper"),
        ("deep2.json", '{"a": ' + "[" * 500 + "]" * 500 + "}", "nested deeper"),
        ("long.json", '{"what_happened": "' + "x" * 20_001 + '"}', "longer than the limit"),
        ("many.yaml", "evidence_held: [" + ",".join(["a"] * 1001) + "]", "more than the limit"),
        ("int.yaml", "!!int", "could not be parsed"),
        ("big.yaml", "a: " + "x" * (1 << 20), "over the 1 MiB limit"),
    ],
)
def test_hostile_answers_files_exit_2_fast(
    runner: CliRunner, tmp_path: Path, name: str, text: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result, took = run_timed(runner, [*LETTER, str(path)])
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert result.exception is None or isinstance(result.exception, SystemExit)  # type: ignore[attr-defined]
    assert name in result.stderr and says in result.stderr  # type: ignore[attr-defined]
    assert took < 1.0


def test_special_files_refused_before_reading(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # nobody writes: reading it would block for ever
    for path in ["/dev/zero", str(fifo), str(tmp_path)]:
        result, took = run_timed(runner, [*LETTER, path])
        assert result.exit_code == 2  # type: ignore[attr-defined]
        assert "not a regular file" in result.stderr  # type: ignore[attr-defined]
        assert took < 1.0


def test_endless_stdin_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, [*LETTER, "-"], input=b"a" * ((1 << 20) + 10))
    assert result.exit_code == 2
    assert "<stdin>" in result.stderr and "1 MiB" in result.stderr


def test_limits_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("[" * 50, encoding="utf-8")
    result = runner.invoke(app, ["-l", "zh", *LETTER[2:], str(path)])
    assert result.exit_code == 2 and "嵌套超过 16 层" in result.stderr


# --- playbooks -------------------------------------------------------------------------------


def recharge() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "data/playbooks/recharge.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def playbook_dir(tmp_path: Path, data: dict[str, object] | str) -> Path:
    d = tmp_path / "pb"
    d.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    (d / "mine.yaml").write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("^(a+)+$", "a repeat inside a repeat"),
        ("(a*)*", "a repeat inside a repeat"),
        ("^(a|a)*$", "alternatives inside a repeat"),
        ("^(x+x+)+y$", "a repeat inside a repeat"),
        (r"^(a)\1$", "back-references"),
        ("^.*.*.*x$", "more than two unbounded repeats"),
    ],
)
def test_slow_pattern_reported_at_once(
    runner: CliRunner, tmp_path: Path, pattern: str, says: str
) -> None:
    data = recharge()
    data["id"] = "slow"
    for q in data["questions"]:  # type: ignore[attr-defined]
        if q["id"] == "transaction_id":
            q["rules"]["pattern"] = pattern
    data["example"]["transaction_id"] = "a" * 60 + "!"  # type: ignore[index]
    d = playbook_dir(tmp_path, data)
    result, took = run_timed(runner, ["validate", str(d)])
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "questions[3].rules.pattern" in result.stderr and says in result.stderr  # type: ignore[attr-defined]
    assert took < 2.0
    # and a playbook like that in the playbook path does not break other commands' exit codes
    result = runner.invoke(app, ["--playbooks", str(d), "playbooks"])
    assert result.exit_code == 2 and says in result.stderr


@pytest.mark.parametrize(
    "pattern", [r"^\d{4}$", r"^[A-Za-z0-9\-_]{4,64}$", r"^(\d{4})+$", r"^\+?[0-9][0-9 \-]{5,19}$"]
)
def test_safe_patterns_pass(pattern: str) -> None:
    assert limits.pattern_problem(pattern) is None


def test_packaged_patterns_pass() -> None:
    for f in [ROOT / "data/common.yaml", *(ROOT / "data/playbooks").glob("*.yaml")]:
        for line in f.read_text(encoding="utf-8").splitlines():
            if "pattern:" in line:
                pat = yaml.safe_load("{" + line.split("{", 1)[1])["pattern"]
                assert limits.pattern_problem(pat) is None, (f, pat)


def test_long_answer_never_reaches_a_pattern() -> None:
    from walletcomplain import answers, catalog

    cat = catalog.load(use_cache=False)
    q = cat.playbooks["recharge"].question("transaction_id")
    assert q is not None
    with pytest.raises(answers.AnswerError) as e:
        answers.parse_value(q, "a" * (limits.MAX_PATTERN_INPUT + 1), cat_today())
    assert e.value.code == "pattern_too_long"


def cat_today() -> dt.date:
    return dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("id: deep\nadvice: " + "[" * 100_000, "nested deeper than the limit"),
        ("id: laughs\nx: &a [1, 2]\ny: [*a, *a]\n", "anchors and aliases"),
    ],
)
def test_hostile_playbook_text(runner: CliRunner, tmp_path: Path, text: str, says: str) -> None:
    d = playbook_dir(tmp_path, text)
    result, took = run_timed(runner, ["validate", str(d)])
    assert result.exit_code == 2 and says in result.stderr  # type: ignore[attr-defined]
    assert took < 1.0
    result = runner.invoke(app, ["providers"], env={"WALLETCOMPLAIN_PLAYBOOKS": str(d)})
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("key", "n"), [("evidence", 20_000), ("choices", 50_000)])
def test_huge_lists_refused_fast(runner: CliRunner, tmp_path: Path, key: str, n: int) -> None:
    data = recharge()
    items = [{"id": f"x{i}", "zh": "x", "en": "x"} for i in range(n)]
    if key == "evidence":
        data["evidence"] = items
    else:
        next(q for q in data["questions"] if q.get("choices"))["choices"] = items  # type: ignore[attr-defined]
    d = playbook_dir(tmp_path, data)
    result, took = run_timed(runner, ["validate", str(d)])
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "limit" in result.stderr  # type: ignore[attr-defined]
    assert took < 3.0


def test_symlink_out_of_the_folder_not_followed(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$saltsalt$SECRETHASH:19000:0:99999:7:::\n", encoding="utf-8")
    d = tmp_path / "pb"
    d.mkdir()
    (d / "shadow.yaml").symlink_to(secret)
    result = runner.invoke(app, ["validate", str(d)])
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr and "SECRETHASH" not in result.output


def test_symlink_inside_the_folder_followed(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "pb"
    d.mkdir()
    real = d / "real.yml.txt"
    data = recharge()
    data["id"] = "mine"
    real.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (d / "mine.yaml").symlink_to(real)
    result = runner.invoke(app, ["validate", str(d)])
    assert result.exit_code == 0, result.output


def test_error_quotes_only_a_short_excerpt(runner: CliRunner, tmp_path: Path) -> None:
    line = "\x1b]52;c;" + "A" * 500
    d = playbook_dir(tmp_path, f"id: {line!r}\ntitle: 1\n")
    result = runner.invoke(app, ["validate", str(d)])
    assert result.exit_code == 2
    assert "A" * 60 not in result.output and "\x1b" not in result.output
