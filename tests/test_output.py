"""Screen layout: display widths and wrapping of mixed Chinese and Latin text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletcomplain.output import NO_LINE_START, Block, cell_width, render_plain, wrap

CJK_CLOSING = "，。；：、）」』”！？"


def test_cell_width() -> None:
    assert cell_width("abc") == 3
    assert cell_width("支付宝") == 6
    assert cell_width("ＡＢ１") == 6  # full-width
    assert cell_width("App 显示") == 8


def test_wrap_keeps_numbers_whole_and_marks_off_line_starts() -> None:
    lines = wrap("充值金额为 1,520.35元，交易单号 2026112022001488990011。" * 3, 24)
    assert all(cell_width(x) <= 24 for x in lines)
    assert all(x[0] not in CJK_CLOSING for x in lines[1:])
    assert "1,520.35元" in "".join(lines)


def test_bullets_hang() -> None:
    lines = wrap("• 正规客服绝不会向你索要密码、短信验证码，也不会让你共享屏幕。", 30)
    assert lines[0].startswith("• ") and all(x.startswith("  ") for x in lines[1:])


words = st.one_of(
    st.text(alphabet="支付宝充值未到账客服热线投诉", min_size=1, max_size=12),
    st.text(alphabet="abcdefghij0123456789.,", min_size=1, max_size=8),
    st.sampled_from(list(CJK_CLOSING)),
)


@given(st.lists(words, min_size=1, max_size=30), st.integers(12, 60))
def test_wrap_loses_nothing_and_fits(parts: list[str], width: int) -> None:
    # as in real text, a closing mark follows its word directly, never after a space
    text = "".join(p if p in CJK_CLOSING else " " + p for p in parts).lstrip()
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    groups: list[int] = []  # a word and the closing marks after it cannot be split
    for p in parts:
        if p in CJK_CLOSING and groups:
            groups[-1] += cell_width(p)
        else:
            groups.append(cell_width(p))
    if max(groups) + 4 <= width:
        assert all(cell_width(x) <= width for x in lines)
    assert all(not x or x[0] not in NO_LINE_START - set(",.") for x in lines[1:])


def test_plain_table_stacks_when_narrow() -> None:
    block = Block("渠道", rows=[["热线", "95188", "24 小时人工服务，" * 6]])
    text = render_plain([block], width=40)
    assert all(cell_width(x) <= 40 for x in text.splitlines())
    assert "95188" in text


def test_say_wraps_between_words_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import os
    import shutil

    from walletcomplain.output import cell_width, say

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((40, 24)))
    out = Terminal()
    message = "Then record what was said: walletcomplain cases log 1 --channel hotline --ref R-1"
    say(message, out)
    lines = out.getvalue().splitlines()
    assert len(lines) > 1 and all(cell_width(x) <= 40 for x in lines)
    assert " ".join(lines).split() == message.split()  # broken only between words
    piped = io.StringIO()  # not a terminal: one line, as typed
    say(message, piped)
    assert piped.getvalue() == message + "\n"


def test_shorten_counts_columns_and_marks_the_cut() -> None:
    from walletcomplain.output import cell_width, shorten

    assert shorten("充值失败或未到账", 16) == "充值失败或未到账"
    cut = shorten("被骗了（刷单、网购、贷款、征信、投资等诈骗）", 20)
    assert cut.endswith("…") and cell_width(cut) <= 20
    assert shorten("Top-up failed or not credited", 10) == "Top-up fa…"


def test_a_stacked_table_keeps_its_first_column_aligned() -> None:
    """A table too wide for three columns stacks its cells, but the short first cells
    still line up (new-user run: WeChat Pay's channels were ragged)."""
    from walletcomplain.output import Block, render_plain

    rows = [
        ["热线", "95017", ""],
        ["App 内", "我 → 服务（或「支付」）→ … → 帮助与反馈", "不同版本的 App 入口位置不同。"],
    ]
    text = render_plain([Block("渠道", rows=rows)], width=80)
    assert text.splitlines()[1:] == [
        "  热线    95017",
        "  App 内  我 → 服务（或「支付」）→ … → 帮助与反馈",
        "          不同版本的 App 入口位置不同。",
    ]


@given(st.integers(20, 80), st.text(alphabet="的了是在", max_size=60))
def test_a_chinese_date_is_never_split_across_lines(width: int, before: str) -> None:
    from walletcomplain.output import wrap

    lines = wrap(before + "2026年11月24日前答复。", width)
    assert any("2026年11月24日" in line for line in lines), lines
