"""Finding the right problem: groups, synonyms, the matcher, `letter --issue` by any name,
playbooks that do not fit a provider, and the question sets playbooks share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from walletcomplain import catalog, complaint, problems
from walletcomplain.cli import app
from walletcomplain.errors import CatalogError, NotApplicable, NotFound
from walletcomplain.models import GROUPS, Catalog
from walletcomplain.names import find_playbook

from .conftest import ROOT, TODAY

NEW = ["auto_renewal", "frozen", "refund", "wrong_transfer", "scam", "credit", "other"]


def all_synonyms(cat: Catalog) -> list[tuple[str, str]]:
    return [(pid, w) for pid, pb in cat.playbooks.items() for w in pb.synonyms.all()]


# --- the data -----------------------------------------------------------------------------


def test_every_playbook_but_other_has_a_group_and_synonyms_in_both_languages(
    cat: Catalog,
) -> None:
    for pid, pb in cat.playbooks.items():
        assert pb.synonyms.zh and pb.synonyms.en, pid
        if pid == "other":
            assert pb.group is None  # listed last, after every group
        else:
            assert pb.group in GROUPS, pid
    assert {pb.group for pb in cat.playbooks.values()} - {None} == set(GROUPS)


def test_no_name_points_to_two_playbooks(cat: Catalog) -> None:
    owner: dict[str, str] = {}
    for pid, pb in cat.playbooks.items():
        for name in problems.names(pb):
            assert owner.setdefault(name, pid) == pid, f"{name!r}: {owner[name]} and {pid}"


def test_security_and_scam_ask_the_same_caller_and_loss_questions(cat: Catalog) -> None:
    security, scam = cat.playbooks["security"], cat.playbooks["scam"]
    for qid in ("caller_number", "asked_for", "money_lost", "amount", "transfers", "police_ref"):
        a, b = security.question(qid), scam.question(qid)
        assert a is not None and b is not None
        assert (a.prompt, a.choices, a.type) == (b.prompt, b.choices, b.type), qid
    # The set's `when` applies where the playbook says: only to someone who was called.
    caller = security.question("caller_number")
    assert caller is not None and caller.when is not None and caller.when.question == "kind"
    assert scam.question("caller_number").when is None  # type: ignore[union-attr]


# --- the matcher ----------------------------------------------------------------------------


def test_every_title_and_synonym_finds_its_playbook(cat: Catalog) -> None:
    names = [(pid, pb.title.zh) for pid, pb in cat.playbooks.items()]
    names += [(pid, pb.title.en) for pid, pb in cat.playbooks.items()]
    for pid, word in [*names, *all_synonyms(cat)]:
        assert problems.match(cat.playbooks, word)[0] == pid, word
        assert problems.lookup(cat.playbooks, word) == pid, word
        assert find_playbook(cat, word).id == pid, word


@given(
    st.sampled_from(
        [
            "自动扣费",
            "被骗",
            "冻结",
            "转错",
            "退款",
            "charged twice",
            "scam",
            "花呗",
            "auto-renewal",
        ]
    ),
    st.text(alphabet="我的钱昨天 ,。！", max_size=6),
)
def test_a_synonym_inside_a_sentence_is_still_found(cat: Catalog, word: str, noise: str) -> None:
    expected = problems.lookup(cat.playbooks, word)
    assert expected is not None
    assert problems.match(cat.playbooks, f"{noise}{word}{noise}")[0] == expected


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("自动扣费", "auto_renewal"),
        ("视频会员自动续费扣了钱", "auto_renewal"),
        ("被骗", "scam"),
        ("我被骗了五千块", "scam"),
        ("冻结", "frozen"),
        ("账户冻结了怎么办", "frozen"),
        ("转错", "wrong_transfer"),
        ("退款", "refund"),
        ("charged twice", "dispute"),
        ("I was charged twice for one order", "dispute"),
        ("scam", "scam"),
        ("my account is frozen", "frozen"),
        ("花呗", "credit"),
        ("top-up missing", "recharge"),
    ],
)
def test_common_phrasings(cat: Catalog, typed: str, first: str) -> None:
    ranked = problems.match(cat.playbooks, typed)
    assert ranked[0] == first
    assert ranked[-1] == "other"  # always offered, always last


def test_an_ambiguous_phrase_ranks_several_and_names_none(cat: Catalog) -> None:
    ranked = problems.match(cat.playbooks, "扣了钱")
    assert {"recharge", "auto_renewal"} <= set(ranked[:-1]) and ranked[-1] == "other"
    assert problems.lookup(cat.playbooks, "扣了钱") is None
    with pytest.raises(NotFound):
        find_playbook(cat, "扣了钱")


@given(st.text(alphabet="xqzvkj ", min_size=1, max_size=20))
def test_nonsense_finds_only_other(cat: Catalog, typed: str) -> None:
    assert problems.match(cat.playbooks, typed) == ["other"]
    assert problems.lookup(cat.playbooks, typed) is None


@given(st.text(max_size=60))
def test_any_text_ranks_each_playbook_once_with_other_last(cat: Catalog, typed: str) -> None:
    ranked = problems.match(cat.playbooks, typed)
    assert ranked[-1] == "other" and len(ranked) == len(set(ranked))
    assert set(ranked) <= set(cat.playbooks)


def test_a_cut_off_id_is_not_a_name() -> None:
    c = catalog.load(use_cache=False, today=TODAY)
    assert problems.lookup(c.playbooks, "recharg") is None  # "did you mean", not a guess
    assert problems.lookup(c.playbooks, "wrong transfer") == "wrong_transfer"


# --- playbooks that do not fit a provider --------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "provider"),
    [("credit", "tpwallet"), ("credit", "unionpay"), ("auto_renewal", "tpwallet")],
)
def test_a_playbook_that_does_not_fit_says_so(cat: Catalog, issue: str, provider: str) -> None:
    with pytest.raises(NotApplicable) as e:
        complaint.build(cat, provider, issue, cat.playbooks[issue].example, "zh", TODAY)
    assert issue not in e.value.known and "other" in e.value.known


@pytest.mark.parametrize(
    ("lang", "needle"),
    [("zh", "不适用于tpWallet"), ("en", "does not apply to tpWallet")],
)
def test_letter_exits_2_for_credit_on_tpwallet(
    runner: CliRunner, tmp_path: Path, lang: str, needle: str
) -> None:
    example = runner.invoke(app, ["playbooks", "show", "credit", "--example"]).stdout
    path = tmp_path / "a.yaml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(
        app, ["letter", "-i", "花呗", "-p", "tpwallet", "-a", str(path), "--lang", lang]
    )
    assert result.exit_code == 2
    assert needle in result.stderr and "scam" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


# --- the CLI ------------------------------------------------------------------------------------


def test_letter_issue_accepts_a_synonym(runner: CliRunner, tmp_path: Path) -> None:
    example = runner.invoke(app, ["playbooks", "show", "auto_renewal", "--example"]).stdout
    path = tmp_path / "a.yaml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(
        app, ["letter", "--issue", "自动扣费", "-p", "wechatpay", "-a", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("致：某某视频")  # to the merchant
    assert "抄送：财付通支付科技有限公司" in result.stdout  # the wallet, to stop the deductions
    assert "《中华人民共和国消费者权益保护法实施条例》第十条" in result.stdout


def test_scam_police_report_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    example = runner.invoke(app, ["playbooks", "show", "scam", "--example"]).stdout
    path = tmp_path / "a.yaml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(
        app, ["letter", "--issue", "刷单", "-p", "alipay", "-a", str(path), "--document", "police"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("致：[公安机关名称]") and "报案材料" in result.stdout
    assert "立案侦查" in result.stdout
    assert result.stderr.index("110") < result.stderr.index("95188")  # police first


def test_playbooks_are_listed_by_group(runner: CliRunner) -> None:
    text = runner.invoke(app, ["playbooks", "--lang", "en"]).stdout
    heads = [
        "Money not arriving",
        "Money taken",
        "Account problems",
        "Scams",
        "Disputes and fees",
        "Something else",
    ]
    at = [text.index(h) for h in heads]
    assert at == sorted(at)
    assert text.index("\n  other ") > text.index("Something else") > text.index("\n  credit ")
    assert "fake job, task scam" in text  # English words, English separators
    rows = json.loads(runner.invoke(app, ["playbooks", "--json"]).stdout)
    assert [r["id"] for r in rows][-1] == "other"
    groups = [r["group"] for r in rows]
    order = [*GROUPS, None]
    assert groups == sorted(groups, key=order.index)
    scam = next(r for r in rows if r["id"] == "scam")
    assert scam["group_title"] == "诈骗" and "刷单" in scam["synonyms"]["zh"]
    credit = next(r for r in rows if r["id"] == "credit")
    assert credit["only_for"] == ["alipay", "wechatpay", "jdpay"]


def test_playbooks_show_names_the_group(runner: CliRunner) -> None:
    text = runner.invoke(app, ["playbooks", "show", "被骗"]).stdout
    assert "分类：诈骗" in text and "刷单返利" in text
    shown = json.loads(runner.invoke(app, ["playbooks", "show", "frozen", "--json"]).stdout)
    assert shown["group"] == "account" and "冻结" in shown["synonyms"]["zh"]


# --- catalog checks for the new fields ------------------------------------------------------------


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (ROOT / "data" / "playbooks" / f"{name}.yaml").read_text(encoding="utf-8")
    assert old in text, old
    d = tmp_path / "mine"
    d.mkdir()
    (d / f"{name}.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return d


def load_problems(d: Path) -> list[str]:
    with pytest.raises(CatalogError) as e:
        catalog.load([d], TODAY, use_cache=False)
    return [str(p) for p in e.value.problems]


def test_an_unknown_question_set_is_named_with_its_line(tmp_path: Path) -> None:
    d = copy_with(tmp_path, "scam", "  - use: scam_contact\n", "  - use: scam_contacts\n")
    [msg] = load_problems(d)
    assert "scam.yaml:" in msg and "unknown question set 'scam_contacts'" in msg
    assert "questions[3].use" in msg


def test_an_error_after_a_set_points_at_the_right_line(tmp_path: Path) -> None:
    d = copy_with(
        tmp_path,
        "scam",
        "    label: {zh: 对方的平台或群",
        "    lable: x\n    label: {zh: 对方的平台或群",
    )
    [msg] = load_problems(d)
    text = (d / "scam.yaml").read_text(encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "lable: x" in x)
    assert f"scam.yaml:{line}:" in msg and "unknown key 'lable'" in msg


def test_only_for_an_unknown_provider_is_named(tmp_path: Path) -> None:
    d = copy_with(tmp_path, "credit", "only_for: [alipay,", "only_for: [alipy,")
    [msg] = load_problems(d)
    assert "unknown provider 'alipy'" in msg and "only_for[0]" in msg


def test_validate_accepts_every_new_playbook(runner: CliRunner) -> None:
    for issue in NEW:
        result = runner.invoke(
            app, ["validate", str(ROOT / "data" / "playbooks" / f"{issue}.yaml")]
        )
        assert result.exit_code == 0, result.output
        assert f"playbook {issue}" in result.stdout


# --- evidence that depends on the answers ---------------------------------------------------


REFUND = {
    "incident_date": "2026-11-12",
    "amount": "329",
    "status_shown": "success",
    "what_happened": "账单显示成功，但没有到账。",
    "tried_before": "no",
    "demands": ["credit_now"],
}


@pytest.mark.parametrize(
    ("answers", "missing"),
    [  # a withdrawal to the balance needs no bank statement and no merchant's word
        ({"kind": "withdrawal", "destination": "balance"}, ["bill_detail"]),
        (
            {
                "kind": "refund",
                "merchant": "某店",
                "destination": "bank_card",
                "bank_card_last4": "1234",
            },
            ["bill_detail", "bank_statement", "merchant_confirmation"],
        ),
    ],
)
def test_missing_evidence_follows_the_answers(
    cat: Catalog, answers: dict[str, str], missing: list[str]
) -> None:
    comp = complaint.build(cat, "alipay", "refund", {**REFUND, **answers}, "zh", TODAY)
    assert [e.id for e in complaint.report(comp).missing] == missing


def test_the_evidence_question_offers_only_what_the_answers_need(cat: Catalog) -> None:
    pb = cat.playbooks["refund"]
    [q] = [q for q in pb.questions if q.choices and q.choices[0].id == "bill_detail"]
    balance = {"kind": "withdrawal", "destination": "balance"}
    assert [c.id for c in q.offered(balance)] == ["bill_detail"]
    card = {"kind": "refund", "destination": "bank_card"}
    assert [c.id for c in q.offered(card)] == [e.id for e in pb.evidence]


@pytest.mark.parametrize(
    ("typed", "pid"), [("weixin", "wechatpay"), ("zhifubao", "alipay"), ("云闪付", "unionpay")]
)
def test_a_provider_is_found_by_what_people_type(cat: Catalog, typed: str, pid: str) -> None:
    """Pinyin and short names (`aliases` in providers.yaml) find the provider too."""
    from walletcomplain.names import find_provider

    assert find_provider(cat, typed).id == pid
