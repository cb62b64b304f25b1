"""The one function that makes text we did not write safe to show: answers, file names,
what an agent said. Core modules use it for what they store from outside (file names);
screens use it for everything they print that came from outside."""

from __future__ import annotations

import unicodedata

# Control, format (bidi overrides, zero-width), surrogate, private-use, and the Unicode
# line and paragraph separators: none of these may reach a terminal raw.
UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def neutral(text: str, keep: str = "\n\t") -> str:
    """`text` with every unsafe character shown as a visible escape (`\\x1b`, `\\u202e`);
    the characters in `keep` (line breaks and tabs, by default) stay as they are."""
    if text.isprintable():  # the common case: nothing to do
        return text
    out = []
    for ch in text:
        if ch in keep or unicodedata.category(ch) not in UNSAFE:
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)
