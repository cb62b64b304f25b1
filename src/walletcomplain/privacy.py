"""Masking of card, ID and phone numbers, and detection of secrets in free text.

Masking keeps the last four characters, which is what a support agent needs to
find a card or an account, and nothing that would let someone use it.
Secrets (passwords, PINs, SMS codes, seed phrases, private keys) are blanked
entirely: nobody legitimate ever needs them in a complaint.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .messages import READ_ZH, SECRET_HINTS_ZH

if TYPE_CHECKING:
    from .models import Question

Kind = Literal["secret", "card", "id_number", "phone"]
SECRET_MASK = "******"

# A keyword, a short gap (": ", "is" in Chinese, " is "), then the secret itself. The
# Chinese words are in messages.READ_ZH.
_SECRET_ZH = (
    rf"(?P<key>{READ_ZH['secret_key']})"
    rf"(?P<gap>\s*(?:{READ_ZH['secret_gap']}|:|\uff1a|=)?\s*)"
    r"(?P<secret>[A-Za-z0-9!@#$%^&*_\-+=.]{4,})"
)
_SECRET_EN = (
    r"(?P<key>\b(?:password|passcode|passwd|pin|otp|one-time code|verification code|"
    r"sms code|security code|auth code|cvv|cvn|cvc|seed phrase|recovery phrase|mnemonic|"
    r"private key)\b)"
    r"(?P<gap>\s*(?:is|was|:|=)?\s*)"
    r"(?P<secret>[A-Za-z0-9!@#$%^&*_\-+=.]{4,})"
)
# A bare "code" with the digits after it: "code 482913", "the code they sent was 482913",
# "sent me a code: 482913". Not an error, postal or order code (checked before the match).
_CODE_EN = (
    r"(?P<key>(?<![A-Za-z])codes?(?![A-Za-z]))"
    r"(?P<gap>(?:(?:\s+(?:they|that|which|he|she|it|you|i|we|the bank|the app)){1,2}\s+"
    r"(?:sent|texted|gave|got|received)(?:\s+(?:me|us|you))?)?"
    r"\s*(?:is|was|were|:|=)?\s*)"
    r"(?P<secret>\d{4,8})(?![\d.,:/-]?\d)"
)
_NOT_SECRET_CODES = (
    "error", "postal", "post", "zip", "area", "country", "order", "promo", "coupon", "discount",
    "product", "tracking", "qr", "bar", "status", "reason", "swift", "bank", "branch", "merchant",
)  # fmt: skip
# The Chinese "SMS 482913", "the number in the SMS is 482913": an SMS with a short
# number is a code. A 5-digit service number (95588, 12363) is not, and stays.
_SMS_KEYS = tuple(READ_ZH["sms_key"].split("|"))
_CODE_ZH = (
    rf"(?P<key>{READ_ZH['sms_key']})(?P<gap>(?:{READ_ZH['sms_where']})?(?:{READ_ZH['sms_of']})?"
    rf"(?:{READ_ZH['sms_what']})?"
    rf"\s*(?:{READ_ZH['secret_gap']}|:|\uff1a)?\s*)"
    r"(?P<secret>\d{4,8})(?!\d)"
)
# A seed phrase after its keyword: the words themselves, up to the end of the sentence.
_SEED_WORDS = (
    rf"(?P<key>{READ_ZH['seed_key']}|seed phrase|recovery phrase|mnemonic)"
    rf"(?P<gap>\s*(?:{READ_ZH['secret_gap']}|is|:|\uff1a|=)?\s*)"
    r"(?P<secret>(?:[a-z]{3,8}[\s,\uff0c]+){5,23}[a-z]{3,8})"
)
# What must appear before any of those can match: checked first, so that ordinary
# text never pays for compiling the patterns above.
_KEYWORDS = (
    *SECRET_HINTS_ZH,
    "pass",
    "pin",
    "otp",
    "code",
    "cvv",
    "cvn",
    "cvc",
    "phrase",
    "mnemonic",
    "key",
)
# A raw private key: 64 hex digits, with or without 0x.
_HEX_KEY = re.compile(r"(?<![0-9A-Fa-f])(?:0x)?[0-9A-Fa-f]{64}(?![0-9A-Fa-f])")


@functools.cache
def _secret_patterns() -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(_SEED_WORDS, re.IGNORECASE),
        re.compile(_SECRET_ZH),
        re.compile(_SECRET_EN, re.IGNORECASE),
        re.compile(_CODE_EN, re.IGNORECASE),
        re.compile(_CODE_ZH),
    )


_SEP = r"[ \-]?"
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CARD = re.compile(r"(?<![\d*])\d(?:" + _SEP + r"\d){12,18}(?!\d)")
_MOBILE = re.compile(r"(?<![\d+*])(?:(?:\+|00)?86[ \-]?)?1[3-9]\d(?:[ \-]?\d){8}(?!\d)")
_INTL = re.compile(r"(?<![\d*])\+\d{1,3}(?:[ \-]?\d){9,14}(?!\d)")


@dataclass
class Finding:
    kind: Kind
    masked: str  # how it now reads, never the original


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def id_check_ok(number: str) -> bool:
    """The check character of an 18-digit resident ID (GB 11643, ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=False))
    return "10X98765432"[total % 11] == number[17].upper()


def mask_tail(value: str, keep: int = 4) -> str:
    """`****1234`: a fixed number of stars, so the length is not revealed either."""
    chars = [c for c in value if c.isalnum() or c in "@._-"]
    compact = "".join(chars) or value
    if len(compact) <= keep:
        return "*" * len(compact)
    return "****" + compact[-keep:]


def normalize(text: str) -> str:
    """Full-width digits and letters to ASCII (NFKC), as Chinese input methods produce them."""
    return unicodedata.normalize("NFKC", text)


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def mask_numbers(text: str, findings: list[Finding] | None = None) -> str:
    """Mask 18-digit ID numbers, Luhn-valid card numbers and phone numbers."""
    out = findings if findings is not None else []

    def sub_id(m: re.Match[str]) -> str:
        number = m.group(0)
        masked = mask_tail(number)
        # 18 digits can be either: a card number that fails the ID check says it is a card
        is_card = not id_check_ok(number) and number.isdigit() and luhn_ok(number)
        out.append(Finding("card" if is_card else "id_number", masked))
        return masked

    def sub_card(m: re.Match[str]) -> str:
        raw = m.group(0)
        digits = _digits(raw)
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            masked = mask_tail(digits)
            out.append(Finding("card", masked))
            return masked
        return raw

    def sub_phone(m: re.Match[str]) -> str:
        masked = mask_tail(_digits(m.group(0)))
        out.append(Finding("phone", masked))
        return masked

    text = _ID18.sub(sub_id, text)
    text = _CARD.sub(sub_card, text)
    text = _MOBILE.sub(sub_phone, text)
    return _INTL.sub(sub_phone, text)


def mask_secrets(text: str, findings: list[Finding] | None = None) -> str:
    out = findings if findings is not None else []

    def sub(m: re.Match[str]) -> str:
        secret, gap, key = m.group("secret"), m.group("gap"), m.group("key")
        if set(secret) <= {"*"}:  # already masked
            return m.group(0)
        if key.lower().startswith("code"):
            before = m.string[max(0, m.start() - 12) : m.start()].lower().split()
            if before and before[-1].strip("-:") in _NOT_SECRET_CODES:
                return m.group(0)  # "error code 6001" is a fact worth keeping
        if key in _SMS_KEYS and len(secret) == 5 and secret[0] in "19":
            return m.group(0)  # 95588, 12363: a service number, not a code
        # "my PIN with nobody" is prose; a secret has a digit or an explicit "is"/":".
        if not any(c.isdigit() for c in secret) and not gap.strip() and " " not in secret:
            return m.group(0)
        out.append(Finding("secret", SECRET_MASK))
        return m.group("key") + gap + SECRET_MASK

    def sub_hex(m: re.Match[str]) -> str:
        out.append(Finding("secret", SECRET_MASK))
        return SECRET_MASK

    lowered = text.lower()
    if any(k in lowered for k in _KEYWORDS):
        for pattern in _secret_patterns():
            text = pattern.sub(sub, text)
    return _HEX_KEY.sub(sub_hex, text)


def mask_contact(value: str) -> str:
    """A contact phone outside the letter's own contact line: the last four digits only.
    Text without a phone-length run of digits (a name) is left as it is."""
    if sum(c.isdigit() for c in value) >= 7:
        return mask_tail(value)
    return value


def scrub(text: str) -> tuple[str, list[Finding]]:
    """Everything a free-text answer goes through: secrets first, then numbers."""
    findings: list[Finding] = []
    text = mask_secrets(text, findings)
    text = mask_numbers(text, findings)
    return text, findings


def public_answers(questions: Iterable[Question], values: Mapping[str, Any]) -> dict[str, Any]:
    """Answers for every output outside the letter (JSON, exports, the case file), by one
    rule: `pii` answers and the complainant's phone keep their last four characters, and a
    name keeps no run of phone-length digits. The phone is shown in full only on the
    letter's own contact line. `values` are already JSON-ready."""
    from .roles import CONTACT

    out = dict(values)
    contact: dict[str, str] = {}  # role -> question id: the complainant's own name, phone
    for q in questions:
        if q.pii and isinstance(out.get(q.id), str):
            out[q.id] = mask_tail(out[q.id])
        if q.role in CONTACT:
            contact[q.role] = q.id
    phone = contact.get("sender_phone", "")
    if isinstance(out.get(phone), str):
        out[phone] = mask_tail(out[phone])
    if not contact:  # the playbook is gone: which answer is the phone is unknown, mask any
        contact = {k: k for k, v in out.items() if isinstance(v, str)}
    for key in contact.values():
        if isinstance(out.get(key), str):
            out[key] = mask_contact(out[key])
    return out
