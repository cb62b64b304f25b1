"""Behaviour lives in the data: code finds questions and authorities by their roles
(roles.py), never by an id of the data files, and the catalog checks the roles."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from walletcomplain import catalog, forms, roles
from walletcomplain.cli import app
from walletcomplain.models import Catalog

from .conftest import ROOT
from .test_catalog import custom, line_of, problems, recharge_with

SRC = ROOT / "src" / "walletcomplain"
DATA = ROOT / "data"

# Ids that are also ordinary words code needs for something else; each with its reason.
# Every other authority or question id appearing as a string in code fails the test.
WORDS = {
    "police": "an authority role (roles.py), the playbook's `police:` report section and the "
    "document `--document police`; no authority is looked up by this id",
    "police_report": "the JSON key and letter kind of the police report (JSON output is fixed)",
    "demands": "the playbook's `demands:` list and `choices_from: demands`",
    "merchant": "a playbook's `respondent: merchant`, a ladder step's kind, a privacy word",
    "product": "a word privacy.py reads before a number that is not a secret code (product 1234)",
    "kind": "a field name of channels, events and providers",
    "since": "a field name of the due-date explanation",
    "service": "the `service` field of a complaint form and of `submit:`",
    "problem": "the answers file's `problem:` key",
}


def data_ids() -> set[str]:
    """Every authority id and every question id of the packaged data."""
    directory = yaml.safe_load((DATA / "providers.yaml").read_text("utf-8"))
    ids = {a["id"] for a in directory["authorities"]}
    common = yaml.safe_load((DATA / "common.yaml").read_text("utf-8"))
    questions = [*common["after"], *(q for s in common["sets"].values() for q in s)]
    for path in sorted((DATA / "playbooks").glob("*.yaml")):
        questions += yaml.safe_load(path.read_text("utf-8"))["questions"]
    return ids | {q["id"] for q in questions if "id" in q}


def strings_in_code() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("roles.py", "messages.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((str(path.relative_to(SRC)), node.lineno, node.value))
    return found


def test_no_authority_or_question_id_in_code() -> None:
    ids = data_ids()
    assert {"tried_date", "contact_phone", "samr", "caller_number"} <= ids  # the scan sees them
    bad = [f"{f}:{n}: '{s}'" for f, n, s in strings_in_code() if s in ids and s not in WORDS]
    assert not bad, "ids of the data in code (find them by role instead):\n" + "\n".join(bad)


def test_every_allowed_word_is_still_an_id() -> None:
    """An allowance that no longer matches an id is stale: remove it."""
    assert set(WORDS) <= data_ids()


def test_role_names_are_not_ids() -> None:
    """A role is found by its name in code: it must never be an id of the data too."""
    names = {*typing.get_args(roles.QuestionRole), *typing.get_args(roles.AuthorityRole)}
    assert not (names & data_ids()) - set(WORDS)


def test_every_question_role_is_given_in_the_data(cat: Catalog) -> None:
    for pb in cat.playbooks.values():
        given = {q.role for q in pb.questions if q.role}
        missing = set(typing.get_args(roles.QuestionRole)) - given
        if pb.by_role("other_party_number") is None:
            missing.discard("other_party_number")  # only playbooks that ask who called
        assert not missing, (pb.id, missing)


def test_by_role_finds_the_question_and_its_answer(cat: Catalog) -> None:
    pb = cat.playbooks["recharge"]
    q = pb.by_role("prior_contact_date")
    assert q is not None and q.type == "date"
    assert pb.answer({q.id: "x"}, "prior_contact_date") == "x"
    assert pb.answer({}, "prior_contact_date") is None
    assert pb.role_id("sender_phone") in {q.id for q in pb.questions}


def test_an_unknown_role_is_a_catalog_error_with_its_line(tmp_path: Path) -> None:
    text = recharge_with(
        "    label: {zh: 金额, en: Amount}", "    label: {zh: 金额, en: Amount}\n    role: phone"
    )
    [msg] = problems(custom(tmp_path, text))
    assert f"mine.yaml:{line_of(text, 'role: phone')}: questions[1].role" in msg


def test_a_role_given_twice_is_a_catalog_error(tmp_path: Path) -> None:
    text = recharge_with(
        "    label: {zh: 金额, en: Amount}",
        "    label: {zh: 金额, en: Amount}\n    role: sender_name",
    )
    [msg] = problems(custom(tmp_path, text))
    assert f"mine.yaml:{line_of(text, 'role: sender_name')}: questions[1].role" in msg
    assert "role 'sender_name' is given to both" in msg


def test_a_role_moved_to_another_question_moves_the_behaviour(cat: Catalog) -> None:
    """Code follows the role, not the id: renaming a question keeps the letter's sender."""
    import dataclasses

    pb = cat.playbooks["recharge"]
    renamed = [
        dataclasses.replace(q, id="my_name") if q.role == "sender_name" else q for q in pb.questions
    ]
    pb2 = dataclasses.replace(pb, questions=renamed)
    assert pb2.answer({"my_name": "王五"}, "sender_name") == "王五"


# --- forms: the targets come from the authorities' data ----------------------------------


def directory_problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = (DATA / "providers.yaml").read_text("utf-8")
    assert old in text, old
    path = tmp_path / "providers.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    _, found = catalog.load_directory(path)
    return [str(p) for p in found]


def test_form_targets_come_from_the_data(cat: Catalog) -> None:
    with_forms = [a for a in cat.directory.authorities if a.form is not None]
    assert with_forms and all(a.form.to in forms.targets(cat.directory) for a in with_forms)  # type: ignore[union-attr]
    assert roles.WALLET_FORM in forms.targets(cat.directory)
    assert forms.authority_for(cat.directory, roles.WALLET_FORM) is None


def test_two_authorities_with_the_same_form_name_are_an_error(tmp_path: Path) -> None:
    found = directory_problems(tmp_path, 'to: "12363"', 'to: "12315"')
    assert any("form '12315' is already the form of 'pboc'" in p for p in found), found
    found = directory_problems(tmp_path, 'to: "12363"', "to: wallet")
    assert any("already the wallet's own in-app form" in p for p in found), found


def test_a_phone_script_needs_its_number_among_the_channels(tmp_path: Path) -> None:
    found = directory_problems(tmp_path, 'to: "12363"', 'to: "12364"')
    assert any("needs a channel of 'pboc' whose value is '12364'" in p for p in found), found


def test_an_unknown_form_is_a_usage_error_naming_the_known_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    from .test_cli import write_example
    from .test_submit_cli import WECHAT_TOPUP

    answers = write_example(runner, tmp_path)
    assert runner.invoke(app, [*WECHAT_TOPUP, str(answers), "--save"]).exit_code == 0
    r = runner.invoke(app, ["cases", "form", "1", "--to", "12316", "--lang", "en"])
    assert r.exit_code == 2, r.output
    assert "12315" in r.stderr and "wallet" in r.stderr and "12363" in r.stderr


def test_form_help_lists_the_forms_of_the_data(runner: CliRunner) -> None:
    out = runner.invoke(app, ["cases", "form", "--help"], terminal_width=400).stdout
    assert "12315, wallet, 12363" in out


@pytest.mark.parametrize("role", typing.get_args(roles.AuthorityRole))
def test_every_authority_role_is_declared_once(role: str) -> None:
    """The authority roles live in roles.py only; models.py uses them from there."""
    models = (SRC / "models.py").read_text("utf-8")
    assert f'"{role}",' not in models
