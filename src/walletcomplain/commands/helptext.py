"""Help texts: in the user's language, listing the catalog's ids.

Every help text is a key of messages.py (`help="hp_letter_issue"`), turned into the
session's language only when help is shown: the language comes from the command line
(`--lang` anywhere in it), else WALLETCOMPLAIN_LANG or the locale, as for everything
else. Click's own words (the usage line, the section headings, `[default: ...]`) are
said in that language too.

The id lists come from the catalog's checked data (packaged, then your own playbooks),
read only when a help text is shown: `--help` names the ids the data has, and no command
pays for it otherwise. A help text writes `{providers}`, `{issues}`, `{authorities}` or `{forms}`.

Every command is registered with `cls=LocalCommand` and every group with `cls=LocalGroup`
(cli.py).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from typer import _click
from typer.core import TyperCommand, TyperGroup

from .common import STATE

if TYPE_CHECKING:
    from walletcomplain.models import Lang

FALLBACK = {  # the catalog cannot be read (a broken playbook): point to where the ids are
    "providers": "see `walletcomplain providers`",
    "issues": "see `walletcomplain playbooks`",
    "authorities": "see `walletcomplain providers`",
    "forms": "see `walletcomplain providers show`",
}


def catalog_ids() -> dict[str, str]:
    """The ids from the catalog's checked data (its cache: no models are built)."""
    from walletcomplain.roles import WALLET_FORM

    from .common import checked_data

    data = checked_data()
    if data is None:  # the command itself will say what is wrong
        return FALLBACK
    directory = data["directory"]
    forms = [a["form"] for a in directory["authorities"] if a.get("form")]
    found = {
        "providers": [p["id"] for p in directory["providers"]],
        "issues": list(data["playbooks"]),
        "authorities": [a["id"] for a in directory["authorities"]],
        "forms": [  # in forms.targets() order: web forms, the wallet's own, phone scripts
            *(f["to"] for f in forms if f["kind"] == "web_form"),
            WALLET_FORM,
            *(f["to"] for f in forms if f["kind"] == "phone_script"),
        ],
    }
    return {k: ", ".join(v) for k, v in found.items()}


def fill(params: list[Any]) -> None:
    """The ids into every help text of these parameters that asks for them."""
    wanted = [p for p in params if "{" in (getattr(p, "help", None) or "")]
    if not wanted:
        return
    ids = catalog_ids()
    for p in wanted:
        p.help = p.help.format(**ids)


# --- the session's language --------------------------------------------------------------

ARGV = "walletcomplain.argv"  # ctx.meta key: the command line as the top group received it
HELP_KEY = "hp_"  # a help text that starts so is a key of messages.M


def help_lang(ctx: Any) -> "Lang":
    """--help is eager, so it is shown before --lang is parsed: read the command line."""
    from .usage import argv_lang

    if STATE.lang is not None:
        return STATE.lang
    return argv_lang(ctx.meta.get(ARGV, []))


def localise(text: str | None, lang: "Lang") -> str | None:
    if text is None or not text.startswith(HELP_KEY):
        return text
    from walletcomplain.messages import M, t

    return t(text, lang) if text in M else text


def localise_params(params: list[Any], lang: "Lang") -> None:
    for p in params:
        if getattr(p, "help", None):
            p.help = localise(p.help, lang)
    fill(params)


# Click's tags after an option's help, e.g. "[default: text; required]"
TAGS = re.compile(r"\[((?:default: [^\[\]]*|required)(?:; (?:default: [^\[\]]*|required))*)\]$")
SECTIONS = {"Options": "hp_options", "Arguments": "hp_arguments", "Commands": "hp_commands"}
HELP_OPTION = "Show this message and exit."  # Click's words for -h/--help


class LocalFormatter(_click.HelpFormatter):
    """Click's formatter, saying its own words (usage, headings, tags) in `lang`."""

    lang: "Lang" = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from walletcomplain.messages import t

        # Typer writes a required argument as {NAME}; Click and most tools as NAME
        args = re.sub(r"\{([^{}]*)\}", r"\1", args)
        super().write_usage(prog, args, t("hp_usage", self.lang) if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """Click's section, its heading in `lang` (our headings carry their own colon)."""
        from walletcomplain.messages import t

        key = SECTIONS.get(name)
        if key is None:
            with super().section(name):
                yield
            return
        self.write_paragraph()
        self.write(f"{'':>{self.current_indent}}{t(key, self.lang)}\n")
        self.indent()
        try:
            yield
        finally:
            self.dedent()

    def write_text(self, text: str) -> None:
        if self.lang == "zh":
            width = self.width - self.current_indent
            text = "\n\n".join(held(par, width) for par in text.split("\n\n"))
        super().write_text(text)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, self.tagged(text)) for term, text in rows]
        if self.lang == "zh" and rows:  # the same text width as Click's, counted in columns
            first_col = min(max(len(r[0]) for r in rows), col_max)  # terms are ASCII
            width = max(self.width - first_col - col_spacing - 2, 10)
            rows = [(term, held(text, width) if text else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    def tagged(self, text: str) -> str:
        from walletcomplain.messages import t

        if text == HELP_OPTION:
            return t("hp_help", self.lang)

        def tag(m: re.Match[str]) -> str:
            parts = [
                t("hp_required", self.lang)
                if part == "required"
                else t("hp_default", self.lang) + part.removeprefix("default: ")
                for part in m[1].split("; ")
            ]
            return "[" + "; ".join(parts) + "]"

        return TAGS.sub(tag, text)


# Chinese has no spaces to break lines at, and each character takes two columns: Click's
# wrapping (by spaces, counting characters) would run Chinese help off the screen.


def cols(ch: str) -> int:
    """The terminal columns a character takes: 2 for Chinese."""
    import unicodedata

    return 2 if ch and unicodedata.east_asian_width(ch) in "WF" else 1


def one_line(text: str) -> str:
    """The source's line breaks undone: nothing between Chinese, else a space."""
    import unicodedata

    out = ""
    for part in text.split("\n"):
        left, right = out[-1:], part[:1]
        wide = cols(left) == 2
        close = wide and (cols(right) == 2 or unicodedata.category(left)[0] == "P")
        out += ("" if close or not left or not right else " ") + part
    return out


def first_sentence_zh(text: str) -> str:
    """A command's one-line help in Chinese: its first sentence (Click's own cuts at spaces)."""
    from walletcomplain.messages import t

    line = one_line(text.split("\n\n")[0])
    end = line.find(t("full_stop", "zh"))
    return line[: end + 1] if end >= 0 else line


def held(text: str, width: int) -> str:
    """`text` wrapped at `width` terminal columns, between any two Chinese characters or at
    a space, marked (\\b) so that Click keeps the lines as they are."""
    from walletcomplain.messages import NO_LINE_END_ZH, NO_LINE_START_ZH

    no_end = NO_LINE_END_ZH + "[("

    def wide(ch: str) -> bool:
        return cols(ch) == 2

    lines: list[str] = []
    line, used, cut = "", 0, 0  # cut: where the line may break (its length then)
    for ch in one_line(text):
        if (
            line
            and ch not in NO_LINE_START_ZH
            and line[-1] not in no_end
            and (ch == " " or wide(ch) or wide(line[-1]))
        ):
            cut = len(line)
        if used + cols(ch) > width and cut:
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used, cut = sum(cols(c) for c in line), 0
        if line or ch != " ":
            line += ch
            used += cols(ch)
    lines.append(line.rstrip())
    return "\b\n" + "\n".join(lines)


class LocalContext(_click.Context):
    def make_formatter(self) -> Any:
        formatter = LocalFormatter(width=self.terminal_width, max_width=self.max_content_width)
        formatter.lang = help_lang(self)
        return formatter


class LocalCommand(TyperCommand):
    """A command whose help is said in the session's language, with the catalog's ids."""

    context_class = LocalContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        lang = help_lang(ctx)
        self.help = localise(self.help, lang)
        localise_params(self.get_params(ctx), lang)
        super().format_help(ctx, formatter)


class LocalGroup(TyperGroup):
    """A group whose help, and its commands' one-line help, is in the session's language."""

    context_class = LocalContext

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta.setdefault(ARGV, list(args))  # the top group sees the whole command line
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        lang = help_lang(ctx)
        self.help = localise(self.help, lang)
        localise_params(self.get_params(ctx), lang)
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None:
                cmd.help = localise(cmd.help, lang)
                cmd.short_help = localise(cmd.short_help, lang)
                if lang == "zh" and cmd.help and not cmd.short_help:
                    cmd.short_help = first_sentence_zh(cmd.help)
        super().format_help(ctx, formatter)
