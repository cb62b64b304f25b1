"""The conversation behind `walletcomplain start`.

`Interview` walks a playbook through a `Prompter`: choose provider and problem,
read the advice, answer the questions (each checked by answers.check_one, the
same rules and messages as `letter`), tick evidence, choose demands, review and
edit, then see the channels, the ladder and the letter, and save them.
`QuestionaryPrompter` is the real terminal; tests drive it through
prompt_toolkit's pipe input. Ctrl-C anywhere saves a draft (`Interrupted`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import answers, complaint, drafts, views
from .answers import AnswerError, FieldError
from .errors import FileExists, MissingFolder, StoreError
from .letter import format_value
from .messages import describe_error, describe_notice, t
from .models import Catalog, Lang, Playbook, Provider, Question
from .output import Block, emit
from .paths import write_atomic

Validator = Callable[[str], "str | None"]


class Prompter(Protocol):
    """What the interview needs from a terminal. Every method may raise KeyboardInterrupt."""

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str, str | None]],
        default: str | None = None,
        search: bool = False,
    ) -> str: ...

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        checked: Sequence[str],
        validate: Callable[[list[str]], str | None] | None = None,
    ) -> list[str]: ...

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
    ) -> str: ...

    def show(self, blocks: list[Block]) -> None: ...


class QuestionaryPrompter:
    """The real prompts. questionary is imported here, not at start-up."""

    def __init__(self, lang: Lang) -> None:
        import questionary

        self.q = questionary
        self.lang = lang

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str, str | None]],
        default: str | None = None,
        search: bool = False,
    ) -> str:
        items = [
            self.q.Choice(title=title, value=value, description=desc)
            for value, title, desc in choices
        ]
        chosen = next((c for c in items if c.value == default), None)
        question = self.q.select(
            message,
            items,
            default=chosen,
            use_search_filter=search,
            use_jk_keys=not search,
            instruction=t("i_select_hint", self.lang),
            qmark="?",
        )
        if search:
            _filter_any_character(question)
        result = question.unsafe_ask()
        return str(result)

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        checked: Sequence[str],
        validate: Callable[[list[str]], str | None] | None = None,
    ) -> list[str]:
        items = [
            self.q.Choice(title=title, value=value, checked=value in checked)
            for value, title in choices
        ]

        def check(picked: list[str]) -> bool | str:
            problem = validate(picked) if validate else None
            return True if problem is None else problem

        result = self.q.checkbox(
            message, items, validate=check, instruction=t("i_checkbox_hint", self.lang)
        ).unsafe_ask()
        return [str(x) for x in result]

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
    ) -> str:
        def check(value: str) -> bool | str:
            problem = validate(value) if validate else None
            return True if problem is None else problem

        hint = t("i_multiline_hint", self.lang) if multiline else None
        return str(
            self.q.text(
                message, default=default, validate=check, multiline=multiline, instruction=hint
            ).unsafe_ask()
        )

    def show(self, blocks: list[Block]) -> None:
        emit(blocks)


def _filter_any_character(question: Any) -> None:
    """questionary's type-to-filter only takes ASCII; let Chinese (any printable) filter too."""
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(
        (c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)), None
    )
    if control is None:
        return

    @app.key_bindings.add(Keys.Any)  # type: ignore[untyped-decorator]
    def _(event: Any) -> None:
        text = event.data
        if text and text.isprintable():
            for ch in text:
                control.add_search_character(ch)


class Interrupted(Exception):
    """Ctrl-C: the answers so far are in the draft stored at `where` (None: nothing kept)."""

    def __init__(self, where: str | None) -> None:
        super().__init__(where)
        self.where = where


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

    # --- the whole conversation ---------------------------------------------------------

    def run(self, provider_id: str | None = None, issue_id: str | None = None) -> Outcome:
        try:
            return self._run(provider_id, issue_id)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted(self._save_draft()) from None

    def _run(self, provider_id: str | None, issue_id: str | None) -> Outcome:
        lang = self.lang
        if self.draft is None:
            self.prompter.show(
                [Block(t("i_intro_title", lang), lines=[t("i_intro", lang), t("i_privacy", lang)])]
            )
            self.draft = drafts.Draft(drafts.new_id(), provider_id, issue_id, lang)
        provider = (
            complaint.find_provider(self.catalog, provider_id)
            if provider_id
            else self.pick_provider()
        )
        self.draft.provider = provider.id
        playbook = (
            complaint.find_playbook(self.catalog, issue_id) if issue_id else self.pick_playbook()
        )
        self.draft.issue = playbook.id
        self.draft.version = playbook.version
        if not self.values:  # a resumed draft has seen the advice already
            self.prompter.show(
                [Block(t("h_advice", lang), lines=[f"• {a.get(lang)}" for a in playbook.advice])]
            )
            if not self.ask_yes_no(t("i_still", lang), default=True):
                self.prompter.show([Block(t("h_channels", lang), lines=[self.bye(provider)])])
                self._forget_draft()
                return Outcome()
            urgent = [p.get(lang) for p in playbook.urgent if p.when is None]
            if urgent:
                self.prompter.show(
                    [Block(t("h_urgent", lang), lines=[f"• {u}" for u in urgent], style="urgent")]
                )
        self.ask_all(playbook)
        self.review(playbook)
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

    # --- choosing -----------------------------------------------------------------------------

    def pick_provider(self) -> Provider:
        lang = self.lang
        choices = []
        for p in self.catalog.directory.providers:
            hotline = p.hotline()
            names = dict.fromkeys(
                [p.name.get(lang), p.name.zh, p.name.en]
            )  # both, to filter by either
            label = f"{' / '.join(names)}  {hotline.value if hotline else ''}".rstrip()
            choices.append((p.id, label, None))
        pid = self.prompter.select(t("i_pick_provider", lang), choices, search=True)
        return complaint.find_provider(self.catalog, pid)

    def pick_playbook(self) -> Playbook:
        lang = self.lang
        choices = [
            (pb.id, pb.title.get(lang), pb.summary.get(lang))
            for pb in self.catalog.playbooks.values()
        ]
        return complaint.find_playbook(
            self.catalog, self.prompter.select(t("i_pick_issue", lang), choices)
        )

    def ask_yes_no(self, message: str, default: bool) -> bool:
        yes, no = t("yes", self.lang), t("no", self.lang)
        return (
            self.prompter.select(
                message, [("yes", yes, None), ("no", no, None)], default="yes" if default else "no"
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

    # --- questions ------------------------------------------------------------------------------

    def applicable(self, playbook: Playbook) -> list[Question]:
        """Questions that apply given the answers so far; a condition on an unanswered
        question counts as 'may apply', so the total only shrinks as answers come in."""
        out = []
        for q in playbook.questions:
            if q.when is None or q.when.holds(self.values) or q.when.question not in self.values:
                out.append(q)
        return out

    def ask_all(self, playbook: Playbook) -> None:
        """Ask, in order, every question that applies and has not been answered or skipped."""
        while True:
            self.prune(playbook)
            todo = [
                q
                for q in playbook.questions
                if q.id not in self.done and (q.when is None or q.when.holds(self.values))
            ]
            if not todo:
                return
            self.ask(playbook, todo[0])

    def prune(self, playbook: Playbook) -> None:
        """Forget answers to questions that no longer apply (an earlier answer changed)."""
        for q in playbook.questions:
            if q.when is not None and not q.when.holds(self.values):
                self.values.pop(q.id, None)
                self.done.discard(q.id)

    def ask(self, playbook: Playbook, q: Question, default: Any = None) -> None:
        lang = self.lang
        qs = self.applicable(playbook)
        n = next((i for i, x in enumerate(qs, 1) if x.id == q.id), len(qs))
        message = f"[{n}/{len(qs)}] {q.prompt.get(lang)}"
        if q.help is not None:
            message += f"\n  {q.help.get(lang)}"
        value = self.prompt_for(q, message, default)
        if value is None:
            self.values.pop(q.id, None)
        else:
            self.values[q.id] = value
        self.done.add(q.id)
        self._sync_draft()
        if q.id == "evidence_held":
            self.show_missing(playbook)
        if q.id == "caller_number" and value:
            self.check_caller(str(value))

    def prompt_for(self, q: Question, message: str, default: Any) -> Any:
        """One question on screen until the answer is acceptable; the parsed value (or None)."""
        lang = self.lang
        if q.type == "confirm":
            return self.ask_yes_no(message, default=bool(default) if default is not None else True)
        if q.type == "choice":
            choices = [(c.id, c.get(lang), None) for c in q.choices]
            if not q.required:
                choices.append(("", t("i_skip", lang), None))
            one = self.prompter.select(message, choices, default=default)
            return one or None
        if q.type == "multichoice":

            def need_one(picked: list[str]) -> str | None:
                return t("i_need_one", lang) if q.required and not picked else None

            many = self.prompter.checkbox(
                message, [(c.id, c.get(lang)) for c in q.choices], default or [], need_one
            )
            return many or None
        if not q.required:
            message += " " + t("i_optional_hint", lang)

        def validate(text: str) -> str | None:
            try:
                answers.check_one(q, text, self.today)
            except AnswerError as e:
                given = None if answers.is_blank(text) else answers.shown(text)
                return describe_error(FieldError(q.id, q.label, given, e.code, e.params), q, lang)
            return None

        start = "" if default is None else str(answers.to_jsonable({"v": default})["v"])
        text = self.prompter.text(message, start, validate, multiline=q.type == "longtext")
        value, notices = answers.check_one(q, text, self.today)
        labels = {q.id: q.label.get(lang)}
        warnings = [
            describe_notice(n, labels, lang) for n in notices if n.code in ("secret", "masked")
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
        held = set(self.values.get("evidence_held", []))
        missing = [e for e in playbook.evidence if e.id not in held]
        if missing:
            rows = [
                [("* " if e.required else "  ") + e.get(self.lang), e.how.get(self.lang)]
                for e in missing
            ]
            self.prompter.show([Block(t("h_missing", self.lang), rows=rows)])

    # --- review ---------------------------------------------------------------------------------

    def review(self, playbook: Playbook) -> None:
        lang = self.lang
        while True:
            rows = []
            for q in playbook.questions:
                if q.id in self.values:
                    shown = format_value(q, self.values[q.id], lang)
                    rows.append([q.label.get(lang), shown])
            self.prompter.show([Block(t("i_review_title", lang), rows=rows)])
            choices: list[tuple[str, str, str | None]] = [("", t("i_review_ok", lang), None)]
            choices += [
                (q.id, t("i_review_edit", lang, label=q.label.get(lang)), None)
                for q in self.applicable(playbook)
                if q.when is None or q.when.holds(self.values)
            ]
            picked = self.prompter.select(t("i_review_pick", lang), choices, default="")
            edit = playbook.question(picked)
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
            self.ask_all(playbook)

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
        stem = f"{'投诉' if lang == 'zh' else 'complaint'}-{pid}-{iid}-{self.today.isoformat()}"
        police = rep.police_report
        if police is not None and self.ask_yes_no(t("i_save_police", lang), default=True):
            name = f"{t('police_file_stem', lang)}-{pid}-{self.today.isoformat()}.txt"
            self.save_file(Path(name), police.to_text(), outcome)
        if self.output is not None:
            self.save_file(self.output, text, outcome, ask=False)
        elif self.ask_yes_no(t("i_save_letter", lang), default=True):
            self.save_file(Path(f"{stem}.txt"), text, outcome)
        if self.record and self.ask_yes_no(t("i_record_case", lang), default=True):
            from . import cases
            from .store import Store

            try:
                with Store() as log:
                    case_id = cases.record(log, rep, self.today)
            except StoreError as e:  # the letter is done: say why the case was not kept, go on
                self.prompter.show([Block(t("store_error", lang, error=str(e)), style="warn")])
            else:
                self.prompter.show([Block(t("cl_saved", lang, id=case_id), style="ok")])
        if self.ask_yes_no(t("i_save_answers", lang), default=False):
            import yaml

            data = yaml.safe_dump(
                answers.to_jsonable(self.values), allow_unicode=True, sort_keys=False
            )
            self.save_file(Path(f"{stem}.answers.yaml"), data, outcome)

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
                write_atomic(path, text.encode("utf-8"), force=force)
            except MissingFolder as e:  # a mistyped folder: say so and ask again
                self.prompter.show([Block(t("missing_folder", lang, path=str(e)), style="warn")])
                path = Path(
                    self.prompter.text(t("i_file_name", lang), str(path)).strip() or str(path)
                )
                continue
            except FileExists:
                choice = self.prompter.select(
                    t("i_exists", lang, path=str(path)),
                    [
                        ("rename", t("i_rename", lang), None),
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
                        self.prompter.text(t("i_file_name", lang), str(path)).strip() or str(path)
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

    def _save_draft(self) -> str | None:
        if (
            not self.record
            or self.draft is None
            or (not self.values and self.draft.provider is None)
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
