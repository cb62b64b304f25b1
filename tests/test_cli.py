"""Every command through Typer's CliRunner: output, streams, exit codes, files."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from walletcomplain.cli import app
from walletcomplain.models import Catalog

from .conftest import ROOT

RECHARGE = ["letter", "-i", "recharge", "-p", "alipay", "-a"]  # then the answers file


def squash(text: str) -> str:
    """Output without the line breaks and indents that wrapping adds."""
    return re.sub(r"\s+", "", text)


def example_yaml(runner: CliRunner, issue: str = "recharge") -> str:
    result = runner.invoke(app, ["playbooks", "show", issue, "--example"])
    assert result.exit_code == 0, result.output
    return result.stdout


def write_example(runner: CliRunner, tmp_path: Path, issue: str = "recharge") -> Path:
    path = tmp_path / f"{issue}.yaml"
    path.write_text(example_yaml(runner, issue), encoding="utf-8")
    return path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("walletcomplain 0.")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["letter", "--help"],
        ["providers", "--help"],
        ["providers", "show", "--help"],
        ["playbooks", "--help"],
        ["playbooks", "show", "--help"],
        ["validate", "--help"],
    ],
)
@pytest.mark.parametrize(("lang", "usage"), [("en", "Usage: "), ("zh", "用法：")])
def test_help_everywhere(runner: CliRunner, args: list[str], lang: str, usage: str) -> None:
    result = runner.invoke(app, args, env={"WALLETCOMPLAIN_LANG": lang})
    assert result.exit_code in (0, 2)
    assert usage in result.output
    assert "hp_" not in result.output  # a help key never reaches the screen


def all_command_paths() -> list[list[str]]:
    from typer.main import get_command

    def walk(cmd: Any, path: list[str]) -> list[list[str]]:
        subs = getattr(cmd, "commands", {})
        return [path] + [p for name, sub in subs.items() for p in walk(sub, [*path, name])]

    return walk(get_command(app), [])


@pytest.mark.parametrize("path", all_command_paths(), ids=" ".join)
def test_every_help_is_said_in_the_session_language(runner: CliRunner, path: list[str]) -> None:
    """Every command's help, its options' help and Click's own words, in Chinese and English:
    --lang anywhere on the command line decides, else WALLETCOMPLAIN_LANG."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    zh = runner.invoke(app, [*path, "--help"], terminal_width=80).output
    en = runner.invoke(app, ["--lang", "en", *path, "--help"], terminal_width=80).output
    assert zh.startswith("用法：") and en.startswith("Usage: ")
    assert "选项：" in zh and "显示本帮助并退出。" in zh and "Show this message" not in zh
    assert "Options:" in en and "Show this message and exit." in en
    assert "hp_" not in zh + en
    usage = en.splitlines()[0]  # arguments as Click writes them: CASE_ID, not {case_id}
    assert "{" not in usage and not re.search(r" [a-z_]+(?: |$)", usage.split("]")[-1]), usage
    described = zh.split("\n\n")[1]  # the command's own text, under the usage line
    assert cjk.search(described), described
    assert not cjk.search(en.split("\n\n")[1]) or path == []  # the app's title names itself
    if path and path[-1] != "cases":  # the command's own --lang, after --help, decides too
        late = runner.invoke(app, [*path, "--help", "--lang", "en"], terminal_width=80).output
        assert late == en
    for line in zh.splitlines():  # Chinese is wrapped by columns, not characters
        assert sum(2 if cjk.match(c) else 1 for c in line) <= 80, line


def test_letter_prints_chinese_letter_and_the_rest_on_stderr(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app, ["letter", "--issue", "recharge", "--provider", "alipay", "--answers", str(answers)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("致：支付宝（中国）网络技术有限公司（支付宝）投诉处理部门")
    for part in ["人民币200.00元", "2026年11月20日", "12363"]:
        assert part in result.stdout
    assert "95188" in result.stderr  # the channel to use is on screen, not in the letter
    assert "== 联系渠道（先打热线） ==" in result.stderr
    assert "对方不答复时怎么升级" in result.stderr
    assert "还缺的证据" in result.stderr
    assert "== 联系渠道" not in result.stdout  # the letter alone goes to stdout


def test_letter_english(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*RECHARGE, str(answers), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.startswith("To: The Complaints Department, 支付宝")
    assert "12363" in result.stdout
    assert "Where to complain (hotline first)" in result.stderr


def test_global_lang_and_env_lang(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app, ["--lang", "en", "letter", "-i", "recharge", "-p", "alipay", "-a", str(answers)]
    )
    assert result.stdout.startswith("To: The Complaints Department, 支付宝")
    monkeypatch.setenv("WALLETCOMPLAIN_LANG", "en")
    result = runner.invoke(app, [*RECHARGE, str(answers)])
    assert result.stdout.startswith("To: The Complaints Department, 支付宝")
    monkeypatch.delenv("WALLETCOMPLAIN_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert runner.invoke(app, [*RECHARGE, str(answers)]).stdout.startswith("To:")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert runner.invoke(app, [*RECHARGE, str(answers)]).stdout.startswith("致")


def test_letter_from_sets_only(runner: CliRunner) -> None:
    args = [
        "letter",
        "-i",
        "recharge",
        "-p",
        "wechatpay",
        "--lang",
        "en",
        "--set",
        "incident_date=2026年11月20日",
        "--set",
        "amount=¥88",
        "--set",
        "target=话费或流量",
        "--set",
        "status_shown=failed",
        "--set",
        "bank_deducted=否",
        "--set",
        "what_happened=No credit.",
        "--set",
        "tried_before=no",
        "--set",
        "demands=credit_topup,refund_original",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "RMB 88.00" in result.stdout
    assert "财付通支付科技有限公司 (WeChat Pay)" in result.stdout
    assert "(1) Credit the top-up immediately" in result.stdout
    assert "95017" in result.stderr  # the channels are on screen


def test_set_wins_over_file_and_stdin_works_with_bom(runner: CliRunner, tmp_path: Path) -> None:
    text = example_yaml(runner)
    result = runner.invoke(
        app,
        ["letter", "-i", "recharge", "-p", "alipay", "--answers", "-", "--set", "amount=300"],
        input="\ufeff" + text,
    )
    assert result.exit_code == 0, result.output
    assert "300.00元" in result.stdout
    assert "200.00元" not in result.stdout


def test_json_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    data = yaml.safe_load(example_yaml(runner))
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8-sig")
    result = runner.invoke(app, [*RECHARGE, str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["channels"][0]["value"] == "95188"
    assert out["escalation"][1]["step"] == "pboc"
    assert "text" in out["letter"]
    assert out["warnings"]
    assert result.stderr == ""


def test_every_problem_listed_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app,
        [
            *RECHARGE,
            str(answers),
            "--lang",
            "en",
            "--set",
            "amount=abc",
            "--set",
            "incident_date=2031-01-01",
            "--set",
            "what_happened=",
        ],
    )
    assert result.exit_code == 2
    err = result.stderr
    assert "3 answers need fixing" in err
    assert "amount (Amount): got 'abc'; expected an amount greater than 0" in err
    assert (
        "incident_date (Date of the top-up): got '2031-01-01'; "
        "expected a date no later than today (2026-11-22)" in err
    )
    assert "what_happened (What happened): missing" in err
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_everything_lists_every_required_field(runner: CliRunner) -> None:
    result = runner.invoke(app, ["letter", "-i", "recharge", "-p", "alipay"])
    assert result.exit_code == 2
    for field in [
        "incident_date",
        "amount",
        "target",
        "status_shown",
        "bank_deducted",
        "what_happened",
        "tried_before",
        "demands",
    ]:
        assert f"{field}（" in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["-i", "recharg", "-p", "alipay"],
            "未知的问题类型「recharg」。你是不是想写 recharge？可用的有：",
        ),
        (["-i", "recharge", "-p", "alipy"], "alipay"),
        (["-i", "recharge", "-p", "alipay", "--set", "amount"], "--set 需要写成 KEY=VALUE"),
        (
            ["-i", "recharge", "-p", "alipay", "-a", "/nonexistent.yaml"],
            "无法读取答案文件 /nonexistent.yaml：没有这个文件或文件夹",
        ),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["letter", *args])
    assert result.exit_code == 2
    assert needle in result.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("amount: [1, 2\n", "line 2"),
        ("- just\n- a list\n", "should map question ids"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_bad_answers_files(
    runner: CliRunner, tmp_path: Path, content: str | bytes, needle: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = runner.invoke(app, [*RECHARGE, str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert needle in result.stderr


def test_output_file_is_atomic_private_and_never_overwritten(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = write_example(runner, tmp_path)
    out = tmp_path / "letter.txt"
    base = [*RECHARGE, str(answers), "-o", str(out)]
    result = runner.invoke(app, base)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("致：支付宝")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert result.stdout == ""
    assert "已保存到" in result.stderr
    assert "联系渠道" in result.stderr
    out.write_text("my edits", encoding="utf-8")
    result = runner.invoke(app, base)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my edits"
    assert runner.invoke(app, [*base, "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("致")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".letter")] == []


def test_markdown_format(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path, "dispute")
    result = runner.invoke(
        app, ["letter", "-i", "dispute", "-p", "jdpay", "-a", str(answers), "-f", "markdown"]
    )
    assert result.exit_code == 0
    assert "#### 一、事实经过" in result.stdout
    assert "综合客服热线" in result.stderr  # the JD caveat


def test_user_text_prints_exactly_as_typed(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    odd = "[bold]x[/] :smile: 【备注】"
    result = runner.invoke(
        app,
        [
            *RECHARGE,
            str(answers),
            "--set",
            f"what_happened={odd}",
            "--set",
            f"contact_name={odd}",
        ],
    )
    assert result.exit_code == 0
    assert f"具体经过：{odd}" in result.stdout
    assert f"投诉人：{odd}" in result.stdout


def test_password_in_answer_is_masked_and_warned(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(
        app,
        [
            *RECHARGE,
            str(answers),
            "--set",
            "what_happened=客服让我报验证码 884422",
        ],
    )
    assert result.exit_code == 0
    assert "884422" not in result.output
    assert "已经替换成******。正规客服绝不会向你要这些" in squash(result.stderr)


def test_providers_list_show_and_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["providers"])
    assert result.exit_code == 0
    assert "95188" in result.stdout
    assert "无核实的电话" in result.stdout
    data = json.loads(runner.invoke(app, ["providers", "--json"]).stdout)
    assert [p["id"] for p in data["providers"]][:2] == ["alipay", "wechatpay"]
    assert {a["id"] for a in data["authorities"]} >= {"pboc", "samr", "police"}
    assert all(c["source"] and c["checked"] for p in data["providers"] for c in p["channels"])
    show = runner.invoke(app, ["providers", "show", "jdpay", "--lang", "en"])
    assert show.exit_code == 0
    assert "general customer-service line" in show.stdout
    assert "JD's own customer-service page" in show.stdout
    assert (
        json.loads(runner.invoke(app, ["providers", "show", "tpwallet", "--json"]).stdout)[
            "regulator"
        ]
        is None
    )
    missing = runner.invoke(app, ["providers", "show", "paypal"])
    assert missing.exit_code == 2
    assert "alipay" in missing.stderr


def test_playbooks_list_show_json_and_template(runner: CliRunner) -> None:
    listing = runner.invoke(app, ["playbooks", "--lang", "en"])
    assert listing.exit_code == 0
    assert "Top-up failed" in listing.stdout
    rows = json.loads(runner.invoke(app, ["playbooks", "--json"]).stdout)
    assert {p["id"] for p in rows} >= {"recharge", "security", "dispute", "fees", "closure"}
    shown = json.loads(runner.invoke(app, ["playbooks", "show", "recharge", "--json"]).stdout)
    card = next(q for q in shown["questions"] if q["id"] == "bank_card_last4")
    assert card["when"] == {"question": "bank_deducted", "equals": True}
    assert card["rules"]["pattern"] == "^\\d{4}$"
    assert card["required"] is True
    assert shown["example"]["amount"] == 200
    template = runner.invoke(app, ["playbooks", "show", "recharge", "--answers-template"]).stdout
    parsed = yaml.safe_load(template)
    assert set(parsed) == {q["id"] for q in shown["questions"]}
    assert "仅当 bank_deducted = true" in template
    # the question's type in the reader's words (new-user run: "(date, 必填)")
    assert "（日期，必填）" in template
    assert "(date," not in template and "(money," not in template
    text = runner.invoke(app, ["playbooks", "show", "security"]).stdout
    assert "asked_for" in text
    assert "投诉前先检查" in text
    assert (
        runner.invoke(app, ["playbooks", "show", "recharge", "--json", "--example"]).exit_code == 2
    )


def test_playbooks_dir_adds_a_playbook(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "mine"
    d.mkdir()
    text = (
        (ROOT / "data/playbooks/fees.yaml")
        .read_text(encoding="utf-8")
        .replace("id: fees", "id: myfees", 1)
    )
    (d / "myfees.yaml").write_text(text, encoding="utf-8")
    assert "myfees" in runner.invoke(app, ["--playbooks", str(d), "playbooks"]).stdout
    assert "myfees" in runner.invoke(app, ["playbooks", "--playbooks", str(d)]).stdout
    ex = runner.invoke(
        app, ["--playbooks", str(d), "playbooks", "show", "myfees", "--example"]
    ).stdout
    (tmp_path / "a.yaml").write_text(ex, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "letter",
            "-i",
            "myfees",
            "-p",
            "alipay",
            "-a",
            str(tmp_path / "a.yaml"),
            "--playbooks",
            str(d),
        ],
    )
    assert result.exit_code == 0, result.output


def test_broken_custom_playbook_exit_2_with_file_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "bad.yaml").write_text("id: bad\nversion: 1\ntitle: {zh: 坏}\n", encoding="utf-8")
    result = runner.invoke(app, ["--playbooks", str(d), "playbooks"])
    assert result.exit_code == 2
    assert "bad.yaml:3: title.en: missing the English text" in result.stderr
    assert "Traceback" not in result.output


def test_validate(runner: CliRunner, tmp_path: Path) -> None:
    ok = runner.invoke(
        app, ["validate", str(ROOT / "data/playbooks"), str(ROOT / "data/providers.yaml")]
    )
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.count("通过") == 1 + len(list((ROOT / "data/playbooks").glob("*.yaml")))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (ROOT / "data/playbooks/recharge.yaml")
        .read_text(encoding="utf-8")
        .replace("escalate_to: [pboc]", "escalate_to: [pbc]"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert "unknown authority 'pbc'" in result.stderr
    assert ": 1 problem\n" in result.stderr  # singular
    assert runner.invoke(app, ["validate", str(tmp_path / "none.yaml")]).exit_code == 2


def test_bad_today_override(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "soon")
    result = runner.invoke(app, ["letter", "-i", "recharge", "-p", "alipay"])
    assert result.exit_code == 2
    assert "WALLETCOMPLAIN_TODAY" in result.stderr


def test_unwritable_output_is_a_runtime_error(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(
        app,
        [
            *RECHARGE,
            str(answers),
            "-o",
            str(blocker / "letter.txt"),
        ],
    )
    assert result.exit_code == 1
    assert "无法完成" in result.stderr
    assert "Traceback" not in result.output


def test_data_home_is_private(runner: CliRunner) -> None:
    runner.invoke(app, ["providers"])
    home = Path(os.environ["WALLETCOMPLAIN_HOME"])
    for f in home.rglob("*"):
        if f.is_file():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_someone_called_me_puts_110_and_the_bank_first(runner: CliRunner) -> None:
    example = example_yaml(runner, "security")
    result = runner.invoke(
        app,
        ["letter", "-i", "security", "-p", "alipay", "--answers", "-", "--lang", "en"],
        input=example,
    )
    assert result.exit_code == 0
    err = result.stderr
    assert err.index("Do these first") < err.index("Scam signs") < err.index("Where to complain")
    first = err[err.index("Do these first") : err.index("Scam signs")]
    assert first.index("call 110") < first.index("Stop the bleeding")
    assert "+86 170 1234 5678" in result.stdout  # their number is evidence: kept whole


@pytest.mark.parametrize(
    ("provider", "issue"), [("支付宝", "充值"), ("wechat", "top-up"), ("京东", "退款")]
)
def test_provider_and_issue_by_name(runner: CliRunner, provider: str, issue: str) -> None:
    result = runner.invoke(app, ["playbooks", "show", issue, "--json"])
    assert result.exit_code == 0
    pid = json.loads(result.stdout)["id"]
    example = example_yaml(runner, pid)
    letter = runner.invoke(
        app, ["letter", "-i", issue, "-p", provider, "--answers", "-"], input=example
    )
    assert letter.exit_code == 0, letter.output


def test_ambiguous_name_is_not_guessed(runner: CliRunner) -> None:
    result = runner.invoke(app, ["providers", "show", "pay"])  # WeChat Pay, JD Pay, Apple Pay...
    assert result.exit_code == 2


def test_huge_amount_is_bad_input_not_a_crash(runner: CliRunner) -> None:
    text = example_yaml(runner)
    result = runner.invoke(
        app,
        [
            "letter",
            "-i",
            "recharge",
            "-p",
            "alipay",
            "--answers",
            "-",
            "--set",
            "amount=1" + "0" * 26,
        ],
        input=text,
    )
    assert result.exit_code == 2, result.output
    assert "amount" in result.stderr
    assert "internal error" not in result.output


def test_help_lists_the_catalogs_ids(runner: CliRunner, cat: Catalog, tmp_path: Path) -> None:
    """--help names every provider, problem type and authority the data has (and yours)."""
    from walletcomplain.commands import helptext

    ids = helptext.catalog_ids()
    assert ids["providers"].split(", ") == [p.id for p in cat.directory.providers]
    assert ids["authorities"].split(", ") == [a.id for a in cat.directory.authorities]
    assert sorted(ids["issues"].split(", ")) == sorted(cat.playbooks)
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (ROOT / "data/playbooks/fees.yaml").read_text(encoding="utf-8")
    (mine / "myfees.yaml").write_text(text.replace("id: fees", "id: myfees", 1), "utf-8")
    out = runner.invoke(app, ["--playbooks", str(mine), "letter", "--help"], terminal_width=400)
    assert "myfees" in out.stdout
    assert all(p.id in out.stdout for p in cat.directory.providers)
    escalate = runner.invoke(app, ["cases", "escalate", "--help"], terminal_width=400).stdout
    assert all(a.id in escalate for a in cat.directory.authorities)
