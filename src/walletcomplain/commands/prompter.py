"""The real terminal prompts: questionary, made to fit any terminal from 60 columns up.

What questionary and prompt_toolkit do not do for us, and this module does:
- every message is wrapped to the terminal's width (CJK counts two columns, no line
  starts with a closing mark or ends with an opening one), re-wrapped on resize;
- a text prompt's message ends with a newline, so the input starts on a line of its
  own. In multi-line mode prompt_toolkit makes the text after the message's last
  newline the input's prefix; a prefix as wide as the screen draws nothing at all;
- once answered, only the question's first line stays on screen, with the answer;
- validation errors wrap instead of being cut at the right edge;
- questionary's English ("done (2 selections)", "Description:") is said in the
  session's language;
- a typed filter that matches no choice is not answered by the first item: Enter
  says so and points at the closest match;
- Ctrl-B returns to the previous question (`GoBack`), and SIGTERM / SIGHUP stop the
  prompt on screen like Ctrl-C does (`Terminated`).

questionary and prompt_toolkit are imported here only, never at start-up.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from typing import Any

from walletcomplain.interview import GoBack, Terminated
from walletcomplain.messages import t
from walletcomplain.models import Lang
from walletcomplain.output import Block, cell_width, emit, emit_wrapped, wrap

BACK_KEY = "c-b"  # shown to the user as Ctrl-B
BACK_TYPED = "<"  # a key in a list; typed alone and sent in a text prompt
INPUT_MARK = "»"


def fit(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width` columns (`output.wrap`: no line starts with a closing
    mark or ends with an opening one); `indent` starts each line after the first."""
    if cell_width(text) <= width:
        return [text]
    lines = wrap(text, max(width - len(indent), 4))
    return [lines[0], *(indent + x for x in lines[1:])]


def columns() -> int:
    """The width of the terminal the prompt is drawn on (80 outside a prompt)."""
    from prompt_toolkit.application.current import get_app_session

    try:
        return max(20, get_app_session().output.get_size().columns)
    except Exception:  # no terminal size to be had: a pipe in a test
        return 80


class Message(str):
    """A prompt message that fits the terminal. While the question is open it shows the
    question, help and hints wrapped to the width, ending on a line break when the input
    follows (text prompts); once answered, only the question, and `summary()` if given."""

    question: str
    notes: list[str]
    input_below: bool
    summary: Callable[[], str] | None

    def __new__(
        cls,
        question: str,
        notes: Sequence[str] = (),
        input_below: bool = False,
        summary: Callable[[], str] | None = None,
    ) -> Message:
        self = super().__new__(cls, question)
        self.question, self.notes = question, [n for n in notes if n]
        self.input_below, self.summary = input_below, summary
        return self

    def __format__(self, spec: str) -> str:
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        done = app is not None and app.is_done
        width = columns() - 1  # the last column makes some terminals wrap early
        question = self.question
        if done and self.summary is not None and self.summary():
            question += " " + self.summary()
        lines = fit(question, width - 3, "  ")  # "? " and a space come first
        if done:
            return "\n".join(lines) + (f"\n{INPUT_MARK}" if self.input_below else "")
        for note in self.notes:
            lines += fit("  " + note, width, "  ")
        if self.input_below:
            lines.append(INPUT_MARK)
        return "\n".join(lines)


def _localise_tokens(tokens: list[tuple[str, str]], lang: Lang) -> list[tuple[str, str]]:
    """Choice descriptions in the session's language, wrapped to the width."""
    width = columns() - 1
    out = []
    for style, text in tokens:
        if text.startswith("  Description: "):
            body = text[len("  Description: ") :]
            text = "\n".join(fit("  " + t("i_description", lang, text=body), width, "    "))
        elif "\n" not in text and cell_width(text) > width - 5:  # after " » ○ "
            text = "\n".join(fit(text, width - 5, "     "))
        out.append((style, text))
    return out


class QuestionaryPrompter:
    """The real prompts."""

    def __init__(self, lang: Lang) -> None:
        import questionary

        self.q = questionary
        self.lang = lang
        self.app: Any = None  # the prompt on screen, for the signal handler

    # --- signals ---------------------------------------------------------------------------

    def catch_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal) end the prompt on screen as Ctrl-C does."""

        def stop(signum: int, _frame: object) -> None:
            app = self.app
            if app is not None and app.is_running:
                # Let prompt_toolkit end the prompt and restore the terminal itself.
                app.loop.call_soon_threadsafe(lambda: _exit(app, Terminated(signum)))
                return
            raise Terminated(signum)

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, stop)

    def _ask(self, question: Any, back: bool, typing: bool = False) -> Any:
        """Run one prompt. With `back`, Ctrl-B (or `<` in a list, where nothing is typed;
        Ctrl-B is tmux's prefix) raises GoBack."""
        app = question.application
        if back:
            from prompt_toolkit.key_binding import KeyBindings

            kb = KeyBindings()

            def go_back(event: Any) -> None:
                event.app.exit(exception=GoBack())

            kb.add(BACK_KEY, eager=True)(go_back)
            if not typing:
                kb.add(BACK_TYPED, eager=True)(go_back)
            _add_bindings(app, kb)
        self.app = app
        try:
            return question.unsafe_ask()
        finally:
            self.app = None

    # --- the three prompts -----------------------------------------------------------------

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str, str | None]],
        default: str | None = None,
        search: bool = False,
        notes: Sequence[str] = (),
        back: bool = False,
        match: Callable[[str], list[str]] | None = None,
    ) -> str:
        lang = self.lang
        items = [
            self.q.Choice(title=title, value=value, description=desc)
            for value, title, desc in choices
        ]
        chosen = next((c for c in items if c.value == default), None)
        hint = t("i_select_search_hint" if search else "i_select_hint", lang)
        picked: list[str] = []  # the title once answered, wrapped with the question
        question = self.q.select(
            Message(message, [*notes, hint], summary=lambda: "".join(picked)),
            items,
            default=chosen,
            use_search_filter=search,
            use_jk_keys=not search,
            instruction=" ",  # ours is in the message; questionary's is English
            qmark="?",
        )
        ic = _inquirer(question)
        if ic is not None:
            original = ic.text
            ic.text = lambda: _localise_tokens(list(original()), lang)
            if search:
                _filter_any_character(question, ic)
                _say_when_nothing_matches(ic, lang)
            _answer_on_enter(question, ic, lang, match, picked)
        return str(self._ask(question, back))

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        checked: Sequence[str],
        validate: Callable[[list[str]], str | None] | None = None,
        notes: Sequence[str] = (),
        back: bool = False,
    ) -> list[str]:
        lang = self.lang
        titles = dict(choices)
        picked: list[str] = []
        answered: list[bool] = []

        def summary() -> str:
            if not answered:  # interrupted, or gone back: nothing was picked
                return ""
            if not picked:
                return t("i_picked_none", lang)
            return t("i_picked", lang, items=t("list_sep", lang).join(titles[v] for v in picked))

        items = [
            self.q.Choice(title=title, value=value, checked=value in checked)
            for value, title in choices
        ]
        msg = Message(message, [*notes, t("i_checkbox_hint", lang)], summary=summary)
        question = self.q.checkbox(msg, items, instruction=" ")
        ic = _inquirer(question)
        if ic is not None:
            original = ic.text
            ic.text = lambda: _localise_tokens(list(original()), lang)
            from prompt_toolkit.key_binding import KeyBindings

            kb = KeyBindings()

            @kb.add("enter", eager=True)
            def _(event: Any) -> None:
                values = [c.value for c in ic.get_selected_values()]
                problem = validate(values) if validate else None
                if problem is not None:
                    ic.error_message = "\n".join(fit(problem, columns() - 1))
                    return
                ic.error_message = None
                picked[:] = values
                answered.append(
                    True
                )  # ic.is_answered stays False: questionary's summary is English
                event.app.exit(result=values)

            _add_bindings(question.application, kb)
        return [str(x) for x in self._ask(question, back)]

    def text(
        self,
        message: str,
        default: str = "",
        validate: Callable[[str], str | None] | None = None,
        multiline: bool = False,
        notes: Sequence[str] = (),
        back: bool = False,
    ) -> str:
        def check(value: str) -> bool | str:
            if back and value.strip() == BACK_TYPED:
                return True
            problem = validate(value) if validate else None
            return True if problem is None else "\n".join(fit(problem, columns() - 1))

        hints = [*notes]
        if multiline:
            hints.append(t("i_multiline_hint", self.lang))
        question = self.q.text(
            Message(message, hints, input_below=True),
            default=default,
            validate=check,
            multiline=multiline,
            instruction="",  # not None: questionary's own multi-line hint would come back
            qmark="?",
        )
        _tall_errors(question)
        answer = str(self._ask(question, back, typing=True))
        if back and answer.strip() == BACK_TYPED:
            raise GoBack
        return answer

    def show(self, blocks: list[Block]) -> None:
        # A one-line message is wrapped here, short of the last column, like the prompts
        # (a panel keeps its own width).
        width = columns() - 1
        pending: list[Block] = []
        for b in blocks:
            if b.lines or b.rows:
                pending.append(b)
                continue
            emit(pending)
            pending = []
            emit_wrapped(b, width)
        emit(pending)


def _add_bindings(app: Any, kb: Any) -> None:
    from prompt_toolkit.key_binding import merge_key_bindings

    app.key_bindings = merge_key_bindings([x for x in (app.key_bindings, kb) if x is not None])


def _exit(app: Any, exc: BaseException) -> None:
    if not app.future.done():
        app.exit(exception=exc)


def _inquirer(question: Any) -> Any:
    from questionary.prompts.common import InquirerControl

    app = question.application
    return next((c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)), None)


def _tall_errors(question: Any) -> None:
    """prompt_toolkit's validation line is one row high: a long error would be cut."""
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    for w in question.application.layout.find_all_windows():
        if isinstance(w, Window) and isinstance(w.content, FormattedTextControl):
            text = w.content.text
            if "ValidationToolbar" in getattr(text, "__qualname__", ""):
                w.height = None


def _filter_any_character(question: Any, ic: Any) -> None:
    """questionary's type-to-filter only takes ASCII; let Chinese (any printable) filter too."""
    from prompt_toolkit.keys import Keys

    app = question.application

    @app.key_bindings.add(Keys.Any)  # type: ignore[untyped-decorator]
    def _(event: Any) -> None:
        text = event.data
        if text and text.isprintable():
            ic.error_message = None
            for ch in text:
                ic.add_search_character(ch)


def _matches(ic: Any, typed: str) -> bool:
    return any(typed.lower() in str(c.title).lower() for c in ic.choices)


def _say_when_nothing_matches(ic: Any, lang: Lang) -> None:
    """While the filter matches nothing, say so at once: questionary only colours the
    filter red, which a terminal without colour (or a reader) does not show."""
    add, remove = ic.add_search_character, ic.remove_search_character

    def check() -> None:
        typed = ic.search_filter
        nothing = bool(typed) and not _matches(ic, typed)
        ic.error_message = (
            "\n".join(fit(t("i_no_match_yet", lang, typed=typed), columns() - 1))
            if nothing
            else None
        )

    def add_then_check(char: Any) -> None:
        add(char)
        check()

    def remove_then_check() -> None:
        remove()
        check()

    ic.add_search_character = add_then_check
    ic.remove_search_character = remove_then_check


def _answer_on_enter(
    question: Any,
    ic: Any,
    lang: Lang,
    match: Callable[[str], list[str]] | None,
    picked: list[str],
) -> None:
    """Enter answers with the choice pointed at, but never silently: on a filter that
    matches nothing it says so and points at the closest choice. The answer's title goes
    into `picked`, so the message shows it wrapped with the question (questionary would
    append it after the last line, where a long one runs off the edge)."""

    @question.application.key_bindings.add("enter", eager=True)  # type: ignore[untyped-decorator]
    def _(event: Any) -> None:
        typed = ic.search_filter
        if typed and not _matches(ic, typed):
            close = match(typed) if match is not None else []
            titles = {c.value: str(c.title).split("  ")[0] for c in ic.choices}
            ic.search_filter = None
            if close:
                ic.pointed_at = next(i for i, c in enumerate(ic.choices) if c.value == close[0])
                names = t("list_sep", lang).join(titles[v] for v in close)
                note = t("i_no_match_close", lang, typed=typed, close=names)
            else:
                note = t("i_no_match", lang, typed=typed)
            ic.error_message = "\n".join(fit(note, columns() - 1))
            return
        ic.error_message = None
        choice = ic.get_pointed_at()
        picked[:] = [str(choice.title)]
        event.app.exit(result=choice.value)
