"""The answers template: every question in a YAML file, to fill in for `letter --answers`."""

from __future__ import annotations

import json

from .messages import t
from .models import Lang, Playbook, Question


def _hint(q: Question, lang: Lang) -> list[str]:
    need = t("tpl_required" if q.required else "tpl_optional", lang)
    kind = t(f"qtype_{q.type}", lang)
    lines = [f"# {t('tpl_hint', lang, prompt=q.prompt.get(lang), type=kind, need=need)}"]
    if q.help is not None:
        lines.append(f"#   {q.help.get(lang)}")
    if q.choices:
        label = t("tpl_choices", lang)
        many = t("tpl_several", lang) if q.type == "multichoice" else ""
        lines.append(
            f"#   {label}{many}: " + ", ".join(f"{c.id} = {c.get(lang)}" for c in q.choices)
        )
    if q.when is not None:
        cond = q.when.equals if q.when.equals is not None else (q.when.one_of or q.when.includes)
        lines.append(
            f"#   {t('tpl_only_if', lang)} "
            + f"{q.when.question} = {json.dumps(cond, ensure_ascii=False)}"
        )
    return lines


def answers_template(pb: Playbook, lang: Lang) -> str:
    out = [
        f"# {pb.title.get(lang)}",
        f"# {t('tpl_run', lang)}"
        + f" walletcomplain letter --issue {pb.id} --provider <id> --answers <this file>",
        f"# {t('tpl_no_secrets', lang)}",
        "",
    ]
    for q in pb.questions:
        out += _hint(q, lang)
        out.append(f"{q.id}: []" if q.type == "multichoice" else f"{q.id}:")
        out.append("")
    return "\n".join(out)


def example_yaml(pb: Playbook) -> str:
    """The playbook's example answers, ready for `letter --answers`."""
    import yaml

    from .answers import to_jsonable

    return str(yaml.safe_dump(to_jsonable(pb.example), allow_unicode=True, sort_keys=False))
