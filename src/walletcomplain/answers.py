"""The one path by which answers are parsed and validated.

`--set`, `--answers` files, the interactive prompts and saved drafts all end up
in `parse_value` (one answer) and `parse` (a whole set), so a typed answer and a
scripted one are judged by exactly the same rules and messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from . import privacy
from .errors import WalletError
from .limits import MAX_PATTERN_INPUT
from .messages import FALSE_WORDS_ZH, READ_ZH, TRUE_WORDS_ZH
from .models import Question, Text
from .roles import CONTACT

TRUE_WORDS = {"y", "yes", "true", "t", "1", "on", *TRUE_WORDS_ZH}
FALSE_WORDS = {"n", "no", "false", "f", "0", "off", *FALSE_WORDS_ZH}


# The Chinese words of dates, times and amounts are in messages.READ_ZH.
_Y, _M, _D = READ_ZH["year"], READ_ZH["month"], READ_ZH["day"]
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(rf"^(\d{{4}}){_Y}(\d{{1,2}}){_M}(\d{{1,2}})(?:{_D})?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_DATETIME = re.compile(
    rf"^(?P<date>\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{4}}{_Y}\d{{1,2}}{_M}\d{{1,2}}(?:{_D})?)"
    rf"(?:[T\s]*(?P<ampm>{READ_ZH['ampm']})?\s*(?P<h>\d{{1,2}})"
    rf"(?:(?::|{READ_ZH['hour']})(?P<m>\d{{1,2}})?(?:{READ_ZH['minute']})?)?(?::\d{{1,2}})?)?$"
)
_AFTERNOON = tuple(READ_ZH["afternoon"].split("|"))
_MONEY_NOISE = re.compile(
    rf"[\u00a5,\s]|{READ_ZH['money_noise']}|rmb|cny", re.IGNORECASE
)  # after NFKC
_LIST_SPLIT = re.compile(r"[,\uff0c\u3001;\uff1b]")


class AnswerError(WalletError, ValueError):
    """One answer is not acceptable. `code` names the message; `params` fill it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, kw_only=True)
class FieldError:
    """One answer that is not acceptable, with what was given (masked)."""

    field: str
    label: Text | None
    given: str | None  # already masked: an error message must not leak a card number
    code: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Notice:
    """Something the user should know about an accepted answer."""

    field: str
    code: str  # "secret" | "masked" | "ignored"
    params: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Result:
    """A whole answer set checked: the values, every error and every notice."""

    values: dict[str, Any]
    errors: list[FieldError]
    notices: list[Notice]

    @property
    def ok(self) -> bool:
        return not self.errors


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def _as_text(raw: object) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise AnswerError("text")
    return str(raw).strip()


def parse_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise AnswerError("date")
    s = privacy.normalize(raw).strip()
    for pat in _DATE_PATTERNS:
        m = pat.match(s)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise AnswerError("date_invalid") from None
    raise AnswerError("date")


def parse_datetime(raw: object) -> dt.datetime:
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(raw, dt.date):
        return dt.datetime(raw.year, raw.month, raw.day)
    if not isinstance(raw, str):
        raise AnswerError("datetime")
    m = _DATETIME.match(privacy.normalize(raw).strip())
    if not m:
        raise AnswerError("datetime")
    day = parse_date(m["date"])
    hour, minute = int(m["h"] or 0), int(m["m"] or 0)
    if m["ampm"] in _AFTERNOON and hour < 12:
        hour += 12
    try:
        return dt.datetime(day.year, day.month, day.day, hour, minute)
    except ValueError:
        raise AnswerError("datetime") from None


MONEY_MAX_DIGITS = 12


def parse_money(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise AnswerError("money")
    if isinstance(raw, (int, float)):
        s = repr(raw)
    elif isinstance(raw, Decimal):
        s = str(raw)
    elif isinstance(raw, str):
        s = _MONEY_NOISE.sub("", privacy.normalize(raw))
    else:
        raise AnswerError("money")
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        raise AnswerError("money")
    # Decimal's default context holds 28 digits; quantize() beyond that raises.
    # No wallet payment comes near a trillion yuan, so a longer amount is a typo.
    if len(s.split(".")[0].lstrip("0")) > MONEY_MAX_DIGITS:
        raise AnswerError("money_too_large")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise AnswerError("money") from None
    if value != value.quantize(Decimal("0.01")):
        raise AnswerError("money_decimals")
    return value.quantize(Decimal("0.01"))


def parse_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise AnswerError("int")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+", privacy.normalize(raw).strip()):
        return int(privacy.normalize(raw).strip())
    raise AnswerError("int")


def parse_confirm(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = privacy.normalize(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise AnswerError("confirm")


def _choice_id(q: Question, raw: object) -> str:
    """A choice id, or its label in either language (case-insensitive)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise AnswerError("choice")
    low = privacy.normalize(str(raw)).strip().lower()
    for c in q.choices:  # both sides normalised alike: 成功（但没到账） is 成功(但没到账)
        if low == c.id or low in (privacy.normalize(x).strip().lower() for x in (c.zh, c.en)):
            return c.id
    raise AnswerError("choice")


def _split_list(raw: object) -> list[object]:
    if isinstance(raw, (list, tuple)):
        return list(raw)
    if isinstance(raw, str):
        return [p for p in (x.strip() for x in _LIST_SPLIT.split(raw)) if p]
    raise AnswerError("multichoice")


def _check_rules(q: Question, value: Any, today: dt.date) -> None:
    r = q.rules
    if q.type in ("text", "longtext"):
        if r.max_length is not None and len(value) > r.max_length:
            raise AnswerError("max_length", n=str(r.max_length), got=str(len(value)))
        if r.pattern is not None and len(value) > MAX_PATTERN_INPUT:  # bounds matching time
            raise AnswerError("pattern_too_long", n=str(MAX_PATTERN_INPUT), got=str(len(value)))
        if r.pattern is not None and re.fullmatch(r.pattern, value) is None:
            raise AnswerError("pattern", pattern=r.pattern)
    if q.type in ("int", "money"):
        if r.min is not None and value < r.min:
            raise AnswerError("min", min=str(r.min))
        if r.min is None and q.type == "money" and value <= 0:
            raise AnswerError("money_positive")
        if r.max is not None and value > r.max:
            raise AnswerError("max", max=str(r.max))
    if q.type in ("date", "datetime") and r.not_future:
        day = value.date() if isinstance(value, dt.datetime) else value
        if day > today:
            raise AnswerError("future", today=today.isoformat())


def parse_value(q: Question, raw: object, today: dt.date) -> Any:
    """Parse and check one non-blank answer; raises AnswerError with a message code."""
    value: Any
    if q.type in ("text", "longtext"):
        value = _as_text(raw)
    elif q.type == "int":
        value = parse_int(raw)
    elif q.type == "money":
        value = parse_money(raw)
    elif q.type == "date":
        value = parse_date(raw)
    elif q.type == "datetime":
        value = parse_datetime(raw)
    elif q.type == "confirm":
        value = parse_confirm(raw)
    elif q.type == "choice":
        value = _choice_id(q, raw)
    else:  # multichoice
        ids: list[str] = []
        for item in _split_list(raw):
            cid = _choice_id(q, item)
            if cid not in ids:
                ids.append(cid)
        value = ids
    _check_rules(q, value, today)
    if q.role == "sender_phone":
        _check_mobile(value)
    return value


def _check_mobile(value: str) -> None:
    """A mainland mobile number (1, then 3-9) has 11 digits: 138 1234 567 is a typo the
    letter's reader could not call back. Landlines and numbers abroad are left alone."""
    digits = "".join(c for c in value if c.isdigit())
    if value.lstrip().startswith("+") or digits.startswith("00"):
        if not digits.lstrip("0").startswith("86"):
            return  # a number abroad
        digits = digits.lstrip("0")[2:]
    if len(digits) >= 2 and digits[0] == "1" and digits[1] in "3456789" and len(digits) != 11:
        raise AnswerError("mobile_digits", got=str(len(digits)))


def scrub_value(q: Question, value: Any) -> tuple[Any, list[Notice]]:
    """Blank secrets in any free text; mask card, ID and phone numbers where they don't belong.

    Numbers stay whole in the complainant's own contact details, in `pii` answers (masked
    wherever they are shown instead), in structured answers (with a pattern, such as a
    transaction number) and where the playbook says the number is evidence.
    """
    if q.type not in ("text", "longtext"):
        return value, []
    findings: list[privacy.Finding] = []
    text = privacy.mask_secrets(value, findings)
    keep_numbers = q.role in CONTACT or q.pii or q.rules.pattern or not q.mask_numbers
    if not keep_numbers:
        text = privacy.mask_numbers(text, findings)
    notices: list[Notice] = []
    if any(f.kind == "secret" for f in findings):
        notices.append(Notice(field=q.id, code="secret"))
    kinds = sorted({f.kind for f in findings if f.kind != "secret"})
    if kinds:
        notices.append(Notice(field=q.id, code="masked", params={"kinds": ",".join(kinds)}))
    return text, notices


def check_one(q: Question, raw: object, today: dt.date) -> tuple[Any, list[Notice]]:
    """What a prompt calls for each typed answer. Blank means 'not answered' (None)."""
    if is_blank(raw):
        if q.required:
            raise AnswerError("required")
        return None, []
    return scrub_value(q, parse_value(q, raw, today))


def shown(raw: object) -> str:
    """A given value as it may appear in an error message: masked and shortened."""
    text = ", ".join(str(x) for x in raw) if isinstance(raw, (list, tuple)) else str(raw)
    text, _ = privacy.scrub(text)
    return text if len(text) <= 60 else text[:57] + "..."


def parse(questions: Iterable[Question], raw: Mapping[str, object], today: dt.date) -> Result:
    """Validate a whole answer set. Every problem is reported, not just the first."""
    qs = list(questions)
    known = {q.id for q in qs}
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    notices: list[Notice] = []
    for key in raw:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            params = {"suggest": close[0]} if close else {}
            errors.append(
                FieldError(
                    field=key,
                    label=None,
                    given=shown(raw[key]),
                    code="unknown_field",
                    params=params,
                )
            )
    for q in qs:
        given = raw.get(q.id)
        if q.when is not None and not q.when.holds(values):
            if not is_blank(given):
                notices.append(
                    Notice(field=q.id, code="ignored", params={"question": q.when.question})
                )
            continue
        try:
            value, found = check_one(q, given, today)
        except AnswerError as e:
            shown_raw = None if is_blank(given) else shown(given)
            errors.append(
                FieldError(field=q.id, label=q.label, given=shown_raw, code=e.code, params=e.params)
            )
            continue
        if value is not None:
            values[q.id] = value
            notices.extend(found)
    return Result(values=values, errors=errors, notices=notices)


def to_jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as plain JSON/YAML types (dates as ISO strings, money as strings)."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, (dt.date, dt.datetime)):
            out[k] = v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v.isoformat()
        elif isinstance(v, Decimal):
            out[k] = str(v)
        else:
            out[k] = v
    return out
