"""The fixed vocabularies of the case log, declared once: a case's status, a contact's
channel, a closed case's outcome and the kind of an event on its timeline.

The store types its rows with them, its SQL `CHECK` is written from them (migrations.py),
and the CLI offers them as option choices. Core: no UI imports; `enum` is already loaded
by `re`, so this module costs next to nothing at start-up.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar


class Value(str, Enum):
    """A str that is one of a fixed set: compares, hashes, formats and serialises as its
    value (as 3.11's StrEnum does; Python 3.10 has none)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Status(Value):
    open = "open"
    waiting = "waiting"
    escalated = "escalated"
    closed = "closed"


class Channel(Value):
    hotline = "hotline"
    in_app = "in_app"
    email = "email"
    web = "web"
    authority = "authority"


class Outcome(Value):
    resolved = "resolved"
    partly = "partly"
    rejected = "rejected"
    abandoned = "abandoned"


class EventKind(Value):
    created = "created"
    contact = "contact"
    reply = "reply"
    escalated = "escalated"
    closed = "closed"
    note = "note"


V = TypeVar("V", bound=Value)


def sql_in(column: str, values: type[Value]) -> str:
    """`status IN ('open', 'waiting', ...)`, for a CHECK constraint: the values are our own
    identifiers, never user input, so quoting them inline is safe."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


def known(values: type[V], value: str) -> V | str:
    """The member for `value`, or `value` itself when it is none of them (a row edited by
    hand stays readable; what to make of it is the caller's business)."""
    try:
        return values(value)
    except ValueError:
        return value
