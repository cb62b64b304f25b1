"""Tests that bite: independent oracles for privacy, answers and escalation.

The card numbers are public test cards (card networks' and payment processors' published
test lists), written out by hand: the test does not build them with the function it tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from walletcomplain import answers, escalation, privacy
from walletcomplain.answers import AnswerError, parse_value
from walletcomplain.cli import app
from walletcomplain.models import Catalog, Question, Rules, Text

from .conftest import TODAY
from .test_cli import RECHARGE, write_example

VALID_CARDS = [
    "4111111111111111",  # Visa
    "4012888888881881",
    "4222222222222",  # Visa, 13 digits
    "4000056655665556",
    "5555555555554444",  # Mastercard
    "5105105105105100",
    "2223003122003222",  # Mastercard 2-series
    "378282246310005",  # Amex, 15 digits
    "371449635398431",
    "378734493671000",
    "6011111111111117",  # Discover
    "6011000990139424",
    "3530111333300000",  # JCB
    "3566002020360505",
    "30569309025904",  # Diners, 14 digits
    "38520000023237",
    "6200000000000005",  # UnionPay
    "6250941006528599",
    "6205500000000000004",  # UnionPay, 19 digits
]
# The same numbers with the last digit changed: none passes the check.
INVALID_CARDS = [c[:-1] + str((int(c[-1]) + k) % 10) for c in VALID_CARDS for k in (1, 5)]


@pytest.mark.parametrize("card", VALID_CARDS)
def test_published_test_cards_pass_luhn_and_are_masked(card: str) -> None:
    assert privacy.luhn_ok(card)
    text, findings = privacy.scrub(f"卡号 {card} 被扣款")
    assert card not in text and f"****{card[-4:]}" in text
    assert [f.kind for f in findings] == ["card"]
    grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    assert privacy.scrub(f"card {grouped} charged")[0] == f"card ****{card[-4:]} charged"


@pytest.mark.parametrize("number", INVALID_CARDS)
def test_near_misses_fail_luhn_and_stay(number: str) -> None:
    assert not privacy.luhn_ok(number)
    text, findings = privacy.scrub(f"order {number} placed")
    if not re.fullmatch(r"1[3-9]\d{9}", number):  # (a mobile-shaped number is masked as such)
        assert text == f"order {number} placed" and findings == []


def test_card_length_bounds() -> None:
    assert privacy.scrub("x 4222222222222 y")[0] == "x ****2222 y"  # 13: the shortest
    assert privacy.scrub("x 6205500000000000004 y")[0] == "x ****0004 y"  # 19: the longest
    twelve = "420000000000"  # 12 digits, Luhn-valid, too short for a card
    assert privacy.luhn_ok(twelve)
    assert privacy.scrub(f"x {twelve} y")[0] == f"x {twelve} y"


# --- secrets ---------------------------------------------------------------------------------

ZH_KEYWORDS = [
    "验证码", "校验码", "动态码", "短信码", "动态密码", "支付密码", "登录密码",
    "交易密码", "取款密码", "密码", "安全码", "口令", "助记词", "私钥",
]  # fmt: skip
EN_KEYWORDS = [
    "password", "passcode", "passwd", "PIN", "OTP", "one-time code", "verification code",
    "SMS code", "security code", "auth code", "CVV", "CVN", "CVC", "seed phrase",
    "recovery phrase", "mnemonic", "private key",
]  # fmt: skip


@pytest.mark.parametrize("kw", ZH_KEYWORDS)
@pytest.mark.parametrize("gap", ["", "是", "：", " 为 "])
def test_every_chinese_secret_keyword(kw: str, gap: str) -> None:
    text, findings = privacy.scrub(f"对方让我说出{kw}{gap}482913x")
    assert "482913" not in text and privacy.SECRET_MASK in text
    assert findings and findings[0].kind == "secret"


@pytest.mark.parametrize("kw", EN_KEYWORDS)
@pytest.mark.parametrize("gap", [" ", ": ", " is ", " was ", "="])
def test_every_english_secret_keyword(kw: str, gap: str) -> None:
    text, findings = privacy.scrub(f"they asked for my {kw}{gap}48x2913 today")
    assert "48x2913" not in text and privacy.SECRET_MASK in text
    assert findings and findings[0].kind == "secret"


SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident"


@pytest.mark.parametrize(
    "lead", ["助记词：", "助记词是 ", "my seed phrase is ", "recovery phrase: ", "mnemonic "]
)
def test_every_seed_word_is_blanked(lead: str) -> None:
    text, findings = privacy.scrub(f"客服让我发 {lead}{SEED}。然后钱没了")
    assert not any(w in text for w in SEED.split()), text
    assert text.endswith("。然后钱没了") and findings


def test_words_without_a_seed_keyword_stay() -> None:
    assert privacy.scrub(f"the words {SEED}")[0] == f"the words {SEED}"


CODE_PHRASES = [
    "code {c}",
    "Code: {c}",
    "the code they sent was {c}",
    "the code that they sent me was {c}",
    "they sent me a code {c} and then called",
    "code was {c}.",
    "短信 {c}",
    "短信{c}",
    "短信里的数字是{c}",
    "短信内容：{c}",
    "发来的码 {c}",
    "收到的号码是 {c}",
]


@given(
    phrase=st.sampled_from(CODE_PHRASES),
    code=st.from_regex(r"\A[0-9]{4,8}\Z"),
    before=st.sampled_from(["", "Then ", "然后", "I told them: "]),
)
def test_codes_in_any_phrasing_are_blanked(phrase: str, code: str, before: str) -> None:
    if re.fullmatch(r"[19]\d{4}", code) and phrase[0] in "短发收":
        code = "4" + code[1:]  # (a 5-digit 95xxx/12xxx after 短信 is a service number)
    text, findings = privacy.scrub(before + phrase.format(c=code))
    assert code not in text, text
    assert findings


@given(code=st.from_regex(r"\A[0-9]{4,6}\Z"))
def test_error_and_postal_codes_stay(code: str) -> None:
    for prose in [f"error code {code}", f"postal code {code}", f"order code: {code}"]:
        assert privacy.scrub(prose)[0] == prose


@pytest.mark.parametrize("service", ["95588", "12363", "95188"])
def test_sms_service_numbers_stay(service: str) -> None:
    assert privacy.scrub(f"短信 {service} 发来扣款通知")[0] == f"短信 {service} 发来扣款通知"


# --- the case log: --ref, --note, --reply, and the contact phone --------------------------------

CARD = "4111 1111 1111 1111"


@pytest.fixture
def logged(runner: CliRunner, tmp_path: Path) -> CliRunner:
    answers_file = write_example(runner, tmp_path)
    assert runner.invoke(app, [*RECHARGE, str(answers_file), "--save"]).exit_code == 0
    for opt, value in [
        ("--ref", f"卡号 {CARD}"),
        ("--ref", "code 482913"),
        ("--note", "验证码 736251 给了对方"),
        ("--reply", f"客服说把短信 915263 和卡号 {CARD} 发给他"),
    ]:
        result = runner.invoke(app, ["cases", "log", "1", "-c", "hotline", opt, value])
        assert result.exit_code == 0, result.output
    return runner


SECRETS = ["4111111111111111", CARD, "482913", "736251", "915263"]


@pytest.mark.parametrize(
    "args",
    [
        ["cases", "show", "1"],
        ["cases", "show", "1", "--json"],
        ["cases", "export", "1"],
        ["cases", "export", "1", "-f", "json"],
        ["cases", "escalate", "1", "--to", "pboc"],
    ],
)
def test_ref_note_and_reply_are_masked_everywhere(logged: CliRunner, args: list[str]) -> None:
    result = logged.invoke(app, args)
    assert result.exit_code == 0, result.output
    for secret in SECRETS:
        assert secret not in result.output, (secret, args)
    assert "****1111" in result.output


def test_contact_phone_only_on_the_letters_contact_line(logged: CliRunner, tmp_path: Path) -> None:
    phone = "13800138000"
    md = logged.invoke(app, ["cases", "export", "1"]).stdout
    assert md.count(phone) == 1  # the letter's own contact line, quoted in the export
    assert re.search(rf"^(联系电话|Phone)：?:? ?{phone}$", md, re.M)
    data = json.loads(logged.invoke(app, ["cases", "export", "1", "-f", "json"]).stdout)
    assert data["answers"]["contact_phone"] == "****8000"
    assert data["answers"]["contact_name"] == "张三"  # a name has no number to mask
    answers_file = write_example(logged, tmp_path)
    out = json.loads(logged.invoke(app, [*RECHARGE, str(answers_file), "-f", "json"]).stdout)
    assert out["answers"]["contact_phone"] == "****8000"
    assert phone in out["letter"]["text"]
    text = logged.invoke(app, [*RECHARGE, str(answers_file)])
    assert text.stdout.count(phone) == 1 and phone not in text.stderr


def test_contact_phone_help_says_what_is_true(cat: Catalog) -> None:
    q = cat.playbooks["recharge"].question("contact_phone")
    assert q is not None and q.help is not None
    assert "letter's contact line" in q.help.en and "last 4 digits" in q.help.en
    assert "case log" in q.help.en and "everywhere else" not in q.help.en


def test_mask_contact() -> None:
    assert privacy.mask_contact("13800138000") == "****8000"
    assert privacy.mask_contact("010-6512 3456") == "****3456"
    assert privacy.mask_contact("张三") == "张三"
    assert privacy.mask_contact("123456") == "123456"  # too short to be a phone number


# --- answers ---------------------------------------------------------------------------------

T = Text(zh="标签", en="label")


def q(type_: str, **kw: object) -> Question:
    return Question(id="x", type=type_, label=T, prompt=T, **kw)  # type: ignore[arg-type]


def test_today_is_not_the_future() -> None:
    question = q("date", rules=Rules(not_future=True))
    assert parse_value(question, TODAY.isoformat(), TODAY) == TODAY
    with pytest.raises(AnswerError) as e:
        parse_value(question, (TODAY + dt.timedelta(days=1)).isoformat(), TODAY)
    assert e.value.code == "future"


@pytest.mark.parametrize(
    "raw", ["2026-1-5", "2026/1/5", "2026年1月5日", "2026年1月5号", "2026.1.5"]
)
def test_single_digit_months_and_days(raw: str) -> None:
    assert answers.parse_date(raw) == dt.date(2026, 1, 5)
    assert answers.parse_date(
        raw.replace("-1-", "-10-")
        .replace("/1/", "/10/")
        .replace("年1月", "年10月")
        .replace(".1.", ".10.")
    ) == dt.date(2026, 10, 5)


def test_bounds_are_inclusive() -> None:
    question = q("int", rules=Rules(min=Decimal(1), max=Decimal(10)))
    assert parse_value(question, "10", TODAY) == 10
    assert parse_value(question, "1", TODAY) == 1
    for raw, code in [("11", "max"), ("0", "min")]:
        with pytest.raises(AnswerError) as e:
            parse_value(question, raw, TODAY)
        assert e.value.code == code
    money = q("money", rules=Rules(max=Decimal("100.00")))
    assert parse_value(money, "100", TODAY) == Decimal("100.00")
    with pytest.raises(AnswerError) as e:
        parse_value(money, "100.01", TODAY)
    assert e.value.code == "max"


def test_max_length_bound_is_inclusive() -> None:
    question = q("text", rules=Rules(max_length=4))
    assert parse_value(question, "abcd", TODAY) == "abcd"
    with pytest.raises(AnswerError):
        parse_value(question, "abcde", TODAY)


# --- escalation -------------------------------------------------------------------------------


@pytest.mark.parametrize("provider_id", ["alipay", "wechatpay", "jdpay", "unionpay"])
def test_hotline_first_whatever_the_yaml_order(cat: Catalog, provider_id: str) -> None:
    p = cat.directory.provider(provider_id)
    assert p is not None
    kinds = {c.kind for c in p.channels}
    assert "hotline" in kinds
    for order in (
        list(reversed(p.channels)),
        sorted(p.channels, key=lambda c: c.kind == "hotline"),
    ):
        shuffled = dataclasses.replace(p, channels=order)
        plan = escalation.plan(cat.directory, shuffled, cat.playbooks["recharge"])
        assert plan.channels[0].kind == "hotline"
        assert plan.steps[0].channels[0].kind == "hotline"
        if "in_app" in kinds:  # then in the app, before the web and e-mail
            assert next(c.kind for c in plan.channels if c.kind != "hotline") == "in_app"


# --- every alternative of the code phrasings (each one once: a dropped one is noticed) ------

PRONOUNS = ["they", "that", "which", "he", "she", "it", "you", "i", "we", "the bank", "the app"]
VERBS = ["sent", "texted", "gave", "got", "received", "sent me", "sent us", "gave me"]


@pytest.mark.parametrize("who", PRONOUNS)
def test_code_after_each_pronoun(who: str) -> None:
    assert privacy.scrub(f"the code {who} sent was 482913")[0] == f"the code {who} sent was ******"


@pytest.mark.parametrize("verb", VERBS)
def test_code_after_each_verb(verb: str) -> None:
    assert "482913" not in privacy.scrub(f"the code they {verb} is 482913")[0]


@pytest.mark.parametrize("tail", ["me", "us", "you"])
@pytest.mark.parametrize("link", ["is", "was", "were", ":", "="])
def test_code_object_and_link(tail: str, link: str) -> None:
    assert "482913" not in privacy.scrub(f"the codes they sent {tail} {link} 482913")[0]


NOT_SECRET = [
    "error", "postal", "post", "zip", "area", "country", "order", "promo", "coupon", "discount",
    "product", "tracking", "qr", "bar", "status", "reason", "swift", "bank", "branch", "merchant",
]  # fmt: skip


@pytest.mark.parametrize("word", NOT_SECRET)
@pytest.mark.parametrize("sep", [" ", "-", ": "])
def test_codes_that_are_facts_stay(word: str, sep: str) -> None:
    prose = f"the {word}{sep}code 602731 was shown"
    assert privacy.scrub(prose) == (prose, [])


def test_only_a_bare_code_looks_at_the_word_before() -> None:
    assert privacy.scrub("my bank password is abc123")[0] == "my bank password is ******"
    assert privacy.scrub("error pin 4821")[0] == "error pin ******"


@pytest.mark.parametrize(
    "text",
    [
        "短信：{c}", "短信:{c}", "短信为{c}", "短信中的数字是{c}", "短信里的码{c}",
        "短信内容 {c}", "信息：{c}", "信息是 {c}", "发来的是{c}", "发来的号码 {c}",
        "收到的是 {c}", "收到的数字为{c}",
    ],
)  # fmt: skip
def test_each_chinese_code_phrasing(text: str) -> None:
    out, findings = privacy.scrub(text.format(c="482913"))
    assert "482913" not in out and findings


@pytest.mark.parametrize("lead", ["短信", "信息", "发来的", "收到的"])
@pytest.mark.parametrize("service", ["95588", "12363", "10086"])
def test_service_numbers_after_each_lead_stay(lead: str, service: str) -> None:
    prose = f"{lead} {service} 说已经扣款"
    assert privacy.scrub(prose) == (prose, [])
    assert "48291" not in privacy.scrub(f"{lead} 48291 说")[0]  # 5 digits, not a service number


@pytest.mark.parametrize("gap", [":", "=", "为", "是", "："])
def test_every_chinese_gap(gap: str) -> None:
    assert privacy.scrub(f"验证码{gap}482913")[0] == f"验证码{gap}******"
    assert SEED.split()[5] not in privacy.scrub(f"助记词{gap}{SEED}")[0]


def test_already_masked_is_left_as_it_is() -> None:
    for text in ["验证码 ******", "my password is ******", "code: ******"]:
        assert privacy.scrub(text) == (text, [])


def test_hex_key_is_a_secret_of_exactly_64_digits() -> None:
    key = "ab12" * 16
    text, findings = privacy.scrub(f"key 0x{key} end")
    assert text == "key ****** end" and [f.kind for f in findings] == ["secret"]
    for near in ("ab12" * 16 + "a", ("ab12" * 16)[:-1]):
        assert near in privacy.scrub(f"x {near} y")[0]


def test_ordinary_text_never_runs_the_secret_patterns() -> None:
    """The keyword check comes first, so that ordinary text costs nothing (a fast path
    that a dropped or emptied keyword would silently turn off)."""
    privacy._secret_patterns.cache_clear()
    for prose in ["交易单号 2026112022001488990011", "I paid 200 yuan on 20 November", "张三"]:
        privacy.scrub(prose)
    assert privacy._secret_patterns.cache_info().misses == 0
    privacy.scrub("验证码 482913")
    assert privacy._secret_patterns.cache_info().misses == 1


def test_mask_tail_keeps_only_letters_digits_and_address_marks() -> None:
    assert privacy.mask_tail("1234") == "****"  # four or fewer: all hidden
    assert privacy.mask_tail("12345") == "****2345"
    assert privacy.mask_tail("abc-12 34!") == "****1234"
    assert privacy.mask_tail("user_name@mail.example-1.cn") == "****1.cn"
    assert privacy.mask_tail("a@b_c-d.e") == "****-d.e"
    assert privacy.mask_tail("!!!") == "***"


def test_mask_contact_threshold() -> None:
    assert privacy.mask_contact("651 2345") == "****2345"  # seven digits: a phone number
    assert privacy.mask_contact("51 2345") == "51 2345"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("call 13800138000 now", "phone"),
        ("call +86 138 0013 8000 now", "phone"),
        ("call 0086-13800138000 now", "phone"),
        ("call +44 20 7946 0958 now", "phone"),
        ("id 11010519491231002X ok", "id_number"),
        ("card 4111111111111111 ok", "card"),
    ],
)
def test_each_kind_of_number(text: str, kind: str) -> None:
    out, findings = privacy.scrub(text)
    assert [f.kind for f in findings] == [kind]
    assert re.search(r"\*\*\*\*\w{4} (now|ok)$", out), out


# --- answers: every accepted spelling, written out by hand ----------------------------------

YES = [
    "y",
    "yes",
    "true",
    "t",
    "1",
    "on",
    "是",
    "是的",
    "对",
    "有",
    "对的",
    "确认",
    "好",
    "YES",
    "Ｙ",
]
NO = ["n", "no", "false", "f", "0", "off", "否", "不", "不是", "没有", "无", "没", "No", "ＮＯ"]


@pytest.mark.parametrize("word", YES)
def test_every_yes(word: str) -> None:
    assert answers.parse_confirm(word) is True
    assert answers.parse_confirm(f"  {word} ") is True


@pytest.mark.parametrize("word", NO)
def test_every_no(word: str) -> None:
    assert answers.parse_confirm(word) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "是不是", "", 2, None, 0.5])
def test_not_yes_or_no(raw: object) -> None:
    with pytest.raises(AnswerError):
        answers.parse_confirm(raw)


@pytest.mark.parametrize(
    "raw",
    ["¥200", "￥200", "200元", "人民币200", "RMB 200", "rmb200", "CNY 200", "200 cny", " 200 ",
     "2,000", "２００元", 200, 200.0, Decimal("200")],
)  # fmt: skip
def test_every_money_spelling(raw: object) -> None:
    expected = Decimal("2000.00") if raw == "2,000" else Decimal("200.00")  # "," groups thousands
    assert answers.parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["-5", "abc", "1e3", "12.345", True, None, [], "200美元"])
def test_money_refused(raw: object) -> None:
    with pytest.raises(AnswerError):
        answers.parse_money(raw)


@pytest.mark.parametrize("sep", [",", "，", "、", ";", "；"])
def test_every_list_separator(sep: str) -> None:
    assert answers._split_list(f"a{sep} b{sep}{sep}c") == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-20 20:15", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026/11/20 20:15:30", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026.11.20T08:05", dt.datetime(2026, 11, 20, 8, 5)),
        ("2026-11-20", dt.datetime(2026, 11, 20, 0, 0)),
        ("2026年11月20日 晚上8点15分", dt.datetime(2026, 11, 20, 20, 15)),
        ("2026年11月20日下午3点", dt.datetime(2026, 11, 20, 15, 0)),
        ("2026年11月20号 上午9时30", dt.datetime(2026, 11, 20, 9, 30)),
        ("2026年11月20日 晚上12点", dt.datetime(2026, 11, 20, 12, 0)),
        ("2026-11-20 23:59", dt.datetime(2026, 11, 20, 23, 59)),
    ],
)
def test_datetimes_every_form(raw: str, expected: dt.datetime) -> None:
    assert answers.parse_datetime(raw) == expected


@pytest.mark.parametrize("raw", ["2026-11-20 24:00", "2026-11-20 12:60", "2026-02-30 10:00", "8点"])
def test_datetimes_refused(raw: str) -> None:
    with pytest.raises(AnswerError):
        answers.parse_datetime(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026.11.20", dt.date(2026, 11, 20)), ("2026年11月20", dt.date(2026, 11, 20)),
     (dt.datetime(2026, 11, 20, 8, 0), dt.date(2026, 11, 20))],
)  # fmt: skip
def test_dates_every_form(raw: object, expected: dt.date) -> None:
    assert answers.parse_date(raw) == expected


def test_money_positive_and_min_rules() -> None:
    money = q("money")
    with pytest.raises(AnswerError) as e:
        parse_value(money, "0", TODAY)
    assert e.value.code == "money_positive"
    assert parse_value(money, "0.01", TODAY) == Decimal("0.01")
    floor = q("money", rules=Rules(min=Decimal("0")))
    assert parse_value(floor, "0", TODAY) == Decimal("0.00")  # a min replaces "positive"


def test_int_forms() -> None:
    assert answers.parse_int("+7") == 7 and answers.parse_int("-3") == -3
    assert answers.parse_int(" １２ ") == 12 and answers.parse_int(5) == 5
    for raw in ("1.5", "x", True, None, "1 2"):
        with pytest.raises(AnswerError):
            answers.parse_int(raw)


def test_shown_is_masked_and_short() -> None:
    assert answers.shown("4111111111111111") == "****1111"
    assert answers.shown(["a", "b"]) == "a, b"
    long = answers.shown("x" * 100)
    assert len(long) == 60 and long.endswith("...")
    assert answers.shown("y" * 60) == "y" * 60


def test_to_jsonable() -> None:
    out = answers.to_jsonable(
        {
            "d": dt.date(2026, 1, 5),
            "t": dt.datetime(2026, 1, 5, 8, 30),
            "m": Decimal("2.50"),
            "s": "x",
        }
    )
    assert out == {"d": "2026-01-05", "t": "2026-01-05 08:30:00", "m": "2.50", "s": "x"}


# --- answers: the codes and parameters every error message is built from --------------------

from walletcomplain.models import Choice, When  # noqa: E402


def code_of(question: Question, raw: object) -> tuple[str, dict[str, str]]:
    with pytest.raises(AnswerError) as e:
        parse_value(question, raw, TODAY)
    return e.value.code, e.value.params


def test_error_codes_and_params() -> None:
    assert code_of(q("text"), ["a"]) == ("text", {})
    assert code_of(q("text"), True) == ("text", {})
    assert code_of(q("datetime"), 5) == ("datetime", {})
    assert code_of(q("datetime"), "soon") == ("datetime", {})
    assert code_of(q("datetime"), "2026-11-20 25:00") == ("datetime", {})
    assert code_of(q("money"), "abc") == ("money", {})
    assert code_of(q("money"), [1]) == ("money", {})
    assert code_of(q("confirm"), "maybe") == ("confirm", {})
    assert code_of(q("text", rules=Rules(max_length=4)), "abcde") == (
        "max_length",
        {"n": "4", "got": "5"},
    )
    assert code_of(q("longtext", rules=Rules(max_length=2)), "abc") == (
        "max_length",
        {"n": "2", "got": "3"},
    )
    long = "a" * 1001
    assert code_of(q("text", rules=Rules(pattern=r"^a{1,2000}$")), long) == (
        "pattern_too_long",
        {"n": "1000", "got": "1001"},
    )
    assert parse_value(q("text", rules=Rules(pattern=r"^a{1,2000}$")), "a" * 1000, TODAY)
    assert code_of(q("text", rules=Rules(pattern=r"^\d$")), "x") == (
        "pattern",
        {"pattern": r"^\d$"},
    )
    assert code_of(q("int", rules=Rules(min=Decimal(2))), "1") == ("min", {"min": "2"})
    assert code_of(q("int", rules=Rules(max=Decimal(2))), "3") == ("max", {"max": "2"})
    future = TODAY + dt.timedelta(days=1)
    for t_, raw in (("date", future.isoformat()), ("datetime", f"{future.isoformat()} 09:00")):
        assert code_of(q(t_, rules=Rules(not_future=True)), raw) == (
            "future",
            {"today": TODAY.isoformat()},
        )


CH = [
    Choice(id="in_app", zh="App 内客服", en="1"),  # a label YAML may read as a number
    Choice(id="hotline", zh="热线", en="Hotline"),
]


def test_choice_forms() -> None:
    choice = q("choice", choices=CH)
    assert parse_value(choice, 1, TODAY) == "in_app"
    assert parse_value(choice, "app 内客服", TODAY) == "in_app"  # a Chinese label, any case
    assert parse_value(choice, "HOTLINE", TODAY) == "hotline"
    assert code_of(choice, True) == ("choice", {})
    assert code_of(choice, "mail") == ("choice", {})
    many = q("multichoice", choices=CH)
    assert parse_value(many, ("hotline", "1", "hotline"), TODAY) == ["hotline", "in_app"]
    assert code_of(many, 5) == ("multichoice", {})


def test_confirm_numbers_and_datetimes_with_zones() -> None:
    assert answers.parse_confirm(0) is False and answers.parse_confirm(1) is True
    aware = dt.datetime(2026, 11, 20, 8, 30, 45, 123, tzinfo=dt.timezone.utc)
    got = answers.parse_datetime(aware)
    assert got == dt.datetime(2026, 11, 20, 8, 30) and got.tzinfo is None
    assert answers.parse_money("0000000000000001") == Decimal("1.00")  # leading zeros
    assert code_of(q("money"), "1" + "0" * 12) == ("money_too_large", {})


def test_blank() -> None:
    blanks: list[object] = [None, "", "  ", []]
    for blank in blanks:
        assert answers.is_blank(blank)
    for value in ("x", 0, False, ["a"]):
        assert not answers.is_blank(value)


def test_free_text_is_scrubbed_with_notices() -> None:
    value, notices = answers.check_one(q("text"), "验证码 482913，卡 4111111111111111", TODAY)
    assert "482913" not in value and "4111111111111111" not in value
    assert [(n.code, n.params) for n in notices] == [
        ("secret", {}),
        ("masked", {"kinds": "card"}),
    ]
    _, notices = answers.check_one(q("longtext"), "卡 4111111111111111 电话 13800138000", TODAY)
    assert [(n.code, n.params) for n in notices] == [("masked", {"kinds": "card,phone"})]
    assert answers.check_one(q("int"), "5", TODAY) == (5, [])


def test_contact_fields_keep_their_numbers() -> None:
    """The complainant's own name and phone (their role, whatever the id) stay as typed."""
    for role in ("sender_name", "sender_phone"):
        contact = Question(id="any_id", type="text", label=T, prompt=T, role=role)
        value, notices = answers.check_one(contact, "张三 13800138000", TODAY)
        assert value == "张三 13800138000" and notices == []
    other = Question(id="contact_phone", type="text", label=T, prompt=T)  # no role: masked
    assert answers.check_one(other, "张三 13800138000", TODAY)[0] != "张三 13800138000"


def test_ignored_answer_names_its_condition() -> None:
    a = Question(id="a", type="confirm", label=T, prompt=T)
    b = Question(id="b", type="text", label=T, prompt=T, when=When(question="a", equals=True))
    result = answers.parse([a, b], {"a": "no", "b": "x"}, TODAY)
    assert [(n.field, n.code, n.params) for n in result.notices] == [
        ("b", "ignored", {"question": "a"})
    ]


def test_shown_bounds() -> None:
    assert answers.shown(("a", "b")) == "a, b"
    assert answers.shown("y" * 61) == "y" * 57 + "..."
