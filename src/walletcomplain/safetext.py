"""Text we did not write (answers, file names, what an agent said), made safe to show.

The same call as main's `safe.neutral(text, newlines=...)` (issue 9, merged on main after
this branch was cut), so the two meet in one function when the branches merge.
"""

from __future__ import annotations

import unicodedata

# Control, format (bidi overrides, zero-width), surrogate, private-use, and the Unicode
# line and paragraph separators: none of these may reach a terminal raw.
UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def neutral(text: str, *, newlines: bool = True) -> str:
    """`text` with every unsafe character shown as a visible escape (`\\x1b`, `\\u202e`).
    Line breaks and tabs stay, unless `newlines=False` (a name, a one-line field)."""
    if text.isprintable():  # the common case: nothing to do
        return text
    keep = "\n\t" if newlines else ""
    out = []
    for ch in text:
        if ch in keep or unicodedata.category(ch) not in UNSAFE:
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)
