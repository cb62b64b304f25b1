"""The channels to use now and the ladder to climb if nobody answers.

Who comes next is decided by the authorities' roles in the directory, not by ids:
when money was lost to fraud or theft the police and the card's bank come first,
at once; then the respondent; then the regulators the playbook and the provider
name; then the routes that stay open whatever happens (consumer law Art. 39).
Day counts come from the directory's rules. Where no rule exists the count is
our suggestion, and the screens say so: a user must never mistake advice for law.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .due import SUGGESTED_REPLY_DAYS
from .messages import t
from .models import (
    Authority,
    Channel,
    Directory,
    Lang,
    Playbook,
    Provider,
    Rule,
    Text,
)

CHANNEL_ORDER = {"hotline": 0, "in_app": 1, "web": 2, "email": 3, "forum": 4}

Basis = Literal["rule", "suggestion", "now"]
StepKind = Literal["authority", "provider", "bank", "merchant", "respondent"]


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of the escalation plan: who, through which channels, how long to wait."""

    key: str  # "provider", "bank" or an authority id
    kind: StepKind
    authority: Authority | None
    channels: list[Channel]
    wait_days: int | None  # go on to the next step after this many days without an answer
    max_days: int | None
    working_days: bool
    basis: Basis | None
    rule: Rule | None
    may_decline: bool = False  # a regulator that may not accept this case (crypto wallets)
    cite: Text | None = None  # the rule's short citation, in each language, for screens


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)  # an aggregate: see models.py
class Plan:
    """Where the complaint goes, in order, when nobody answers."""

    provider: Provider
    channels: list[Channel]
    steps: list[Step]
    urgent: bool = False  # money lost to fraud or theft: police and bank first

    @property
    def reply_days(self) -> int:
        """The reply time a first letter asks for: the respondent's legal limit, if any."""
        first = ("provider", "merchant", "respondent")
        step = next((s for s in self.steps if s.kind in first), None)
        return step.wait_days if step is not None and step.wait_days else SUGGESTED_REPLY_DAYS

    def next_authority(self, done: frozenset[str] = frozenset()) -> Step | None:
        """The authority a letter names as what comes next: a regulator that takes the case
        and has not had it yet. Police, mediation and court are steps of their own."""
        return next(
            (s for s in self.steps if is_next_candidate(s, done)),
            None,
        )


def is_next_candidate(s: Step, done: frozenset[str]) -> bool:
    """A regulator that would take the case now, given the authorities already asked.
    This is the one rule for "what comes next": the first letter, the interview's last
    screen, forms and the case log (workflow.next_authority passes the case's escalations)."""
    a = s.authority
    if a is None or s.may_decline or not a.has("regulator") or a.id in done:
        return False
    return not refuses_after(a, done)


def refuses_after(a: Authority, done: frozenset[str] | set[str]) -> bool:
    """An authority that does not take a dispute another one has handled (the market
    regulator after the PBoC), given the authorities the case has gone to."""
    return a.has("not_after_regulator") and bool(set(done) - {a.id})


def step_name(step: Step, provider: Provider, lang: Lang) -> str:
    if step.authority is not None:
        return step.authority.name.get(lang)
    if step.kind == "bank":
        return t("step_bank", lang)
    if step.kind == "merchant":
        return t("step_merchant", lang)
    if step.kind == "respondent":
        return t("step_respondent", lang)
    if provider.respondent == "issuing_bank":
        return t("step_issuing_bank", lang, brand=provider.name.get(lang))
    return provider.name.get(lang)


def sorted_channels(channels: list[Channel]) -> list[Channel]:
    return sorted(channels, key=lambda c: CHANNEL_ORDER.get(c.kind, 9))


def authority_ids(directory: Directory, provider: Provider, playbook: Playbook) -> list[str]:
    ids: list[str] = []
    finals = [a.id for a in directory.authorities if a.has("final_route")]
    own = [provider.regulator] if provider.regulator else []
    # A respondent bound by its own regulator's rule (a bank) goes to that regulator first;
    # a playbook's own respondent (a consumer-finance company) to the playbook's authority;
    # a dispute with a merchant goes where the playbook says first.
    if playbook.direct_rule:
        first, then = [playbook.direct_rule, *playbook.escalate_to], own
    elif provider.direct_rule and playbook.respondent == "provider":
        first, then = own, playbook.escalate_to
    else:
        first, then = playbook.escalate_to, own
    for aid in [*first, *then, *finals]:
        if aid not in ids:
            ids.append(aid)
    return ids


def _cite(directory: Directory, a: Authority | None) -> Text | None:
    law = directory.law(a.law) if a is not None and a.law else None
    return law.cite if law is not None else None


def _authority_step(
    directory: Directory, a: Authority, provider: Provider, urgent: bool = False
) -> Step:
    rule = a.rule if a.rule is not None and not a.rule.respondent_only else None
    return Step(
        key=a.id,
        kind="authority",
        authority=a,
        channels=sorted_channels(a.channels),
        wait_days=None if urgent else (rule.days if rule else None),
        max_days=None if urgent else (rule.max_days if rule else None),
        working_days=rule.working_days if rule and not urgent else False,
        basis="now" if urgent else ("rule" if rule and rule.days else None),
        rule=rule,
        may_decline=provider.kind == "crypto_wallet" and not a.has("accepts_crypto"),
        cite=_cite(directory, a) if rule else None,
    )


def direct_rule_id(provider: Provider, playbook: Playbook | None = None) -> str | None:
    """The authority whose time limit binds the first step's respondent: the playbook's own
    (a credit product's company: NFRA), else the provider's (a card's issuing bank: NFRA)."""
    if playbook is not None and playbook.direct_rule:
        return playbook.direct_rule
    return provider.direct_rule


def respondent_rule(
    directory: Directory, provider: Provider, playbook: Playbook | None = None
) -> Rule | None:
    """A time limit that binds the respondent itself on a direct complaint (a bank: NFRA)."""
    aid = direct_rule_id(provider, playbook)
    if aid is None:
        return None
    a = directory.authority(aid)
    return a.rule if a is not None else None


def plan(
    directory: Directory,
    provider: Provider,
    playbook: Playbook,
    answers: dict[str, Any] | None = None,
) -> Plan:
    urgent = playbook.fraud_loss(answers or {})
    steps: list[Step] = []
    police = [a for a in directory.authorities if a.has("police")]
    if urgent:
        steps += [_authority_step(directory, a, provider, urgent=True) for a in police]
        steps.append(
            Step(
                key="bank",
                kind="bank",
                authority=None,
                channels=[],
                wait_days=None,
                max_days=None,
                working_days=False,
                basis="now",
                rule=None,
            )
        )
    to_provider = playbook.respondent == "provider"
    own_rule = to_provider or playbook.direct_rule is not None
    rule = respondent_rule(directory, provider, playbook) if own_rule else None
    if not to_provider:  # the merchant or the lender first; the wallet only for the payment
        kind: StepKind = "merchant" if playbook.respondent == "merchant" else "respondent"
        steps.append(
            Step(
                key=kind,
                kind=kind,
                authority=None,
                channels=[],
                wait_days=rule.days if rule else SUGGESTED_REPLY_DAYS,
                max_days=rule.max_days if rule else None,
                working_days=rule.working_days if rule else False,
                basis="rule" if rule else "suggestion",
                rule=rule,
                cite=_cite(directory, directory.authority(playbook.direct_rule or "")),
            )
        )
    elif not (urgent and provider.respondent == "issuing_bank"):
        bank = provider.respondent == "issuing_bank"  # its number is on the card, not ours
        steps.append(
            Step(
                key="provider",
                kind="provider",
                authority=None,
                channels=[] if bank else sorted_channels(provider.channels),
                wait_days=rule.days if rule else SUGGESTED_REPLY_DAYS,
                max_days=rule.max_days if rule else None,
                working_days=rule.working_days if rule else False,
                basis="rule" if rule else "suggestion",
                rule=rule,
                cite=_cite(
                    directory, directory.authority(direct_rule_id(provider, playbook) or "")
                ),
            )
        )
    for aid in authority_ids(directory, provider, playbook):
        a = directory.authority(aid)
        if a is None or (urgent and a.has("police")):  # catalog checks prevent the first
            continue
        steps.append(_authority_step(directory, a, provider))
    return Plan(
        provider=provider, channels=sorted_channels(provider.channels), steps=steps, urgent=urgent
    )
