"""A provider or a problem found by its id or by the names people type (`支付宝`, `wechat`,
`自动扣费`), and whether a problem applies to a provider: lookups in the catalog that
`letter`, `start` and `providers show` share, without composing anything."""

from __future__ import annotations

from .errors import NotApplicable, NotFound
from .models import Catalog, Playbook, Provider


def _by_name(given: str, named: list[tuple[str, list[str]]]) -> str | None:
    """An id from a name people type: `支付宝`, `微信`, `wechat pay`, `充值`, `注销`.
    Only a name that points to exactly one entry counts."""
    g = given.strip().lower()
    if not g:
        return None
    exact = [i for i, names in named if any(g == n.lower() for n in names)]
    if len(exact) == 1:
        return exact[0]
    partial = [i for i, names in named if any(g in n.lower() for n in names)]
    return partial[0] if len(partial) == 1 else None


def find_provider(catalog: Catalog, pid: str) -> Provider:
    d = catalog.directory
    p = d.provider(pid.strip().lower())
    if p is None:
        found = _by_name(pid, [(x.id, [x.name.zh, x.name.en, *x.aliases]) for x in d.providers])
        p = d.provider(found) if found else None
    if p is None:
        raise NotFound("provider", pid, [x.id for x in d.providers])
    return p


def find_playbook(catalog: Catalog, pid: str) -> Playbook:
    """A playbook by id, title or any synonym in either language (`自动扣费`, `scam`),
    as long as the words name exactly one."""
    pb = catalog.playbooks.get(pid.strip().lower())
    if pb is None:
        from .problems import lookup  # only for a name: its patterns cost ~3 ms to build

        found = lookup(catalog.playbooks, pid)
        pb = catalog.playbooks.get(found) if found else None
    if pb is None:
        raise NotFound("issue", pid, list(catalog.playbooks))
    return pb


def playbooks_for(catalog: Catalog, provider: Provider) -> list[str]:
    """The playbooks whose letter makes sense for this provider, in catalog order."""
    return [pid for pid, pb in catalog.playbooks.items() if pb.applies_to(provider)]


def check_applies(catalog: Catalog, provider: Provider, playbook: Playbook) -> None:
    """Raise NotApplicable when the playbook does not fit the provider (credit on tpWallet):
    the one check `letter` and `start` share."""
    if not playbook.applies_to(provider):
        raise NotApplicable(playbook, provider, playbooks_for(catalog, provider))
