"""The one boundary between text we did not write and a terminal or a file.

Answers, notes, references, file names, playbook and provider text can hold raw
control characters: ESC sequences that set the window title or the clipboard
(OSC 0/2/52), move the cursor, or the C1 forms of the same (U+009B is CSI on
many terminals). Every path to a terminal passes `neutral()`, which shows each
such character visibly (`\\x1b`) instead of letting the terminal act on it.
Files we write get `for_file()`: the text as typed, less control characters.
JSON gets `json_text()`: every control character escaped, C1 included.

Plain `re` and nothing else: the core imports this without importing rich.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 except tab and newline, DEL, C1, the bidirectional overrides and isolates (they
# reorder what is shown: "Trojan Source"), and lone surrogates (undecodable bytes of a
# file name, which a UTF-8 stream cannot even write).
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE_OR_NL = "[\x00-\x08\n\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# In JSON the structure is ASCII, so any of these is inside a string and may be escaped.
_JSON_RAW = "[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# `re` compiles these (and caches them) only for text that needs them: str.isprintable()
# is False for every character they match (tests/test_safe.py checks each one), so text
# that passes that cheap test has nothing to escape.


def _printable(text: str, *, newlines: bool) -> bool:
    text = text.replace("\t", " ")
    return (text.replace("\n", " ") if newlines else text).isprintable()


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _visible(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    c = ord(ch)
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def neutral(text: str, *, newlines: bool = True) -> str:
    """`text` safe for a terminal: every control character shown as `\\xNN` / `\\uNNNN`.

    With `newlines=False` (a table cell, a title, a one-line message) a line break is
    shown as `\\n` too. Windows line ends become plain ones first.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _printable(text, newlines=newlines):  # the usual case: nothing to do
        return text
    return re.sub(_UNSAFE if newlines else _UNSAFE_OR_NL, _visible, text)


def for_file(text: str) -> str:
    """The text as typed, less control characters: for files written with --output."""
    text = text.replace("\r\n", "\n")
    if _printable(text, newlines=True):
        return text
    return re.sub(_UNSAFE, lambda m: "\ufffd" if 0xD800 <= ord(m.group(0)) <= 0xDFFF else "", text)


def json_escape(text: str) -> str:
    """JSON text from json.dumps(ensure_ascii=False) with DEL, C1, bidi controls and lone
    surrogates escaped as well: json.dumps escapes only C0."""
    if _printable(text, newlines=True):
        return text
    return re.sub(_JSON_RAW, lambda m: f"\\u{ord(m.group(0)):04x}", text)


def json_text(obj: Any, **kw: Any) -> str:
    return json_escape(json.dumps(obj, ensure_ascii=False, **kw))


def has_raw_control(text: str) -> bool:
    """True if `text` holds a character a terminal could act on (for tests and checks)."""
    return re.search(_UNSAFE, text.replace("\r\n", "\n")) is not None
