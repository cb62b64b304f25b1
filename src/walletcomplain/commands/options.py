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
        help="hp_lang",
    ),
]
PlaybooksOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--playbooks",
        metavar="DIR",
        file_okay=False,
        help="hp_playbooks",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="hp_json")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="hp_format")]
CaseId = Annotated[int, typer.Argument(metavar="CASE_ID", help="hp_case_id", min=1)]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="hp_yes")]
ForceOption = Annotated[bool, typer.Option("--force", help="hp_force")]
