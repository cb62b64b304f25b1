"""The command line around a session: usage errors in the user's language, the remind
default, scripted choice labels, pattern descriptions, and a clock set in the past."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from walletcomplain import answers, catalog, cli
from walletcomplain.cli import app
from walletcomplain.errors import CatalogError
from walletcomplain.models import Catalog

from .conftest import ROOT, TODAY
from .test_cli import RECHARGE, write_example


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[object, str]:
    monkeypatch.setattr(sys, "argv", ["walletcomplain", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    return stop.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["letter", "--format", "pdf"],
            "「--format」或「-f」的值「pdf」无效，可选：text, markdown, json",
            "Invalid value",
        ),
        (["cases", "list", "--bogus"], "没有 --bogus 这个选项", "No such option: --bogus"),
        (["cases", "remind"], "缺少「CASE_ID」", "Missing 'CASE_ID'"),
        (["letter", "--lnag", "en"], "你是不是想写 --lang？", "Did you mean --lang?"),
        (["bogus"], "没有「bogus」这个命令", "No such command 'bogus'"),
        (
            ["leter"],
            "没有「leter」这个命令。你是不是想写 letter？",
            "No such command 'leter'. Did you mean letter?",
        ),
    ],
)
def test_usage_errors_speak_the_session_language(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    zh: str,
    en: str,
) -> None:
    code, err = run_main(monkeypatch, capsys, "--lang", "zh", *args)
    assert code == 2
    assert zh in err and "错误：" in err
    assert "Error" not in err and "Invalid value" not in err and "Usage:" not in err
    assert "'" not in err.split("错误：")[1]  # Chinese text quotes with 「」
    code, err = run_main(monkeypatch, capsys, "--lang", "en", *args)
    assert code == 2 and en in err


def test_no_arguments_still_prints_the_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run_main(monkeypatch, capsys)
    assert code == 2
    assert "walletcomplain" in capsys.readouterr().out + _


def test_remind_without_ics_writes_a_default_file_and_says_where(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    saved = runner.invoke(app, [*RECHARGE, str(write_example(runner, tmp_path)), "--save"])
    assert saved.exit_code == 0, saved.output
    result = runner.invoke(app, ["cases", "remind", "1"])
    assert result.exit_code == 0, result.output
    ics = tmp_path / "walletcomplain-case-1.ics"
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert str(ics) in result.stderr
    again = runner.invoke(app, ["cases", "remind", "1"])  # never overwritten without --force
    assert again.exit_code == 2


def test_a_full_width_label_from_a_script_is_the_choice(runner: CliRunner, cat: Catalog) -> None:
    ex = {k: v for k, v in cat.playbooks["recharge"].example.items() if k != "status_shown"}
    sets = [f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in ex.items()]
    args = ["letter", "--issue", "recharge", "--provider", "alipay"]
    for s in [*sets, "status_shown=成功（但没到账）"]:
        args += ["--set", s]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def _choices(cat: Catalog) -> list[tuple[str, str, str]]:
    out = []
    for pb in cat.playbooks.values():
        for q in pb.questions:
            for c in q.choices:
                out += [(pb.id, q.id, c.zh), (pb.id, q.id, c.en)]
    return out


CAT = catalog.load(use_cache=False, today=TODAY)


def _flip(ch: str, wide: bool) -> str:
    """A character as another input method would type it: full-width or half-width."""
    if wide and "!" <= ch <= "~":
        return chr(ord(ch) + 0xFEE0)
    if not wide and "\uff01" <= ch <= "\uff5e":
        return chr(ord(ch) - 0xFEE0)
    return ch


@given(
    st.sampled_from(_choices(CAT)),
    st.lists(st.booleans(), min_size=60, max_size=60),
    st.booleans(),
)
def test_a_choice_label_typed_full_or_half_width_is_its_choice(
    item: tuple[str, str, str], widths: list[bool], upper: bool
) -> None:
    pb_id, qid, label = item
    q = CAT.playbooks[pb_id].question(qid)
    assert q is not None
    typed = "".join(_flip(ch, widths[i % len(widths)]) for i, ch in enumerate(label))
    typed = typed.upper() if upper else typed
    want = next(c.id for c in q.choices if label in (c.zh, c.en))
    if q.type == "multichoice":  # a list item: a label may hold a comma of its own
        assert answers.parse_value(q, [typed], TODAY) == [want]
    else:
        assert answers.parse_value(q, typed, TODAY) == want


def test_every_pattern_in_the_data_says_what_it_wants(cat: Catalog) -> None:
    for pb in cat.playbooks.values():
        for q in pb.questions:
            if q.rules.pattern is not None:
                assert q.rules.describe is not None, (pb.id, q.id)
                assert q.rules.describe.zh.strip() and q.rules.describe.en.strip()


def test_a_pattern_without_describe_is_a_validation_error(tmp_path: Path) -> None:
    text = (ROOT / "data" / "playbooks" / "recharge.yaml").read_text(encoding="utf-8")
    start = text.index("rules: {pattern: '^\\d{4}$'")
    end = text.index("\n", start)
    text = text[:start] + "rules: {pattern: '^\\d{4}$'}" + text[end:]
    d = tmp_path / "pb"
    d.mkdir()
    (d / "mine.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as e:
        catalog.load([d], TODAY, use_cache=False)
    assert any("describe" in str(p) for p in e.value.problems)
    result = CliRunner().invoke(app, ["validate", str(d / "mine.yaml")])
    assert result.exit_code == 2 and "describe" in result.output


def test_a_scripted_pattern_error_keeps_the_id_adds_the_label_and_never_shows_the_pattern(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        app,
        ["letter", "--issue", "recharge", "--provider", "alipay", "--set", "transaction_id=ab!"],
    )
    assert result.exit_code == 2
    line = next(x for x in result.stderr.splitlines() if "transaction_id" in x)
    assert "交易单号" in line and "4 到 64 位" in line and "ab!" in line
    assert "^" not in line and "{4,64}" not in line


def test_a_clock_before_the_examples_breaks_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, isolated_env: Path
) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-01-05")
    assert not (isolated_env / "cache").exists()  # a fresh cache is built with this date
    for args in (["playbooks"], ["providers"], ["validate", str(ROOT / "data" / "playbooks")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "剧本或目录文件有错误" not in result.output


def test_a_new_session_says_when_unfinished_drafts_wait(capsys: pytest.CaptureFixture[str]) -> None:
    from walletcomplain import drafts
    from walletcomplain.commands.start import waiting_drafts

    waiting_drafts("zh")  # no case log yet: nothing to say, and none is created
    assert capsys.readouterr().err == ""
    from walletcomplain.store import db_path

    assert not db_path().exists()
    for _ in range(2):
        drafts.save(drafts.Draft(id=drafts.new_id(), provider="alipay", issue=None, lang="zh"))
    waiting_drafts("en")
    assert capsys.readouterr().err == (
        "You have 2 unfinished drafts. To continue one, press Ctrl-C and run "
        "walletcomplain start --resume.\n"
    )
