"""Finding the right problem from the words a user types, in either language.

The words live in the data (each playbook's title and `synonyms`), so a new playbook is
found without touching this module. `match` ranks every playbook the words point to and
always ends with the generic `other`, so the chooser can offer it when nothing fits;
`lookup` is the strict form `letter --issue` uses: one playbook or none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Playbook

FALLBACK = "other"  # the generic playbook: offered last, and whenever nothing matches
EXACT = 1000  # the score of a name typed exactly
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BOUNDARY = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u3400-\u9fff\uf900-\ufaff])"
)
# English words that say nothing about which problem it is.
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "my",
        "me",
        "i",
        "was",
        "is",
        "it",
        "to",
        "of",
        "on",
        "in",
        "for",
        "from",
        "by",
        "with",
        "not",
        "no",
        "did",
        "do",
        "got",
        "has",
        "have",
        "been",
        "be",
        "at",
        "or",
        "but",
        "this",
        "that",
        "their",
        "they",
        "them",
        "money",
        "payment",
        "wallet",
        "account",
    ]
)


def normal(text: str) -> str:
    """Lower case, punctuation and spaces folded to one space (`Top-up  missing!`), and a
    space where Chinese meets Latin script (`我charged twice`), so words stay words."""
    text = _BOUNDARY.sub(" ", _PUNCT.sub(" ", text.lower()))
    return " ".join(text.split())


def names(pb: Playbook) -> list[str]:
    """Everything a user might type for this playbook, normalised, longest first."""
    raw = [pb.id, pb.title.zh, pb.title.en, *pb.synonyms.all()]
    return sorted({normal(x) for x in raw if normal(x)}, key=len, reverse=True)


def contains(big: str, small: str) -> bool:
    """`small` inside `big`: anywhere for Chinese, as whole words for Latin script, so a
    cut-off word (`recharg`) is not taken for a name."""
    if len(small) < 2:
        return False
    if _CJK.search(small):
        return small in big
    return f" {small} " in f" {big} "


def _words(text: str) -> set[str]:
    return {w for w in text.split() if len(w) > 2 and w not in _STOP and not _CJK.search(w)}


def _bigrams(text: str) -> set[str]:
    han = "".join(ch if _CJK.match(ch) else " " for ch in text)
    return {part[i : i + 2] for part in han.split() for i in range(len(part) - 1)}


def score(pb: Playbook, text: str) -> int:
    """How strongly the typed words point to this playbook; 0 when they do not."""
    given = normal(text)
    if not given:
        return 0
    best = 0
    words, grams = _words(given), _bigrams(given)
    for name in names(pb):
        if name == given:
            return EXACT
        if contains(given, name):
            best = max(best, 200 + len(name))  # a whole synonym inside a sentence
        elif contains(name, given):
            best = max(best, 100 + len(given))  # the start of a title or synonym
        overlap = 10 * len(words & _words(name)) + 5 * len(grams & _bigrams(name))
        best = max(best, overlap)
    return best


def match(playbooks: Mapping[str, Playbook], text: str) -> list[str]:
    """Playbook ids the words point to, best first, in catalog order on a tie; the generic
    `other` (when it exists) always comes last, and alone when nothing matches or when it
    was named exactly."""
    fallback = playbooks.get(FALLBACK)
    if fallback is not None and score(fallback, text) >= EXACT:
        return [FALLBACK]  # the user asked for it by name
    order = {pid: i for i, pid in enumerate(playbooks)}
    scored = [(score(pb, text), pid) for pid, pb in playbooks.items() if pid != FALLBACK]
    ranked = [pid for s, pid in sorted(scored, key=lambda x: (-x[0], order[x[1]])) if s > 0]
    if FALLBACK in playbooks:
        ranked.append(FALLBACK)
    return ranked


def lookup(playbooks: Mapping[str, Playbook], text: str) -> str | None:
    """The one playbook an id, title or synonym names; None when it names none or several.
    An exact name wins; otherwise the words must be part of exactly one name, or contain it."""
    given = normal(text)
    if not given:
        return None
    if given.replace(" ", "_") in playbooks:
        return given.replace(" ", "_")
    table: Sequence[tuple[str, list[str]]] = [(pid, names(pb)) for pid, pb in playbooks.items()]
    exact = [pid for pid, ns in table if given in ns]
    if exact:
        return exact[0] if len(exact) == 1 else None
    # Part of a title or synonym, never of an id: a mistyped id (`recharg`) gets a
    # "did you mean" rather than a silent guess.
    partial = [
        pid
        for pid, ns in table
        if any(contains(n, given) or contains(given, n) for n in ns if n != normal(pid))
    ]
    return partial[0] if len(partial) == 1 else None
