"""The channels to use now and the ladder to climb if nobody answers.

Day counts come from the directory's rules (FACTS.md). Where no rule exists the
count is our suggestion and says so: a user must never mistake advice for law.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Literal

from .models import Authority, Channel, Directory, Model, Playbook, Provider, Rule, record

# FACTS.md, timing guidance: for a complaint made directly to the provider no
# legal day count was found; 15 days is the suggestion, labelled as one.
SUGGESTED_REPLY_DAYS = 15
CHANNEL_ORDER = {"hotline": 0, "in_app": 1, "web": 2, "email": 3, "forum": 4}
# Routes that stay open whatever the provider is (consumer law Art. 39).
FINAL_ROUTES = ("cca", "court")
# Authorities that still act for a crypto wallet: fraud and theft are crimes either way.
CRYPTO_OK = frozenset({"police", "court"})
NOT_NEXT = frozenset({"police", "cca", "court"})

Basis = Literal["rule", "suggestion"]


@record
class Step(Model):
    key: str  # "provider" or an authority id
    authority: Authority | None
    channels: list[Channel]
    wait_days: int | None  # go on to the next step after this many days without an answer
    max_days: int | None
    working_days: bool
    basis: Basis | None
    rule: Rule | None
    may_decline: bool = False  # a regulator that may not accept this case (crypto wallets)


@record
class Plan(Model):
    provider: Provider
    channels: list[Channel]
    steps: list[Step]
    reply_days: int = SUGGESTED_REPLY_DAYS
    authorities: list[Authority] = field(default_factory=list)

    def next_authority(self) -> Step | None:
        """The authority a letter names as what comes next: a regulator that takes the case.
        The police are an urgent step of their own, and mediation or court come last."""
        return next(
            (s for s in self.steps if s.authority and not s.may_decline and s.key not in NOT_NEXT),
            None,
        )


def sorted_channels(channels: list[Channel]) -> list[Channel]:
    return sorted(channels, key=lambda c: CHANNEL_ORDER.get(c.kind, 9))


def authority_ids(provider: Provider, playbook: Playbook) -> list[str]:
    ids: list[str] = []
    for aid in [
        *playbook.escalate_to,
        *([provider.regulator] if provider.regulator else []),
        *FINAL_ROUTES,
    ]:
        if aid not in ids:
            ids.append(aid)
    return ids


def plan(directory: Directory, provider: Provider, playbook: Playbook) -> Plan:
    steps = [
        Step(
            "provider",
            None,
            sorted_channels(provider.channels),
            SUGGESTED_REPLY_DAYS,
            None,
            False,
            "suggestion",
            None,
        )
    ]
    authorities = []
    for aid in authority_ids(provider, playbook):
        a = directory.authority(aid)
        if a is None:  # catalog checks prevent this; stay safe for hand-built data
            continue
        authorities.append(a)
        rule = a.rule
        decline = provider.kind == "crypto_wallet" and aid not in CRYPTO_OK
        steps.append(
            Step(
                aid,
                a,
                sorted_channels(a.channels),
                rule.days if rule else None,
                rule.max_days if rule else None,
                rule.working_days if rule else False,
                "rule" if rule and rule.days else None,
                rule,
                decline,
            )
        )
    return Plan(provider, sorted_channels(provider.channels), steps, authorities=authorities)


def add_days(start: dt.date, days: int, working_days: bool) -> dt.date:
    """Calendar days, or Monday-to-Friday days (public holidays are not known here)."""
    if not working_days:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day
