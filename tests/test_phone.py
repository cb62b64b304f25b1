"""check-number: normalisation (properties), verdicts, exit codes, JSON, both languages."""

from __future__ import annotations

import functools
import json
import unicodedata
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from walletcomplain import catalog, phone
from walletcomplain.cli import app
from walletcomplain.models import to_data

from .conftest import TODAY


@functools.cache
def load_directory() -> dict[str, Any]:
    data: dict[str, Any] = to_data(catalog.load(use_cache=False, today=TODAY).directory)
    return data


@pytest.fixture
def directory() -> dict[str, Any]:
    return load_directory()


def official_numbers(d: dict[str, Any]) -> list[str]:
    return [
        c["value"]
        for g in ("providers", "authorities")
        for x in d[g]
        for c in x["channels"]
        if c["kind"] == "hotline"
    ]


FULL_WIDTH = str.maketrans("0123456789+-", "０１２３４５６７８９＋－")


def dressed(number: str, draw: st.DrawFn) -> str:
    """The same number as people type or paste it: prefixes, spacing, full-width, an extension."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.startswith("+86"):
        digits = digits[2:]
    body = digits
    sep = draw(st.sampled_from(["", " ", "-", " - "]))
    if len(body) > 6:
        cut = draw(st.integers(1, len(body) - 1))
        body = body[:cut] + sep + body[cut:]
    prefix = draw(st.sampled_from(["", "+86 ", "+86", "0086 ", "0086-"]))
    if body.startswith(("57", "10")) and not prefix:
        prefix = "0"  # a domestic area code keeps its trunk 0
    text = prefix + body
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text += draw(st.sampled_from([" 转7", "转7", " ext. 7", "#7"]))
    return text


@st.composite
def any_official(draw: st.DrawFn, numbers: list[str]) -> tuple[str, str]:
    number = draw(st.sampled_from(numbers))
    return number, dressed(number, draw)


def test_examples(directory: dict[str, Any]) -> None:
    jd = phone.lookup(directory, "+86 400-606-5500 转7")
    assert jd.verdict == "official" and jd.matches[0].owner_id == "jdpay"
    assert jd.number.extension == "7"
    assert phone.lookup(directory, "17012345678").verdict == "not_found"
    assert phone.lookup(directory, "０５７１－９５１８８").matches[0].owner_id == "alipay"
    police = phone.lookup(directory, "010-96110")
    assert police.verdict == "official" and police.matches[0].via_area_code
    assert phone.lookup(directory, "0096110").verdict == "wary"
    assert phone.lookup(directory, "+1 96110").verdict == "wary"
    assert phone.lookup(directory, "95055").verdict == "wary"
    for bad in ["abc", "", "12", "95188x", "++8695188"]:
        with pytest.raises(phone.InvalidNumber):
            phone.lookup(directory, bad)


def test_any_formatting_of_an_official_number_is_found(directory: dict[str, Any]) -> None:
    numbers = official_numbers(directory)

    @given(any_official(numbers))
    def check(case: tuple[str, str]) -> None:
        number, typed = case
        result = phone.lookup(directory, typed)
        assert result.verdict == "official", typed
        assert any(m.channel["value"] == number or m.via_area_code for m in result.matches), typed

    check()


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_random_mobiles_are_not_official(mobile: str) -> None:
    directory = load_directory()
    assert phone.lookup(directory, mobile).verdict == "not_found"


@given(st.text(alphabet="0123456789", min_size=7, max_size=12))
def test_random_numbers_are_never_official_unless_they_hold_a_service_number(digits: str) -> None:
    directory = load_directory()
    known = {phone.normalize(n).national for n in official_numbers(directory)}
    national = digits.lstrip("0")
    assume(len(national) >= 3)
    assume(not any(national.endswith(k) for k in known))
    assert phone.lookup(directory, digits).verdict != "official"


@given(st.text(max_size=20))
def test_normalize_never_crashes(raw: str) -> None:
    try:
        n = phone.normalize(raw)
    except phone.InvalidNumber:
        return
    assert n.national.isdigit()
    assert unicodedata.normalize("NFKC", n.national) == n.national


@pytest.mark.parametrize(
    ("number", "code", "needle"),
    [
        ("+86 400-606-5500 转7", 0, "京东的综合客服热线"),
        ("17012345678", 3, "不在官方号码目录里"),
        ("0096110", 4, "区号 + 96110"),
        ("not a number", 2, "无法识别"),
    ],
)
def test_cli_exit_codes(runner: CliRunner, number: str, code: int, needle: str) -> None:
    result = runner.invoke(app, ["check-number", number])
    assert result.exit_code == code
    assert needle in result.output
    if code in (0, 3, 4):
        assert "挂断电话，自己拨打" in result.stdout  # the rules, every time


def test_cli_says_the_source_in_the_readers_language(runner: CliRunner) -> None:
    zh = runner.invoke(app, ["check-number", "95188"]).stdout
    en = runner.invoke(app, ["check-number", "95188", "--lang", "en"]).stdout
    assert "来源：多个公开网页（核对于 " in zh and "several" not in zh
    assert "Source: several public web pages (checked " in en


def test_cli_not_found_shows_the_checklist_in_english(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check-number", "17012345678", "--lang", "en"])
    assert result.exit_code == 3
    assert "Scam signs" in result.stdout and "safe account" in result.stdout
    assert "If money was lost, call 110" in result.stdout


def test_cli_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check-number", "+86 400-606-5500 转7", "--json", "--lang", "en"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (
        data["verdict"] == "official"
        and data["normalized"] == "4006065500"
        and data["extension"] == "7"
    )
    assert data["matches"][0]["id"] == "jdpay" and data["matches"][0]["channel"]["source"]
    assert any("phishing" in n for n in data["matches"][0]["notes"])
    assert data["rules"] and data["checklist"]
