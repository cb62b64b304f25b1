"""Masking and secret detection: unit cases and properties."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from walletcomplain import privacy


def luhn_complete(body: str) -> str:
    """Append the check digit that makes `body` pass Luhn."""
    for d in "0123456789":
        if privacy.luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


cards = st.integers(12, 18).flatmap(
    lambda n: st.text("0123456789", min_size=n, max_size=n).map(
        lambda b: luhn_complete("6" + b[1:])
    )
)
separators = st.sampled_from(["", " ", "-"])
filler = st.text(alphabet="我的卡号是，已扣款。 abc", max_size=12)


@given(card=cards, before=filler, after=filler)
def test_any_luhn_card_in_text_keeps_only_its_last_four(card: str, before: str, after: str) -> None:
    text, findings = privacy.scrub(f"{before} {card} {after}")
    assert card not in text
    assert f"****{card[-4:]}" in text
    assert any(f.kind == "card" for f in findings)


@given(card=cards, sep=separators)
def test_grouped_card_numbers_are_masked(card: str, sep: str) -> None:
    grouped = sep.join(card[i : i + 4] for i in range(0, len(card), 4))
    text, _ = privacy.scrub(f"卡号 {grouped} 被扣款")
    assert re.search(r"\d{5,}", text.replace(sep, "")) is None


@given(
    phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    prefix=st.sampled_from(["", "+86 ", "0086"]),
)
def test_mobile_numbers_are_masked(phone: str, prefix: str) -> None:
    text, findings = privacy.scrub(f"请打 {prefix}{phone} 联系我")
    assert phone not in text
    assert text.endswith(f"****{phone[-4:]} 联系我")
    assert len(findings) == 1
    if not prefix:  # with a country code it has 13 digits and may pass Luhn: masked either way
        assert findings[0].kind == "phone"


@given(st.text(max_size=200))
def test_scrub_is_idempotent(text: str) -> None:
    once, _ = privacy.scrub(text)
    twice, findings = privacy.scrub(once)
    assert twice == once
    assert not findings


def test_id_number_masked_to_last_four() -> None:
    text, findings = privacy.scrub("身份证 11010519491231002X 张三")
    assert text == "身份证 ****002X 张三"
    assert findings[0].kind == "id_number"


def test_sms_code_and_passwords_are_blanked() -> None:
    for raw, kept in [
        ("验证码 123456", "验证码 ******"),
        ("我的支付密码是abc123", "我的支付密码是******"),
        ("my password is hunter2", "my password is ******"),
        ("PIN: 1234", "PIN: ******"),
        ("短信码:884422 请勿告诉别人", "短信码:****** 请勿告诉别人"),
    ]:
        text, findings = privacy.scrub(raw)
        assert text == kept
        assert findings
        assert findings[0].kind == "secret"


def test_seed_phrase_and_private_key_are_blanked() -> None:
    words = "abandon ability able about above absent absorb abstract absurd abuse access accident"
    text, findings = privacy.scrub(f"客服让我发助记词：{words}")
    assert "abandon" not in text
    assert findings
    key = "0x" + "ab12" * 16
    text, findings = privacy.scrub(f"private key {key}")
    assert key not in text
    assert findings


def test_prose_about_secrets_is_left_alone() -> None:
    for prose in [
        "I did not share my PIN with anyone",
        "对方要验证码，我没有给",
        "工单号 A20261121-0042",
        "交易单号 2026112022001488990011",
        "客服热线 95188",
    ]:
        assert privacy.scrub(prose) == (prose, [])


def test_mask_tail() -> None:
    assert privacy.mask_tail("13800138000") == "****8000"
    assert privacy.mask_tail("maria@example.com") == "****.com"
    assert privacy.mask_tail("12") == "**"


def test_an_id_shaped_card_number_is_reported_as_a_card() -> None:
    # Found by hypothesis: 18 digits that look like an ID but fail its check character
    # and pass Luhn are a card; a real ID (valid check character) stays an ID.
    _, findings = privacy.scrub(" 600000190000000006 ")
    assert [f.kind for f in findings] == ["card"]
    _, findings = privacy.scrub("身份证 11010519491231002X")
    assert [f.kind for f in findings] == ["id_number"]
    assert privacy.id_check_ok("11010519491231002X")
