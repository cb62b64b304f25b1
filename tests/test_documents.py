"""Letters a lawyer would send: every provider x playbook x language, and every document.

Each rendered document is read as the consumer-rights lawyer read the first version:
no field id where an answer is missing, no note meant for the user, one language (the
user's own words and proper names aside), only provisions from the data's law list, and
the licensed company as the respondent wherever it is known.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from walletcomplain import complaint, documents, privacy
from walletcomplain.complaint import Complaint
from walletcomplain.errors import NotApplicable
from walletcomplain.letter import Letter
from walletcomplain.models import Catalog, Lang

from .conftest import TODAY
from .test_data import ISSUES, PROVIDERS

# Registered names a letter keeps as they are in either language, like the providers'
# companies: the lenders of the credit products (FACTS.md section 2).
LENDERS = ("重庆蚂蚁消费金融有限公司", "微众银行")
LANGS: list[Lang] = ["zh", "en"]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Words that only make sense to the user, never to the company or the regulator.
USER_NOTES = (
    "建议",
    "本工具",
    "this tool",
    "walletcomplain",
    "unverified",
    "未核实",
    "没有核实",
    "suggestion",
    "FACTS.md",
    "seed",
    "Sent via",
    "投诉渠道",
)
MARKUP = "[bold]Shop[/] :smile: {{ amount }} {amount} <b>x</b> 【备注】"


def minimal(cat: Catalog, issue: str) -> dict[str, Any]:
    """The example less every optional answer: the letter must still read as a letter."""
    pb = cat.playbooks[issue]
    optional = {q.id for q in pb.questions if not q.required}
    return {k: v for k, v in pb.example.items() if k not in optional}


def with_markup(cat: Catalog, issue: str) -> dict[str, Any]:
    pb = cat.playbooks[issue]
    out = dict(pb.example)
    for q in pb.questions:
        free = q.type in ("text", "longtext") and not q.choices and q.rules.pattern is None
        if free and q.id in out and not q.pii and q.id != "contact_name":
            out[q.id] = MARKUP
    return out


def user_strings(c: Complaint) -> list[str]:
    out: list[str] = []
    for qid, v in c.values.items():
        for item in v if isinstance(v, list) else [v]:
            if isinstance(item, str) and len(item) > 1:
                out.append(item)
                q = c.question(qid)
                if q is not None and q.pii:
                    out.append(privacy.mask_tail(item))
    return sorted(out, key=len, reverse=True)


def without_user_words(text: str, c: Complaint, lang: Lang) -> str:
    for s in user_strings(c):
        text = text.replace(s, " ")
    text = text.replace("(original Chinese)", "").replace("（原文）", "")
    for p in c.directory.providers:  # proper names: registered companies, then brands
        if p.company:
            text = text.replace(p.company, " ")
    for name in LENDERS:
        text = text.replace(name, " ")
    for p in c.directory.providers:
        text = text.replace(p.name.get(lang), " ")
    return text


def check_document(doc: Letter, c: Complaint, lang: Lang) -> None:
    text = doc.to_text()
    ours = text
    for s in user_strings(c):
        ours = ours.replace(s, "")
    assert "{{" not in ours and "}}" not in ours
    ids = {q.id for q in c.playbook.questions}
    marks = set(re.findall(r"\[([^\]\n]+)\]", text))
    assert not (marks & ids), f"a field id as a placeholder: {marks & ids}"
    for note in USER_NOTES:
        assert note.lower() not in text.lower(), f"a note meant for the user: {note!r}"
    rest = without_user_words(text, c, lang)
    if lang == "zh":
        rest = re.sub(r"[A-Za-z0-9_\-]*\d[A-Za-z0-9_\-]*", " ", rest)  # ids and numbers
        rest = re.sub(r"(?<![A-Za-z])App(?![A-Za-z])", " ", rest)
        latin = re.findall(r".{0,20}[A-Za-z].{0,20}", rest)
        assert not latin, f"Latin letters in a Chinese document: {latin}"
        stray = re.findall(r".{0,10}[\u4e00-\u9fff] [\u4e00-\u9fff].{0,10}", ours)
        assert not stray, f"a stray space: {stray}"
    else:
        assert not CJK.search(rest), f"Chinese in an English document: {rest}"
    known = {law.cite.get(lang) for law in c.directory.laws}
    assert all(x.cite.get(lang) in known for x in doc.laws)
    if lang == "zh":
        titles = {re.match(r"《[^》]+》", k)[0] for k in known}  # type: ignore[index]
        for cited in re.findall(r"《[^》]+》", text):
            assert cited in titles, f"{cited} is not in the data's law list"
    else:
        for cited in re.findall(r"Article \d+[^.;]*? of the [A-Z][^,.;]*", text):
            assert any(cited.startswith(k[: len(cited)]) or k in text for k in known), cited


def report_for(cat: Catalog, provider: str, issue: str, raw: dict[str, Any], lang: Lang) -> Any:
    return complaint.report(complaint.build(cat, provider, issue, raw, lang, TODAY))


@pytest.mark.parametrize("answers", ["example", "minimal", "markup"])
@pytest.mark.parametrize("issue", ISSUES)
@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_letter_reads_as_a_lawyer_would_send_it(
    cat: Catalog, lang: Lang, provider: str, issue: str, answers: str
) -> None:
    p = cat.directory.provider(provider)
    assert p is not None
    if not cat.playbooks[issue].applies_to(p):
        with pytest.raises(NotApplicable):
            report_for(cat, provider, issue, dict(cat.playbooks[issue].example), lang)
        return
    raw = {
        "example": dict(cat.playbooks[issue].example),
        "minimal": minimal(cat, issue),
        "markup": with_markup(cat, issue),
    }[answers]
    rep = report_for(cat, provider, issue, raw, lang)
    check_document(rep.letter, rep.complaint, lang)
    if rep.police_report is not None:
        check_document(rep.police_report, rep.complaint, lang)
    text = rep.letter.to_text()
    first = text.splitlines()[0]
    if cat.playbooks[issue].respondent == "provider" and p.company:
        assert p.company in first, "the licensed company, not the brand, is the respondent"
    if cat.playbooks[issue].respondent == "merchant":
        assert p.name.get(lang) not in first, "a merchant dispute goes to the merchant"
    if answers == "markup":
        assert "[bold]Shop[/] :smile: {{ amount }} {amount} <b>x</b>" in text


@pytest.mark.parametrize("authority", ["pboc", "samr", "nfra", "cca"])
@pytest.mark.parametrize("issue", ISSUES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_escalation_letter_reads_as_a_lawyer_would_send_it(
    cat: Catalog, lang: Lang, issue: str, authority: str
) -> None:
    c = complaint.build(cat, "alipay", issue, cat.playbooks[issue].example, lang, TODAY)
    a = cat.directory.authority(authority)
    assert a is not None
    said = {"zh": ("我打了客服电话", "我写了投诉信"), "en": ("I called", "I wrote")}[lang]
    history = [
        documents.Contact(dt.date(2026, 11, 21), said[0]),
        documents.Contact(dt.date(2026, 11, 22), said[1]),
    ]
    letter = documents.escalation_letter(c, a, history, None, dt.date(2026, 12, 9))
    check_document(letter, c, lang)
    text = letter.to_text()
    if c.playbook.respondent == "provider":
        assert "支付宝（中国）网络技术有限公司" in text  # the respondent company, by name
    else:  # the merchant or the lender, by the name the letter gives it
        from walletcomplain.letter import Filler

        assert documents.respondent(c, Filler(c)) in text
        if issue == "dispute":
            assert "某某数码旗舰店" in text
    law = cat.directory.law(a.law or "")
    assert law is not None and law.cite.get(lang) in text  # asks it to act under its rule
    if a.has("needs_address"):
        assert ("[被投诉人地址]" if lang == "zh" else "[the respondent's address]") in text


def test_letters_cite_only_what_supports_the_demand(cat: Catalog) -> None:
    def cites(issue: str, **changes: Any) -> list[str]:
        raw = {**cat.playbooks[issue].example, **changes}
        return [x.id for x in report_for(cat, "alipay", issue, raw, "zh").letter.laws]

    assert cites("recharge") == ["ecl_55", "ecl_56"]  # no records asked for: no Art. 53
    assert "ecl_53_3" in cites("recharge", demands=["credit_topup", "provide_records"])
    assert cites("security") == ["ecl_57_2", "ecl_57_3", "afl_20"]
    assert "afl_20" not in cites("security", kind="unauthorized_payment")
    # a transfer the user made on the caller's instructions was authorised: no Art. 57
    assert cites("security", asked_for=["transfer"]) == ["afl_20"]
    assert cites("dispute") == ["cpl_24", "ecl_61", "ecl_62"]  # not as described
    assert cites("dispute", problem="refund_refused", seller_unknown=True) == [
        "cpl_25",
        "ecl_61",
        "cpl_44",  # only when the platform cannot name the seller
        "ecl_62",
    ]
    assert cites("fees") == ["npi_34", "cpl_8", "cpl_28"]
    assert cites("fees", disclosed="shown_but_disputed") == []  # it was marked: nothing fits
    assert cites("closure") == ["npi_24", "pipl_47", "pipl_50", "afl_32_3"]
    unionpay = report_for(cat, "unionpay", "closure", cat.playbooks["closure"].example, "zh")
    assert "npi_24" not in [x.id for x in unionpay.letter.laws]  # a clearing institution


def test_the_facts_decide_when_the_user_gave_a_code(cat: Catalog) -> None:
    raw = dict(cat.playbooks["security"].example)  # gave_secrets: true
    rep = report_for(cat, "alipay", "security", raw, "zh")
    text = rep.letter.to_text()
    facts = text.split("五、法律依据")[0]
    assert "在其诱导下提供了验证码、密码或屏幕内容中的一项或几项" in facts
    assert "未经授权" not in facts and "未经我授权" not in facts
    assert "第五十七条第三款" in text  # act at once to stop further loss
    assert "公安机关依法决定采取上述措施的" in text  # Art. 20 with its condition
    en = report_for(cat, "alipay", "security", raw, "en").letter.to_text()
    assert "I gave them one or more of" in en and "did not authorise" not in en


def test_dispute_goes_to_merchant_and_platform_and_the_wallet_only_for_the_payment(
    cat: Catalog,
) -> None:
    rep = report_for(cat, "wechatpay", "dispute", cat.playbooks["dispute"].example, "zh")
    lines = rep.letter.to_text().splitlines()
    assert lines[0] == "致：某某数码旗舰店（商家）及京东（电子商务平台经营者）"
    assert lines[1].startswith("抄送：财付通支付科技有限公司（微信支付）：仅就本次付款")
    offline = {k: v for k, v in cat.playbooks["dispute"].example.items() if k != "platform"}
    first = report_for(cat, "wechatpay", "dispute", offline, "en").letter.to_text().splitlines()[0]
    assert first == "To: 某某数码旗舰店 (original Chinese) (the seller)"


def test_unknown_company_and_issuing_bank_are_visible_placeholders(cat: Catalog) -> None:
    ex = cat.playbooks["recharge"].example
    jd = report_for(cat, "jdpay", "recharge", ex, "zh").letter
    assert jd.to == "致：[被投诉公司全称]（京东支付）投诉处理部门"
    assert "[被投诉公司全称]" in jd.placeholders
    apple = report_for(cat, "applepay", "recharge", ex, "en")
    assert apple.letter.to.startswith("To: The Complaints Department, [name of the card's issuing")
    deadline = apple.letter.to_text()
    assert "Under the Measures for the Administration of Consumer Complaint Handling" in deadline
    assert "within 15 days of receiving it" in deadline  # the bank's legal deadline (NFRA)


def test_english_letter_is_english_and_chinese_words_are_marked(cat: Catalog) -> None:
    text = report_for(cat, "alipay", "recharge", cat.playbooks["recharge"].example, "en")
    body = text.letter.to_text()
    assert "Subject: Top-up of RMB 200.00 on 20 November 2026 not credited" in body
    assert "Dear Sir or Madam," in body and body.rstrip().endswith("22 November 2026")
    assert "Yours faithfully," in body
    assert "App 显示充值成功。 (original Chinese)" in body


def test_chinese_letter_amounts_and_punctuation(cat: Catalog) -> None:
    body = report_for(cat, "alipay", "recharge", cat.playbooks["recharge"].example, "zh")
    text = body.letter.to_text()
    assert "事由：关于2026年11月20日充值人民币200.00元未到账的投诉" in text
    assert "支付宝 的" not in text and "通过App 内" not in text


def test_fraud_loss_puts_the_police_first_everywhere(cat: Catalog) -> None:
    rep = report_for(cat, "alipay", "security", cat.playbooks["security"].example, "zh")
    assert [s.key for s in rep.plan.steps][:3] == ["police", "bank", "provider"]
    assert rep.plan.steps[0].basis == "now" and rep.plan.steps[1].basis == "now"
    assert rep.police_report is not None
    police = rep.police_report.to_text()
    assert police.startswith("致：[公安机关名称]")
    for needle in ("+86 170 1234 5678", "6222 0202 0000 1234", "人民币3,000.00元", "第二十七条"):
        assert needle in police
    assert "立案侦查" in police and "紧急止付" in police
    no_loss = {**cat.playbooks["security"].example, "money_lost": False}
    calm = report_for(cat, "alipay", "security", no_loss, "zh")
    assert calm.plan.steps[0].key == "provider" and calm.police_report is None


def test_a_letter_without_answers_never_shows_a_field_id(cat: Catalog) -> None:
    c = complaint.build(cat, "alipay", "recharge", minimal(cat, "recharge"), "en", TODAY)
    c = dataclasses.replace(c, values={k: v for k, v in c.values.items() if k != "amount"})
    rep = complaint.report(c)
    text = rep.letter.to_text()
    assert "[Amount]" in text and "[amount]" not in text
    assert "[Name]" in text and "contact_name" not in text


def test_apple_pay_dispute_goes_to_the_merchant_without_the_banks_rule(cat: Catalog) -> None:
    rep = report_for(cat, "applepay", "dispute", cat.playbooks["dispute"].example, "zh")
    text = rep.letter.to_text()
    assert "银行业保险业消费投诉处理管理办法" not in text  # it binds the bank, not a merchant
    assert "请于收到本函之日起15日内书面答复" in text
    assert "市场监督管理部门投诉（电话12315）" in text
    assert [s.key for s in rep.plan.steps][:2] == ["merchant", "samr"]


def test_the_nfra_rule_binds_the_bank_not_the_regulator(cat: Catalog) -> None:
    rep = report_for(cat, "applepay", "recharge", cat.playbooks["recharge"].example, "zh")
    nfra = next(s for s in rep.plan.steps if s.key == "nfra")
    assert nfra.wait_days is None and nfra.basis is None  # no rule of its own was verified
    assert rep.plan.steps[0].channels == []  # the bank's number is on the card, not Apple's


def test_the_new_letters_cite_only_what_supports_the_demand(cat: Catalog) -> None:
    def cites(issue: str, provider: str = "alipay", **changes: Any) -> list[str]:
        raw = {**cat.playbooks[issue].example, **changes}
        return [x.id for x in report_for(cat, provider, issue, raw, "zh").letter.laws]

    assert cites("auto_renewal", "wechatpay") == ["cplr_10", "ntr_18"]
    assert "ecl_19" in cites("auto_renewal", how_started="default_ticked")  # ticked by default
    assert "cplr_10" not in cites("auto_renewal", notice_received=True)  # the notice came
    assert cites("frozen") == ["afl_32_3", "npi_24"]
    assert cites("frozen", ordered_by="court") == ["npi_24"]  # not a fraud-risk measure
    assert cites("frozen", "unionpay") == ["afl_32_3"]  # a clearing institution
    assert cites("refund") == ["ecl_55", "ecl_56", "ecl_53_3"]
    assert "ecl_55" not in cites("refund", status_shown="not_listed")  # no instruction at all
    assert cites("wrong_transfer") == [
        "civil_985",
        "ecl_53_3",
    ]  # never Art. 55: it cuts the other way
    assert cites("scam") == ["afl_20", "ecl_53_3"]
    assert cites("scam", "tpwallet") == []  # neither binds a self-custody crypto wallet
    assert cites("scam", "unionpay") == ["ecl_53_3"]  # a clearing institution: not Art. 20
    assert cites("credit") == ["cpl_8"]
    assert cites("credit", problem="collection", collection_details="11月9日 22:40 来电") == []
    assert cites("other") == ["ecl_59", "npi_35"]
    assert cites("other", demands=["provide_records"]) == ["ecl_59", "ecl_62", "npi_35"]
    assert cites("other", "applepay") == []  # a card's bank: the NFRA rule, in the deadline
    assert cites("other", "unionpay") == []  # a clearing institution, not an e-commerce business


def test_auto_renewal_goes_to_the_merchant_with_a_copy_to_the_wallet(cat: Catalog) -> None:
    rep = report_for(cat, "alipay", "auto_renewal", cat.playbooks["auto_renewal"].example, "zh")
    lines = rep.letter.to_text().splitlines()
    assert lines[0] == "致：某某视频（某某视频会员连续包月的经营者）"
    assert lines[1].startswith("抄送：支付宝（中国）网络技术有限公司（支付宝）：请解除")
    assert [s.key for s in rep.plan.steps][:2] == ["merchant", "samr"]  # 12315 against it


def test_credit_goes_to_the_lender_of_the_product_under_the_nfra_rule(cat: Catalog) -> None:
    def first(lang: Lang = "zh", **changes: Any) -> tuple[str, str]:
        raw = {**cat.playbooks["credit"].example, **changes}
        rep = report_for(cat, "alipay", "credit", raw, lang)
        text = rep.letter.to_text()
        return text.splitlines()[0], text

    line, text = first()
    assert line == "致：重庆蚂蚁消费金融有限公司（花呗）"
    assert "依照《银行业保险业消费投诉处理管理办法》，请于收到本投诉之日起15日内" in text
    assert "12378" in text and "支付宝（中国）" not in line
    assert first(product="jiebei")[0] == "致：重庆蚂蚁消费金融有限公司（借呗）"
    assert first(product="weilidai")[0] == "致：微众银行（微粒贷）"
    line, _ = first(product="other", product_name="某某分期")
    assert line == "致：[放贷机构全称]（某某分期）"  # never a guessed company
    assert first("en", product="weilidai")[0] == "To: 微众银行 (Weilidai)"
    rep = report_for(cat, "wechatpay", "credit", cat.playbooks["credit"].example, "zh")
    step = rep.plan.steps[0]
    assert (step.key, step.wait_days, step.max_days, step.basis) == ("respondent", 15, 60, "rule")
    assert rep.plan.steps[1].key == "nfra"


def test_a_freeze_an_authority_ordered_sends_the_user_to_that_authority(cat: Catalog) -> None:
    raw = {**cat.playbooks["frozen"].example, "ordered_by": "police"}
    rep = report_for(cat, "alipay", "frozen", raw, "zh")
    assert "只有作出决定的机关才能解除" in rep.urgent[0]
    assert "只能由作出决定的公安机关解除" in rep.letter.to_text()
    assert not report_for(cat, "alipay", "frozen", cat.playbooks["frozen"].example, "zh").urgent


def test_a_wrong_transfer_to_a_fraudster_takes_the_scam_route(cat: Catalog) -> None:
    plain = report_for(
        cat, "alipay", "wrong_transfer", cat.playbooks["wrong_transfer"].example, "zh"
    )
    assert plain.police_report is None and not plain.plan.urgent
    assert "我清楚转账前核对收款信息是我的责任" in plain.letter.to_text()  # honest
    raw = {**cat.playbooks["wrong_transfer"].example, "fraud": True}
    rep = report_for(cat, "alipay", "wrong_transfer", raw, "zh")
    assert rep.plan.urgent and rep.plan.steps[0].key == "police"
    assert rep.police_report is not None and "报案材料" in rep.police_report.subject
    assert "110" in rep.urgent[0]
    assert "我清楚转账前核对收款信息是我的责任" not in rep.letter.to_text()


def test_scam_puts_110_first_and_reports_to_the_police(cat: Catalog) -> None:
    rep = report_for(cat, "tpwallet", "scam", cat.playbooks["scam"].example, "en")
    assert "call 110 now" in rep.urgent[0]
    assert [s.key for s in rep.plan.steps][:2] == ["police", "bank"]
    assert rep.police_report is not None
    assert [x.id for x in rep.police_report.laws] == ["afl_27", "afl_20", "afl_34"]
    assert rep.scam_signs  # the signs of a scam come with the result
    dependent = {"amount", "transaction_id", "transfers", "police_report", "police_ref"}
    calm = {k: v for k, v in cat.playbooks["scam"].example.items() if k not in dependent}
    calm["money_lost"] = False
    calm_rep = report_for(cat, "alipay", "scam", calm, "zh")
    assert calm_rep.police_report is None and "police" in [s.key for s in calm_rep.plan.steps]


def test_a_quoted_answer_never_nests_the_same_quotation_marks(cat: Catalog) -> None:
    said = "客服说“3 个工作日内处理”，之后没有消息。"
    text = report_for(
        cat, "alipay", "recharge", {**cat.playbooks["recharge"].example, "tried_reply": said}, "zh"
    ).letter.to_text()
    assert "“客服说「3 个工作日内处理」，之后没有消息。”" in text
