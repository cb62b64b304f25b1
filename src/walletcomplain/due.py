"""The due-date policy: when to follow up a case, and why, in words.

Each contact sets the next follow-up date from the escalation ladder: the day count
of a rule from FACTS.md where one exists, otherwise our suggestion, and the reason is
kept with the date so that `cases due` and `cases show` can say why.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .messages import format_date, source_text, t

if TYPE_CHECKING:
    from .models import Authority, Catalog, Lang, Rule
    from .store import Case

# No legal day count was found for a complaint made directly to a payment institution;
# 15 days is the suggestion, labelled as one on screen (never in a letter).
SUGGESTED_REPLY_DAYS = 15
Due = tuple[dt.date | None, dict[str, Any]]


def _by_rule(day: dt.date, rule: Rule, days: int, kind: str) -> Due:
    """A date counted by a rule's days (working days where it says so)."""
    from . import workdays

    deadline = workdays.add_days(day, days, rule.working_days)
    return deadline.date, {
        "kind": kind,
        "since": day.isoformat(),
        "days": days,
        "working_days": rule.working_days,
        "estimate": deadline.estimate,
        "holiday": deadline.holiday,
    }


def due_for_provider(
    day: dt.date, kind: str = "provider_reply", bound_by: Authority | None = None
) -> Due:
    """When to follow up with the respondent: on its legal deadline where an authority's
    rule binds it (a card's bank, a credit product's lender: NFRA), else our suggestion."""
    from . import workdays

    rule = bound_by.rule if bound_by is not None else None
    if bound_by is not None and rule is not None and rule.days:
        date, reason = _by_rule(day, rule, rule.days, kind)
        return date, {**reason, "basis": "rule", "bound_by": bound_by.id}
    days = SUGGESTED_REPLY_DAYS
    deadline = workdays.add_calendar_days(day, days)
    return deadline.date, {
        "kind": kind,
        "since": day.isoformat(),
        "days": days,
        "basis": "suggestion",
        "holiday": deadline.holiday,
    }


def due_now(day: dt.date) -> Due:
    """Money lost to fraud or theft: the police and the bank are due today, not in 15 days."""
    return day, {"kind": "urgent", "since": day.isoformat(), "basis": "now"}


def due_for_authority(a: Authority, day: dt.date) -> Due:
    rule = a.rule
    if rule is not None and rule.days:
        date, reason = _by_rule(day, rule, rule.days, "authority_reply")
        return date, {
            **reason,
            "max_days": rule.max_days,
            "forwarded": rule.forwarded,
            "basis": "rule",
            "authority": a.id,
        }
    days = SUGGESTED_REPLY_DAYS
    return day + dt.timedelta(days=days), {
        "kind": "authority_reply",
        "since": day.isoformat(),
        "days": days,
        "basis": "suggestion",
        "authority": a.id,
    }


def next_date(case: Case, lang: Lang) -> str:
    """The next follow-up date in words, or that there is none."""
    if case.status == "closed" or case.next_due is None:
        return t("c_due_none", lang)
    return format_date(case.next_due, lang)


def explain_due(case: Case, catalog: Catalog, lang: Lang) -> str:
    """Why the next follow-up falls on its date, in words (rule or suggestion, and the source)."""
    r = case.due_reason
    if case.status == "closed" or case.next_due is None:
        return t("c_due_none", lang)
    since = format_date(dt.date.fromisoformat(r.get("since", case.created.isoformat())), lang)
    provider = provider_name(catalog, case.provider, lang)
    date = format_date(case.next_due, lang)
    unit = t("working_days" if r.get("working_days") else "days", lang)
    kind = r.get("kind")
    if kind == "urgent":
        return t("c_due_urgent", lang, provider=provider, id=case.id)
    if kind == "authority_reply":
        a = catalog.directory.authority(r.get("authority", ""))
        name = a.name.get(lang) if a else r.get("authority", "?")
        if r.get("basis") == "rule" and a is not None and a.rule is not None:
            text = t(
                "c_due_rule",
                lang,
                since=since,
                name=name,
                days=r["days"],
                unit=unit,
                date=date,
                rule=a.rule.get(lang),
                source=_rule_source(catalog, a, lang),
            )
            return text + _date_notes(r, lang)
        return t(
            "c_due_authority_suggestion",
            lang,
            since=since,
            name=name,
            days=r.get("days"),
            date=date,
        )
    if kind == "promised":  # a date the agent gave on the phone (cases call)
        return t(
            "c_due_promised", lang, since=since, date=date, next=_next_name(case, catalog, lang)
        )
    if kind == "review_reply":
        return t(
            "c_due_review",
            lang,
            since=since,
            provider=provider,
            next=_next_name(case, catalog, lang),
        )
    bound = catalog.directory.authority(r.get("bound_by", "")) if r.get("basis") == "rule" else None
    if bound is not None and bound.rule is not None:
        text = t(
            "c_due_respondent_rule",
            lang,
            since=since,
            provider=provider,
            days=r.get("days"),
            unit=unit,
            date=date,
            next=_next_name(case, catalog, lang),
            source=_rule_source(catalog, bound, lang),
        )
        return text + _date_notes(r, lang)
    key = "c_due_created" if kind == "letter" else "c_due_provider"
    text = t(
        key,
        lang,
        since=since,
        provider=provider,
        days=r.get("days"),
        date=date,
        next=_next_name(case, catalog, lang),
    )
    return text + _date_notes(r, lang)


def _rule_source(catalog: Catalog, a: Authority, lang: Lang) -> str:
    """A rule's short citation in the user's language, else its source as written."""
    law = catalog.directory.law(a.law) if a.law else None
    if law is not None:
        return law.cite.get(lang)
    return source_text(a.rule.source, lang) if a.rule is not None else ""


def _date_notes(r: dict[str, Any], lang: Lang) -> str:
    """What a due date needs said about itself: counted from a forwarded complaint's
    receipt, an estimate beyond the published holiday schedule, a public holiday."""
    text = t("c_due_forwarded", lang) if r.get("forwarded") else ""
    if r.get("estimate"):
        text += t("c_due_estimate", lang)
    if r.get("holiday"):
        text += t("c_due_holiday", lang, holiday=t(f"hol_{r['holiday']}", lang))
    return text


def _next_name(case: Case, catalog: Catalog, lang: Lang) -> str:
    if "next" in case.due_reason:  # worked out when the date was set
        a = catalog.directory.authority(case.due_reason["next"] or "")
    else:
        from .workflow import next_authority  # the ladder is the workflow's

        a = next_authority(case, catalog)
    return a.name.get(lang) if a else t("c_other_routes", lang)


def provider_name(catalog: Catalog, pid: str, lang: Lang) -> str:
    p = catalog.directory.provider(pid)
    return p.name.get(lang) if p else pid
