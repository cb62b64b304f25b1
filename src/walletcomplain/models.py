"""The data model: directory (providers, authorities, laws) and playbooks.

Every model forbids unknown keys, so a typo in a YAML file is an error with a
line number rather than a silently ignored setting. Cross-references between
files (authority ids, `when` targets, letter placeholders) are checked in
catalog.py, where the file and line are known.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One piece of user-facing text in both languages; neither may be empty."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class Sourced(Strict):
    """A fact: where it comes from and when that was last checked."""

    source: str = Field(min_length=3)
    checked: dt.date


class Note(Text, Sourced):
    """A caveat or fact the user must see, with its source."""


# --- directory -----------------------------------------------------------------

ChannelKind = Literal["hotline", "in_app", "web", "email", "forum"]


class Channel(Sourced):
    kind: ChannelKind
    value: str | None = None  # phone number, URL or address
    path: Text | None = None  # where to tap, for in_app
    hours: Text | None = None
    note: Text | None = None  # a caveat shown next to this channel

    @model_validator(mode="after")
    def _needs_value_or_path(self) -> Channel:
        if self.kind == "in_app" and self.path is None:
            raise ValueError("an in_app channel needs `path` (where to tap in the app)")
        if self.kind == "hotline" and not self.value:
            raise ValueError("a hotline needs `value` (the number)")
        if not self.value and self.path is None:
            raise ValueError(f"a {self.kind} channel needs `value` or `path` (how to find it)")
        return self


ProviderKind = Literal[
    "payment_institution", "bank", "card_network", "device_wallet", "crypto_wallet"
]


class Provider(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: Text
    kind: ProviderKind
    channels: list[Channel] = Field(min_length=1)
    regulator: str | None = None  # authority id; None where no regulator takes the case
    notes: list[Note] = []

    def hotline(self) -> Channel | None:
        return next((c for c in self.channels if c.kind == "hotline"), None)


class Rule(Text, Sourced):
    """A legal or official time limit. Only rules found in FACTS.md exist here."""

    days: int | None = Field(default=None, gt=0)
    max_days: int | None = Field(default=None, gt=0)
    working_days: bool = False


class Authority(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: Text
    handles: Text
    channels: list[Channel] = []
    rule: Rule | None = None
    notes: list[Note] = []


class Law(Sourced):
    """A provision a letter may cite. `cite` is the short citation in each language."""

    id: str = Field(pattern=ID_PATTERN)
    cite: Text
    says: Text  # what it says, in plain words, for the letter
    caveat: Text | None = None


class ScamSign(Note):
    id: str = Field(pattern=ID_PATTERN)


class Directory(Strict):
    providers: list[Provider] = Field(min_length=1)
    authorities: list[Authority] = Field(min_length=1)
    laws: list[Law] = []
    scam_signs: list[ScamSign] = []
    scam_rules: list[Note] = []

    def provider(self, pid: str) -> Provider | None:
        return next((p for p in self.providers if p.id == pid), None)

    def authority(self, aid: str) -> Authority | None:
        return next((a for a in self.authorities if a.id == aid), None)

    def law(self, lid: str) -> Law | None:
        return next((x for x in self.laws if x.id == lid), None)


# --- playbooks -----------------------------------------------------------------

QuestionType = Literal[
    "text", "longtext", "int", "money", "date", "datetime", "confirm", "choice", "multichoice"
]


class When(Strict):
    """Ask a question (or render a paragraph) only if an earlier answer matches."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    question: str = Field(pattern=ID_PATTERN)
    equals: bool | int | str | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    includes: str | None = None  # for multichoice: the choice id is among those picked

    @model_validator(mode="after")
    def _exactly_one_test(self) -> When:
        given = [x for x in (self.equals, self.in_, self.includes) if x is not None]
        if len(given) != 1:
            raise ValueError("`when` needs exactly one of `equals`, `in` or `includes`")
        return self

    def holds(self, answers: dict[str, Any]) -> bool:
        if self.question not in answers:
            return False
        value = answers[self.question]
        if self.includes is not None:
            return isinstance(value, list) and self.includes in value
        if self.in_ is not None:
            return value in self.in_
        return bool(value == self.equals)


class Rules(Strict):
    pattern: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = Field(default=None, gt=0)
    not_future: bool = True  # dates only: a complaint is about something that happened


class Choice(Text):
    id: str = Field(pattern=ID_PATTERN)


class Question(Strict):
    id: str = Field(pattern=ID_PATTERN)
    type: QuestionType
    label: Text  # short name: review table, placeholders, error messages
    prompt: Text
    help: Text | None = None
    required: bool = True
    rules: Rules = Rules()
    when: When | None = None
    choices: list[Choice] = []
    choices_from: Literal["evidence", "demands"] | None = None  # shared questions only
    pii: bool = False  # masked on screen and in the letter

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Question:
        has_choices = bool(self.choices) or self.choices_from is not None
        if self.type in ("choice", "multichoice") and not has_choices:
            raise ValueError(f"a {self.type} question needs `choices`")
        if self.type not in ("choice", "multichoice") and has_choices:
            raise ValueError(f"`choices` only fit choice and multichoice, not {self.type}")
        return self

    def choice(self, cid: str) -> Choice | None:
        return next((c for c in self.choices if c.id == cid), None)


class Para(Text):
    """A letter paragraph with `{{ question_id }}` placeholders, optionally conditional."""

    when: When | None = None


class Evidence(Text):
    id: str = Field(pattern=ID_PATTERN)
    how: Text  # how to get it if you don't have it yet
    required: bool = False


class Demand(Text):
    id: str = Field(pattern=ID_PATTERN)


class LegalUse(Strict):
    law: str = Field(pattern=ID_PATTERN)
    when: When | None = None


class LetterSpec(Strict):
    subject: Text
    facts: list[Para] = Field(min_length=1)
    legal: list[LegalUse] = []


class Playbook(Strict):
    id: str = Field(pattern=ID_PATTERN)
    version: int = Field(ge=1)
    title: Text
    summary: Text
    advice: list[Text] = Field(min_length=1)
    urgent: list[Para] = []  # steps to take before anything else, shown first
    questions: list[Question] = Field(min_length=1)
    evidence: list[Evidence] = Field(min_length=1)
    demands: list[Demand] = Field(min_length=1)
    letter: LetterSpec
    escalate_to: list[str] = []
    example: dict[str, Any] = {}

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


class Common(Strict):
    """Questions every playbook shares: what was tried, evidence, demands, complainant."""

    after: list[Question]


class Catalog(Strict):
    """Everything loaded and cross-checked; what the cache holds."""

    directory: Directory
    playbooks: dict[str, Playbook]
    sources: dict[str, str] = {}  # playbook id -> file it came from
