"""The one answers path: types, rules, conditions, every error at once."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletcomplain import answers, catalog
from walletcomplain.answers import AnswerError, FieldError, check_one, parse_value
from walletcomplain.messages import describe_error
from walletcomplain.models import Catalog, Choice, Playbook, Question, Rules, Text, When

from .conftest import TODAY, example_answers

T = Text(zh="标签", en="label")


def q(type_: str, **kw: object) -> Question:
    return Question(id="x", type=type_, label=T, prompt=T, **kw)  # type: ignore[arg-type]


CHOICES = [
    Choice(id="hotline", zh="客服热线", en="hotline"),
    Choice(id="in_app", zh="App 内客服", en="in-app"),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-20", dt.date(2026, 11, 20)),
        ("2026/11/20", dt.date(2026, 11, 20)),
        ("2026年11月20日", dt.date(2026, 11, 20)),
        ("2026年11月2号", dt.date(2026, 11, 2)),
        ("２０２６年１１月２０日", dt.date(2026, 11, 20)),  # full-width digits from a Chinese IME
        (dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
        ("20261120", dt.date(2026, 11, 20)),
    ],
)
def test_dates(raw: object, expected: dt.date) -> None:
    assert parse_value(q("date"), raw, TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [("2026-13-01", "date_invalid"), ("yesterday", "date"), ("2026-11-23", "future"), (12, "date")],
)
def test_bad_dates(raw: object, code: str) -> None:
    with pytest.raises(AnswerError) as e:
        parse_value(q("date"), raw, TODAY)
    assert e.value.code == code


def test_future_dates_allowed_when_rule_says_so() -> None:
    assert parse_value(q("date", rules=Rules(not_future=False)), "2027-01-01", TODAY) == dt.date(
        2027, 1, 1
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-20 20:15", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026-11-20T08:05", dt.datetime(2026, 11, 20, 8, 5)),
        ("2026年11月20日 晚上8点15分", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026年11月20日20:15", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026-11-20", dt.datetime(2026, 11, 20)),
    ],
)
def test_datetimes(raw: str, expected: dt.datetime) -> None:
    assert parse_value(q("datetime"), raw, TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("200", "200.00"),
        ("99.5", "99.50"),
        ("¥1,520.35", "1520.35"),
        ("200元", "200.00"),
        ("２００", "200.00"),
        (200, "200.00"),
        (12.5, "12.50"),
        ("RMB 3000", "3000.00"),
    ],
)
def test_money(raw: object, expected: str) -> None:
    assert parse_value(q("money"), raw, TODAY) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("abc", "money"),
        ("0", "money_positive"),
        ("-5", "money"),
        ("1.234", "money_decimals"),
        (True, "money"),
        # 27+ integer digits once raised decimal.InvalidOperation ("internal error", exit 1)
        ("1" * 27, "money_too_large"),
        ("100000000000000000000000000", "money_too_large"),
        ("9" * 13, "money_too_large"),
        (10**30, "money_too_large"),
    ],
)
def test_bad_money(raw: object, code: str) -> None:
    with pytest.raises(AnswerError) as e:
        parse_value(q("money"), raw, TODAY)
    assert e.value.code == code


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2))
def test_any_two_decimal_amount_round_trips(amount: Decimal) -> None:
    assert parse_value(q("money"), str(amount), TODAY) == amount


@given(st.from_regex(r"\A[0-9]{1,60}(\.[0-9]{1,40})?\Z"))
def test_long_digit_strings_never_crash(raw: str) -> None:
    code = None
    try:
        value = parse_value(q("money"), raw, TODAY)
    except AnswerError as e:
        code = e.code
    if code is None:
        assert len(str(int(value))) <= 12
    else:
        assert code in {"money_too_large", "money_decimals", "money_positive"}


def test_twelve_digits_is_the_largest_amount() -> None:
    assert parse_value(q("money"), "9" * 12, TODAY) == Decimal("9" * 12)


@given(st.text(max_size=30))
def test_money_never_crashes(raw: str) -> None:
    try:
        value = parse_value(q("money"), raw, TODAY)
    except AnswerError:
        return
    assert value > 0
    assert value == value.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True),
        ("y", True),
        ("YES", True),
        ("否", False),
        ("没有", False),
        (False, False),
        ("n", False),
    ],
)
def test_confirm(raw: object, expected: bool) -> None:
    assert parse_value(q("confirm"), raw, TODAY) is expected


def test_choice_by_id_or_label_in_either_language() -> None:
    question = q("choice", choices=CHOICES)
    assert parse_value(question, "hotline", TODAY) == "hotline"
    assert parse_value(question, "App 内客服", TODAY) == "in_app"
    assert parse_value(question, "In-App", TODAY) == "in_app"
    with pytest.raises(AnswerError):
        parse_value(question, "phone", TODAY)


def test_multichoice_takes_lists_and_comma_strings_in_any_punctuation() -> None:
    question = q("multichoice", choices=CHOICES)
    assert parse_value(question, ["hotline", "in_app"], TODAY) == ["hotline", "in_app"]
    assert parse_value(question, "hotline，in_app", TODAY) == ["hotline", "in_app"]
    assert parse_value(question, "客服热线、hotline", TODAY) == ["hotline"]


def test_text_rules() -> None:
    question = q("text", rules=Rules(pattern=r"^\d{4}$", max_length=4))
    assert parse_value(question, 6789, TODAY) == "6789"  # YAML reads unquoted digits as int
    with pytest.raises(AnswerError) as e:
        parse_value(question, "12345", TODAY)
    assert e.value.code == "max_length"
    with pytest.raises(AnswerError) as e:
        parse_value(question, "12a4", TODAY)
    assert e.value.code == "pattern"


def test_int_rules() -> None:
    question = q("int", rules=Rules(min=Decimal(1), max=Decimal(10)))
    assert parse_value(question, "７", TODAY) == 7
    for raw, code in [("0", "min"), ("11", "max"), ("x", "int"), (True, "int")]:
        with pytest.raises(AnswerError) as e:
            parse_value(question, raw, TODAY)
        assert e.value.code == code


def test_every_problem_is_reported_at_once(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    raw = example_answers(cat, "recharge")
    raw.update({"amount": "abc", "incident_date": "2030-01-01", "amout": "5"})
    del raw["what_happened"]
    result = answers.parse(pb.questions, raw, TODAY)
    got = {e.field: e.code for e in result.errors}
    assert got == {
        "amount": "money",
        "incident_date": "future",
        "amout": "unknown_field",
        "what_happened": "required",
    }
    typo = next(e for e in result.errors if e.field == "amout")
    assert "Did you mean amount" in describe_error(typo, None, "en")
    msg = describe_error(
        next(e for e in result.errors if e.field == "amount"), pb.question("amount"), "zh"
    )
    assert msg.startswith("amount（金额）：收到「abc」；应为大于 0 的金额")


def test_when_skips_and_ignores(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    raw = example_answers(cat, "recharge")
    raw["bank_deducted"] = "否"
    result = answers.parse(pb.questions, raw, TODAY)
    assert result.ok
    assert "bank_card_last4" not in result.values
    assert any(n.code == "ignored" and n.field == "bank_card_last4" for n in result.notices)


def test_conditional_question_is_required_when_it_applies(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    raw = example_answers(cat, "recharge")
    del raw["bank_card_last4"]
    result = answers.parse(pb.questions, raw, TODAY)
    assert [(e.field, e.code) for e in result.errors] == [("bank_card_last4", "required")]


def test_secret_in_free_text_is_masked_with_a_notice(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    raw = example_answers(cat, "recharge")
    raw["what_happened"] = "客服让我报验证码 884422，卡号 6222021234567890128 也被要走了"
    result = answers.parse(pb.questions, raw, TODAY)
    assert "884422" not in result.values["what_happened"]
    assert {n.code for n in result.notices} >= {"secret", "masked"}


def test_error_messages_never_echo_a_full_card_number(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    raw = example_answers(cat, "recharge")
    raw["bank_card_last4"] = "6222021234567890128"
    result = answers.parse(pb.questions, raw, TODAY)
    err = result.errors[0]
    assert err.given == "****0128"


def test_when_holds() -> None:
    assert When(question="a", equals=True).holds({"a": True})
    assert not When(question="a", equals=True).holds({})
    assert When(question="a", one_of=["x", "y"]).holds({"a": "y"})
    assert When(question="a", includes="x").holds({"a": ["x"]})
    with pytest.raises(ValueError, match="exactly one"):
        When(question="a")


@functools.cache
def recharge() -> Playbook:
    return catalog.load(use_cache=False, today=TODAY).playbooks["recharge"]


@given(
    st.dictionaries(
        st.sampled_from(["amount", "incident_date", "target", "bank_deducted", "junk"]),
        st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none()),
        max_size=5,
    )
)
def test_parse_never_raises_and_accepted_values_parse_again(raw: dict[str, object]) -> None:
    pb = recharge()
    result = answers.parse(pb.questions, raw, TODAY)
    assert {e.field for e in result.errors} | set(result.values) <= {q.id for q in pb.questions} | {
        "junk"
    }
    for key, value in result.values.items():
        question = pb.question(key)
        assert question is not None
        assert answers.parse_value(question, value, TODAY) == value


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("138 1234 567", False),  # a mobile one digit short (new-user run)
        ("1381234567890", False),
        ("13812345678", True),
        ("+86 138 1234 5678", True),
        ("0571-88888888", True),  # a landline
        ("+44 20 7946 0958", True),  # abroad
    ],
)
def test_a_mobile_number_needs_eleven_digits(cat: Catalog, typed: str, ok: bool) -> None:
    q = cat.playbooks["recharge"].question("contact_phone")
    assert q is not None
    if ok:
        assert check_one(q, typed, TODAY)[0] == typed
    else:
        with pytest.raises(AnswerError) as e:
            check_one(q, typed, TODAY)
        assert e.value.code == "mobile_digits"
        assert "11 位数字的手机号" in describe_error(
            FieldError(
                field=q.id, label=q.label, given=typed, code="mobile_digits", params=e.value.params
            ),
            q,
            "zh",
        )
