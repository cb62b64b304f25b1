"""Answers given in a file (`letter --answers`): YAML or JSON, read within the limits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import WalletError

if TYPE_CHECKING:
    from .models import Lang


class AnswersFileError(WalletError, ValueError):
    """An answers file that cannot be read or parsed; the message is already in the
    user's language and names the file (and the line, when there is one)."""


def read_answers_file(spec: str, lang: Lang) -> dict[str, Any]:
    """YAML or JSON, UTF-8 with or without BOM, from a path or '-' (stdin)."""
    from . import limits
    from .catalog import excerpt
    from .messages import os_reason, t

    name = "<stdin>" if spec == "-" else spec
    try:  # bounded: 1 MiB, a regular file (never /dev/zero, a FIFO or a folder)
        if spec == "-":
            data = limits.read_stream(sys.stdin.buffer, limits.MAX_ANSWERS_BYTES)
        else:
            data = limits.read_regular(Path(spec), limits.MAX_ANSWERS_BYTES)
        text = data.decode("utf-8-sig")
    except limits.LimitError as e:
        raise AnswersFileError(e.describe(name, lang)) from None
    except OSError as e:
        raise AnswersFileError(
            t("answers_unreadable", lang, name=name, error=os_reason(e, lang))
        ) from None
    except UnicodeDecodeError as e:
        raise AnswersFileError(t("answers_encoding", lang, name=name, pos=e.start + 1)) from None
    parsed: Any
    if text.lstrip().startswith("{"):
        import json

        try:
            parsed = json.loads(text)
            limits.check_tree(parsed)
        except json.JSONDecodeError as e:
            raise AnswersFileError(
                t("answers_syntax", lang, name=name, line=e.lineno, error=e.msg)
            ) from None
        except RecursionError:  # deeper than the interpreter allows: certainly over the limit
            raise AnswersFileError(
                limits.LimitError("depth", limit=limits.MAX_DEPTH).describe(name, lang)
            ) from None
        except limits.LimitError as e:
            raise AnswersFileError(e.describe(name, lang)) from None
    else:
        import yaml

        try:
            limits.scan_yaml(text)  # depth, aliases, sizes: before anything is built
            parsed = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except limits.LimitError as e:
            raise AnswersFileError(e.describe(name, lang)) from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark is not None else "?"
            raise AnswersFileError(
                t(
                    "answers_syntax",
                    lang,
                    name=name,
                    line=line,
                    error=excerpt(str(getattr(e, "problem", None) or e)),
                )
            ) from None
        except Exception as e:  # PyYAML's constructors fail oddly on odd tags (`!!int`)
            raise AnswersFileError(
                t("answers_unparsable", lang, name=name, error=excerpt(f"{type(e).__name__}: {e}"))
            ) from None
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise AnswersFileError(t("answers_not_mapping", lang, name=name))
    return {str(k): v for k, v in parsed.items()}
