"""Click's usage errors, neutralised and said in the session's language."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .common import fail, lang_of
from .helptext import LocalGroup

if TYPE_CHECKING:
    from walletcomplain.models import Lang


class SafeGroup(LocalGroup):
    """Click's own usage errors quote what was typed ("No such command '...'"): they pass
    the same neutralising function as everything else we print."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with neutral_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with neutral_usage_errors():
            return super().invoke(ctx)


@contextmanager
def neutral_usage_errors() -> Iterator[None]:
    try:
        yield
    except ValueError as e:
        if "null byte" not in str(e):  # Click's path checks meet a NUL (only via the API)
            raise
        from walletcomplain.messages import t

        fail(t("nul_in_path", lang_of(None)))
    except Exception as e:
        if hasattr(e, "format_message") and isinstance(getattr(e, "message", None), str):
            from walletcomplain.safe import neutral

            e.message = neutral(e.message)  # type: ignore[attr-defined]
            if isinstance(getattr(e, "option_name", None), str):  # NoSuchOption quotes it
                e.option_name = neutral(e.option_name)  # type: ignore[attr-defined]
        raise


def argv_lang(argv: list[str]) -> "Lang":
    """The session's language before Typer has parsed anything (for usage errors)."""
    for i, arg in enumerate(argv):
        value = None
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in ("zh", "en"):
            return "zh" if value == "zh" else "en"
    from walletcomplain.messages import default_lang

    return default_lang()


def usage_error(e: Any, lang: "Lang") -> str:
    """Click's usage errors in the session's language: what was wrong, the usage line and
    where to find help, the way Click lays them out."""
    import re

    from typer._click import exceptions as ce

    from walletcomplain.messages import NAME_QUOTES_ZH, t

    message = str(getattr(e, "message", e))
    if isinstance(e, ce.NoSuchOption):
        text = t("u_no_such_option", lang, name=e.option_name)
        if e.possibilities:
            sep = "" if lang == "zh" else " "
            text += sep + t("u_did_you_mean", lang, names=", ".join(sorted(e.possibilities)))
    elif isinstance(e, ce.BadOptionUsage) and "requires an argument" in message:
        text = t("u_needs_value", lang, name=e.option_name)
    elif isinstance(e, ce.MissingParameter):
        hint = e.param_hint or (e.param.get_error_hint(e.ctx) if e.param and e.ctx else "")
        text = t("u_missing", lang, param=str(hint).replace('"', "'"))
    elif isinstance(e, ce.BadParameter):
        hint = e.param_hint or (e.param.get_error_hint(e.ctx) if e.param and e.ctx else "")
        choices = getattr(getattr(e.param, "type", None), "choices", None)
        m = re.match(r"'(.*)' is not one of", message)
        if choices and m:
            text = t(
                "u_bad_choice", lang, param=hint, value=m[1], choices=", ".join(map(str, choices))
            )
        else:
            text = t("u_bad_value", lang, param=hint, detail=message)
    elif m := re.match(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?$", message):
        text = t("u_no_command", lang, name=m[1])
        if m[2]:  # Typer's suggestions for a near miss ("leter"), each quoted
            sep = "" if lang == "zh" else " "
            names = ", ".join(re.findall(r"'([^']*)'", m[2]))
            text += sep + t("u_did_you_mean", lang, names=names)
    elif m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        text = t("u_extra", lang, args=m[1])
    else:
        text = message
    if lang == "zh":  # Click quotes names in ASCII quotes; Chinese text uses its own
        opening, closing = NAME_QUOTES_ZH
        text = re.sub(rf" ?'([^'{opening}{closing}]*)' ?", rf"{opening}\1{closing}", text)
        text = text.replace(f"{closing}/{opening}", closing + t("u_or", lang) + opening)
    out = []
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()  # its prefix is in the language of the command line
        for prefix in (t("hp_usage", "zh"), t("hp_usage", "en")):
            usage = usage.removeprefix(prefix)
        out.append(t("u_usage", lang, usage=usage))
        out.append(t("u_try", lang, command=ctx.command_path))
        out.append("")
    out.append(t("u_error", lang, message=text))
    return "\n".join(out)
