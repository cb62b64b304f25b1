"""Loading data: every error names the file, the line and the field; overrides; the cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from walletcomplain import catalog
from walletcomplain.errors import CatalogError

from .conftest import ROOT, TODAY

RECHARGE = ROOT / "data" / "playbooks" / "recharge.yaml"


def custom(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    d = tmp_path / "playbooks"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


def recharge_with(old: str, new: str) -> str:
    text = RECHARGE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def problems(extra: Path) -> list[str]:
    with pytest.raises(CatalogError) as e:
        catalog.load([extra], TODAY, use_cache=False)
    return [str(p) for p in e.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    d = custom(tmp_path, "id: x\ntitle: {zh: a, en: b\nversion: 1\n")
    [msg] = problems(d)
    assert msg.startswith("playbooks/mine.yaml:") or "mine.yaml:" in msg
    assert "invalid YAML" in msg


def test_unknown_key_names_line_and_field(tmp_path: Path) -> None:
    text = recharge_with(
        "    label: {zh: 金额, en: Amount}", "    label: {zh: 金额, en: Amount}\n    lable: oops"
    )
    d = custom(tmp_path, text)
    [msg] = problems(d)
    assert (
        f"mine.yaml:{line_of(text, 'lable: oops')}: questions[1].lable: unknown key 'lable'" in msg
    )


def test_missing_language_names_the_language(tmp_path: Path) -> None:
    text = recharge_with(
        "title: {zh: 充值失败或未到账, en: Top-up failed or not credited}",
        "title: {zh: 充值失败或未到账}",
    )
    [msg] = problems(custom(tmp_path, text))
    assert f"mine.yaml:{line_of(text, 'title:')}: title.en: missing the English text" in msg


def test_when_pointing_forward_or_nowhere(tmp_path: Path) -> None:
    text = recharge_with(
        "    when: {question: bank_deducted, equals: true}\n    rules: {pattern: '^\\d{4}$',",
        "    when: {question: what_happened, equals: true}\n    rules: {pattern: '^\\d{4}$',",
    )
    [msg] = problems(custom(tmp_path, text))
    assert f":{line_of(text, 'question: what_happened')}: questions[6].when.question:" in msg
    assert "not an earlier question" in msg
    text = recharge_with(
        "    when: {question: bank_deducted, equals: true}\n    rules: {pattern: '^\\d{4}$',",
        "    when: {question: nope, equals: true}\n    rules: {pattern: '^\\d{4}$',",
    )
    assert "'nope' is not an earlier question" in problems(custom(tmp_path, text))[0]


def test_unknown_authority(tmp_path: Path) -> None:
    text = recharge_with("escalate_to: [pboc]", "escalate_to: [pboc, cbrc]")
    [msg] = problems(custom(tmp_path, text))
    assert f":{line_of(text, 'escalate_to')}: escalate_to[1]: unknown authority 'cbrc'" in msg


def test_placeholder_must_be_a_question(tmp_path: Path) -> None:
    text = recharge_with("我通过{{ provider }}充值", "我通过{{ provider }}在{{ shop }}充值")
    [msg] = problems(custom(tmp_path, text))
    assert "letter.facts[0].zh: placeholder {{ shop }} is not a question id" in msg


def test_bad_example_is_reported_with_its_line(tmp_path: Path) -> None:
    text = recharge_with("  amount: 200", "  amount: lots")
    [msg] = problems(custom(tmp_path, text))
    assert f":{line_of(text, 'amount: lots')}: example.amount:" in msg


def test_all_files_report_together(tmp_path: Path) -> None:
    custom(tmp_path, recharge_with("escalate_to: [pboc]", "escalate_to: [x1]"), "a.yaml")
    d = custom(tmp_path, "id: b\n", "b.yaml")
    msgs = problems(d)
    assert any("a.yaml" in m for m in msgs)
    assert any("b.yaml" in m for m in msgs)


def test_user_playbook_overrides_packaged_by_id(tmp_path: Path) -> None:
    text = recharge_with("title: {zh: 充值失败或未到账,", "title: {zh: 我的充值剧本,")
    d = custom(tmp_path, text)
    cat = catalog.load([d], TODAY, use_cache=False)
    assert cat.playbooks["recharge"].title.zh == "我的充值剧本"
    assert cat.sources["recharge"].endswith("mine.yaml")


def test_env_dirs_come_before_cli_dirs() -> None:
    env = {"WALLETCOMPLAIN_PLAYBOOKS": os.pathsep.join(["/a", "/b"])}
    assert catalog.extra_dirs([Path("/c")], env) == [Path("/a"), Path("/b"), Path("/c")]


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    assert "playbook directory not found" in problems(tmp_path / "nope")[0]


def test_cache_is_used_then_invalidated_by_a_change(tmp_path: Path) -> None:
    d = custom(tmp_path, RECHARGE.read_text(encoding="utf-8"))
    first = catalog.load([d], TODAY)
    files = list((Path(os.environ["WALLETCOMPLAIN_HOME"]) / "cache").glob("catalog-*.jsonl"))
    assert len(files) == 1
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"
    again = catalog.load([d], TODAY)
    assert again.playbooks["recharge"] == first.playbooks["recharge"]
    changed = recharge_with("title: {zh: 充值失败或未到账,", "title: {zh: 改过的标题,")
    (d / "mine.yaml").write_text(changed, encoding="utf-8")
    os.utime(d / "mine.yaml", ns=(1, 2))  # a different mtime even on coarse clocks
    assert catalog.load([d], TODAY).playbooks["recharge"].title.zh == "改过的标题"


def test_damaged_cache_is_rebuilt_not_trusted() -> None:
    catalog.load([], TODAY)
    [cache] = (Path(os.environ["WALLETCOMPLAIN_HOME"]) / "cache").glob("catalog-*.jsonl")
    cache.write_text("{not json", encoding="utf-8")
    assert "recharge" in catalog.load([], TODAY).playbooks
    cache.write_text('{"manifest": "x"}', encoding="utf-8")
    assert "recharge" in catalog.load([], TODAY).playbooks


def test_unwritable_cache_dir_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("WALLETCOMPLAIN_HOME", str(blocker))  # a file where a directory should be
    assert "recharge" in catalog.load([], TODAY).playbooks


def test_packaged_data_dir_is_found() -> None:
    assert (catalog.data_dir() / "providers.yaml").is_file()


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    text = recharge_with("version: 1", "version: 1\nversion: 2")
    assert any("duplicate key" in m for m in problems(custom(tmp_path, text)))


def test_copy_of_packaged_playbook_is_valid(tmp_path: Path) -> None:
    d = tmp_path / "copy"
    shutil.copytree(ROOT / "data" / "playbooks", d)
    cat = catalog.load([d], TODAY, use_cache=False)
    assert set(cat.playbooks) == set(catalog.ORDER)
    assert list(cat.playbooks) == list(catalog.ORDER)  # the order a user meets them


def test_runs_with_and_without_extra_playbooks_keep_their_own_caches(tmp_path: Path) -> None:
    d = custom(
        tmp_path, RECHARGE.read_text(encoding="utf-8").replace("id: recharge", "id: mine", 1)
    )
    catalog.load([], TODAY)
    catalog.load([d], TODAY)
    files = sorted((Path(os.environ["WALLETCOMPLAIN_HOME"]) / "cache").glob("catalog-*.jsonl"))
    assert len(files) == 2
    stamps = [f.stat().st_mtime_ns for f in files]
    catalog.load([], TODAY)  # a hit: nothing is rewritten
    catalog.load([d], TODAY)
    assert [f.stat().st_mtime_ns for f in files] == stamps
    assert "mine" in catalog.load([d], TODAY).playbooks
