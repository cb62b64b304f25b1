"""The installed `walletcomplain` in a real pseudo-terminal (pexpect), as a person would use it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.e2e

EXE = shutil.which("walletcomplain", path=str(Path(sys.executable).parent)) or "walletcomplain"
ENTER, DOWN, SPACE, ESC, CTRL_C, CTRL_U = "\r", "\x1b[B", " ", "\x1b", "\x03", "\x15"


def spawn(args: list[str], cwd: Path, home: Path) -> pexpect.spawn:
    env = {
        **os.environ,
        "WALLETCOMPLAIN_HOME": str(home),
        "LANG": "C.UTF-8",  # a locale every machine has; Chinese via the default
        "WALLETCOMPLAIN_LANG": "zh",
        "TERM": "xterm-256color",
        "WALLETCOMPLAIN_TODAY": "2026-11-22",
        # pexpect does not answer prompt_toolkit's cursor-position queries as a real
        # terminal does; without this each prompt waits a second for the answer.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        EXE, args, cwd=str(cwd), env=env, dimensions=(50, 80), encoding="utf-8", timeout=20
    )


def drafts_in(home: Path) -> list[str]:
    with sqlite3.connect(home / "walletcomplain.db") as db:
        return [row[0] for row in db.execute("SELECT id FROM drafts")]


def answer(child: pexpect.spawn, prompt: str, *keys: str) -> None:
    child.expect_exact(prompt)
    for k in keys:
        child.send(k)


def first_half(child: pexpect.spawn) -> None:
    answer(child, "哪个钱包或支付服务出了问题", "微信", ENTER)
    answer(child, "遇到了什么问题", ENTER)
    answer(child, "仍然要投诉吗", ENTER)
    answer(child, "哪天充值的", "2026年13月1日", ENTER)
    child.expect_exact("应为一个真实存在的日期")  # the same message as `letter` gives
    child.send(CTRL_U + "2026年11月20日" + ENTER)
    answer(child, "充值金额是多少元", "200", ENTER)
    answer(child, "充值的是什么", ENTER)
    answer(child, "交易单号", ENTER)
    answer(child, "显示什么状态", DOWN + DOWN + ENTER)
    answer(child, "已经被扣款了吗", ENTER)


def second_half(child: pexpect.spawn) -> None:
    answer(child, "银行卡尾号", "6789", ENTER)
    answer(child, "说说经过", "银行扣款了，余额没到账。", ESC, ENTER)
    answer(child, "已经就此事联系过客服", DOWN + ENTER)
    answer(child, "已经有哪些", SPACE + ENTER)
    answer(child, "怎么解决", SPACE + ENTER)
    answer(child, "别的诉求", ENTER)
    answer(child, "你的姓名", "张三", ENTER)
    answer(child, "你的联系电话", ENTER)
    answer(child, "出问题的账户", ENTER)
    answer(child, "都对吗", ENTER)
    answer(child, "保存为文件吗", ENTER)
    answer(child, "文件名", ENTER)
    answer(child, "记录为投诉案件", ENTER)
    child.expect_exact("已记录为投诉案件 #1")
    answer(child, "接下来还要做什么", ENTER)
    child.expect_exact("下一步")
    child.expect(pexpect.EOF)


def test_a_complete_chinese_session_saves_a_letter_to_tenpay(tmp_path: Path) -> None:
    child = spawn(["start"], tmp_path, tmp_path / "home")
    first_half(child)
    second_half(child)
    child.close()
    assert child.exitstatus == 0
    letter = (tmp_path / "投诉-wechatpay-recharge-2026-11-22.txt").read_text(encoding="utf-8")
    assert "财付通支付科技有限公司" in letter and "人民币200.00元" in letter and "12363" in letter


def test_ctrl_c_then_resume_finishes_the_same_letter(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(["start"], tmp_path, home)
    first_half(child)
    child.expect_exact("银行卡尾号")
    child.send(CTRL_C)
    child.expect_exact("walletcomplain start --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert len(drafts_in(home)) == 1

    child = spawn(["start", "--resume"], tmp_path, home)
    child.expect_exact("继续上次的投诉草稿")  # the recap: provider, problem, date, answers
    child.expect_exact("微信支付")
    child.expect_exact("开始于")
    second_half(child)
    child.close()
    assert child.exitstatus == 0
    letter = (tmp_path / "投诉-wechatpay-recharge-2026-11-22.txt").read_text(encoding="utf-8")
    assert "财付通支付科技有限公司" in letter and "尾号6789" in letter
    assert drafts_in(home) == []


def test_no_terminal_exits_2_at_once_with_the_hint(tmp_path: Path) -> None:
    result = subprocess.run(
        [EXE, "start"],
        input="\n",
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, "WALLETCOMPLAIN_HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "walletcomplain letter" in result.stderr and "--answers" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_at_the_first_question_exits_130_quietly(tmp_path: Path) -> None:
    child = spawn(["start"], tmp_path, tmp_path / "home")
    child.expect_exact("哪个钱包或支付服务出了问题")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")


def test_escalating_early_asks_on_a_terminal_and_no_records_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "WALLETCOMPLAIN_HOME": str(home), "WALLETCOMPLAIN_TODAY": "2026-11-22"}
    example = subprocess.run(
        [EXE, "playbooks", "show", "recharge", "--example"], capture_output=True, text=True, env=env
    ).stdout
    (tmp_path / "a.yaml").write_text(example, encoding="utf-8")
    saved = subprocess.run(
        [EXE, "letter", "-i", "recharge", "-p", "alipay", "-a", str(tmp_path / "a.yaml"), "--save"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert saved.returncode == 0, saved.stderr
    child = spawn(["cases", "escalate", "1"], tmp_path, home)
    answer(child, "2026年12月7日", "n", ENTER)  # the normal date, then: escalate anyway? no
    child.expect_exact("没有升级，也没有记录任何内容")
    child.expect(pexpect.EOF)
    with sqlite3.connect(home / "walletcomplain.db") as db:
        kinds = [row[0] for row in db.execute("SELECT kind FROM events")]
    assert kinds == ["created"]
    child = spawn(["cases", "escalate", "1"], tmp_path, home)
    answer(child, "2026年12月7日", "y", ENTER)
    child.expect_exact("已记录升级到中国人民银行")
    child.expect(pexpect.EOF)


def answers_in(home: Path) -> dict[str, object]:
    import json

    with sqlite3.connect(home / "walletcomplain.db") as db:
        [(data,)] = list(db.execute("SELECT data FROM drafts"))
    return dict(json.loads(data)["answers"])


# Prompts at which a signal arrives, and the answers already given there.
STOPS = [
    ("遇到了什么问题", set()),  # the problem chooser: provider known, nothing answered yet
    ("充值的是什么", {"incident_date", "amount"}),  # a select
    ("显示什么状态", {"incident_date", "amount", "target", "transaction_id"}),
    ("银行卡尾号", {"incident_date", "amount", "status_shown", "bank_deducted"}),  # a text
]


def up_to(child: pexpect.spawn, prompt: str) -> None:
    steps = [
        ("哪个钱包或支付服务出了问题", "微信" + ENTER),
        ("遇到了什么问题", ENTER),
        ("仍然要投诉吗", ENTER),
        ("哪天充值的", "2026-11-20" + ENTER),
        ("充值金额是多少元", "200" + ENTER),
        ("充值的是什么", ENTER),
        ("交易单号", ENTER),
        ("显示什么状态", DOWN + DOWN + ENTER),
        ("已经被扣款了吗", ENTER),
        ("银行卡尾号", ""),
    ]
    for text, keys in steps:
        child.expect_exact(text)
        if text == prompt:
            return
        child.send(keys)


@pytest.mark.parametrize(("prompt", "given"), STOPS)
@pytest.mark.parametrize(
    ("how", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("closed", 129), ("kill -9", -9)]
)
def test_every_way_out_keeps_the_answers(
    tmp_path: Path, prompt: str, given: set[str], how: str, code: int
) -> None:
    import signal
    import time

    home = tmp_path / "home"
    child = spawn(["start"], tmp_path, home)
    up_to(child, prompt)
    time.sleep(0.3)  # the prompt is drawn and waiting
    if how == "closed":  # the terminal window goes away: the pty closes, the kernel hangs up
        os.close(child.child_fd)
        child.closed = child.ptyproc.closed = True  # pexpect must not close it again
        _, status = os.waitpid(child.pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == code
    else:
        sig = {"SIGTERM": signal.SIGTERM, "SIGHUP": signal.SIGHUP, "kill -9": signal.SIGKILL}
        child.kill(sig[how])
        child.expect(pexpect.EOF)
        child.close()
        if how != "kill -9":
            assert child.exitstatus == code, child.before
            assert "Traceback" not in (child.before or "")
        else:
            assert child.signalstatus == signal.SIGKILL
    kept = answers_in(home)
    assert given <= set(kept), kept  # everything answered before the prompt on screen
    assert prompt not in ("银行卡尾号",) or kept["amount"] == "200.00"


def test_a_stopped_session_resumes_at_the_question_it_stopped_at(tmp_path: Path) -> None:
    import signal

    home = tmp_path / "home"
    child = spawn(["start"], tmp_path, home)
    up_to(child, "银行卡尾号")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(["start", "--resume"], tmp_path, home)
    child.expect_exact("开始于")
    child.expect_exact("[7/")  # the question on screen when the terminal went away
    second_half(child)
    child.close()
    assert child.exitstatus == 0


def test_scam_shows_110_on_the_first_screen(tmp_path: Path) -> None:
    """Someone scammed by a "part-time job": 110 before any question, then the urgent steps."""
    child = spawn(["start", "--issue", "scam", "--provider", "alipay"], tmp_path, tmp_path / "home")
    child.expect_exact("仍然要投诉吗")  # the first question: all before it is the first screen
    first = child.before or ""
    assert "先拨打 110 报警" in first  # not just 96110 further down
    child.send(ENTER)
    child.expect_exact("现在就拨打 110")  # the urgent steps, before the first question
    child.expect_exact("哪种情况最接近")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")


def test_start_refuses_a_problem_that_does_not_fit_the_provider(tmp_path: Path) -> None:
    child = spawn(
        ["start", "--issue", "花呗", "--provider", "tpwallet"], tmp_path, tmp_path / "home"
    )
    child.expect_exact("不适用于tpWallet")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "Traceback" not in (child.before or "")
