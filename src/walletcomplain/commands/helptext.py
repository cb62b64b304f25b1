"""Help texts that list the catalog's ids (providers, problem types, authorities).

The lists come from the data files (packaged, then your own playbooks), read only when a
help text is shown: `--help` names the ids the data has, and no command pays for it
otherwise. An option's help writes `{providers}`, `{issues}` or `{authorities}`, and
its command is registered with `cls=CatalogHelp` (cli.py).
"""

import re
from typing import Any

from typer.core import TyperCommand

from .common import STATE

FALLBACK = {  # the catalog cannot be read (a broken playbook): point to where the ids are
    "providers": "see `walletcomplain providers`",
    "issues": "see `walletcomplain playbooks`",
    "authorities": "see `walletcomplain providers`",
    "forms": "see `walletcomplain providers show`",
}


def catalog_ids() -> dict[str, str]:
    """The ids, read from the data files themselves: ~2 ms, where the catalog's JSON cache
    costs ~20 ms to import and read and finding it (platformdirs) ~10 ms more."""
    try:
        providers_file, playbook_files = data_files()
        with open(providers_file, encoding="utf-8-sig") as f:
            directory = f.read()
        issues: dict[str, None] = {}  # in order; a playbook of yours with the same id replaces ours
        for path in playbook_files:
            with open(path, encoding="utf-8-sig") as f:
                issues.update(dict.fromkeys(TOP_ID.findall(f.read())[:1]))
    except (OSError, UnicodeDecodeError):  # the command itself will say what is wrong
        return FALLBACK
    found = {
        "providers": section_ids(directory, "providers"),
        "issues": list(issues),
        "authorities": section_ids(directory, "authorities"),
        "forms": form_targets(section(directory, "authorities")),
    }
    if not all(found.values()):
        return FALLBACK
    return {k: ", ".join(v) for k, v in found.items()}


TOP_ID = re.compile(r"^id:[ \t]*[\"']?([\w.-]+)", re.M)
ITEM_ID = re.compile(r"^  - id:[ \t]*[\"']?([\w.-]+)", re.M)
TOP_KEY = re.compile(r"^(\w+):", re.M)


def section(text: str, name: str) -> str:
    """One top-level part of the directory file, as text."""
    keys = list(TOP_KEY.finditer(text))
    for n, m in enumerate(keys):
        if m[1] == name:
            end = keys[n + 1].start() if n + 1 < len(keys) else len(text)
            return text[m.end() : end]
    return ""


def section_ids(text: str, name: str) -> list[str]:
    """The ids of the items of one top-level list in the directory file."""
    return ITEM_ID.findall(section(text, name))


FORM = re.compile(r"^    form:.*\n((?:      .*\n|\s*\n)*)", re.M)  # an authority's form: block
FORM_KEY = re.compile(r"^      (kind|to):[ \t]*[\"']?([\w.-]+)", re.M)


def form_targets(authorities: str) -> list[str]:
    """What `cases form --to` takes, in forms.targets() order: web forms, the wallet's
    own, phone scripts."""
    from walletcomplain.roles import WALLET_FORM

    found = [dict(FORM_KEY.findall(m[1])) for m in FORM.finditer(authorities)]
    web = [f["to"] for f in found if f.get("kind") == "web_form" and "to" in f]
    phone = [f["to"] for f in found if f.get("kind") == "phone_script" and "to" in f]
    return [*web, WALLET_FORM, *phone]


def data_files() -> tuple[str, list[str]]:
    """The directory file and the playbook files, found as catalog.sources() finds them,
    without importing the catalog (that alone costs ~8 ms)."""
    import os

    import walletcomplain

    here = os.path.dirname(os.path.abspath(walletcomplain.__file__))
    data = os.path.join(here, "data")
    if not os.path.isdir(data):  # run from source: the repository's data/
        data = os.path.join(os.path.dirname(os.path.dirname(here)), "data")
    env = os.environ.get("WALLETCOMPLAIN_PLAYBOOKS", "").split(os.pathsep)
    dirs = [os.path.join(data, "playbooks"), *(p for p in env if p), *map(str, STATE.playbook_dirs)]
    playbooks = []
    for d in dirs:
        playbooks += sorted(e.path for e in os.scandir(d) if e.name.endswith((".yaml", ".yml")))
    return os.path.join(data, "providers.yaml"), playbooks


def fill(params: list[Any]) -> None:
    """The ids into every help text of these parameters that asks for them."""
    wanted = [p for p in params if "{" in (getattr(p, "help", None) or "")]
    if not wanted:
        return
    ids = catalog_ids()
    for p in wanted:
        p.help = p.help.format(**ids)


class CatalogHelp(TyperCommand):
    """A command whose option help names the catalog's ids (filled in when help is shown)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        fill(self.params)
        super().format_help(ctx, formatter)
