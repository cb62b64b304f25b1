"""What the user sees: the installed `walletcomplain start` in a pseudo-terminal, its output
drawn by a terminal emulator (pyte), checked screen by screen at 80x24, 100x40 and 120x50,
in Chinese and English.

Matching text in the output stream (pexpect) cannot see a prompt that draws nothing, a
help line scrolled away or a line cut at the right edge; a rendered screen can. Each
session is driven from the playbook's own example answers, so it covers every question
the example reaches. At every question the screen must show the question, its help and
what was typed; no line may run into the last column (text cut or wrapped by the
terminal), start with a closing mark or end with an opening one.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest

from walletcomplain import catalog
from walletcomplain.messages import t
from walletcomplain.models import Catalog, Lang, Playbook, Question

from .conftest import TODAY

pytestmark = pytest.mark.e2e

EXE = shutil.which("walletcomplain", path=str(Path(sys.executable).parent)) or "walletcomplain"
ENTER, UP, DOWN, SPACE, ESC_ENTER = "\r", "\x1b[A", "\x1b[B", " ", "\x1b\r"
SIZES = [(80, 24), (100, 40), (120, 50)]
EDGES = [(60, 20), (200, 50)]  # the narrowest and widest terminals promised
CLOSING = set("，。；：、）」』”！？,.;:")
OPENING = set("（「『“‘《【(")
BORDER = set("│╮╯╭╰─")


@dataclass
class Term:
    child: pexpect.spawn
    screen: pyte.Screen
    stream: pyte.ByteStream
    cols: int

    def pump(self, seconds: float = 0.05) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=seconds)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        for i, part in enumerate(data.split(b"\x1b[6n")):
            if i:  # a cursor-position request came before this part: answer as terminals do
                y, x = self.screen.cursor.y + 1, self.screen.cursor.x + 1
                self.child.send(f"\x1b[{y};{x}R")
            self.stream.feed(part)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def flat(self) -> str:
        """The screen as one string without spaces: wrapped text still matches."""
        return "".join("".join(line.split()) for line in self.lines())

    def wait(self, text: str, timeout: float = 20.0) -> None:
        needle = "".join(text.split())
        end = time.monotonic() + timeout
        while needle not in self.flat():
            if time.monotonic() > end:
                shown = "\n".join(self.lines())
                raise AssertionError(f"not on screen: {text!r}\n--- screen ---\n{shown}")
            self.pump()
        self.pump(0.05)  # the rest of this frame

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def check_layout(self) -> None:
        """Nothing runs into the last column; no line starts with a closing mark or
        ends with an opening one."""
        for i, line in enumerate(self.screen.display):
            last = line[self.cols - 1 :].strip() if len(line) >= self.cols else ""
            body = line.rstrip()
            assert last == "" or last in BORDER, f"line {i} reaches the right edge: {body!r}"
            inner = body.strip().strip("".join(BORDER)).strip()
            if not inner:
                continue
            assert inner[0] not in CLOSING, f"line {i} starts with {inner[0]!r}: {body!r}"
            assert inner[-1] not in OPENING, f"line {i} ends with {inner[-1]!r}: {body!r}"


def start(tmp_path: Path, lang: Lang, cols: int, rows: int, cpr: bool = False) -> Term:
    env = {
        **os.environ,
        "WALLETCOMPLAIN_HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "WALLETCOMPLAIN_LANG": lang,
        "TERM": "xterm",
        "WALLETCOMPLAIN_TODAY": TODAY.isoformat(),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pyte does not answer cursor-position queries
        "COLUMNS": str(cols),
        "LINES": str(rows),
    }
    env.pop("NO_COLOR", None)
    if cpr:
        del env["PROMPT_TOOLKIT_NO_CPR"]
    child = pexpect.spawn(EXE, ["start"], cwd=str(tmp_path), env=env, dimensions=(rows, cols))
    child.delaybeforesend = 0.02
    screen = pyte.Screen(cols, rows)
    return Term(child, screen, pyte.ByteStream(screen), cols)


def typed_for(q: Question, value: Any, lang: Lang) -> tuple[str, str]:
    """(text to type and see on screen, keys that answer) for one example answer."""
    if q.type == "confirm":
        if q.preselect is False:  # the cursor starts on "no"
            return "", UP + ENTER if value else ENTER
        return "", ENTER if value else DOWN + ENTER
    if q.type == "choice":
        if value is None:
            return "", DOWN * len(q.choices) + ENTER  # "(skip)" comes last
        return "", DOWN * [c.id for c in q.choices].index(value) + ENTER
    if q.type == "multichoice":
        keys = ""
        for c in q.choices:
            keys += (SPACE if c.id in (value or []) else "") + DOWN
        return "", keys + ENTER
    if value is None:
        return "", ESC_ENTER if q.type == "longtext" else ENTER
    text = str(value)
    if q.type == "longtext":
        short = text[:18] if lang == "zh" else " ".join(text.split()[:5])
        return short, ESC_ENTER
    return text, ENTER


def walk(term: Term, pb: Playbook, lang: Lang, example: dict[str, Any]) -> list[str]:
    """Answer every question that applies, checking the screen at each; the ids asked."""
    asked: list[str] = []
    values: dict[str, Any] = {}
    for q in pb.questions:
        if q.when is not None and not q.when.holds(values):
            continue
        value = example.get(q.id)
        term.wait(q.prompt.get(lang))
        if q.help is not None:
            term.wait(q.help.get(lang))
        text, keys = typed_for(q, value, lang)
        if text:
            term.send(text)
            term.wait(text)
        term.check_layout()
        term.send(keys)
        asked.append(q.id)
        if value is not None:
            values[q.id] = value
        for para in pb.urgent:  # an urgent step shows before the next question
            if para.when is not None and para.when.question == q.id and para.when.holds(values):
                term.wait(para.get(lang)[:12])
                term.wait(t("h_urgent_now", lang))
                term.check_layout()
    return asked


def finish(term: Term, lang: Lang, police: bool = False) -> None:
    keys = ["i_review_pick", "i_save_letter", "i_file_name", "i_record_case"]
    if police:  # money lost: the police report comes first, and is offered first
        keys[1:1] = ["i_save_police", "i_file_name"]
    for key in keys:
        term.wait(t(key, lang)[:8])
        term.check_layout()
        term.send(ENTER)
    term.wait(t("i_save_answers", lang)[:8])
    term.send(ENTER)
    term.wait(t("i_next_step", lang, text="").strip())
    term.child.expect(pexpect.EOF, timeout=20)
    term.child.close()
    assert term.child.exitstatus == 0


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return catalog.load(use_cache=False, today=TODAY)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_a_whole_recharge_session_is_readable(
    tmp_path: Path, cat: Catalog, lang: Lang, cols: int, rows: int
) -> None:
    pb = cat.playbooks["recharge"]
    term = start(tmp_path, lang, cols, rows)
    term.wait(t("i_pick_provider", lang))
    term.check_layout()
    term.send("微信" if lang == "zh" else "wechat")
    term.wait("微信" if lang == "zh" else "wechat")
    term.send(ENTER)
    term.wait(t("i_pick_issue", lang))
    term.check_layout()
    term.send(ENTER)
    term.wait(t("i_still", lang))
    term.check_layout()
    term.send(ENTER)
    term.wait(t("i_back_hint", lang))  # the first question says how to go back
    asked = walk(term, pb, lang, dict(pb.example))
    assert "what_happened" in asked and "tried_reply" in asked
    finish(term, lang)
    assert list(tmp_path.glob("*.txt"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_a_whole_security_session_with_money_lost(
    tmp_path: Path, cat: Catalog, lang: Lang, cols: int, rows: int
) -> None:
    pb = cat.playbooks["security"]
    term = start(tmp_path, lang, cols, rows)
    term.wait(t("i_pick_provider", lang))
    term.send(ENTER)  # Alipay
    term.wait(t("i_pick_issue", lang))
    term.send(DOWN * list(cat.playbooks).index("security") + ENTER)
    term.wait(t("i_still", lang))
    term.send(ENTER)
    term.wait(t("h_urgent", lang))  # the steps that come before any question
    asked = walk(term, pb, lang, dict(pb.example))
    assert {"money_lost", "amount", "police_ref"} <= set(asked)
    finish(term, lang, police=True)
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert len(names) == 2 and any(t("police_file_stem", lang) in n for n in names)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sixty_columns_still_shows_a_multiline_question_and_its_hint(
    tmp_path: Path, lang: Lang
) -> None:
    term = start(tmp_path, lang, 60, 20)
    term.wait(t("i_pick_provider", lang))
    term.send(ENTER)
    term.wait(t("i_pick_issue", lang))
    term.send(ENTER)
    term.wait(t("i_still", lang))
    term.send(ENTER)
    for keys in ("2026-11-20\r", "200\r", "\r", "\r", DOWN + DOWN + "\r", "\r", "6789\r"):
        term.send(keys)
        time.sleep(0.2)
    term.wait(t("i_multiline_hint", lang))
    term.send("abc")
    term.send("\r")
    term.send("def")
    term.wait("def")
    term.check_layout()
    assert "abc" in term.flat()
    term.child.terminate(force=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("cols", "rows"), EDGES)
def test_the_narrowest_and_widest_terminals_too(
    tmp_path: Path, cat: Catalog, lang: Lang, cols: int, rows: int
) -> None:
    pb = cat.playbooks["security"]
    term = start(tmp_path, lang, cols, rows)
    term.wait(t("i_pick_provider", lang))
    term.check_layout()
    term.send(ENTER)
    term.wait(t("i_pick_issue", lang))
    term.check_layout()
    term.send(DOWN * list(cat.playbooks).index("security") + ENTER)
    term.wait(t("i_still", lang))
    term.send(ENTER)
    asked = walk(term, pb, lang, dict(pb.example))
    assert "what_happened" in asked
    finish(term, lang, police=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filter_that_matches_nothing_says_so_before_enter(tmp_path: Path, lang: Lang) -> None:
    """Typing a provider no choice contains says so at once (questionary only turns the
    filter red); Backspace back to a match takes the message away."""
    term = start(tmp_path, lang, 80, 24, cpr=True)  # the message is a toolbar at the bottom
    term.wait(t("i_pick_provider", lang))
    term.send("zzq")
    nothing = t("i_no_match_yet", lang, typed="zzq")[:14]
    term.wait(nothing)
    term.check_layout()
    term.send("\x7f\x7f\x7f" + "Ali")  # Backspace thrice, then a filter that matches
    term.wait("Ali")
    term.pump(0.3)
    assert nothing not in term.flat()
    term.child.terminate(force=True)
