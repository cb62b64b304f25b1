"""The written documents' shape and wording: Letter and Section, dates, amounts, and the
filler that puts answers into a playbook's `{{ question_id }}` placeholders.

Playbook letter parts use placeholders and structured `when` conditions instead of a
template language: every placeholder is checked when the playbook loads, nothing in a
user's playbook can execute, and the letter path does not pay Jinja2's import time.
An unanswered question becomes a visible `[label]` in the letter's language, never an
empty gap and never a field id. What the documents say is composed in documents.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import privacy
from .messages import INNER_QUOTES, SENTENCE_ENDS_ZH, format_date, format_money, t
from .models import Lang, Law, Question

if TYPE_CHECKING:
    from .complaint import Complaint

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Placeholders that are not question ids: the provider's brand and the letter's respondent.
BUILT_IN = frozenset({"provider", "company"})
# CJK punctuation, ideographs and full-width forms. A plain range test: the same character
# class as a regular expression costs ~1.6 ms to compile on every start.
CJK_RANGES = ((0x3000, 0x303F), (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
LATIN_WORDS = re.compile(r"[A-Za-z]{2,}[ ,.;:!?]+[A-Za-z]{2,}")  # prose, not an id like JJ-0815


def format_value(q: Question | None, value: Any, lang: Lang) -> str:
    """An answer as it reads in a sentence, in the letter's language."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, Decimal):
        return format_money(value, lang)
    if isinstance(value, dt.datetime):
        return t("datetime_fmt", lang, date=format_date(value.date(), lang), time=f"{value:%H:%M}")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, list):
        return t("list_sep", lang).join(format_value(q, v, lang) for v in value)
    if q is not None and q.choices and isinstance(value, str):
        c = q.choice(value)
        if c is not None:
            return c.get(lang)
    if q is not None and q.pii:
        return privacy.mask_tail(str(value))
    return str(value)


def has_cjk(text: str) -> bool:
    return any(lo <= ord(c) <= hi for c in text if c > "\u2fff" for lo, hi in CJK_RANGES)


def original_mark(text: str, lang: Lang) -> str:
    """The mark that says the user's words are in the other language, as typed; or ""."""
    other = has_cjk(text) if lang == "en" else (LATIN_WORDS.search(text) and not has_cjk(text))
    return t("original_words", lang) if other else ""


def inner_quotes(text: str, lang: Lang) -> str:
    """The user's own quotation marks inside a quotation of ours: corner brackets in
    Chinese, single quotes in English, so that a quotation never nests the same marks."""
    for mark, other in INNER_QUOTES[lang]:
        text = text.replace(mark, other)
    return text


def full_stop(quoted: str, lang: Lang) -> str:
    """The stop after a quotation: none in Chinese when the quote already ends a sentence."""
    if lang == "zh" and quoted.rstrip()[-1:] in SENTENCE_ENDS_ZH:
        return ""
    return t("full_stop", lang)


def own_words(text: str, lang: Lang) -> str:
    """The user's words in the other language are marked as the original, not translated."""
    return text + original_mark(text, lang)


@dataclass(frozen=True, kw_only=True)
class Section:
    """A numbered part of a letter: paragraphs and a list."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list
    md_items: list[str] | None = None  # the markdown form's items, where they say more


@dataclass(frozen=True, kw_only=True)
class Letter:
    """A composed letter; render/ writes it as text or markdown."""

    lang: Lang
    to: str
    subject: str
    sender: list[str]
    sections: list[Section]
    closing: list[str]
    placeholders: list[str] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    cc: str | None = None
    kind: str = "letter"  # letter | police_report | escalation

    def to_text(self) -> str:
        """Plain text (render/text.py)."""
        from .render import text

        return text.letter(self)

    def to_markdown(self) -> str:
        """Markdown (render/markdown.py)."""
        from .render import markdown

        return markdown.letter(self)


class Filler:
    """Fills placeholders and remembers which ones had no answer."""

    def __init__(self, c: Complaint) -> None:
        self.c = c
        self.missing: list[str] = []

    def mark(self, label: str) -> str:
        mark = t("placeholder", self.c.lang, label=label)
        if mark not in self.missing:
            self.missing.append(mark)
        return mark

    def company(self) -> str:
        """The provider's licensed company (or the card's issuing bank), with its brand."""
        c = self.c
        p, lang = c.provider, c.lang
        brand = p.brand(lang)
        if p.respondent == "issuing_bank":
            return t("l_bank_of", lang, bank=self.mark(t("label_bank", lang)), brand=brand)
        company = p.company or self.mark(t("label_company", lang))
        return t("l_company_brand", lang, company=company, brand=brand)

    def value(self, qid: str) -> str:
        c = self.c
        if qid == "provider":
            return c.provider.brand(c.lang)
        if qid == "company":
            return self.company()
        q = c.question(qid)
        if qid in c.values:
            text = format_value(q, c.values[qid], c.lang)
            if q is not None and q.type in ("text", "longtext") and not q.choices:
                text = own_words(text, c.lang)
            return text
        return self.mark(q.label.get(c.lang) if q else t("placeholder_unknown", c.lang))

    def fill(self, template: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.value(m[1]), template)
