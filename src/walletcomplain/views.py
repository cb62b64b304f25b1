"""What the screens show, as output Blocks: shared by `letter`, `start` and `providers`.
Their JSON is in render/json.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .messages import sep, source_text, t, t_n
from .output import Block

if TYPE_CHECKING:  # check-number must not pay for the models and the letter machinery
    from .complaint import Report
    from .escalation import Step
    from .models import Channel, Directory, Lang, Playbook, Provider
    from .phone import Lookup


def channel_row(ch: Channel, lang: Lang) -> list[str]:
    where = ch.value or (ch.path.get(lang) if ch.path else "")
    if ch.value and ch.path:
        where = f"{ch.value} ({ch.path.get(lang)})"
    extra = [x.get(lang) for x in (ch.hours, ch.note) if x is not None]
    return [t(f"kind_{ch.kind}", lang), where, sep("note", lang).join(extra)]


def channels_block(channels: list[Channel], lang: Lang, title: str | None = None) -> Block:
    return Block(title or t("h_channels", lang), rows=[channel_row(c, lang) for c in channels])


def wait_text(step: Step, lang: Lang) -> str:
    if step.basis == "now":
        return t("wait_now", lang)
    if step.wait_days is None:
        return t("wait_none", lang)
    unit = t_n("working_days" if step.working_days else "days", lang, step.wait_days)
    if step.basis == "rule" and step.rule is not None:
        text = t("wait_rule", lang, days=step.wait_days, unit=unit)
        if step.max_days:
            text += t_n("wait_max", lang, step.max_days, days=step.max_days)
        if step.rule.forwarded:
            text += t("wait_forwarded", lang)
        return text + t(
            "wait_source",
            lang,
            source=step.cite.get(lang) if step.cite else source_text(step.rule.source, lang),
        )
    return t("wait_suggestion", lang, days=step.wait_days, unit=unit)


def step_name(step: Step, provider: Provider, lang: Lang) -> str:
    from .escalation import step_name as name_of

    name = name_of(step, provider, lang)
    name = name[:1].upper() + name[1:]  # "the police" opens a table row
    if step.kind == "bank" or (step.kind == "provider" and not step.channels):
        return name + t("bank_number_hint", lang)
    numbers = [c.value for c in step.channels if c.kind == "hotline" and c.value]
    head = f"{name} {' / '.join(numbers[:2])}".strip()
    if step.may_decline:
        head += t("may_decline_mark", lang)
    return head


def ladder_block(r: Report) -> Block:
    lang = r.complaint.lang
    rows = [
        [str(i), step_name(s, r.plan.provider, lang), wait_text(s, lang)]
        for i, s in enumerate(r.plan.steps, 1)
    ]
    return Block(t("h_ladder", lang), rows=rows)


def report_blocks(r: Report) -> list[Block]:
    lang = r.complaint.lang
    blocks = []
    if r.urgent:
        blocks.append(
            Block(t("h_urgent", lang), lines=[f"• {u}" for u in r.urgent], style="urgent")
        )
    if r.scam_signs:
        blocks.append(
            Block(t("h_checklist", lang), lines=[f"• {x}" for x in r.scam_signs], style="warn")
        )
        blocks.append(Block(t("h_rules", lang), lines=[f"• {x}" for x in r.scam_rules]))
    blocks.append(channels_block(r.plan.channels, lang))
    blocks.append(ladder_block(r))
    if r.missing:
        rows = [[("* " if e.required else "  ") + e.get(lang), e.how.get(lang)] for e in r.missing]
        blocks.append(
            Block(
                t("h_missing", lang),
                rows=rows,
                lines=[t("missing_hint", lang)] if any(e.required for e in r.missing) else [],
            )
        )
    if r.warnings:
        blocks.append(
            Block(t("h_warnings", lang), lines=[f"• {w}" for w in r.warnings], style="warn")
        )
    return blocks


def providers_block(d: Directory, lang: Lang) -> Block:
    rows = []
    for p in d.providers:
        hotline = p.hotline()
        rows.append(
            [
                p.id,
                p.name.get(lang),
                hotline.value if hotline and hotline.value else t("no_hotline", lang),
            ]
        )
    return Block(
        t("h_providers", lang),
        header=[t("col_id", lang), t("col_name", lang), t("col_hotline", lang)],
        rows=rows,
    )


def provider_blocks(d: Directory, p: Provider, lang: Lang) -> list[Block]:
    blocks = [channels_block(p.channels, lang, f"{p.name.get(lang)} ({p.id})")]
    if p.notes:
        blocks.append(
            Block(t("h_notes", lang), lines=[f"• {n.get(lang)}" for n in p.notes], style="warn")
        )
    reg = d.authority(p.regulator) if p.regulator else None
    if reg is not None:
        lines = [reg.handles.get(lang)] + ([reg.rule.get(lang)] if reg.rule else [])
        blocks.append(
            Block(
                t("h_regulator", lang, name=reg.name.get(lang)),
                lines=lines,
                rows=[channel_row(c, lang) for c in reg.channels],
            )
        )
    rows = [
        [
            f"{t(f'kind_{c.kind}', lang)} {c.value or ''}".strip(),
            t(
                "source_checked",
                lang,
                source=source_text(c.source, lang),
                checked=c.checked.isoformat(),
            ),
        ]
        for c in p.channels
    ]
    blocks.append(Block(t("h_sources", lang), rows=rows))
    return blocks


def grouped(playbooks: Mapping[str, Playbook]) -> list[tuple[str | None, list[Playbook]]]:
    """The playbooks by group, in the chooser's order; those without a group (and the
    generic `other`, last of all) come at the end."""
    from .models import GROUPS
    from .problems import FALLBACK

    out: list[tuple[str | None, list[Playbook]]] = []
    for g in [*GROUPS, None]:
        members = [pb for pb in playbooks.values() if pb.group == g]
        members.sort(key=lambda pb: pb.id == FALLBACK)  # stable: `other` last
        if members:
            out.append((g, members))
    return out


def group_title(group: str | None, lang: Lang) -> str:
    return t(f"group_{group or 'none'}", lang)


def playbooks_blocks(playbooks: Mapping[str, Playbook], lang: Lang) -> list[Block]:
    """`playbooks`: one table per group, each problem with the words that find it."""
    blocks = []
    for g, members in grouped(playbooks):
        rows = [
            [
                pb.id,
                pb.title.get(lang),
                t("list_sep", lang).join(pb.synonyms.zh if lang == "zh" else pb.synonyms.en),
            ]
            for pb in members
        ]
        blocks.append(
            Block(
                f"{t('h_playbooks', lang)} · {group_title(g, lang)}",
                header=[t("col_id", lang), t("col_title", lang), t("col_synonyms", lang)],
                rows=rows,
            )
        )
    return blocks


def playbook_blocks(pb: Playbook, lang: Lang) -> list[Block]:
    head = [t("h_group", lang, title=group_title(pb.group, lang)), pb.summary.get(lang)]
    words = pb.synonyms.zh if lang == "zh" else pb.synonyms.en
    if words:
        head.append(f"{t('col_synonyms', lang)}: {t('list_sep', lang).join(words)}")
    about = Block(f"{pb.title.get(lang)} ({pb.id})", lines=head)
    advice = Block(t("h_advice", lang), lines=[f"• {a.get(lang)}" for a in pb.advice])
    rows = []
    for q in pb.questions:
        flags = [q.type, t("required_flag" if q.required else "optional_flag", lang)]
        if q.when is not None:
            flags.append(f"when {q.when.question}")
        text = q.prompt.get(lang)
        if q.choices:
            text += " [" + ", ".join(c.id for c in q.choices) + "]"
        rows.append([q.id, " ".join(flags), text])
    questions = Block(
        t("h_questions", lang, title=pb.title.get(lang)),
        header=[t("col_id", lang), t("col_type", lang), t("col_question", lang)],
        rows=rows,
    )
    return [about, advice, questions]


def check_blocks(result: Lookup, directory: dict[str, Any], lang: Lang) -> list[Block]:
    """What `check-number` shows: the verdict, then the checklist, then the rules."""
    n = result.number
    lines = [t("n_number", lang, number=n.raw.strip())]
    for m in result.matches:
        short = m.channel["value"]
        line = t("n_match", lang, name=m.name[lang], kind=t(f"kind_{m.channel['kind']}", lang))
        line += f" {short}" + (t("n_via_area", lang, short=short) if m.via_area_code else "")
        lines.append(line)
        for key in ("hours", "note"):
            if m.channel.get(key):
                lines.append(f"  {m.channel[key][lang]}")
        lines.append(
            "  "
            + t(
                "n_source",
                lang,
                source=source_text(m.channel["source"], lang),
                checked=m.channel["checked"],
            )
        )
        if m.owner == "provider":  # an authority's notes are about its procedures, not its number
            lines += [f"! {note[lang]}" for note in m.notes]
    if result.verdict == "official":
        lines.append(t("n_even_official", lang))
    elif result.verdict == "not_found":
        lines.append(t("n_unknown", lang))
    lines += [f"! {w[lang]}" for w in result.warnings]
    style = {"official": "ok", "not_found": "warn", "wary": "urgent"}[result.verdict]
    blocks = [Block(t(f"n_{result.verdict}", lang), lines=lines, style=style)]  # type: ignore[arg-type]
    if result.verdict != "official":
        signs = [f"• {s[lang]}" for s in directory.get("scam_signs", [])]
        blocks.append(Block(t("h_checklist", lang), lines=signs, style="warn"))
    rules = [f"• {r[lang]}" for r in directory.get("scam_rules", [])]
    blocks.append(Block(t("h_rules", lang), lines=rules))
    return blocks
