"""The data model: directory (providers, authorities, laws) and playbooks.

The models are frozen standard-library dataclasses. On the slow path (a data
file changed) pydantic validates them from YAML with `extra="forbid"`, so a
typo is an error with a line number rather than a silently ignored setting.
On every other run they are rebuilt from the checked JSON cache by `from_data`
without importing pydantic at all: that import alone would cost more than the
whole start-up budget of `letter` (see README, "Performance").

Values (a text in both languages, a channel, a rule, a `when`) compare by value.
Entities (a provider, an authority, a law, a question, a playbook, and what holds
them) have an id and compare by identity (`eq=False`), and keep object's short repr
(`repr=False`: theirs would print a whole tree). Nothing compares two of them field by
field, and the generated `__eq__`, `__hash__` and `__repr__` of a dozen classes cost
about 6 ms on every start (bench/run.py).

Checks that pydantic cannot express as types live in `__post_init__`, so they
hold however an object is built. Cross-references between files (authority
ids, `when` targets, letter placeholders) are checked in catalog.py, where the
file and line are known.
"""

import dataclasses
import datetime as dt
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

from .roles import AuthorityRole, FormKind, QuestionRole

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
ID_RE = re.compile(r"[a-z][a-z0-9_]*")
FORBID = {"extra": "forbid"}  # pydantic reads this dict as the dataclass's config
T = TypeVar("T")


def _check_id(value: str, what: str = "id") -> None:
    if not ID_RE.fullmatch(value):
        raise ValueError(
            f"{what} '{value}' must be lower-case letters, digits and _ (e.g. bank_sms)"
        )


@dataclass(frozen=True, kw_only=True)
class Text:
    """One piece of user-facing text in both languages; neither may be empty."""

    __pydantic_config__ = FORBID
    zh: str
    en: str

    def __post_init__(self) -> None:
        for lang in LANGS:
            if not getattr(self, lang).strip():
                name = "Chinese" if lang == "zh" else "English"
                raise ValueError(f"the {name} text ('{lang}') is empty: every text needs zh and en")

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Identified:
    """Something data files refer to by its id: lower-case letters, digits and _."""

    __pydantic_config__ = FORBID
    id: str

    def __post_init__(self) -> None:
        _check_id(self.id)
        others = getattr(super(), "__post_init__", None)  # the checks of the other base
        if others is not None:
            others()


@dataclass(frozen=True, kw_only=True)
class Sourced:
    """A fact: where it comes from and when that was last checked."""

    __pydantic_config__ = FORBID
    source: str
    checked: dt.date

    def __post_init__(self) -> None:
        if len(self.source.strip()) < 3:
            raise ValueError("`source` must say where the fact comes from")


@dataclass(frozen=True, kw_only=True)
class Note(Text, Sourced):
    """A caveat or fact the user must see, with its source."""

    def __post_init__(self) -> None:
        Text.__post_init__(self)
        Sourced.__post_init__(self)


# --- directory -----------------------------------------------------------------

ChannelKind = Literal["hotline", "in_app", "web", "email", "forum"]


@dataclass(frozen=True, kw_only=True)
class Channel(Sourced):
    """A way to reach a provider or an authority: a number, an app path, a page."""

    kind: ChannelKind
    value: str | None = None  # phone number, URL or address
    path: Text | None = None  # how to find it: where to tap, which page
    hours: Text | None = None
    note: Text | None = None  # a caveat shown next to this channel

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.kind == "in_app" and self.path is None:
            raise ValueError("an in_app channel needs `path` (where to tap in the app)")
        if self.kind == "hotline" and not self.value:
            raise ValueError("a hotline needs `value` (the number)")
        if not self.value and self.path is None:
            raise ValueError(f"a {self.kind} channel needs `value` or `path` (how to find it)")


ProviderKind = Literal[
    "payment_institution", "bank", "card_network", "device_wallet", "crypto_wallet"
]


Respondent = Literal["provider", "issuing_bank"]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Provider(Identified):
    """A wallet, bank or card network a complaint can be about."""

    name: Text
    kind: ProviderKind
    channels: list[Channel]
    regulator: str | None = None  # authority id; None where no regulator takes the case
    notes: list[Note] = field(default_factory=list)
    company: str | None = None  # the licensed company, as registered; only where verified
    company_source: str | None = None
    respondent: Respondent = "provider"  # issuing_bank: letters go to the card's bank
    short: Text | None = None  # the brand as a letter names it, where `name` is longer
    aliases: list[str] = field(default_factory=list)  # what people type: weixin, 京东
    direct_rule: str | None = None  # authority whose time limit binds a direct complaint

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.channels:
            raise ValueError("a provider needs at least one channel")

    def brand(self, lang: Lang) -> str:
        return (self.short or self.name).get(lang)

    def hotline(self) -> Channel | None:
        return next((c for c in self.channels if c.kind == "hotline"), None)


@dataclass(frozen=True, kw_only=True)
class Rule(Note):
    """A legal or official time limit. Only rules found in FACTS.md exist here."""

    days: int | None = None
    max_days: int | None = None
    working_days: bool = False
    forwarded: bool = False  # the count runs from receipt of a complaint the authority forwards
    respondent_only: bool = False  # binds the respondent (a bank), not the authority itself

    def __post_init__(self) -> None:
        super().__post_init__()
        for n in (self.days, self.max_days):
            if n is not None and n <= 0:
                raise ValueError("day counts must be greater than 0")


@dataclass(frozen=True, kw_only=True)
class FormSpec:
    """A form `cases form --to <to>` prepares for an authority: the fields of its web
    platform, or a script for its phone line (the channel whose value is `to`)."""

    __pydantic_config__ = FORBID
    kind: FormKind
    to: str  # what --to calls it: the number people know it by
    title: Text
    how: Note | None = None  # how to file it, shown on screen next to the fields

    def __post_init__(self) -> None:
        if not self.to.strip() or self.to != self.to.strip():
            raise ValueError("`to` must be a name without spaces around it, e.g. 12315")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Authority(Identified):
    """A regulator, the police, a mediator or a court: where a complaint can go next."""

    name: Text
    handles: Text
    channels: list[Channel] = field(default_factory=list)
    rule: Rule | None = None
    notes: list[Note] = field(default_factory=list)
    roles: list[AuthorityRole] = field(default_factory=list)
    law: str | None = None  # the provision an escalation letter asks it to act under
    ask: Text | None = None  # what the escalation letter asks it to do, under `law`
    office: Text | None = None  # which office: a placeholder label in the letter's address
    form: FormSpec | None = None  # the form `cases form` prepares for it

    def has(self, role: AuthorityRole) -> bool:
        return role in self.roles


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Law(Identified, Sourced):
    """A provision a letter may cite. `cite` is the short citation in each language."""

    cite: Text
    says: Text  # what it says, in plain words, for the letter
    caveat: Text | None = None


@dataclass(frozen=True, kw_only=True)
class ScamSign(Identified, Note):
    """A sign of a scam, shown when a playbook's scam checklist applies."""


@dataclass(frozen=True, kw_only=True)
class Lookalike(Note):
    """A number that looks official but is not: what to tell someone who has it."""

    value: str


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Directory:
    """providers.yaml: the providers, the authorities and the laws a letter may cite."""

    __pydantic_config__ = FORBID
    providers: list[Provider]
    authorities: list[Authority]
    laws: list[Law] = field(default_factory=list)
    scam_signs: list[ScamSign] = field(default_factory=list)
    scam_rules: list[Note] = field(default_factory=list)
    lookalikes: list[Lookalike] = field(default_factory=list)
    wary: list[ScamSign] = field(default_factory=list)  # patterns check-number warns about

    def __post_init__(self) -> None:
        if not self.providers or not self.authorities:
            raise ValueError("the directory needs providers and authorities")

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


@dataclass(frozen=True, kw_only=True)
class When:
    """Ask a question (or use a paragraph) only if an earlier answer matches."""

    __pydantic_config__ = FORBID
    question: str
    equals: bool | int | str | None = None
    one_of: list[str] | None = None  # a choice answer is any of these
    includes: str | None = None  # a multichoice answer includes this choice
    answered: bool | None = None  # the (optional) question was answered, or was not

    def __post_init__(self) -> None:
        _check_id(self.question, "question")
        given = [
            x for x in (self.equals, self.one_of, self.includes, self.answered) if x is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "`when` needs exactly one of `equals`, `one_of`, `includes` or `answered`"
            )

    def holds(self, answers: dict[str, Any]) -> bool:
        if self.answered is not None:
            return (self.question in answers) == self.answered
        if self.question not in answers:
            return False
        value = answers[self.question]
        if self.includes is not None:
            return isinstance(value, list) and self.includes in value
        if self.one_of is not None:
            return value in self.one_of
        return bool(value == self.equals)


@dataclass(frozen=True, kw_only=True)
class Rules:
    """What an answer must look like beyond its type."""

    __pydantic_config__ = FORBID
    pattern: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = None
    not_future: bool = True  # dates only: a complaint is about something that happened
    describe: Text | None = None  # what `pattern` wants, in words (errors never show a pattern)

    def __post_init__(self) -> None:
        if self.max_length is not None and self.max_length <= 0:
            raise ValueError("max_length must be greater than 0")


@dataclass(frozen=True, kw_only=True)
class Choice(Identified, Text):
    """One answer a choice or multichoice question offers."""

    when: When | None = None  # offered only if an earlier answer matches (evidence items)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Question(Identified):
    """One question of a playbook: its type, its words and its rules."""

    type: QuestionType
    label: Text  # short name: review table, placeholders, error messages
    prompt: Text
    help: Text | None = None
    required: bool = True
    rules: Rules = field(default_factory=Rules)
    when: When | None = None
    choices: list[Choice] = field(default_factory=list)
    choices_from: Literal["evidence", "demands"] | None = None  # shared questions only
    pii: bool = False  # the user's own identifier: masked on screen and in the letter
    mask_numbers: bool = True  # mask card/ID/phone numbers typed into this free text
    role: QuestionRole | None = None  # what code finds it by (roles.py), never by its id
    preselect: bool | None = None  # confirm only: what Enter takes (None: yes), e.g. no
    # where "yes" changes the route and a hurried Enter must not take it

    def __post_init__(self) -> None:
        super().__post_init__()
        has_choices = bool(self.choices) or self.choices_from is not None
        if self.type in ("choice", "multichoice") and not has_choices:
            raise ValueError(f"a {self.type} question needs `choices`")
        if self.type not in ("choice", "multichoice") and has_choices:
            raise ValueError(f"`choices` only fit choice and multichoice, not {self.type}")
        if self.preselect is not None and self.type != "confirm":
            raise ValueError(f"`preselect` only fits confirm questions, not {self.type}")

    def offered(self, answers: dict[str, Any]) -> list[Choice]:
        """The choices to offer, given the answers so far."""
        return [c for c in self.choices if c.when is None or c.when.holds(answers)]

    def choice(self, cid: str) -> Choice | None:
        return next((c for c in self.choices if c.id == cid), None)


@dataclass(frozen=True, kw_only=True)
class Para(Text):
    """A letter paragraph with `{{ question_id }}` placeholders, optionally conditional."""

    when: When | None = None


@dataclass(frozen=True, kw_only=True)
class Evidence(Identified, Text):
    """A piece of evidence the complaint needs, and how to get it."""

    how: Text  # how to get it if you don't have it yet
    required: bool = False
    when: When | None = None  # needed only if an earlier answer matches

    def needed(self, answers: dict[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True, kw_only=True)
class Demand(Identified, Text):
    """Something the letter asks the respondent to do."""


@dataclass(frozen=True, kw_only=True)
class LegalUse:
    """A provision a document cites, if its condition holds and it binds this provider."""

    __pydantic_config__ = FORBID
    law: str
    when: When | None = None
    unless: When | None = None  # not cited when this holds (facts that take the rule away)
    kinds: list[ProviderKind] | None = None  # only for providers of these kinds

    def applies(self, answers: dict[str, Any], kind: str) -> bool:
        if self.kinds is not None and kind not in self.kinds:
            return False
        if self.unless is not None and self.unless.holds(answers):
            return False
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class LetterSpec:
    """The letter's subject and paragraphs, with placeholders for the answers."""

    __pydantic_config__ = FORBID
    subject: Text
    facts: list[Para]
    to: list[Para] = field(default_factory=list)  # addressees, where not the provider
    cc: Para | None = None  # a copy, e.g. to the wallet for the payment only

    def __post_init__(self) -> None:
        if not self.facts:
            raise ValueError("a letter needs at least one paragraph in `facts`")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PoliceSpec:
    """The police report (报案材料): the facts of the crime, not a complaint about the wallet."""

    __pydantic_config__ = FORBID
    subject: Text
    facts: list[Para]
    requests: list[Text]  # what the report asks the police to do, citing `basis`
    when: When | None = None  # money was lost to fraud or theft: the police come first
    basis: list[LegalUse] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.facts:
            raise ValueError("a police report needs at least one paragraph in `facts`")


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SubmitSpec:
    """What a call and a complaint form need beyond the letter (issue 13): the answers to
    have at hand, a plain spoken summary, and which answers fill a form's time and order
    fields."""

    __pydantic_config__ = FORBID
    spoken: list[Para]  # 30 seconds on the phone, in plain sentences
    have: list[str] = field(default_factory=list)  # question ids to have at hand
    time: str | None = None  # question id for a form's "time" field
    order: str | None = None  # question id for a form's "order number" field
    service: Text | None = None  # the goods or service, for a form (placeholders allowed)


PlaybookRespondent = Literal["provider", "merchant", "product_company"]
# Where the problem chooser lists a playbook; a playbook without a group comes last.
Group = Literal["money_not_arriving", "money_taken", "account", "scams", "disputes_fees"]
GROUPS: tuple[Group, ...] = (
    "money_not_arriving",
    "money_taken",
    "account",
    "scams",
    "disputes_fees",
)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Synonyms:
    """Words people type for a problem, in each language: `letter --issue` and the chooser."""

    __pydantic_config__ = FORBID
    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for word in [*self.zh, *self.en]:
            if not word.strip():
                raise ValueError("a synonym may not be empty")

    def all(self) -> list[str]:
        return [*self.zh, *self.en]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Playbook(Identified):
    """One problem type: its questions, evidence, demands and letter."""

    version: int
    title: Text
    summary: Text
    advice: list[Text]
    questions: list[Question]
    evidence: list[Evidence]
    demands: list[Demand]
    letter: LetterSpec
    basis: list[LegalUse] = field(default_factory=list)  # provisions that support the demands
    respondent: PlaybookRespondent = "provider"  # who the letter is addressed to
    police: PoliceSpec | None = None  # fraud and theft: the report for the police
    urgent: list[Para] = field(default_factory=list)  # steps before anything else, shown first
    escalate_to: list[str] = field(default_factory=list)
    scam_checklist: When | None = None  # when it holds, the result shows the scam signs and rules
    example: dict[str, Any] = field(default_factory=dict)
    submit: SubmitSpec | None = None  # the call sheet and form fields (issue 13)
    group: Group | None = None  # where the problem chooser lists it
    synonyms: Synonyms = field(default_factory=Synonyms)
    only_for: list[str] | None = None  # provider ids it fits; None: every provider
    direct_rule: str | None = None  # authority whose time limit binds this respondent

    def applies_to(self, provider: Provider) -> bool:
        """Whether a letter about this problem makes sense for this provider."""
        return self.only_for is None or provider.id in self.only_for

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("advice", "questions", "evidence", "demands"):
            if not getattr(self, name):
                raise ValueError(f"a playbook needs at least one item in `{name}`")
        if self.version < 1:
            raise ValueError("version must be 1 or more")

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def by_role(self, role: QuestionRole) -> Question | None:
        """The question that plays this role (catalog.py allows one per playbook)."""
        return next((q for q in self.questions if q.role == role), None)

    def role_id(self, role: QuestionRole) -> str:
        """The id of the question with this role; "" (never an answer's key) if none."""
        q = self.by_role(role)
        return q.id if q is not None else ""

    def answer(self, answers: Mapping[str, Any], role: QuestionRole) -> Any:
        """The answer to the question with this role; None if not asked or not answered."""
        q = self.by_role(role)
        return answers.get(q.id) if q is not None else None

    def fraud_loss(self, answers: dict[str, Any]) -> bool:
        """Money was lost to fraud or theft: 110 and the bank come before anything else."""
        p = self.police
        return p is not None and (p.when is None or p.when.holds(answers))


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Common:
    """Questions every playbook shares: what was tried, evidence, demands, complainant."""

    __pydantic_config__ = FORBID
    after: list[Question]
    # Named question sets a playbook includes with `- use: <name>` among its questions,
    # so two playbooks ask the same thing the same way (e.g. who called and what they asked).
    sets: dict[str, list[Question]] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Catalog:
    """Everything loaded and cross-checked; what the cache holds."""

    __pydantic_config__ = FORBID
    directory: Directory
    playbooks: Mapping[str, Playbook]
    sources: dict[str, str] = field(default_factory=dict)  # playbook id -> file it came from


# --- plain data in and out (the cache, --json) -----------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return hints


_CONVERTERS: dict[Any, Callable[[Any], Any]] = {}


def _identity(value: Any) -> Any:
    return value


def _converter(tp: Any) -> Callable[[Any], Any]:
    """A function that turns plain data into `tp`, worked out once per type: rebuilding the
    catalog from the cache happens on every run, so no type is inspected twice."""
    conv = _CONVERTERS.get(tp)
    if conv is not None:
        return conv
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        _CONVERTERS[tp] = _identity  # placeholder while the fields are worked out (recursion)
        fields = {name: _converter(hint) for name, hint in hints.items()}
        plain = {name for name, c in fields.items() if c is _identity}
        cls = tp

        def conv(data: Any) -> Any:
            return cls(**{k: v if k in plain else fields[k](v) for k, v in data.items()})

    elif origin is list:
        (arg,) = typing.get_args(tp)
        item = _converter(arg)
        conv = _identity if item is _identity else (lambda data: [item(x) for x in data])
    elif origin is dict or origin is Mapping:
        _, arg = typing.get_args(tp)
        value = _converter(arg)
        conv = (
            _identity
            if value is _identity
            else (lambda data: {k: value(v) for k, v in data.items()})
        )
    elif origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _converter(args[0]) if len(args) == 1 else _identity
        conv = (
            _identity
            if inner is _identity
            else (lambda data: None if data is None else inner(data))
        )
    elif tp is dt.date:
        conv = dt.date.fromisoformat
    elif tp is Decimal:
        conv = lambda data: Decimal(str(data))  # noqa: E731
    else:
        conv = _identity
    _CONVERTERS[tp] = conv
    return conv


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a model from already-checked plain data (the cache). No validation beyond
    `__post_init__`: data from outside goes through pydantic in catalog.py first."""
    result: T = _converter(cls)(data)
    return result


def to_data(obj: Any) -> Any:
    """A model as plain JSON types (dates as ISO strings, Decimals as strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_data(x) for x in obj]
    if isinstance(obj, Mapping):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    return obj
