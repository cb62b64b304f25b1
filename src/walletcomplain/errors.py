"""The errors the program raises on purpose, and the exit codes they end with.

Every one derives from `WalletError`: it knows its exit code and says itself in the
user's language (`message(lang)`), so the CLI catches them all in one clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .answers import Result
    from .models import Lang, Playbook, Provider


class ExitCode(IntEnum):
    OK = 0
    ENVIRONMENT = 1  # the machine: disk, permissions, an unusable case log
    USAGE = 2  # usage or validation: what the user gave
    HANGUP = 129  # 128 + SIGHUP
    INTERRUPTED = 130  # 128 + SIGINT (Ctrl-C)
    TERMINATED = 143  # 128 + SIGTERM


class WalletError(Exception):
    """An expected failure: a message for the user and an exit code, never a traceback."""

    exit_code: int = ExitCode.USAGE

    def message(self, lang: Lang) -> str:
        return str(self)


class Problem(NamedTuple):
    """One problem in a data file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class CatalogError(WalletError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("catalog_errors", lang) + "\n" + "\n".join(f"  {p}" for p in self.problems)


class NotFound(WalletError, LookupError):
    """An unknown provider or playbook id; carries the known ids for the message."""

    def __init__(self, kind: str, given: str, known: list[str]) -> None:
        import difflib  # only when something was mistyped

        close = difflib.get_close_matches(given, known, n=1, cutoff=0.5)
        super().__init__(given)
        self.kind, self.given, self.known = kind, given, known
        self.suggest = close[0] if close else None

    def message(self, lang: Lang) -> str:
        from .messages import t

        hint = t("did_you_mean", lang, suggest=self.suggest) if self.suggest else ""
        hint += " " if hint and lang == "en" else ""
        return t(
            "not_found",
            lang,
            kind=t("nf_" + self.kind.replace(" ", "_"), lang),
            given=self.given,
            known=", ".join(self.known),
            hint=hint,
        )


class NotApplicable(WalletError, ValueError):
    """The playbook does not apply to this provider (e.g. a credit product on a crypto wallet):
    writing its letter would make no sense."""

    def __init__(self, playbook: Playbook, provider: Provider, known: list[str]) -> None:
        super().__init__(f"{playbook.id} does not apply to {provider.id}")
        self.playbook, self.provider, self.known = playbook, provider, known

    def message(self, lang: Lang) -> str:
        from .messages import t

        name = self.provider.name.get(lang)
        return t(
            "not_applicable",
            lang,
            issue=self.playbook.title.get(lang),
            provider=name,
            reason=t("not_applicable_reason", lang, provider=name),
            known=", ".join(self.known),
        )


class InvalidAnswers(WalletError, ValueError):
    def __init__(self, playbook: Playbook, result: Result) -> None:
        super().__init__(f"{len(result.errors)} invalid answers")
        self.playbook = playbook
        self.result = result

    def lines(self, lang: Lang) -> list[str]:
        from .messages import describe_error

        return [
            describe_error(e, self.playbook.question(e.field), lang) for e in self.result.errors
        ]

    def message(self, lang: Lang) -> str:
        from .messages import t, t_n

        lines = "\n".join(f"  - {line}" for line in self.lines(lang))
        return (
            t_n("invalid_answers", lang, len(self.result.errors))
            + "\n"
            + lines
            + "\n"
            + t("invalid_answers_hint", lang, issue=self.playbook.id)
        )


class FileExists(WalletError, FileExistsError):
    """The target exists and --force was not given."""

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("file_exists", lang, path=str(self))


class NotRegular(WalletError, OSError):
    """The target exists and is a device, FIFO, socket or folder: never replaced."""

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("not_regular", lang, path=str(self))


class MissingFolder(WalletError, OSError):
    """The folder to write into does not exist; we do not create it."""

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("missing_folder", lang, path=str(self))


class StoreError(WalletError):
    """The case log cannot be used; the message names the file, says why and what to do.
    Carries its message key (messages.py, st_*) so the CLI can say it in either language."""

    exit_code = ExitCode.ENVIRONMENT

    def __init__(self, key: str, **params: object) -> None:
        from .messages import t

        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def describe(self, lang: Lang) -> str:
        from .messages import t

        return t(self.key, lang, **self.params)

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("store_error", lang, error=self.describe(lang))


class CaseNotFound(WalletError, LookupError):
    def __init__(self, case_id: int) -> None:
        super().__init__(case_id)
        self.case_id = case_id

    def message(self, lang: Lang) -> str:
        from .messages import t

        return t("cl_not_found", lang, id=self.case_id)
