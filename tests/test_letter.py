"""Letters: golden files per playbook and language, every part of DESIGN.md §6, formatting."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from walletcomplain import complaint, escalation
from walletcomplain.letter import format_value
from walletcomplain.messages import format_date
from walletcomplain.models import Catalog, Lang
from walletcomplain.render import json as render_json

from .conftest import TODAY

GOLDEN = Path(__file__).parent / "golden"
# The provider each golden letter is written to: one per playbook, covering them all.
GOLDEN_PROVIDER = {
    "recharge": "alipay",
    "security": "wechatpay",
    "dispute": "jdpay",
    "fees": "unionpay",
    "closure": "tpwallet",
    "auto_renewal": "wechatpay",
    "frozen": "unionpay",
    "refund": "jdpay",
    "wrong_transfer": "alipay",
    "scam": "alipay",
    "credit": "alipay",
    "other": "applepay",
}


def render(
    cat: Catalog, issue: str, provider: str, lang: Lang, **changes: object
) -> complaint.Report:
    raw = {**cat.playbooks[issue].example, **changes}
    return complaint.report(complaint.build(cat, provider, issue, raw, lang, TODAY))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("issue", sorted(GOLDEN_PROVIDER))
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_golden_letters(cat: Catalog, issue: str, lang: Lang, fmt: str) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite them; then read the diff before committing."""
    rep = render(cat, issue, GOLDEN_PROVIDER[issue], lang)
    text = rep.letter.to_text() if fmt == "txt" else rep.letter.to_markdown()
    path = GOLDEN / f"{issue}.{lang}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("issue", ["scam", "wrong_transfer"])
def test_golden_police_reports(cat: Catalog, issue: str, lang: Lang) -> None:
    """The police report for a scam, and for a wrong transfer whose payee was a fraudster."""
    rep = render(
        cat, issue, "alipay", lang, **({"fraud": True} if issue == "wrong_transfer" else {})
    )
    assert rep.police_report is not None
    text = rep.police_report.to_text()
    path = GOLDEN / f"police.{issue}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_recharge_letter_has_every_part(cat: Catalog) -> None:
    text = render(cat, "recharge", "alipay", "zh").letter.to_text()
    for part in [
        "致：支付宝（中国）网络技术有限公司（支付宝）投诉处理部门",
        "事由：",
        "投诉人：张三",
        "联系电话：13800138000",
        "涉及账户：****8000",
        "人民币200.00元",
        "2026年11月20日",
        "工单号为A20261121-0042",
        "随附证据",
        "我的诉求",
        "法律依据",
        "《中华人民共和国电子商务法》第五十五条规定：",
        "15日内书面答复",
        "中国人民银行投诉（电话12363）",
        "2026年11月22日",
    ]:
        assert part in text, part
    assert "95188" not in text  # the channels are on screen: a letter is not "sent via" them
    en = render(cat, "recharge", "alipay", "en").letter.to_text()
    for part in [
        "To: The Complaints Department, 支付宝（中国）网络技术有限公司 (Alipay)",
        "RMB 200.00",
        "20 November 2026",
        "Under Article 55 of the E-Commerce Law of the People's Republic of China, when",
        "12363",
        "within 15 days",
        "Yours faithfully",
    ]:
        assert part in en, part


def test_phone_is_whole_only_on_the_contact_line(cat: Catalog) -> None:
    rep = render(cat, "recharge", "alipay", "zh", what_happened="请回电 13800138000 或 13912345678")
    text = rep.letter.to_text()
    assert text.count("13800138000") == 1  # the contact line
    assert "13912345678" not in text
    assert "****5678" in text


def test_missing_optional_answers_become_visible_placeholders(cat: Catalog) -> None:
    raw = {
        k: v
        for k, v in cat.playbooks["recharge"].example.items()
        if k not in ("contact_name", "contact_phone", "account_id", "transaction_id")
    }
    rep = complaint.report(complaint.build(cat, "alipay", "recharge", raw, "zh", TODAY))
    text = rep.letter.to_text()
    for mark in ["[姓名]", "[联系电话]", "[账户]", "[交易单号]"]:
        assert mark in text
    assert any("[姓名]" in w for w in rep.warnings)


def test_first_complaint_and_no_evidence_yet(cat: Catalog) -> None:
    rep = render(cat, "recharge", "alipay", "en", tried_before=False, evidence_held=[])
    text = rep.letter.to_text()
    assert "This is my first written complaint" in text
    assert "The evidence will follow separately." in text
    assert [e.id for e in rep.missing] == [
        "screenshot_record",
        "bank_sms",
        "target_proof",
        "chat_log",
    ]


def test_conditional_paragraphs(cat: Catalog) -> None:
    assert "尾号6789" in render(cat, "recharge", "alipay", "zh").letter.to_text()
    assert (
        "尾号" not in render(cat, "recharge", "alipay", "zh", bank_deducted=False).letter.to_text()
    )


def test_markdown_has_headings(cat: Catalog) -> None:
    md = render(cat, "recharge", "alipay", "en").letter.to_markdown()
    assert "Subject: Top-up of RMB 200.00" in md
    assert "#### 1. The facts" in md


def test_crypto_wallet_letter_names_no_regulator_and_warns(cat: Catalog) -> None:
    rep = render(cat, "recharge", "tpwallet", "en")
    text = rep.letter.to_text()
    assert "People's Bank" not in text
    assert "police" not in text  # a civil matter: no threat of the police
    assert "Article 55" not in text  # a self-custody wallet is no e-payment provider
    assert any("regulators may not accept" in w for w in rep.warnings)
    assert [s.key for s in rep.plan.steps if s.may_decline] == ["pboc", "cca"]


def test_json_carries_everything(cat: Catalog) -> None:
    data = render_json.report(render(cat, "recharge", "alipay", "zh"))
    assert set(data) >= {
        "letter",
        "channels",
        "escalation",
        "evidence_missing",
        "warnings",
        "answers",
    }
    assert data["channels"][0]["value"] == "95188"
    assert data["escalation"][1]["step"] == "pboc"
    assert data["escalation"][1]["wait_days"] == 15
    assert data["answers"]["account_id"] == "****8000"
    assert data["answers"]["amount"] == "200.00"


def test_format_value() -> None:
    assert format_value(None, Decimal("1520.35"), "zh") == "人民币1,520.35元"
    assert format_value(None, Decimal("1520.35"), "en") == "RMB 1,520.35"
    assert format_value(None, True, "zh") == "是"
    assert format_value(None, dt.datetime(2026, 11, 20, 20, 5), "en") == "20 November 2026, 20:05"
    assert format_date(dt.date(2026, 1, 2), "zh") == "2026年1月2日"


def test_escalation_ladder(cat: Catalog) -> None:
    d = cat.directory
    plan = escalation.plan(d, d.provider("alipay"), cat.playbooks["dispute"])  # type: ignore[arg-type]
    # a dispute starts with the seller and the platform, not the wallet
    assert [s.key for s in plan.steps] == ["merchant", "samr", "pboc", "cca", "court"]
    assert plan.next_authority().key == "samr"  # type: ignore[union-attr]
    assert plan.next_authority(frozenset({"pboc"})) is None  # SAMR not after PBoC handled it
    assert plan.steps[0].basis == "suggestion"
    assert plan.steps[0].wait_days == 15
    samr = plan.steps[1]
    assert samr.basis == "rule"
    assert samr.wait_days == 7
    assert samr.working_days
    assert plan.channels[0].kind == "hotline"
    apple = escalation.plan(d, d.provider("applepay"), cat.playbooks["recharge"])  # type: ignore[arg-type]
    # the issuing bank answers by the NFRA rule, and its regulator comes first
    assert [s.key for s in apple.steps] == ["provider", "nfra", "pboc", "cca", "court"]
    assert apple.steps[0].basis == "rule" and apple.steps[0].wait_days == 15


def test_has_cjk_is_the_character_class_it_replaces() -> None:
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from walletcomplain.letter import has_cjk

    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

    @given(st.text(alphabet=st.characters(min_codepoint=0x2F00, max_codepoint=0x10000)))
    def same(text: str) -> None:
        assert has_cjk(text) == bool(cjk.search(text))

    same()
