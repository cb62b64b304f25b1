"""The errors the core raises on purpose, kept apart so the CLI can catch them cheaply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .answers import Result
    from .models import Lang, Playbook, Provider


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


class CatalogError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


class NotFound(LookupError):
    """An unknown provider or playbook id; carries the known ids for the message."""

    def __init__(self, kind: str, given: str, known: list[str]) -> None:
        import difflib  # only when something was mistyped

        close = difflib.get_close_matches(given, known, n=1, cutoff=0.5)
        super().__init__(given)
        self.kind, self.given, self.known = kind, given, known
        self.suggest = close[0] if close else None


class NotApplicable(ValueError):
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


class InvalidAnswers(ValueError):
    def __init__(self, playbook: Playbook, result: Result) -> None:
        super().__init__(f"{len(result.errors)} invalid answers")
        self.playbook = playbook
        self.result = result

    def lines(self, lang: Lang) -> list[str]:
        from .messages import describe_error

        return [
            describe_error(e, self.playbook.question(e.field), lang) for e in self.result.errors
        ]


class FileExists(FileExistsError):
    """The target exists and --force was not given."""


class NotRegular(OSError):
    """The target exists and is a device, FIFO, socket or folder: never replaced."""


class MissingFolder(OSError):
    """The folder to write into does not exist; we do not create it."""


class StoreError(Exception):
    """The case log cannot be used; the message names the file, says why and what to do.
    Carries its message key (messages.py, st_*) so the CLI can say it in either language."""

    def __init__(self, key: str, **params: object) -> None:
        from .messages import t

        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def describe(self, lang: Lang) -> str:
        from .messages import t

        return t(self.key, lang, **self.params)


class CaseNotFound(LookupError):
    def __init__(self, case_id: int) -> None:
        super().__init__(case_id)
        self.case_id = case_id
