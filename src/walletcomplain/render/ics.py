"""iCalendar (RFC 5545): a one-event calendar with a reminder on the next follow-up date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from walletcomplain.messages import t

if TYPE_CHECKING:
    from walletcomplain.models import Catalog, Lang
    from walletcomplain.store import Case


def reminder(case: Case, catalog: Catalog, lang: Lang, now: dt.datetime | None = None) -> str:
    """A one-event calendar (RFC 5545) for the next follow-up date."""
    from walletcomplain.due import explain_due, provider_name

    if case.next_due is None:
        raise ValueError("closed")
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    day = case.next_due
    summary = t("r_summary", lang, id=case.id, provider=provider_name(catalog, case.provider, lang))
    description = explain_due(case, catalog, lang) + "\n" + t("r_hint", lang, id=case.id)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//walletcomplain//case log//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:walletcomplain-case-{case.id}-{day:%Y%m%d}@localhost",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_text(summary)}",
        "TRIGGER:PT9H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(text: str) -> str:
    """A TEXT value less control characters, its special characters escaped (RFC 5545
    3.3.11)."""
    from walletcomplain.safe import for_file

    return (
        for_file(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)
