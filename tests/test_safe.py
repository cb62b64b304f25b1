"""The one neutralising function: what reaches a terminal, a file and JSON."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from walletcomplain.output import Block, render_plain, safe_block
from walletcomplain.safe import for_file, has_raw_control, json_text, neutral

OSC52 = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"
TITLE = "\x1b]0;owned\x07"


def test_escape_shown_visibly() -> None:
    assert neutral(OSC52) == "\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07"
    assert neutral("a\u009b2Jb\u009dx") == "a\\x9b2Jb\\x9dx"
    assert neutral("\u202eevil") == "\\u202eevil"
    assert neutral("\x7f") == "\\x7f"


def test_line_breaks_kept_only_where_allowed() -> None:
    assert neutral("one\ntwo") == "one\ntwo"
    assert neutral("one\ntwo", newlines=False) == "one\\ntwo"
    assert neutral("one\r\ntwo") == "one\ntwo"
    assert neutral("over\rwrite") == "over\\rwrite"
    assert neutral("tab\there") == "tab\there"


def test_plain_text_unchanged() -> None:
    text = "张三 [bold]not markup[/bold] :smile: 😀 ￥200，“引号”"
    assert neutral(text) == text
    assert for_file(text) == text


def test_undecodable_file_name_printable() -> None:
    name = b"caf\xff.txt".decode("utf-8", "surrogateescape")
    shown = neutral(name)
    shown.encode("utf-8")  # would raise UnicodeEncodeError with the raw surrogate
    assert shown == "caf\\udcff.txt"


def test_files_keep_text_less_controls() -> None:
    assert for_file(f"a{OSC52}b\n\u009bc\t") == "a]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==b\nc\t"


def test_json_escapes_c1_and_round_trips() -> None:
    value = f"x{TITLE}\u009b\u009d\u202e\x7fy"
    out = json_text({"v": value})
    assert not has_raw_control(out)
    assert "\\u009b" in out and "\\u001b" in out
    assert json.loads(out)["v"] == value


def test_blocks_neutralised() -> None:
    b = safe_block(
        Block(f"t{TITLE}\nx", lines=[f"a{OSC52}\nb"], header=["h\n", "k"], rows=[["c\n", "d\ne"]])
    )
    assert b.title == "t\\x1b]0;owned\\x07\\nx"
    assert b.lines[0] == "a\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07\nb"
    assert b.rows[0] == ["c\\n", "d\ne"]
    assert not has_raw_control(render_plain([b]))


@given(st.text())
def test_neutral_never_leaves_a_control(text: str) -> None:
    for allow in (True, False):
        out = neutral(text, newlines=allow)
        assert not has_raw_control(out)
        out.encode("utf-8")
        if not allow:
            assert "\n" not in out
    assert not has_raw_control(for_file(text))
    assert not has_raw_control(json_text(text))
    assert json.loads(json_text(text)) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf"))))
def test_neutral_is_identity_on_printable(text: str) -> None:
    assert neutral(text) == text


def test_every_character_the_patterns_escape_fails_isprintable() -> None:
    """neutral() skips the patterns for text that passes str.isprintable(): that is safe
    only while every character they match fails it (tab and newline are let through)."""
    import re
    import sys

    from walletcomplain import safe

    for pattern in (safe._UNSAFE, safe._UNSAFE_OR_NL, safe._JSON_RAW):
        compiled = re.compile(pattern)
        matched = [chr(c) for c in range(sys.maxunicode + 1) if compiled.fullmatch(chr(c))]
        assert len(matched) > 60
        assert not [ch for ch in matched if ch.isprintable()]


def test_escapes_found_past_printable_text() -> None:
    from walletcomplain.safe import for_file, json_text

    assert neutral("好\t的\n" * 50 + "\x1b]0;x\x07").endswith("\\x1b]0;x\\x07")
    assert for_file("a\u202eb\nc") == "ab\nc"
    assert json_text(["\x7f", "ok"]) == '["\\u007f", "ok"]'
