"""`cases call` in a real 80x24 pty: the sheet and its first question fit one screen, and
the answers typed after the call are logged."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pexpect

from walletcomplain.output import cell_width
from walletcomplain.store import Store

from .test_e2e import EXE


def test_call_sheet_then_questions_in_a_pty(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "WALLETCOMPLAIN_HOME": str(home),
        "WALLETCOMPLAIN_TODAY": "2026-11-22",
        "WALLETCOMPLAIN_LANG": "zh",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    env.pop("NO_COLOR", None)
    example = subprocess.run(
        [EXE, "playbooks", "show", "recharge", "--example"],
        env=env,
        capture_output=True,
        check=True,
    ).stdout
    answers = tmp_path / "a.yaml"
    answers.write_bytes(example)
    subprocess.run(
        [EXE, "letter", "-i", "recharge", "-p", "wechatpay", "-a", str(answers), "--save"],
        env=env,
        capture_output=True,
        check=True,
    )
    child = pexpect.spawn(
        EXE, ["cases", "call", "1"], env=env, dimensions=(24, 80), encoding="utf-8", timeout=20
    )
    child.expect_exact("Ctrl-C 不记录）")
    screen = [x for x in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).split("\r\n") if x]
    assert screen[0] == "== 电话清单 · 案件 #1 · 微信支付 =="
    assert len(screen) + 1 <= 24 and all(cell_width(x) <= 80 for x in screen)
    child.sendline("")
    child.expect_exact("工单号（没有就直接回车）：")
    child.sendline("WX20261122-0193")
    child.expect_exact("对方怎么说的（可留空）：")
    child.sendline("48 小时内回电")
    child.expect_exact("可留空）：")
    child.sendline("2026-11-24")
    child.expect_exact("已记录")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store(home / "walletcomplain.db") as log:
        case = log.get(1)
    assert case.events[-1].ref == "WX20261122-0193"
    assert case.next_due is not None and case.next_due.isoformat() == "2026-11-24"
