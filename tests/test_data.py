"""The shipped data: every fact sourced and dated, both languages, every playbook renders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from walletcomplain import complaint, messages
from walletcomplain.models import Catalog

from .conftest import ROOT, TODAY

DATA = ROOT / "data"
FACT_KEYS = ("channels", "notes", "rule", "laws", "scam_signs", "scam_rules")
CJK = re.compile(r"[\u4e00-\u9fff]")
PROVIDERS = ["alipay", "wechatpay", "jdpay", "applepay", "unionpay", "tpwallet"]
ISSUES = [
    "recharge",
    "security",
    "dispute",
    "fees",
    "closure",
    "auto_renewal",
    "frozen",
    "refund",
    "wrong_transfer",
    "scam",
    "credit",
    "other",
]


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def facts(node: Any, key: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping that sits under a fact-holding key."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in FACT_KEYS:
                for item in v if isinstance(v, list) else [v]:
                    if isinstance(item, dict):
                        yield f"{key}.{k}", item
            yield from facts(v, f"{key}.{k}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from facts(item, f"{key}[{i}]")


def test_every_fact_has_a_source_and_a_checked_date() -> None:
    found = list(facts(load(DATA / "providers.yaml")))
    assert len(found) > 40
    for where, fact in found:
        assert str(fact.get("source", "")).strip(), f"{where}: no source"
        assert fact.get("checked") is not None, f"{where}: no checked date"


def test_the_keys_and_numbers_from_facts_md() -> None:
    d = load(DATA / "providers.yaml")
    hotlines = {
        p["id"]: [c.get("value") for c in p["channels"] if c["kind"] == "hotline"]
        for p in d["providers"]
    }
    assert [p["id"] for p in d["providers"]] == PROVIDERS
    assert hotlines["alipay"][0] == "95188"
    assert hotlines["wechatpay"] == ["95017"]
    assert hotlines["jdpay"] == ["400-606-5500"]
    assert hotlines["applepay"] == ["400-666-8800"]
    assert hotlines["unionpay"] == ["95516"]
    assert hotlines["tpwallet"] == []  # FACTS.md: no verified phone number, show none
    auth = {a["id"]: a for a in d["authorities"]}
    assert set(auth) == {"pboc", "nfra", "samr", "cca", "police", "court"}
    assert [c["value"] for c in auth["pboc"]["channels"]] == ["12363"]
    assert auth["pboc"]["rule"]["days"] == 15
    assert auth["pboc"]["rule"]["max_days"] == 60
    assert [c.get("value") for c in auth["police"]["channels"]] == ["110", "96110", None]
    assert auth["samr"]["rule"] == {**auth["samr"]["rule"], "days": 7, "working_days": True}
    assert "第四十六条" in auth["samr"]["rule"]["source"]  # Order 20 was replaced on 2026-04-15
    companies = {p["id"]: p.get("company") for p in d["providers"]}
    assert companies == {
        "alipay": "支付宝（中国）网络技术有限公司",
        "wechatpay": "财付通支付科技有限公司",
        "jdpay": None,  # not verified: the letter shows a placeholder
        "applepay": None,  # the letter goes to the card's issuing bank
        "unionpay": "中国银联股份有限公司",
        "tpwallet": None,
    }
    text = (DATA / "providers.yaml").read_text(encoding="utf-8")
    for stale in ("第四十四条之前", "2019 年第 20 号", "+86 571 95188", "有权投诉", "第十四条"):
        assert stale not in text, f"FACTS.md (second edition) corrects: {stale}"


def test_sources_are_public_not_our_own_files() -> None:
    for path in DATA.rglob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("source:"):
                assert "FACTS" not in line and "seed 0" not in line, f"{path.name}: {line}"


def test_every_source_reads_in_chinese_for_a_chinese_reader() -> None:
    """`source_text` turns each English part of a source into Chinese (SOURCE_ZH): a
    new source with other English words fails here until the table covers it."""
    sources = {
        line.split(":", 1)[1].strip()
        for path in DATA.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(company_)?source:", line)
    }
    assert len(sources) > 40
    names = {"tpWallet", "App", "Apple", "www", "apple", "com", "cn"}  # names and addresses
    for source in sources:
        zh = messages.source_text(source, "zh")
        assert set(re.findall(r"[A-Za-z]+", zh)) <= names, (source, zh)
        assert messages.source_text(source, "en") == source


@pytest.mark.parametrize(
    ("provider", "needle"),
    [
        ("jdpay", "general customer-service line"),
        ("jdpay", "phishing"),
        ("applepay", "sales"),
        ("applepay", "issuing bank"),
        ("tpwallet", "no verified phone number"),
        ("tpwallet", "may not accept"),
    ],
)
def test_caveats_reach_the_user(cat: Catalog, provider: str, needle: str) -> None:
    rep = complaint.report(
        complaint.build(cat, provider, "recharge", cat.playbooks["recharge"].example, "en", TODAY)
    )
    assert needle in " ".join(rep.warnings)


def zh_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "zh" and isinstance(v, str):
                yield v
            else:
                yield from zh_texts(v)
    elif isinstance(node, list):
        for item in node:
            yield from zh_texts(item)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_chinese_text_uses_chinese_punctuation(path: Path) -> None:
    for text in zh_texts(load(path)):
        bad = re.findall(r"[\u4e00-\u9fff][,;?!]|[,;?!][\u4e00-\u9fff]", text)
        assert not bad, f"{path.name}: ASCII punctuation in Chinese text: {text}"


# A Chinese letter opens without "Dear Sir or Madam"; nothing else may be empty.
EMPTY_ON_PURPOSE = {("l_salutation", "zh")}


def test_every_message_has_both_languages() -> None:
    for key, (zh, en) in messages.M.items():
        assert zh.strip() or (key, "zh") in EMPTY_ON_PURPOSE, key
        assert en.strip(), key
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key
        assert not CJK.search(en), f"{key}: Chinese in the English text"


def test_no_number_in_data_without_a_source() -> None:
    """Phone-like numbers in the directory appear only as channel values."""
    d = load(DATA / "providers.yaml")
    values = {
        c["value"]
        for group in ("providers", "authorities")
        for x in d[group]
        for c in x.get("channels", [])
        if c.get("value")
    }
    text = (DATA / "providers.yaml").read_text(encoding="utf-8")
    text = re.sub(r"第\d+号|No\. \d+|Order \d+", "", text)  # citations, not numbers to call
    wrong = {"95055"}  # FACTS.md: one page gave it; the note tells users not to call it
    for number in re.findall(
        r"(?<![\d.-])(?:\d{3}-\d{3}-\d{4}|9\d{4}|1\d{4}|\d{3})(?![\d.-])", text
    ):
        if (number.startswith(("95", "96", "12")) or "-" in number) and number not in wrong:
            assert any(number in v for v in values), f"{number} is not a sourced channel"


def test_every_packaged_playbook_is_in_the_data() -> None:
    assert sorted(p.stem for p in (DATA / "playbooks").glob("*.yaml")) == sorted(ISSUES)


def test_credit_names_the_lenders_exactly_as_facts_md_does() -> None:
    """花呗, 借呗: 重庆蚂蚁消费金融有限公司; 微粒贷: 微众银行 (FACTS.md §2); nothing longer."""
    credit = load(DATA / "playbooks" / "credit.yaml")
    to = [p["zh"] for p in credit["letter"]["to"]]
    assert to[0].startswith("重庆蚂蚁消费金融有限公司（") and to[1].startswith("微众银行（")
    assert credit["respondent"] == "product_company" and credit["direct_rule"] == "nfra"
    text = (DATA / "playbooks" / "credit.yaml").read_text(encoding="utf-8")
    for longer in ("深圳前海微众银行", "股份有限公司", "WeBank", "Chongqing Ant"):
        assert longer not in text, longer


def test_every_rule_a_new_playbook_cites_is_a_verified_provision() -> None:
    laws = {x["id"] for x in load(DATA / "providers.yaml")["laws"]}
    for issue in ISSUES:
        pb = load(DATA / "playbooks" / f"{issue}.yaml")
        uses = [*pb.get("basis", []), *pb.get("police", {}).get("basis", [])]
        assert {u["law"] for u in uses} <= laws, issue
