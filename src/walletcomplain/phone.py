"""Is this an official number? Normalise what people type, look it up in the directory.

Works on the checked directory as plain data (the cache), so `check-number`
starts as fast as `providers --json`. It never says a number is safe: a number
on a screen proves nothing, because caller ID can be faked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from .errors import WalletError
from .messages import READ_ZH

Verdict = Literal["official", "not_found", "wary"]
# What can follow a number to mean an extension: the Chinese words (messages.READ_ZH),
# ext. 7, x7, #7, ,7
_EXTENSION = re.compile(
    rf"(?:{READ_ZH['extension']}|ext\.?|x|#|,)\s*(\d{{1,6}})\s*$", re.IGNORECASE
)
_SEPARATORS = re.compile(rf"[\s\-.()/{READ_ZH['brackets']}]+")
SHORT_MAX = 5  # 110, 12363, 95188: service numbers that a caller shows behind an area code


class InvalidNumber(WalletError, ValueError):
    """Not a phone number; the CLI says so with what was typed (messages.py, n_invalid)."""


class Number(NamedTuple):
    raw: str
    national: str  # digits without country code 86 or the leading trunk 0
    extension: str | None
    foreign: bool  # an international prefix with a country code other than 86


class Match(NamedTuple):
    owner: Literal["provider", "authority"]
    owner_id: str
    name: dict[str, str]
    channel: dict[str, Any]
    notes: Sequence[dict[str, Any]]  # the owner's caveats
    via_area_code: bool = False  # e.g. 010-96110 for 96110


class Lookup(NamedTuple):
    number: Number
    verdict: Verdict
    matches: Sequence[Match] = ()
    warnings: Sequence[dict[str, Any]] = ()  # lookalike and pattern notes


def normalize(raw: str) -> Number:
    """`+86 400-606-5500 转7`, `０５７１－９５１８８`, `0086 10 96110` ... to their digits."""
    text = unicodedata.normalize("NFKC", raw).strip()
    extension = None
    m = _EXTENSION.search(text)
    if m and m.start() > 0:
        extension = m.group(1)
        text = text[: m.start()]
    text = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"\+?\d+", text):
        raise InvalidNumber(raw)
    plus = text.startswith("+")
    digits = text.lstrip("+")
    foreign = False
    if plus or digits.startswith("00"):
        rest = digits[2:] if digits.startswith("00") and not plus else digits
        if rest.startswith("86"):
            national = rest[2:].lstrip("0")
        else:
            national, foreign = rest, True
    else:
        national = digits.lstrip("0")
    if not 3 <= len(national) <= 15:
        raise InvalidNumber(raw)
    return Number(raw, national, extension, foreign)


def _plausible_area_code(prefix: str) -> bool:
    """Mainland area codes without the trunk 0: 10, 20-29, or three digits from 310 up."""
    return (len(prefix) == 2 and (prefix == "10" or prefix.startswith("2"))) or (
        len(prefix) == 3 and prefix[0] in "3456789"
    )


def index(directory: dict[str, Any]) -> dict[str, list[Match]]:
    """Every hotline in the directory by its normalised digits."""
    out: dict[str, list[Match]] = {}
    for owner, group in (("provider", "providers"), ("authority", "authorities")):
        for item in directory.get(group, []):
            for ch in item.get("channels", []):
                if ch.get("kind") != "hotline" or not ch.get("value"):
                    continue
                key = normalize(ch["value"]).national
                out.setdefault(key, []).append(
                    Match(owner, item["id"], item["name"], ch, item.get("notes", []))  # type: ignore[arg-type]
                )
    return out


def lookup(directory: dict[str, Any], raw: str) -> Lookup:
    """official: in the directory (also area code + a service number, as 010-96110);
    wary: a lookalike or a pattern from FACTS.md; not_found: anything else."""
    number = normalize(raw)
    known = index(directory)
    if not number.foreign and number.national in known:
        return Lookup(number, "official", known[number.national])
    for look in directory.get("lookalikes", []):
        if normalize(look["value"]).national == number.national:
            return Lookup(number, "wary", warnings=[look])
    national = number.national
    if not number.foreign:
        for n in range(SHORT_MAX, 2, -1):
            short, prefix = national[-n:], national[:-n]
            if short in known and prefix and _plausible_area_code(prefix):
                matches = [
                    Match(m.owner, m.owner_id, m.name, m.channel, m.notes, via_area_code=True)
                    for m in known[short]
                ]
                return Lookup(number, "official", matches)
    patterns = {p["id"]: p for p in directory.get("wary", [])}
    if "96110" in national and "fake_96110" in patterns:
        return Lookup(number, "wary", warnings=[patterns["fake_96110"]])
    return Lookup(number, "not_found")
