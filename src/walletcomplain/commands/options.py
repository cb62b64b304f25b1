"""The option types and annotated options several commands share."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class DocumentOpt(str, Enum):
    letter = "letter"
    police = "police"


class LangOpt(str, Enum):
    zh = "zh"
    en = "en"


class ExportFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    zip = "zip"


LangOption = Annotated[
    Optional[LangOpt],  # noqa: UP045 - typer needs Optional on 3.10
    typer.Option(
        "--lang",
        "-l",
        help="zh or en (default: WALLETCOMPLAIN_LANG, else the locale; C/POSIX gives zh).",
    ),
]
PlaybooksOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--playbooks",
        metavar="DIR",
        file_okay=False,
        help="A directory of your own playbooks (repeatable); same id overrides the packaged one.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of tables.")]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="text (default), markdown or json.")
]
CaseId = Annotated[int, typer.Argument(help="The case number, as in `cases list`.", min=1)]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")]
