"""The interview through real questionary prompts, keys fed by prompt_toolkit's pipe input."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from walletcomplain import answers, drafts, store, views
from walletcomplain.commands.prompter import QuestionaryPrompter
from walletcomplain.interview import Interrupted, Interview, Outcome, resume
from walletcomplain.models import Catalog, Lang
from walletcomplain.output import Block, render_plain

from .conftest import TODAY

ENTER, DOWN, SPACE, ESC_ENTER, CTRL_C, CLEAR = "\r", "\x1b[B", " ", "\x1b\r", "\x03", "\x15"


class Recorder(QuestionaryPrompter):
    """The real prompts; what would be shown between them is kept for the test to read."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(lang)
        self.blocks: list[Block] = []

    def show(self, blocks: list[Block]) -> None:
        self.blocks += blocks

    @property
    def screen(self) -> str:
        return render_plain(self.blocks, width=200)


@contextmanager
def typed(*keys: str) -> Iterator[None]:
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


def interview(cat: Catalog, lang: Lang = "zh", **kw: object) -> tuple[Interview, Recorder]:
    rec = Recorder(lang)
    return Interview(rec, cat, lang, TODAY, **kw), rec  # type: ignore[arg-type]


# The recharge questions after the advice, for a WeChat Pay top-up, with one wrong date.
# fmt: off
RECHARGE_KEYS = [
    "2026年13月1日", ENTER, CLEAR, "2026年11月20日", ENTER,  # a wrong date, then a right one
    "200元", ENTER,  # amount
    ENTER,  # target: wallet balance
    ENTER,  # transaction number: skipped
    DOWN, DOWN, ENTER,  # status: successful but not credited
    ENTER,  # bank card debited: yes
    "6789", ENTER,  # card ending
    "银行短信显示已扣款，余额没有增加。", ESC_ENTER,  # what happened (multi-line)
    DOWN, ENTER,  # tried before: no
    SPACE, ENTER,  # evidence: the first item
    ENTER, SPACE, ENTER,  # demands: none is refused, then the first
    ENTER,  # other demand: none
    "张三", ENTER, ENTER, ENTER,  # name, phone skipped, account skipped
]
# fmt: on


def test_full_chinese_session_for_a_wechat_top_up(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iv, rec = interview(cat)
    # provider by Chinese filter, problem, "still complain", ..., review ok, save, name,
    # record the case: yes, keep the answers file: no
    keys = ["微信", ENTER, ENTER, ENTER, *RECHARGE_KEYS, ENTER, ENTER, ENTER, ENTER, ENTER]
    with typed(*keys):
        outcome = iv.run()
    assert outcome.report is not None
    c = outcome.report.complaint
    assert c.provider.id == "wechatpay" and c.playbook.id == "recharge"
    assert c.values["incident_date"] == dt.date(2026, 11, 20)
    assert str(c.values["amount"]) == "200.00"
    assert c.values["demands"] == ["credit_topup"]
    assert "transaction_id" not in c.values
    saved = tmp_path / "投诉-wechatpay-recharge-2026-11-22.txt"
    assert outcome.saved == [Path(saved.name)]
    letter = saved.read_text(encoding="utf-8")
    assert "财付通支付科技有限公司" in letter and "人民币200.00元" in letter and "张三" in letter
    screen = rec.screen
    assert "隐私" in screen and "投诉前先检查" in screen
    assert "还缺的证据和获取方法" in screen  # shown right after the evidence question
    assert "投诉信预览" in screen and "下一步" in screen
    assert drafts.load_all() == []  # a finished session leaves no draft
    log = store.Store()
    [(_, provider, issue, status, _, _)] = list(log.iter_cases())
    assert (provider, issue, status) == ("wechatpay", "recharge", "open")
    assert "已记录为投诉案件 #1" in screen


def test_when_branch_and_an_edit_in_review(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat, "en")
    review_edit = [DOWN, ENTER, DOWN * 5, ENTER]  # "change an answer", then "bank card debited"
    # fmt: off
    keys = [*RECHARGE_KEYS, *review_edit, DOWN, ENTER,  # now: not debited
            ENTER,  # review again: write the letter
            DOWN, ENTER, DOWN, ENTER, ENTER]  # no letter file, no case, no answers file
    # fmt: on
    with typed(*keys):
        outcome = iv.run("wechatpay", "recharge")
    assert outcome.report is not None
    values = outcome.report.complaint.values
    assert values["bank_deducted"] is False
    assert "bank_card_last4" not in values  # its condition no longer holds
    assert "My bank card ending" not in outcome.report.letter.to_text()
    assert outcome.saved == []


def test_secret_typed_in_an_answer_is_warned_at_once(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys = list(RECHARGE_KEYS)
    keys[keys.index("银行短信显示已扣款，余额没有增加。")] = "客服让我报验证码 884422"
    iv, rec = interview(cat)
    with typed(*keys, ENTER, DOWN, ENTER, DOWN, ENTER, ENTER):
        outcome = iv.run("alipay", "recharge")
    assert "884422" not in outcome.report.letter.to_text()  # type: ignore[union-attr]
    assert "正规客服绝不会向你要这些" in rec.screen


def test_answering_no_to_complaining_ends_politely_with_the_hotline(cat: Catalog) -> None:
    iv, rec = interview(cat)
    with typed(DOWN, ENTER):
        outcome = iv.run("alipay", "fees")
    assert outcome.report is None
    assert "95188" in rec.screen


def test_ctrl_c_saves_a_draft_and_resume_finishes_the_same_letter(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    half = RECHARGE_KEYS.index("6789")
    iv, _ = interview(cat)
    with typed(ENTER, *RECHARGE_KEYS[:half], CTRL_C), pytest.raises(Interrupted) as stop:
        iv.run("wechatpay", "recharge")
    assert stop.value.where is not None and "walletcomplain.db" in stop.value.where
    assert store.db_path().stat().st_mode & 0o777 == 0o600
    [draft] = drafts.load_all()
    assert draft.provider == "wechatpay" and draft.answers["amount"] == "200.00"
    assert draft.answers["transaction_id"] is None  # skipped, and stays skipped

    back = resume(cat, draft, TODAY)
    assert back.dropped == [] and "bank_deducted" in back.done
    iv2, _ = interview(cat, draft=draft, values=back.values, done=back.done)
    with typed(*RECHARGE_KEYS[half:], ENTER, DOWN, ENTER, DOWN, ENTER, ENTER):
        outcome = iv2.run(draft.provider, draft.issue)
    assert outcome.report is not None
    values = outcome.report.complaint.values
    assert values["bank_card_last4"] == "6789" and values["incident_date"] == dt.date(2026, 11, 20)
    assert drafts.load_all() == []


def test_resume_drops_answers_that_no_longer_validate(cat: Catalog) -> None:
    draft = drafts.Draft(
        "d1",
        "alipay",
        "recharge",
        "zh",
        {"incident_date": "2030-01-01", "amount": "50", "gone": 1, "bank_card_last4": "1234"},
    )
    back = resume(cat, draft, TODAY)
    assert back.values == {"amount": back.values["amount"]}
    assert set(back.dropped) == {"incident_date", "gone", "bank_card_last4"}


def test_the_security_branch_for_someone_who_called(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # fmt: off
    keys = [ENTER,  # still complain
            DOWN, DOWN, ENTER,  # someone claiming to be support contacted me
            "2026-11-19", ENTER, "+86 170 1234 5678", ENTER,
            SPACE, DOWN, SPACE, ENTER,  # asked for: a code, screen sharing
            ENTER, ENTER,  # gave secrets: yes; money lost: yes
            "3000", ENTER, ENTER,  # amount, no transaction number
            ESC_ENTER,  # where the money went: not known
            ENTER, ENTER, ENTER,  # frozen: yes; police: yes; no report number
            "对方自称客服，让我共享屏幕。", ESC_ENTER,
            DOWN, ENTER, SPACE, ENTER, SPACE, ENTER, ENTER, ENTER, ENTER, ENTER,
            ENTER, DOWN, ENTER,  # review done; the police report: not saved
            DOWN, ENTER, DOWN, ENTER, ENTER]
    # fmt: on
    iv, rec = interview(cat)
    with typed(*keys):
        outcome = iv.run("alipay", "security")
    assert outcome.report is not None
    urgent = outcome.report.urgent
    assert "110" in urgent[0] and "银行" in urgent[0]  # 110 and the bank come first
    assert "不在官方号码目录里" in rec.screen  # the caller's number was checked at once
    assert "骗子的常见手法" in render_plain(views.report_blocks(outcome.report))
    assert "只通过官方 App" in rec.screen  # the unconditional urgent step came before the questions
    assert outcome.report.police_report is not None
    assert "报案材料" in rec.screen and "立案侦查" in rec.screen  # shown before the letter
    assert rec.screen.index("报案材料（报警时交给警方）") < rec.screen.index("投诉信预览")
    assert "现在就拨打 110" in rec.screen  # the next-step box: police first, not the wallet


def test_several_drafts_are_listed_to_choose_from(cat: Catalog) -> None:
    from walletcomplain.commands.start import pick_draft

    older = drafts.Draft(
        "d-old", "alipay", "recharge", "zh", {"amount": "10.00"}, "2026-11-20T10:00:00"
    )
    newer = drafts.Draft("d-new", "wechatpay", "fees", "zh", {}, "2026-11-21T10:00:00")
    iv, _ = interview(cat)
    with typed(DOWN, ENTER):  # the list is newest first: DOWN picks the older one
        picked = pick_draft(iv, [newer, older], cat, "zh")
    assert picked is older


# --- issue 10: what the user meets at each prompt ---------------------------------------

CTRL_B, BACKSPACE = "\x02", "\x7f"


class Events(Recorder):
    """The real prompts, with every question asked and every block shown, in order."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(lang)
        self.events: list[tuple[str, str]] = []

    def show(self, blocks: list[Block]) -> None:
        super().show(blocks)
        self.events += [("show", render_plain([b], width=200)) for b in blocks]

    def select(self, message: str, *a: Any, **kw: Any) -> str:
        self.events.append(("ask", message))
        return super().select(message, *a, **kw)

    def checkbox(self, message: str, *a: Any, **kw: Any) -> list[str]:
        self.events.append(("ask", message))
        return super().checkbox(message, *a, **kw)

    def text(self, message: str, *a: Any, **kw: Any) -> str:
        self.events.append(("ask", message))
        return super().text(message, *a, **kw)

    def asked(self) -> list[str]:
        return [m for kind, m in self.events if kind == "ask"]


@pytest.mark.parametrize("typo", ["微心", "wechta", "WeChat Pya", "weixin"])
def test_a_mistyped_provider_is_caught_and_the_closest_offered(cat: Catalog, typo: str) -> None:
    iv, _ = interview(cat)
    # Enter on a filter that matches nothing must not answer; it points at the closest
    with typed(typo, ENTER, ENTER):
        assert iv.pick_provider().id == "wechatpay"


def test_a_provider_nothing_like_any_waits_for_another_try(cat: Catalog) -> None:
    iv, _ = interview(cat)
    with typed("zzzz", ENTER, "微信", ENTER):  # Alipay (the first item) is never taken
        assert iv.pick_provider().id == "wechatpay"


def test_a_problem_can_be_typed_too(cat: Catalog) -> None:
    iv, _ = interview(cat)
    with typed("盗", ENTER):
        assert iv.pick_playbook().id == "security"
    with typed("sceurity", ENTER, ENTER):
        assert iv.pick_playbook().id == "security"


def test_ctrl_b_goes_back_one_question_with_its_answer_filled_in(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat)
    rec2 = Events("zh")
    iv.prompter = rec2
    date_keys = RECHARGE_KEYS[:5]
    rest = RECHARGE_KEYS[7:]  # from "target" on
    keys = [*date_keys, "200", ENTER, CTRL_B, CLEAR, "300", ENTER, *rest]
    with typed(*keys, ENTER, DOWN, ENTER, DOWN, ENTER, ENTER):
        outcome = iv.run("wechatpay", "recharge")
    assert outcome.report is not None
    assert str(outcome.report.complaint.values["amount"]) == "300.00"
    amounts = [m for m in rec2.asked() if "充值金额" in m]
    assert len(amounts) == 2 and amounts[0].startswith("[2/") and amounts[1].startswith("[2/")
    first = next(m for m in rec2.asked() if m.startswith("[1/"))
    assert first  # the first question's notes carry the hint (checked on screen in test_screen)


def test_the_count_never_skips_and_says_about_until_it_is_sure(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat)
    rec = Events("zh")
    iv.prompter = rec
    with typed(*RECHARGE_KEYS, ENTER, DOWN, ENTER, DOWN, ENTER, ENTER):
        iv.run("wechatpay", "recharge")
    counts = [re.match(r"\[(\d+)/(约)?(\d+)\]", m) for m in rec.asked()]
    seen = [(int(m[1]), m[2] is not None, int(m[3])) for m in counts if m]
    assert [n for n, _, _ in seen] == list(range(1, len(seen) + 1))  # 1, 2, 3, ... no gaps
    # "about" while "tried before?" is unanswered; exact once no answer can change N
    tried = next(i for i, m in enumerate(rec.asked()) if "联系过客服" in m)
    assert all(about for _, about, _ in seen[:tried])
    assert not any(about for _, about, _ in seen[tried + 1 :])
    assert seen[-1][0] == seen[-1][2]  # the last question is n of N


def test_money_lost_shows_110_and_the_bank_before_the_next_question(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat)
    rec = Events("zh")
    iv.prompter = rec
    # still complain; a payment I did not make; date; secrets: no; money lost: yes; then Ctrl-C
    keys = [ENTER, ENTER, "2026-11-19", ENTER, DOWN, ENTER, ENTER, CTRL_C]
    with typed(*keys), pytest.raises(Interrupted):
        iv.run("alipay", "security")
    lost = next(i for i, (k, m) in enumerate(rec.events) if k == "ask" and "钱款损失" in m)
    after = rec.events[lost + 1]
    assert after[0] == "show" and "110" in after[1] and "发卡银行" in after[1]
    assert "95188" in after[1]  # the official number to freeze the account
    assert "损失了多少元" in rec.events[lost + 2][1]  # and only then the next question

    # --resume repeats it before anything else is asked
    [draft] = drafts.load_all()
    back = resume(cat, draft, TODAY)
    iv2, _ = interview(cat, draft=draft, values=back.values, done=back.done)
    rec2 = Events("zh")
    iv2.prompter = rec2
    with typed(CTRL_C), pytest.raises(Interrupted):
        iv2.run(draft.provider, draft.issue)
    shown = [m for k, m in rec2.events if k == "show"]
    assert "开始于" in shown[0] and "支付宝" in shown[0]  # the recap first
    assert any("110" in m for m in shown)
    assert rec2.events[-1][0] == "ask"


def test_review_can_change_the_provider_and_keeps_the_answers(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat)
    review = [DOWN, DOWN, ENTER, "支付宝", ENTER, ENTER]  # change provider, then all right
    with typed(*RECHARGE_KEYS, *review, DOWN, ENTER, DOWN, ENTER, ENTER):
        outcome = iv.run("wechatpay", "recharge")
    assert outcome.report is not None
    assert outcome.report.complaint.provider.id == "alipay"
    assert outcome.report.complaint.values["bank_card_last4"] == "6789"


def test_changing_the_problem_keeps_every_answer_that_still_applies(cat: Catalog) -> None:
    iv, _ = interview(cat)
    iv.draft = drafts.Draft("d", "alipay", "recharge", "zh")
    iv.provider = cat.directory.provider("alipay")
    iv.use_playbook(cat.playbooks["recharge"])
    ex = answers.parse(
        cat.playbooks["recharge"].questions, cat.playbooks["recharge"].example, TODAY
    )
    iv.values, iv.done = dict(ex.values), set(ex.values)
    with typed(CTRL_C), pytest.raises(KeyboardInterrupt):
        iv.change_playbook(cat.playbooks["security"])
    assert iv.playbook is not None and iv.playbook.id == "security"
    kept = set(iv.values)
    assert {"incident_date", "tried_before", "tried_ref", "contact_name"} <= kept
    assert "bank_card_last4" not in kept and "status_shown" not in kept  # recharge only


def test_an_inline_error_names_the_question_and_shows_no_internals(cat: Catalog) -> None:
    from walletcomplain.answers import AnswerError, FieldError, check_one
    from walletcomplain.messages import describe_inline

    pb = cat.playbooks["recharge"]
    for qid, typed_text, want in [
        ("incident_date", "2026年13月1日", "例如 2026-11-20"),
        ("bank_card_last4", "12ab", "例如 6789"),
        ("transaction_id", "ab!", "4 到 64 位"),
    ]:
        q = pb.question(qid)
        assert q is not None
        with pytest.raises(AnswerError) as e:
            check_one(q, typed_text, TODAY)
        msg = describe_inline(
            FieldError(
                field=q.id,
                label=q.label,
                given=typed_text,
                code=e.value.code,
                params=e.value.params,
            ),
            q,
            "zh",
        )
        assert q.label.zh in msg and typed_text in msg and want in msg, msg
        assert qid not in msg and "^" not in msg and "\\d" not in msg


def test_rename_suggests_a_free_name(tmp_path: Path) -> None:
    from walletcomplain.interview import free_name

    (tmp_path / "投诉.txt").write_text("x")
    (tmp_path / "投诉-2.txt").write_text("x")
    assert free_name(tmp_path / "投诉.txt") == tmp_path / "投诉-3.txt"
    assert free_name(tmp_path / "a.answers.yaml") == tmp_path / "a-2.answers.yaml"


def test_an_existing_file_is_renamed_to_the_suggestion_with_one_enter(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    from walletcomplain.interview import Outcome

    Path("letter.txt").write_text("old", encoding="utf-8")
    iv, _ = interview(cat)
    out = Outcome()
    with typed(ENTER, ENTER):  # "rename" (suggested), then accept the suggested name
        iv.save_file(Path("letter.txt"), "new", out, ask=False)
    assert Path("letter.txt").read_text(encoding="utf-8") == "old"
    assert Path("letter-2.txt").read_text(encoding="utf-8") == "new"


PIECES = ["显", "示", "成功", "却没到账", "，", "。", "（但）", "“是”", "「好」", "abc ", "de "]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60), st.integers(12, 40))
def test_fitted_lines_never_start_closed_or_end_open(pieces: list[str], width: int) -> None:
    from walletcomplain.commands.prompter import fit
    from walletcomplain.output import NO_LINE_END, NO_LINE_START, cell_width

    # Prose never puts two stops together ("，，", "，。"); with three closing marks in a
    # row after a bracket no wrap can keep both rules at width 12 (found by hypothesis,
    # "（但），。，"), and the width wins.
    assume(all(not (a in "，。" and b in "，。") for a, b in itertools.pairwise(pieces)))
    text = "显" + "".join(pieces)  # a sentence starts with a word, not a closing mark
    lines = fit(text, width, "  ")
    assert "".join(x.strip() for x in lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        body = line.strip()
        assert cell_width(line) <= width
        if i > 0:
            assert body[0] not in NO_LINE_START, lines
        if i < len(lines) - 1:
            assert body[-1] not in NO_LINE_END, lines


def test_typing_a_lone_angle_bracket_goes_back_too(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-B is tmux's prefix: `<` then Enter in a text prompt, or `<` in a list, also
    goes back."""
    monkeypatch.chdir(tmp_path)
    iv, _ = interview(cat)
    date_keys = RECHARGE_KEYS[:5]
    rest = RECHARGE_KEYS[7:]  # from "target" on
    # at "target" (a list) press <: back to the amount; change it; at "target" again,
    # go on; at the transaction number type < and Enter: back to "target"
    keys = [*date_keys, "200", ENTER, "<", CLEAR, "300", ENTER, ENTER, "<", ENTER, *rest]
    with typed(*keys, ENTER, DOWN, ENTER, DOWN, ENTER, ENTER):
        outcome = iv.run("wechatpay", "recharge")
    assert outcome.report is not None
    assert str(outcome.report.complaint.values["amount"]) == "300.00"
    assert "transaction_id" not in outcome.report.complaint.values


# fmt: off
COMMON_TAIL = [
    DOWN, ENTER,  # tried before: no
    SPACE, ENTER,  # evidence: the first item
    SPACE, ENTER,  # demands: the first
    ENTER, "张三", ENTER, ENTER, ENTER,  # other demand, name, phone, account
]
# fmt: on


def test_the_scam_branches_money_lost_and_not(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # fmt: off
    lost = [ENTER,  # still complain
            ENTER,  # task rebate
            "2026-11-17", ENTER,
            DOWN, DOWN, ENTER,  # reached through a chat app
            "QQ 2938475610", ENTER,  # the shared caller question
            DOWN, DOWN, SPACE, ENTER,  # asked for: a transfer to a "safe account"
            ENTER,  # platform: skipped
            ENTER, "5600", ENTER, ENTER,  # money lost: yes; amount; no transaction number
            "11月17日 14:02，5600元，转到 6217 0000 1111 2222", ESC_ENTER,
            ENTER,  # frozen through the wallet: yes
            DOWN, ENTER,  # reported to the police: not yet
            "群里招募刷单兼职，垫付后无法提现。", ESC_ENTER,
            *COMMON_TAIL,
            ENTER, DOWN, ENTER,  # review done; the police report: not saved
            DOWN, ENTER, DOWN, ENTER, ENTER]
    # fmt: on
    iv, rec = interview(cat)
    with typed(*lost):
        outcome = iv.run("alipay", "scam")
    rep = outcome.report
    assert rep is not None
    assert rep.complaint.values["asked_for"] == ["transfer"]
    assert "police_ref" not in rep.complaint.values  # its condition did not hold
    screen = rec.screen
    advice = screen.split("先做这些")[0]  # what is on screen before any question
    assert "先拨打 110 报警" in advice
    assert "现在就拨打 110" in screen  # the urgent step
    assert rep.police_report is not None and "QQ 2938475610" in rep.police_report.to_text()
    assert screen.index("报案材料（报警时交给警方）") < screen.index("投诉信预览")
    assert [s.key for s in rep.plan.steps][:2] == ["police", "bank"]

    # fmt: off
    not_lost = [ENTER, DOWN * 4, ENTER,  # still complain; investment
                "2026-11-17", ENTER, ENTER,  # by phone
                ENTER,  # no number
                DOWN * 6, SPACE, ENTER,  # asked for: nothing yet
                ENTER,  # platform: skipped
                DOWN, ENTER,  # money lost: no, so no amount, transfers or police questions
                DOWN, ENTER,  # not frozen
                "对方推荐投资平台，我没有转账。", ESC_ENTER,
                *COMMON_TAIL,
                ENTER,  # review done: no police report to offer
                DOWN, ENTER, DOWN, ENTER, ENTER]
    # fmt: on
    iv, rec = interview(cat)
    with typed(*not_lost):
        outcome = iv.run("alipay", "scam")
    rep = outcome.report
    assert rep is not None
    values = rep.complaint.values
    assert values["scam_type"] == "investment" and values["money_lost"] is False
    assert not {"amount", "transfers", "police_report"} & set(values)
    assert rep.police_report is None and not rep.plan.urgent
    assert "报案材料（报警时交给警方）" not in rec.screen


def test_the_auto_renewal_branches(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # fmt: off
    keys = [ENTER,  # still complain
            "某某视频", ENTER, "视频会员连续包月", ENTER,
            DOWN, ENTER,  # the renewal was ticked by default
            "2026-09-15", ENTER, "25", ENTER, "2026-11-15", ENTER, "25", ENTER,
            "3", ENTER, ENTER,  # three deductions; no transaction number
            DOWN, ENTER,  # no notice before the renewal
            DOWN, ENTER,  # not cancelled yet
            DOWN, ENTER,  # could not find it in the wallet's settings
            ESC_ENTER,  # nothing to add
            *COMMON_TAIL,
            ENTER,  # review done
            DOWN, ENTER, DOWN, ENTER, ENTER]
    # fmt: on
    iv, rec = interview(cat)
    with typed(*keys):
        outcome = iv.run("wechatpay", "auto_renewal")
    rep = outcome.report
    assert rep is not None
    values = rep.complaint.values
    assert (
        values["how_started"] == "default_ticked" and values["cancel_trouble"] == "wallet_settings"
    )
    assert [x.id for x in rep.letter.laws] == ["cplr_10", "ntr_18", "ecl_19"]
    text = rep.letter.to_text()
    assert text.startswith("致：某某视频") and "抄送：财付通支付科技有限公司" in text
    assert "在微信支付的支付设置里找不到取消的入口" in text
    assert "what_happened" not in values and "补充说明" not in text
    assert "先止损" in rec.screen  # not cancelled yet: stop the deductions first
    assert rec.screen.index("「支付设置」") < rec.screen.index("先止损")  # advice came first


def test_after_the_case_files_are_attached_and_the_call_is_logged(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from walletcomplain import complaint, workflow
    from walletcomplain.store import Store

    monkeypatch.chdir(tmp_path)
    shot = tmp_path / "交易记录.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    rep = complaint.report(
        complaint.build(
            cat, "wechatpay", "recharge", cat.playbooks["recharge"].example, "zh", TODAY
        )
    )
    with Store() as log:
        case_id = workflow.record(log, rep, TODAY)
    iv, rec = interview(cat)
    # fmt: off
    keys = [DOWN, DOWN, ENTER,  # the final menu: attach files
            f"'{shot}'", ENTER,  # a path as a terminal pastes a dragged file
            ENTER,  # the first evidence item
            DOWN, DOWN, DOWN, ENTER,  # the menu again: the call sheet
            "WX-1", ENTER, "已转技术部门", ENTER, "2026-11-25", ENTER,
            ENTER]  # the menu again: done
    # fmt: on
    with typed(*keys):
        iv.finally_menu(case_id, rep.complaint.playbook, tmp_path / "a.yaml", Outcome(rep))
    assert "已附上：交易记录.png" in rec.screen
    assert "电话清单" in rec.screen and "95017" in rec.screen  # the sheet, with the number
    with Store() as log:
        case = log.get(case_id)
        from walletcomplain import evidence

        [attached] = evidence.listing(log, case_id)
    assert attached.item == "screenshot_record" and attached.name == "交易记录.png"
    assert case.events[-1].ref == "WX-1" and case.next_due == dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("自动扣费", "auto_renewal"),
        ("被骗", "scam"),
        ("转错", "wrong_transfer"),
        ("qqqqqq", "other"),
    ],
)
def test_the_problem_chooser_knows_the_words_people_use(
    cat: Catalog, words: str, expected: str
) -> None:
    iv, _ = interview(cat)
    with typed(words, ENTER, ENTER):  # no title matches: Enter points, Enter takes it
        assert iv.pick_playbook().id == expected


def test_when_no_wrap_keeps_the_punctuation_rules_the_width_still_holds() -> None:
    from walletcomplain.commands.prompter import fit
    from walletcomplain.output import cell_width

    lines = fit("显（但），，，", 12, "  ")
    assert "".join(x.strip() for x in lines) == "显（但），，，"
    assert all(cell_width(x) <= 12 for x in lines)


def test_a_multi_line_answer_keeps_its_line_breaks_visible_in_review(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two lines typed into "what happened" show as two lines run together with a mark,
    not glued into one sentence (new-user run)."""
    monkeypatch.chdir(tmp_path)
    iv, rec = interview(cat)
    story = RECHARGE_KEYS.index("银行短信显示已扣款，余额没有增加。")
    keys = [*RECHARGE_KEYS]
    keys[story : story + 1] = ["银行短信显示已扣款", ENTER, "余额没有增加", ENTER]
    keys = ["微信", ENTER, ENTER, ENTER, *keys, ENTER, ENTER, ENTER, ENTER, ENTER]
    with typed(*keys):
        outcome = iv.run()
    assert outcome.report is not None
    assert "银行短信显示已扣款 / 余额没有增加" in rec.screen


def test_only_problems_that_fit_the_provider_are_offered(cat: Catalog) -> None:
    """tpWallet has no frozen-account problem: it is not offered, so no session can end
    in a letter that does not apply (new-user run)."""
    iv, _ = interview(cat)
    tp = cat.directory.provider("tpwallet")
    assert tp is not None
    with typed("冻结", ENTER, ENTER):
        pb = iv.pick_playbook(fits=tp)
    assert pb.id != "frozen" and pb.applies_to(tp)


def test_changing_the_provider_in_review_offers_only_those_that_fit(cat: Catalog) -> None:
    iv, _ = interview(cat)
    with typed("tp", ENTER, ENTER):  # tpWallet is not in the list: the closest that fits
        p = iv.pick_provider(fits=cat.playbooks["frozen"])
    assert p.id != "tpwallet" and cat.playbooks["frozen"].applies_to(p)


def test_a_draft_whose_problem_no_longer_fits_asks_for_the_provider_again(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    draft = drafts.Draft(drafts.new_id(), "tpwallet", "frozen", "en")
    iv, rec = interview(cat, "en")
    iv.resume(draft)
    with typed(ENTER, CTRL_C), pytest.raises(Interrupted):  # Alipay, then stop
        iv.run("tpwallet", "frozen")
    assert "'Account frozen, or payments in or out restricted' does not apply" in rec.screen
    [saved] = drafts.load_all()
    assert (saved.provider, saved.issue) == ("alipay", "frozen")


def test_the_review_shows_every_answer_whole(
    cat: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review is where answers are checked: a long one is wrapped, never cut with "…"
    (new-user run: the third demand never showed)."""
    from walletcomplain.messages import t

    monkeypatch.chdir(tmp_path)
    iv, rec = interview(cat)
    story = "银行短信显示已扣款，余额没有增加，客服说要等三到五个工作日，但已经过去两周了。" * 2
    keys = [*RECHARGE_KEYS]
    i = keys.index("银行短信显示已扣款，余额没有增加。")
    keys[i] = story
    with typed("微信", ENTER, ENTER, ENTER, *keys, ENTER, ENTER, ENTER, ENTER, ENTER):
        iv.run()
    [review] = [b for b in rec.blocks if b.title == t("i_review_title", "zh")]
    assert [story] == [v for _, v in review.rows if v.startswith("银行短信")]


def test_a_question_that_changes_the_route_waits_on_no(cat: Catalog) -> None:
    """wrong_transfer's "did they trick you?" switches to the scam route on yes: Enter alone
    must take "no" (`preselect: false`; new-user run)."""
    pb = cat.playbooks["wrong_transfer"]
    q = pb.question("fraud")
    assert q is not None and q.preselect is False
    iv, _ = interview(cat)
    with typed(ENTER):
        assert iv.prompt_for(q, "?", None, [], back=False) is False
