"""The answers template: every question in a YAML file, to fill in for `letter --answers`."""

from __future__ import annotations

import json

from .models import Lang, Playbook, Question


def _hint(q: Question, lang: Lang) -> list[str]:
    zh = lang == "zh"
    need = ("必填" if q.required else "可选") if zh else ("required" if q.required else "optional")
    lines = [f"# {q.prompt.get(lang)}  ({q.type}, {need})"]
    if q.help is not None:
        lines.append(f"#   {q.help.get(lang)}")
    if q.choices:
        label = "可选值" if zh else "choices"
        many = (
            ("，可填多个：[a, b]" if zh else ", several allowed: [a, b]")
            if q.type == "multichoice"
            else ""
        )
        lines.append(
            f"#   {label}{many}: " + ", ".join(f"{c.id} = {c.get(lang)}" for c in q.choices)
        )
    if q.when is not None:
        cond = q.when.equals if q.when.equals is not None else (q.when.one_of or q.when.includes)
        lines.append(
            ("#   仅当 " if zh else "#   only if ")
            + f"{q.when.question} = {json.dumps(cond, ensure_ascii=False)}"
        )
    return lines


def answers_template(pb: Playbook, lang: Lang) -> str:
    zh = lang == "zh"
    out = [
        f"# {pb.title.get(lang)}",
        ("# 填好后运行:" if zh else "# When filled in, run:")
        + f" walletcomplain letter --issue {pb.id} --provider <id> --answers <this file>",
        (
            "# 不要填写密码、验证码或完整卡号。"
            if zh
            else "# Never write a password, a code or a full card number here."
        ),
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
