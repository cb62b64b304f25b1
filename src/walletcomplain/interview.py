"""The conversation behind `walletcomplain start`.

`Interview` walks a playbook through a `Prompter`: choose provider and problem,
read the advice, answer the questions (each checked by answers.check_one, the
same rules and messages as `letter`), tick evidence, choose demands, review and
edit, then see the channels, the ladder and the letter, and save them.
`prompter.QuestionaryPrompter` is the real terminal; tests drive it through
prompt_toolkit's pipe input. Every answer is saved to the draft as it is given;
Ctrl-C or a signal anywhere ends with `Interrupted`, the draft kept. A Prompter
raises `GoBack` when the user asks for the previous question. The urgent steps
of the playbook (`urgent` with a `when`) are shown the moment their condition holds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import answers, complaint, drafts, views
from .answers import AnswerError, FieldError
from .errors import ExitCode, FileExists, MissingFolder, StoreError, WalletError
from .finish import record_case, write_document
from .letter import format_value
from .messages import describe_inline, describe_notice, sep, t, t_n
from .models import Catalog, Lang, Playbook, Provider, Question
from .names import find_playbook, find_provider
from .output import Block, cell_width, shorten

Validator = Callable[[str], "str | None"]
# What reading or drawing a prompt raises once its terminal has been closed.
TERMINAL_GONE = frozenset({errno.EIO, errno.ENXIO, errno.EBADF})


class Prompter(Protocol):
    """What the interview needs from a terminal. Every method may raise KeyboardInterrupt,
    and, when called with `back=True`, `GoBack` (the user asked for the previous question).
    `notes` are lines shown under the message: help and hints."""

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str, str | None]],
        default: str | None = None,
        search: bool = False,
        notes: Sequence[str] = (),
        back: bool = False,
        match: Callable[[str], list[str]] | None = None,
    ) -> str: ...

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        checked: Sequence[str],
        validate: Callable[[list[str]], str | None] | None = None,
        notes: Sequence[str] = (),
        back: bool = False,
    ) -> list[str]: ...

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
        notes: Sequence[str] = (),
        back: bool = False,
    ) -> str: ...

    def show(self, blocks: list[Block]) -> None: ...


class GoBack(Exception):
    """The user asked for the previous question (raised by a Prompter)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal): stop as Ctrl-C does; exit 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Interrupted(WalletError):
    """Ctrl-C or a signal: the answers so far are in the draft stored at `where` (None:
    nothing kept). `signum` is set when a signal, not Ctrl-C, stopped the interview:
    the exit code is then 128 + signum (143 for SIGTERM, 129 for SIGHUP), else 130."""

    def __init__(self, where: str | None, signum: int | None = None) -> None:
        super().__init__(where)
        self.where = where
        self.signum = signum
        self.exit_code = {signal.SIGTERM: ExitCode.TERMINATED, signal.SIGHUP: ExitCode.HANGUP}.get(
            signal.Signals(signum) if signum is not None else signal.SIGINT, ExitCode.INTERRUPTED
        )

    def message(self, lang: Lang) -> str:
        if self.signum is None:
            key = "i_interrupted" if self.where else "i_interrupted_nothing"
        else:
            key = "i_terminated" if self.where else "i_interrupted_nothing"
        return t(key, lang, path=self.where or "")


@dataclass
class Outcome:
    report: complaint.Report | None = None  # None when the user chose not to complain
    saved: list[Path] = field(default_factory=list)


@dataclass
class Interview:
    prompter: Prompter
    catalog: Catalog
    lang: Lang
    today: dt.date
    output: Path | None = None  # start --output: save the letter here without asking
    draft: drafts.Draft | None = None
    values: dict[str, Any] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)  # answered or deliberately skipped
    record: bool = True  # drafts and cases; off with --no-save or WALLETCOMPLAIN_NO_SAVE=1
    history: list[str] = field(default_factory=list)  # questions answered, in order (for Back)
    urgent_shown: set[int] = field(default_factory=set)  # playbook.urgent items on screen
    provider: Provider | None = None
    playbook: Playbook | None = None

    # --- the whole conversation ---------------------------------------------------------

    def resume(self, draft: drafts.Draft) -> list[str]:
        """Carry on from a draft: its answers that still hold are taken as given; returns
        the ids of those that no longer do (the playbook changed), for the user to hear."""
        back = resume(self.catalog, draft, self.today)
        self.draft, self.values, self.done = draft, back.values, back.done
        return back.dropped

    def run(self, provider_id: str | None = None, issue_id: str | None = None) -> Outcome:
        try:
            return self._run(provider_id, issue_id)
        except (KeyboardInterrupt, EOFError) as e:
            signum = e.signum if isinstance(e, Terminated) else None
            raise Interrupted(self._save_draft(), signum) from None
        except OSError as e:
            if e.errno not in TERMINAL_GONE:
                raise
            raise Interrupted(self._save_draft(), signal.SIGHUP) from None

    def _run(self, provider_id: str | None, issue_id: str | None) -> Outcome:
        lang = self.lang
        resumed = self.draft is not None
        if self.draft is None:
            self.prompter.show(
                [Block(t("i_intro_title", lang), lines=[t("i_intro", lang), t("i_privacy", lang)])]
            )
            self.draft = drafts.Draft(drafts.new_id(), provider_id, issue_id, lang)
        provider = find_provider(self.catalog, provider_id) if provider_id else self.pick_provider()
        self.provider = provider
        self.draft.provider = provider.id
        self.save_as_you_go()
        if issue_id:
            playbook = find_playbook(self.catalog, issue_id)
        else:
            playbook = self.pick_playbook(fits=provider)
        if not playbook.applies_to(provider):  # a draft saved before the pair was checked
            self.prompter.show(
                [Block(t("i_provider_unfit", lang, issue=playbook.title.get(lang)), style="warn")]
            )
            self.provider = provider = self.pick_provider(fits=playbook)
            self.draft.provider = provider.id
        self.use_playbook(playbook)
        if resumed:
            self.prompter.show(self.recap())
        elif not self.values:
            self.prompter.show(
                [Block(t("h_advice", lang), lines=[f"• {a.get(lang)}" for a in playbook.advice])]
            )
            if not self.ask_yes_no(t("i_still", lang), default=True):
                self.prompter.show([Block(t("h_channels", lang), lines=[self.bye(provider)])])
                self._forget_draft()
                return Outcome()
        self.save_as_you_go()
        self.show_urgent(start=True)
        self.ask_all()
        self.review()
        playbook, provider = self.current()
        comp = complaint.build(
            self.catalog,
            provider.id,
            playbook.id,
            answers.to_jsonable(self.values),
            lang,
            self.today,
        )
        rep = complaint.report(comp)
        self.prompter.show(views.report_blocks(rep))
        if rep.police_report is not None:  # for 110 first: it comes before the letter
            self.prompter.show(
                [
                    Block(
                        t("i_police_title", lang),
                        lines=rep.police_report.to_text().rstrip("\n").split("\n"),
                        style="urgent",
                    )
                ]
            )
        self.prompter.show(
            [
                Block(
                    t("i_letter_title", lang),
                    lines=rep.letter.to_text().rstrip("\n").split("\n"),
                    style="ok",
                )
            ]
        )
        outcome = Outcome(rep)
        self.offer_saves(rep, outcome)
        self.prompter.show(
            [Block(t("i_next_step", lang, text=""), lines=[self.next_step(rep)], style="ok")]
        )
        self._forget_draft()
        return outcome

    def current(self) -> tuple[Playbook, Provider]:
        assert self.playbook is not None and self.provider is not None
        return self.playbook, self.provider

    def use_playbook(self, playbook: Playbook) -> None:
        self.playbook = playbook
        assert self.draft is not None
        self.draft.issue = playbook.id
        self.draft.version = playbook.version

    # --- choosing -----------------------------------------------------------------------------

    def pick_provider(self, default: str | None = None, fits: Playbook | None = None) -> Provider:
        """The provider; with `fits` (a change on the review screen), only those the
        problem applies to, so the letter can still be written."""
        lang = self.lang
        choices = []
        names: dict[str, list[str]] = {}
        for p in self.catalog.directory.providers:
            if fits is not None and not fits.applies_to(p):
                continue
            hotline = p.hotline()
            both = dict.fromkeys([p.name.get(lang), p.name.zh, p.name.en])  # filter by either
            label = f"{' / '.join(both)}  {hotline.value if hotline else ''}".rstrip()
            choices.append((p.id, label, None))
            names[p.id] = [p.id, p.name.zh, p.name.en, *p.aliases]
        pid = self.prompter.select(
            t("i_pick_provider", lang),
            choices,
            default=default,
            search=True,
            match=lambda typed: closest(typed, names),
        )
        return find_provider(self.catalog, pid)

    def pick_playbook(self, default: str | None = None, fits: Provider | None = None) -> Playbook:
        """The problem; with `fits`, only the problems that apply to that provider."""
        lang = self.lang
        choices = []
        names: dict[str, list[str]] = {}
        for pb in self.catalog.playbooks.values():
            if fits is not None and not pb.applies_to(fits):
                continue
            group = t(f"group_{pb.group or 'none'}", lang)
            choices.append((pb.id, pb.title.get(lang), f"{group} · {pb.summary.get(lang)}"))
            names[pb.id] = [pb.id, pb.title.zh, pb.title.en]

        def match(typed: str) -> list[str]:
            """Words that match no title: the synonyms and common phrasings first (扣了钱,
            被骗, 自动扣费, charged twice), then a typo's closest title, else `other`."""
            from . import problems

            ranked = [pid for pid in problems.match(self.catalog.playbooks, typed) if pid in names]
            named = [pid for pid in ranked if pid != problems.FALLBACK]
            return named or closest(typed, names) or ranked

        picked = self.prompter.select(
            t("i_pick_issue", lang), choices, default=default, search=True, match=match
        )
        return find_playbook(self.catalog, picked)

    def ask_yes_no(
        self,
        message: str,
        default: bool,
        notes: Sequence[str] = (),
        back: bool = False,
    ) -> bool:
        yes, no = t("yes", self.lang), t("no", self.lang)
        return (
            self.prompter.select(
                message,
                [("yes", yes, None), ("no", no, None)],
                default="yes" if default else "no",
                notes=notes,
                back=back,
            )
            == "yes"
        )

    def bye(self, provider: Provider) -> str:
        hotline = provider.hotline()
        if hotline is not None and hotline.value:
            contact = hotline.value
        else:
            contact = next((c.path.get(self.lang) for c in provider.channels if c.path), "")
        return t("i_bye", self.lang, provider=provider.name.get(self.lang), contact=contact)

    # --- urgent steps -------------------------------------------------------------------------

    def show_urgent(self, start: bool = False) -> None:
        """The playbook's urgent steps whose condition holds, the moment it holds, before
        any further question; each once per session (a resumed session repeats them)."""
        playbook, provider = self.current()
        new = [
            j
            for j, para in enumerate(playbook.urgent)
            if j not in self.urgent_shown
            and (para.when.holds(self.values) if para.when is not None else start)
        ]
        if not new:
            return
        self.urgent_shown.update(new)
        lines = [f"• {playbook.urgent[j].get(self.lang)}" for j in new]
        lines.append(f"• {self.freeze_line(provider)}")
        title = "h_urgent" if start and not self.values else "h_urgent_now"
        self.prompter.show([Block(t(title, self.lang), lines=lines, style="urgent")])

    def freeze_line(self, provider: Provider) -> str:
        name = provider.name.get(self.lang)
        hotline = provider.hotline()
        if hotline is not None and hotline.value:
            return t("i_urgent_freeze", self.lang, provider=name, number=hotline.value)
        path = next((c.path.get(self.lang) for c in provider.channels if c.path), "")
        return t("i_urgent_freeze_app", self.lang, provider=name, path=path)

    # --- questions ------------------------------------------------------------------------------

    def applies(self, playbook: Playbook) -> dict[str, bool | None]:
        """For each question: True (it applies), False (it does not) or None (it depends on
        an answer not given yet)."""
        state: dict[str, bool | None] = {}
        for q in playbook.questions:
            if q.when is None:
                state[q.id] = True
                continue
            target = state.get(q.when.question)
            if target is False:
                state[q.id] = False
            elif target is None or q.when.question not in self.done:
                state[q.id] = None
            else:
                state[q.id] = q.when.holds(self.values)
        return state

    def count(self, playbook: Playbook, qid: str) -> str:
        """`[n/N]`: n among the questions that apply so far; 'about' while N may change."""
        state = self.applies(playbook)
        counted = [k for k, v in state.items() if v is not False]
        n = counted.index(qid) + 1 if qid in counted else len(counted)
        key = "i_count_about" if None in state.values() else "i_count"
        return t(key, self.lang, n=n, total=len(counted))

    def applicable(self, playbook: Playbook) -> list[Question]:
        state = self.applies(playbook)
        return [q for q in playbook.questions if state[q.id] is not False]

    def ask_all(self) -> None:
        """Ask, in order, every question that applies and has not been answered or skipped.
        Ctrl-B (GoBack) reopens the previous question with its answer filled in."""
        playbook, _ = self.current()
        while True:
            self.prune(playbook)
            todo = [
                q
                for q in playbook.questions
                if q.id not in self.done and (q.when is None or q.when.holds(self.values))
            ]
            if not todo:
                return
            q = todo[0]
            try:
                self.ask(playbook, q, self.values.get(q.id), back=True)
            except GoBack:
                self.step_back(playbook, q)

    def step_back(self, playbook: Playbook, q: Question) -> None:
        """Forget that the question before `q` was answered; its answer stays as the default."""
        order = [x.id for x in playbook.questions]
        before = [x for x in self.history if x in self.done and order.index(x) < order.index(q.id)]
        if not before:
            before = [x for x in order[: order.index(q.id)] if x in self.done]
        if before:
            prev = before[-1]
            self.done.discard(prev)
            while prev in self.history:
                self.history.remove(prev)

    def prune(self, playbook: Playbook) -> None:
        """Forget answers to questions that no longer apply (an earlier answer changed)."""
        for q in playbook.questions:
            if q.when is not None and not q.when.holds(self.values):
                self.values.pop(q.id, None)
                self.done.discard(q.id)

    def ask(self, playbook: Playbook, q: Question, default: Any = None, back: bool = False) -> None:
        lang = self.lang
        message = f"{self.count(playbook, q.id)} {q.prompt.get(lang)}"
        notes = [q.help.get(lang)] if q.help is not None else []
        first = not self.history and q.id == playbook.questions[0].id
        if back and first:
            notes.append(t("i_back_hint", lang))
        value = self.prompt_for(q, message, default, notes, back and not first)
        if value is None:
            self.values.pop(q.id, None)
        else:
            self.values[q.id] = value
        self.done.add(q.id)
        self.history.append(q.id)
        self.save_as_you_go()
        self.show_urgent()
        if q.role == "evidence_in_hand":
            self.show_missing(playbook)
        if q.role == "other_party_number" and value:
            self.check_caller(str(value))

    def prompt_for(
        self, q: Question, message: str, default: Any, notes: list[str], back: bool
    ) -> Any:
        """One question on screen until the answer is acceptable; the parsed value (or None)."""
        lang = self.lang
        if q.type == "confirm":
            return self.ask_yes_no(
                message,
                default=bool(default) if default is not None else q.preselect is not False,
                notes=notes,
                back=back,
            )
        if q.type == "choice":
            choices = [(c.id, c.get(lang), None) for c in q.offered(self.values)]
            if not q.required:
                choices.append(("", t("i_skip", lang), None))
            one = self.prompter.select(message, choices, default=default, notes=notes, back=back)
            return one or None
        if q.type == "multichoice":

            def need_one(picked: list[str]) -> str | None:
                return t("i_need_one", lang) if q.required and not picked else None

            many = self.prompter.checkbox(
                message,
                [(c.id, c.get(lang)) for c in q.offered(self.values)],
                default or [],
                need_one,
                notes=notes,
                back=back,
            )
            return many or None
        multiline = q.type == "longtext"
        if not q.required:
            notes = [
                *notes,
                t("i_optional_multiline_hint" if multiline else "i_optional_hint", lang),
            ]

        def validate(text: str) -> str | None:
            try:
                answers.check_one(q, text, self.today)
            except AnswerError as e:
                given = None if answers.is_blank(text) else answers.shown(text)
                return describe_inline(
                    FieldError(
                        field=q.id, label=q.label, given=given, code=e.code, params=e.params
                    ),
                    q,
                    lang,
                )
            return None

        start = "" if default is None else str(answers.to_jsonable({"v": default})["v"])
        text = self.prompter.text(
            message, start, validate, multiline=multiline, notes=notes, back=back
        )
        value, found = answers.check_one(q, text, self.today)
        labels = {q.id: q.label.get(lang)}
        warnings = [
            describe_notice(n, labels, lang) for n in found if n.code in ("secret", "masked")
        ]
        if warnings:
            self.prompter.show([Block(t("h_warnings", lang), lines=warnings, style="warn")])
        return value

    def check_caller(self, number: str) -> None:
        """The number someone called from, checked against the directory right away."""
        from . import phone
        from .models import to_data

        directory = to_data(self.catalog.directory)
        try:
            result = phone.lookup(directory, number)
        except phone.InvalidNumber:
            return  # a QQ id or a name: nothing to look up
        self.prompter.show(views.check_blocks(result, directory, self.lang)[:1])

    def show_missing(self, playbook: Playbook) -> None:
        held = set(playbook.answer(self.values, "evidence_in_hand") or [])
        missing = [e for e in playbook.evidence if e.id not in held and e.needed(self.values)]
        if missing:
            rows = [
                [("* " if e.required else "  ") + e.get(self.lang), e.how.get(self.lang)]
                for e in missing
            ]
            self.prompter.show([Block(t("h_missing", self.lang), rows=rows)])

    # --- review and resume -------------------------------------------------------------------

    def answer_rows(self, playbook: Playbook, short: bool = False) -> list[list[str]]:
        """Label and answer per answered question; `short`: one line each in an 80-column
        panel, so the recap of a resumed draft fits a 24-line terminal."""
        rows = []
        for q in playbook.questions:
            if q.id in self.values:
                lines = format_value(q, self.values[q.id], self.lang).splitlines()
                shown = sep("line", self.lang).join(line.strip() for line in lines if line.strip())
                rows.append([q.label.get(self.lang), shown])
        if short and rows:
            room = max(16, 80 - 4 - 2 - max(cell_width(label) for label, _ in rows) - 2)
            rows = [[a, shorten(b, room)] for a, b in rows]
        return rows

    def recap(self) -> list[Block]:
        """What a resumed draft is about, before its questions go on."""
        playbook, provider = self.current()
        assert self.draft is not None
        lang = self.lang
        rows = [
            [t("i_recap_provider", lang), provider.name.get(lang)],
            [t("i_recap_issue", lang), playbook.title.get(lang)],
            [t("i_recap_started", lang), drafts.started(self.draft)],
        ]
        answered = self.answer_rows(playbook, short=True)
        blocks = [Block(t("i_recap_title", lang), rows=rows)]
        if answered:
            blocks.append(
                Block(
                    t(
                        "i_recap_answers",
                        lang,
                        n=len(self.done & {q.id for q in playbook.questions}),
                    ),
                    rows=answered,
                )
            )
        return blocks

    def review(self) -> None:
        """The answers, then a short menu; "change which?" is a second step."""
        lang = self.lang
        while True:
            playbook, provider = self.current()
            self.prompter.show(
                # whole answers, wrapped: this is where they are checked (the recap of a
                # resumed draft keeps one line each)
                [Block(t("i_review_title", lang), rows=self.answer_rows(playbook))]
            )
            menu: list[tuple[str, str, str | None]] = [
                ("ok", t("i_review_ok", lang), None),
                ("change", t("i_review_change", lang), None),
                ("provider", t("i_review_provider", lang, name=provider.name.get(lang)), None),
                ("issue", t("i_review_issue", lang, name=playbook.title.get(lang)), None),
            ]
            action = self.prompter.select(t("i_review_pick", lang), menu, default="ok")
            if action == "ok":
                return
            if action == "provider":
                self.provider = self.pick_provider(default=provider.id, fits=playbook)
                assert self.draft is not None
                self.draft.provider = self.provider.id
                self.save_as_you_go()
                continue
            if action == "issue":
                self.change_playbook(self.pick_playbook(default=playbook.id, fits=provider))
                continue
            self.change_one(playbook)

    def change_one(self, playbook: Playbook) -> None:
        lang = self.lang
        choices: list[tuple[str, str, str | None]] = [
            (q.id, q.label.get(lang), None)
            for q in self.applicable(playbook)
            if q.when is None or q.when.holds(self.values)
        ]
        choices.append(("", t("i_review_cancel", lang), None))
        edit = playbook.question(self.prompter.select(t("i_review_which", lang), choices))
        if edit is None:
            return
        q = edit
        old = self.values.pop(q.id, None)
        dependents = self.dependents(playbook, q.id)
        kept = {d: self.values.pop(d) for d in dependents if d in self.values}
        self.done -= {q.id, *dependents}
        self.ask(playbook, q, default=old)
        for d in dependents:  # re-ask what depends on the change, offering the old answer
            dq = playbook.question(d)
            if dq is not None and dq.when is not None and dq.when.holds(self.values):
                self.ask(playbook, dq, default=kept.get(d))
        self.ask_all()

    def change_playbook(self, playbook: Playbook) -> None:
        """Another problem type: keep every answer that still applies and still checks."""
        old, done = answers.to_jsonable(self.values), set(self.done)
        kept = {k: old.get(k) for k in done}
        self.use_playbook(playbook)
        assert self.draft is not None
        back = resume(self.catalog, dataclasses.replace(self.draft, answers=kept), self.today)
        self.values, self.done = back.values, back.done
        self.history = [q.id for q in playbook.questions if q.id in self.done]
        self.urgent_shown = set()
        self.prompter.show([Block(t_n("i_kept_answers", self.lang, len(self.values)), style="ok")])
        self.save_as_you_go()
        self.show_urgent(start=True)
        self.ask_all()

    @staticmethod
    def dependents(playbook: Playbook, qid: str) -> list[str]:
        """Questions whose `when` leads back to `qid`, directly or through others, in order."""
        out: list[str] = []
        roots = {qid}
        for q in playbook.questions:
            if q.when is not None and q.when.question in roots:
                out.append(q.id)
                roots.add(q.id)
        return out

    # --- saving ---------------------------------------------------------------------------------

    def offer_saves(self, rep: complaint.Report, outcome: Outcome) -> None:
        lang = self.lang
        text = rep.letter.to_text()
        pid, iid = rep.complaint.provider.id, rep.complaint.playbook.id
        stem = f"{t('letter_file_stem', lang)}-{pid}-{iid}-{self.today.isoformat()}"
        police = rep.police_report
        if police is not None and self.ask_yes_no(t("i_save_police", lang), default=True):
            name = f"{t('police_file_stem', lang)}-{pid}-{self.today.isoformat()}.txt"
            self.save_file(Path(name), police.to_text(), outcome)
        if self.output is not None:
            self.save_file(self.output, text, outcome, ask=False)
        elif self.ask_yes_no(t("i_save_letter", lang), default=True):
            self.save_file(Path(f"{stem}.txt"), text, outcome)
        case_id: int | None = None
        if self.record and self.ask_yes_no(t("i_record_case", lang), default=True):
            try:
                case_id = record_case(rep, self.today)
            except StoreError as e:  # the letter is done: say why the case was not kept, go on
                self.prompter.show([Block(t("store_error", lang, error=str(e)), style="warn")])
            else:
                if case_id is not None:
                    self.prompter.show([Block(t("cl_saved", lang, id=case_id), style="ok")])
        self.finally_menu(case_id, rep.complaint.playbook, Path(f"{stem}.answers.yaml"), outcome)

    def finally_menu(
        self, case_id: int | None, pb: Playbook, answers_path: Path, outcome: Outcome
    ) -> None:
        """The last choice: done (the default), keep the answers, and once a case is recorded,
        the steps from the letter to a filed complaint: attach files, the call sheet."""
        lang = self.lang
        choices: list[tuple[str, str, str | None]] = [
            ("done", t("i_menu_done", lang), None),
            ("answers", t("i_menu_answers", lang), None),
        ]
        if case_id is not None:
            choices += [
                ("attach", t("i_menu_attach", lang), None),
                ("call", t("i_menu_call", lang), None),
            ]
        while True:
            pick = self.prompter.select(t("i_save_answers", lang), choices, default="done")
            if pick == "answers":
                import yaml

                data = yaml.safe_dump(
                    answers.to_jsonable(self.values), allow_unicode=True, sort_keys=False
                )
                self.save_file(answers_path, data, outcome)
            elif pick == "attach" and case_id is not None:
                self.attach_files(case_id, pb)
            elif pick == "call" and case_id is not None:
                self.call(case_id)
            else:
                return

    def attach_files(self, case_id: int, pb: Playbook) -> None:
        from . import evidence
        from .store import Store

        lang = self.lang
        items = [(e.id, e.get(lang), None) for e in pb.evidence]
        paths = evidence.dropped_paths(self.prompter.text(t("i_attach_paths", lang)))
        if paths:  # one batch per choice in the final menu; the menu comes back for more
            item = self.prompter.select(
                t("i_attach_item", lang), [*items, ("-", t("i_attach_other", lang), None)]
            )
            try:
                with Store() as log:
                    done = evidence.attach(log, case_id, paths, None if item == "-" else item)
            except evidence.EvidenceError as e:  # say which file and why; nothing is lost
                text = t(e.code, lang, path=e.path, detail=e.detail)
                self.prompter.show([Block(text, style="warn")])
            else:
                names = t("list_sep", lang).join(a.name for a in done)
                self.prompter.show([Block(t("i_attached", lang, files=names), style="ok")])

    def call(self, case_id: int) -> None:
        """The call sheet on screen, then what the agent said, logged on the case."""
        from . import callsheet
        from .casescreens import sheet_lines
        from .store import Store

        lang = self.lang
        with Store() as log:
            case = log.get(case_id)
            sheet = callsheet.build(case, self.catalog, lang, self.today)
        lines = sheet_lines(sheet, width=72)  # its first line is the sheet's own title
        title, body = lines[0].strip("= "), lines[1:]
        self.prompter.show([Block(title, lines=body)])

        def promise_ok(raw: str) -> str | None:
            try:
                callsheet.parse_promised(raw, self.today)
            except callsheet.BadPromise as e:
                return t(e.key, lang, given=e.given)
            return None

        ref = self.prompter.text(t("cs_q_ref", lang)).strip()
        said = self.prompter.text(t("cs_q_said", lang)).strip()
        raw = self.prompter.text(t("cs_q_promised", lang), "", promise_ok)
        promised = callsheet.parse_promised(raw, self.today)
        if not (ref or said or promised):
            self.prompter.show([Block(t("cs_not_logged", lang))])
            return
        with Store() as log:
            callsheet.record_call(
                log, self.catalog, log.get(case_id), self.today, ref or None, said or None, promised
            )
        self.prompter.show([Block(t("i_call_logged", lang), style="ok")])

    def save_file(self, path: Path, text: str, outcome: Outcome, ask: bool = True) -> None:
        lang = self.lang
        if ask:
            path = Path(
                self.prompter.text(
                    t("i_file_name", lang),
                    str(path),
                    lambda s: None if s.strip() else t("required", lang),
                ).strip()
            )
        force = False
        while True:
            try:
                write_document(path, text, force=force)
            except MissingFolder as e:  # a mistyped folder: say so and ask again
                self.prompter.show([Block(t("missing_folder", lang, path=str(e)), style="warn")])
                path = Path(
                    self.prompter.text(t("i_file_name", lang), str(path)).strip() or str(path)
                )
                continue
            except FileExists:
                free = free_name(path)
                choice = self.prompter.select(
                    t("i_exists", lang, path=str(path)),
                    [
                        ("rename", t("i_rename", lang, path=str(free)), None),
                        ("overwrite", t("i_overwrite", lang), None),
                        ("skip", t("i_dont_save", lang), None),
                    ],
                    default="rename",
                )
                if choice == "skip":
                    return
                if choice == "overwrite":
                    force = True
                else:
                    path = Path(
                        self.prompter.text(t("i_file_name", lang), str(free)).strip() or str(free)
                    )
                continue
            outcome.saved.append(path)
            self.prompter.show([Block(t("i_saved", lang, path=str(path)), style="ok")])
            return

    def next_step(self, rep: complaint.Report) -> str:
        lang = self.lang
        hotline = next(
            (c.value for c in rep.plan.channels if c.kind == "hotline" and c.value), None
        )
        if rep.plan.urgent:  # money lost to fraud or theft: nothing waits for the wallet
            how = t("i_next_freeze_call", lang, number=hotline) if hotline else ""
            return t("i_next_urgent", lang, freeze=how)
        nxt = rep.plan.next_authority()
        if hotline and nxt is not None and nxt.authority is not None:
            return t(
                "i_next_call",
                lang,
                number=hotline,
                days=rep.plan.reply_days,
                authority=nxt.authority.name.get(lang),
            )
        return t("i_next_app", lang, days=rep.plan.reply_days)

    # --- drafts -----------------------------------------------------------------------------------

    def _sync_draft(self) -> None:
        if self.draft is not None:  # a skipped question is kept as null, so resume skips it too
            skipped = {k: None for k in self.done if k not in self.values}
            self.draft.answers = {**answers.to_jsonable(self.values), **skipped}

    def save_as_you_go(self) -> None:
        """Every answer is stored as it is given: even kill -9 loses only the question on
        screen. A draft that cannot be written does not stop the interview."""
        if self.record and self.draft is not None:
            self._sync_draft()
            with contextlib.suppress(OSError, StoreError):
                drafts.save(self.draft)

    def _save_draft(self) -> str | None:
        if (
            not self.record
            or self.draft is None
            or (not self.values and not self.done and self.draft.provider is None)
        ):
            return None
        self._sync_draft()
        try:
            return drafts.save(self.draft)
        except (OSError, StoreError):
            return None

    def _forget_draft(self) -> None:
        if self.record and self.draft is not None:
            # a draft that cannot be deleted is harmless: resume would offer it again
            with contextlib.suppress(OSError, StoreError):
                drafts.delete(self.draft.id)


def free_name(path: Path) -> Path:
    """`letter.txt` exists: `letter-2.txt`, or the first number after it that is free."""
    stem, suffix = path.name, ""
    for ext in (".answers.yaml", path.suffix):
        if ext and stem.endswith(ext):
            stem, suffix = stem[: -len(ext)], ext
            break
    n = 2
    while True:
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


def closest(typed: str, names: dict[str, list[str]], n: int = 2) -> list[str]:
    """The keys whose names (in either language, or the id) are nearest to `typed`."""
    import difflib

    s = typed.strip().lower()
    scored = []
    for key, words in names.items():
        best = 0.0
        for word in words:
            w = word.lower()
            ratio = difflib.SequenceMatcher(None, s, w).ratio()
            if s and not s.isascii():  # Chinese: one character in common says a lot
                ratio = max(ratio, sum(ch in w for ch in set(s)) / len(set(s)))
            if s and (s in w or w in s):
                ratio = max(ratio, 0.9)
            best = max(best, ratio)
        if best >= 0.45:
            scored.append((best, key))
    scored.sort(key=lambda x: -x[0])
    return [k for _, k in scored[:n]]


@dataclass
class Resumed:
    values: dict[str, Any]
    done: set[str]
    dropped: list[str]  # answers that no longer validate against the playbook as it is now


def resume(catalog: Catalog, draft: drafts.Draft, today: dt.date) -> Resumed:
    """What of a draft still holds: its answers are checked again, one by one."""
    if draft.issue is None or draft.issue not in catalog.playbooks:
        return Resumed({}, set(), list(draft.answers))
    pb = catalog.playbooks[draft.issue]
    out = Resumed({}, set(), [])
    for q in pb.questions:
        if q.id not in draft.answers:
            continue
        if q.when is not None and not q.when.holds(out.values):
            out.dropped.append(q.id)
            continue
        try:
            value, _ = answers.check_one(q, draft.answers[q.id], today)
        except AnswerError:
            out.dropped.append(q.id)
            continue
        out.done.add(q.id)
        if value is not None:
            out.values[q.id] = value
    out.dropped += [k for k in draft.answers if pb.question(k) is None]
    return out
