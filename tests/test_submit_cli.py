"""Issue 13's commands through CliRunner: call, form, attach, evidence, letter, show, export
--format zip, delete; with their error paths and exit codes."""

from __future__ import annotations

import errno
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from walletcomplain import evidence
from walletcomplain.cli import app
from walletcomplain.commands import submit as submitcmds
from walletcomplain.output import cell_width
from walletcomplain.store import Store

from .test_cli import write_example

WECHAT_TOPUP = ["letter", "-i", "recharge", "-p", "wechatpay", "-a"]


@pytest.fixture
def case_id(runner: CliRunner, tmp_path: Path) -> int:
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*WECHAT_TOPUP, str(answers), "--save"])
    assert result.exit_code == 0, result.output
    return 1


def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, data in [
        ("shot1.png", b"\x89PNG one"),
        ("截图2.png", b"\x89PNG two"),
        ("sms.jpg", b"\xff\xd8"),
    ]:
        p = tmp_path / name
        p.write_bytes(data)
        out.append(p)
    return out


def attach_three(runner: CliRunner, tmp_path: Path) -> None:
    a, b, sms = files(tmp_path)
    for args in (
        [str(a), "--as", "screenshot_record"],
        [str(b), "--as", "target_proof"],
        [str(sms), "--as", "bank_sms"],
    ):
        r = runner.invoke(app, ["cases", "attach", "1", *args])
        assert r.exit_code == 0, r.output


@pytest.mark.parametrize(
    "args",
    [
        ["call", "9"],
        ["form", "9", "--to", "12315"],
        ["attach", "9", "x.png"],
        ["evidence", "9"],
        ["letter", "9"],
        ["show", "9"],
        ["export", "9", "--format", "zip", "-o", "c.zip"],
    ],
)
def test_an_unknown_case_is_a_usage_error(runner: CliRunner, case_id: int, args: list[str]) -> None:
    r = runner.invoke(app, ["cases", *args])
    assert r.exit_code == 2 and "没有编号为 9 的案件" in r.stderr
    assert "Traceback" not in r.output


# --- cases call ------------------------------------------------------------------------------


def test_call_without_a_terminal_prints_the_sheet_and_logs_nothing(
    runner: CliRunner, case_id: int
) -> None:
    r = runner.invoke(app, ["cases", "call", "1"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "== 电话清单 · 案件 #1 · 微信支付 =="
    assert lines[1].startswith("拨打 95017")
    assert len(lines) <= 22 and all(cell_width(x) <= 80 for x in lines)
    with Store() as log:
        assert [e.kind for e in log.get(1).events] == ["created"]


def test_call_json_is_the_same_sheet(runner: CliRunner, case_id: int) -> None:
    data = json.loads(runner.invoke(app, ["cases", "call", "1", "--json", "--lang", "en"]).stdout)
    assert data["dial"] == {
        "number": "95017",
        "channel": None,
        "hours": None,
        "hours_known": False,
        "caveats": [],
    }
    assert data["provider"] == {"id": "wechatpay", "name": "WeChat Pay"}
    assert {"label": "Account", "value": "****8000"} in data["have"]
    assert len(data["ask_before_hanging_up"]) == 3


def test_after_the_call_the_answers_are_logged_with_the_promised_date(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(submitcmds, "interactive", lambda: True)
    # Enter when the call ends, the reference, what they said, a bad date, then a good one
    keys = "\nWX20261122-01\n说 48 小时内回电\n下周\n2026-11-25\n"
    r = runner.invoke(app, ["cases", "call", "1"], input=keys)
    assert r.exit_code == 0, r.output
    assert "「下周」不是日期" in r.stderr
    assert "2026年11月25日 前答复" in r.stderr
    with Store() as log:
        case = log.get(1)
    last = case.events[-1]
    assert (last.kind, last.channel, last.ref) == ("contact", "hotline", "WX20261122-01")
    assert last.reply == "说 48 小时内回电"
    assert case.next_due is not None and case.next_due.isoformat() == "2026-11-25"


def test_ctrl_c_after_the_call_logs_nothing(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(submitcmds, "interactive", lambda: True)

    def interrupted(*_: Any, **__: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(submitcmds, "_ask", interrupted)
    r = runner.invoke(app, ["cases", "call", "1"])
    assert r.exit_code == 130 and "这通电话没有记录" in r.stderr
    with Store() as log:
        assert len(log.get(1).events) == 1


def test_an_empty_call_is_logged_only_when_confirmed(
    runner: CliRunner, case_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(submitcmds, "interactive", lambda: True)
    r = runner.invoke(app, ["cases", "call", "1"], input="\n\n\n\nn\n")
    assert r.exit_code == 0 and "这通电话没有记录" in r.stderr
    with Store() as log:
        assert len(log.get(1).events) == 1


# --- cases form ------------------------------------------------------------------------------


def test_form_12315_prints_each_field_with_its_count(runner: CliRunner, case_id: int) -> None:
    r = runner.invoke(app, ["cases", "form", "1", "--to", "12315"])
    assert r.exit_code == 0
    out = r.stdout
    assert "-- 被投诉方 (" in out and "财付通支付科技有限公司" in out
    assert "-- 订单号 (22 字) --" in out
    assert "字数上限没有核实" in r.stderr
    data = json.loads(runner.invoke(app, ["cases", "form", "1", "--to", "12315", "--json"]).stdout)
    assert [f["id"] for f in data["fields"]] == [
        "respondent",
        "service",
        "time",
        "order",
        "facts",
        "demand",
    ]
    assert all(f["chars"] == len(f["value"]) for f in data["fields"])


def test_form_wallet_and_12363(runner: CliRunner, case_id: int, tmp_path: Path) -> None:
    attach_three(runner, tmp_path)
    data = json.loads(runner.invoke(app, ["cases", "form", "1", "--to", "wallet", "--json"]).stdout)
    (message,) = data["fields"]
    assert message["chars"] <= 500 and message["limit"] == 500
    assert any("shot1.png" in a for a in data["attach"])
    r = runner.invoke(app, ["cases", "form", "1", "--to", "12363", "--lang", "en"])
    assert r.exit_code == 0 and "-- Line 1 (" in r.stdout and "weekday office hours" in r.stderr


def test_form_needs_a_known_channel(runner: CliRunner, case_id: int) -> None:
    r = runner.invoke(app, ["cases", "form", "1", "--to", "12378"])
    assert r.exit_code == 2


# --- attach and evidence ------------------------------------------------------------------------


def test_attach_then_evidence_lists_the_files(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    r = runner.invoke(app, ["cases", "evidence", "1"])
    assert r.exit_code == 0
    assert "shot1.png → 交易记录截图" in r.stdout and "sms.jpg → 银行扣款短信" in r.stdout
    assert "与客服的聊天记录" in r.stderr  # the checklist item still without a file
    data = json.loads(runner.invoke(app, ["cases", "evidence", "1", "--json"]).stdout)
    assert [(d["name"], d["item"], d["state"]) for d in data] == [
        ("shot1.png", "screenshot_record", "ok"),
        ("截图2.png", "target_proof", "ok"),
        ("sms.jpg", "bank_sms", "ok"),
    ]
    assert data[0]["sha256"] == hashlib.sha256(b"\x89PNG one").hexdigest()


def test_attach_asks_which_item_on_a_terminal(
    runner: CliRunner, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(submitcmds, "can_ask", lambda: True)
    r = runner.invoke(app, ["cases", "attach", "1", str(files(tmp_path)[2])], input="9\n2\n")
    assert r.exit_code == 0, r.output
    assert "请输入 0 到 4 之间的编号" in r.stderr
    with Store() as log:
        assert [a.item for a in evidence.listing(log, 1)] == ["bank_sms"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing.png", "文件不存在"),
        (".", "是文件夹"),
        ("/dev/null", "不是普通文件"),
    ],
)
def test_attach_refuses_with_the_reason(
    runner: CliRunner, case_id: int, tmp_path: Path, target: str, message: str
) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    r = runner.invoke(app, ["cases", "attach", "1", path, "--as", "bank_sms"])
    assert r.exit_code == 2 and message in r.stderr


def test_attach_refuses_an_unknown_item(runner: CliRunner, case_id: int, tmp_path: Path) -> None:
    r = runner.invoke(app, ["cases", "attach", "1", str(files(tmp_path)[0]), "--as", "selfie"])
    assert r.exit_code == 2 and "bank_sms" in r.stderr


def test_attach_over_the_limit(
    runner: CliRunner, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence, "MAX_BYTES", 4)
    r = runner.invoke(app, ["cases", "attach", "1", str(files(tmp_path)[0]), "--lang", "en"])
    assert r.exit_code == 2 and "8 bytes, over the 20 MiB limit" in r.stderr


def test_a_full_disk_is_an_environment_error_and_keeps_earlier_files(
    runner: CliRunner, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attach_three(runner, tmp_path)

    def full(src: Path, folder: Path) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(evidence, "_copy", full)
    extra = tmp_path / "more.png"
    extra.write_bytes(b"more")
    r = runner.invoke(app, ["cases", "attach", "1", str(extra), "--lang", "en"])
    assert r.exit_code == 1
    assert "disk is full" in r.stderr and "files attached before are kept" in r.stderr
    assert runner.invoke(app, ["cases", "evidence", "1"]).exit_code == 0


def test_a_changed_file_is_flagged_and_stops_the_zip(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    with Store() as log:
        first = evidence.listing(log, 1)[0]
    first.path().write_bytes(b"edited")
    r = runner.invoke(app, ["cases", "evidence", "1", "--lang", "en"])
    assert r.exit_code == 1 and "! #1" in r.stdout and "changed since it was attached" in r.stdout
    out = tmp_path / "c.zip"
    r = runner.invoke(app, ["cases", "export", "1", "--format", "zip", "-o", str(out)])
    assert r.exit_code == 1 and "shot1.png" in r.stderr and not out.exists()


# --- the letter, the timeline, the archive, deleting ---------------------------------------------


def test_the_letter_lists_the_attached_files(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    text = runner.invoke(app, ["cases", "letter", "1"]).stdout
    assert "1. 交易记录截图（含交易单号和状态）（文件：shot1.png）" in text
    assert "（文件：截图2.png）" in text and "（文件：sms.jpg）" in text
    md = runner.invoke(app, ["cases", "letter", "1", "-f", "markdown"]).stdout
    assert "`shot1.png`，SHA-256 " in md
    data = json.loads(runner.invoke(app, ["cases", "letter", "1", "-f", "json"]).stdout)
    assert len(data["evidence"]) == 3 and len(data["evidence"][0]["sha256"]) == 64
    md_export = runner.invoke(app, ["cases", "export", "1"]).stdout
    assert "## 证据文件" in md_export and "shot1.png" in md_export
    js = json.loads(runner.invoke(app, ["cases", "export", "1", "--format", "json"]).stdout)
    assert [e["name"] for e in js["evidence"]] == ["shot1.png", "截图2.png", "sms.jpg"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_draws_the_timeline_in_80_columns(
    runner: CliRunner, case_id: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-10")
    runner.invoke(app, ["cases", "log", "1", "-c", "hotline", "-r", "R-1", "-d", "2026-11-23"])
    r = runner.invoke(app, ["cases", "show", "1", "--lang", lang])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert all(cell_width(x) <= 80 for x in lines) and "\x1b" not in r.stdout
    assert [x[:10] for x in lines if x[:4] == "2026"] == [
        "2026-11-21",
        "2026-11-22",
        "2026-11-23",
        "2026-12-08",
    ]
    assert lines[-1].startswith("2026-12-08  !  ") or any(
        x.startswith("2026-12-08  !  ") for x in lines
    )
    data = json.loads(runner.invoke(app, ["cases", "show", "1", "--json"]).stdout)
    assert [e["mark"] for e in data["timeline"]] == ["done", "done", "done", "overdue"]


def test_export_zip_writes_an_archive_whose_hashes_match(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    out = tmp_path / "case1.zip"
    r = runner.invoke(app, ["cases", "export", "1", "--format", "zip", "-o", str(out)])
    assert r.exit_code == 0 and "3 个证据文件" in r.stderr
    with zipfile.ZipFile(out) as z:
        index = json.loads(z.read("case-1/evidence/index.json"))
        for entry in index:
            assert hashlib.sha256(z.read(f"case-1/{entry['file']}")).hexdigest() == entry["sha256"]
        assert "每个文件的用途" in z.read("case-1/README.txt").decode()
    again = runner.invoke(app, ["cases", "export", "1", "--format", "zip", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr
    forced = runner.invoke(
        app, ["cases", "export", "1", "--format", "zip", "-o", str(out), "--force"]
    )
    assert forced.exit_code == 0


def test_export_zip_errors(runner: CliRunner, case_id: int, tmp_path: Path) -> None:
    r = runner.invoke(app, ["cases", "export", "1", "--format", "zip"])
    assert r.exit_code == 2 and "--output" in r.stderr
    r = runner.invoke(
        app, ["cases", "export", "1", "--format", "zip", "-o", str(tmp_path / "no" / "c.zip")]
    )
    assert r.exit_code == 2 and "不存在" in r.stderr and not (tmp_path / "no").exists()


def test_delete_removes_the_files_only_after_confirmation(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    folder = evidence.case_folder(1)
    assert len(list(folder.iterdir())) == 3
    kept = runner.invoke(app, ["cases", "delete", "1"], input="n\n")
    assert kept.exit_code == 2 and folder.is_dir()  # no terminal: --yes is needed
    r = runner.invoke(app, ["cases", "delete", "1", "--yes"])
    assert r.exit_code == 0 and not folder.exists()


def test_purge_removes_every_file(runner: CliRunner, case_id: int, tmp_path: Path) -> None:
    attach_three(runner, tmp_path)
    assert runner.invoke(app, ["cases", "purge", "--yes"]).exit_code == 0
    assert not evidence.root().exists()


def test_a_closed_case_ends_its_timeline_without_a_due_date(
    runner: CliRunner, case_id: int
) -> None:
    r = runner.invoke(app, ["cases", "close", "1", "--outcome", "resolved", "--note", "已到账"])
    assert r.exit_code == 0
    shown = runner.invoke(app, ["cases", "show", "1", "--lang", "en"]).stdout
    assert "2026-11-22  #  closed" in shown and "follow-up date" not in shown
    assert "note: 已到账" in shown


def test_validate_checks_a_playbooks_submit_block(runner: CliRunner, tmp_path: Path) -> None:
    from .conftest import ROOT

    text = (ROOT / "data" / "playbooks" / "recharge.yaml").read_text(encoding="utf-8")
    bad = text.replace("have: [account_id, transaction_id,", "have: [account_id, txn_id,")
    bad = bad.replace('"{{ provider }}充值服务"', '"{{ nope }}充值服务"')
    path = tmp_path / "recharge.yaml"
    path.write_text(bad, encoding="utf-8")
    r = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert r.exit_code == 2
    assert "submit.have[1]: 'txn_id' is not a question id" in r.stderr
    assert "submit.service.zh: placeholder {{ nope }} is not a question id" in r.stderr


def test_detach_removes_one_file_after_confirmation(
    runner: CliRunner, case_id: int, tmp_path: Path
) -> None:
    attach_three(runner, tmp_path)
    with Store() as log:
        second = evidence.listing(log, 1)[1]
    second.path().unlink()  # vanished: flagged, and the zip refuses
    assert runner.invoke(app, ["cases", "evidence", "1"]).exit_code == 1
    unknown = runner.invoke(app, ["cases", "detach", "1", "7", "--yes"])
    assert unknown.exit_code == 2 and "1, 2, 3" in unknown.stderr
    asked = runner.invoke(app, ["cases", "detach", "1", "2"])
    assert asked.exit_code == 2 and "--yes" in asked.stderr  # no terminal to ask on
    r = runner.invoke(app, ["cases", "detach", "1", "2", "--yes", "--lang", "en"])
    assert r.exit_code == 0 and "Removed #2 截图2.png from case #1" in r.stderr
    assert runner.invoke(app, ["cases", "evidence", "1"]).exit_code == 0
    out = tmp_path / "c.zip"
    assert runner.invoke(app, ["cases", "export", "1", "-f", "zip", "-o", str(out)]).exit_code == 0
    with Store() as log:
        assert [a.id for a in evidence.listing(log, 1)] == [1, 3]
