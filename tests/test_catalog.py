"""Loading data: every error names the file, the line and the field; overrides; the cache."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

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
    # rebuilt from the cache, field for field the same (playbooks compare by identity)
    assert dataclasses.asdict(again.playbooks["recharge"]) == dataclasses.asdict(
        first.playbooks["recharge"]
    )
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


def test_cache_lives_in_the_user_cache_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    from walletcomplain import paths

    asked: list[tuple[str, object]] = []

    def user_cache_dir(app: str, appauthor: object = None) -> str:
        asked.append((app, appauthor))
        return str(tmp_path / "user-cache")

    monkeypatch.delenv("WALLETCOMPLAIN_HOME")
    monkeypatch.setattr(platformdirs, "user_cache_dir", user_cache_dir)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert paths.cache_dir() == tmp_path / "user-cache"
    catalog.load([], TODAY)
    assert asked[-1] == ("walletcomplain", False)
    assert len(list((tmp_path / "user-cache").glob("catalog-*.jsonl"))) == 1
    assert not (tmp_path / "data").exists()  # nothing in the data directory


def test_cache_lives_under_walletcomplain_home_when_set(tmp_path: Path) -> None:
    from walletcomplain import paths

    assert paths.cache_dir() == Path(os.environ["WALLETCOMPLAIN_HOME"]) / "cache"


def test_cache_holds_one_line_per_playbook_and_an_index_last() -> None:
    import json

    catalog.load([], TODAY)
    [cache] = (Path(os.environ["WALLETCOMPLAIN_HOME"]) / "cache").glob("catalog-*.jsonl")
    lines = cache.read_bytes().split(b"\n")
    index = json.loads(lines[-1])
    assert list(index["playbooks"]) == list(catalog.ORDER)
    assert len(lines) == len(catalog.ORDER) + 1


def copies(tmp_path: Path, n: int) -> Path:
    d = tmp_path / "many"
    d.mkdir()
    text = RECHARGE.read_text(encoding="utf-8")
    for i in range(n):
        (d / f"p{i}.yaml").write_text(text.replace("id: recharge", f"id: mine_{i}", 1), "utf-8")
    return d


class Clock:
    """A clock that moves `step` seconds each time it is read: no real waiting in tests."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class Terminal(io.StringIO):
    """stderr, as a terminal or not."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    @property
    def text(self) -> str:
        return self.getvalue()


def test_progress_is_reported_playbook_by_playbook(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    catalog.load([copies(tmp_path, 3)], TODAY, progress=lambda d, t: seen.append((d, t)))
    total = len(catalog.ORDER) + 3
    assert seen == [(0, total), *((i, total) for i in range(1, total + 1))]
    seen.clear()
    catalog.load([tmp_path / "many"], TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen == []  # a cache hit rebuilds nothing


def test_a_slow_rebuild_says_so_once_on_stderr(tmp_path: Path) -> None:
    from walletcomplain.progress import rebuild_reporter

    out = Terminal(tty=False)
    catalog.load([], TODAY, progress=rebuild_reporter("zh", out, Clock(0.2)))
    assert out.text == "正在检查投诉模板（首次运行或数据有变化）…\n"  # no counter off a terminal


def test_a_fast_rebuild_says_nothing(tmp_path: Path) -> None:
    from walletcomplain.progress import rebuild_reporter

    out = Terminal(tty=True)
    catalog.load([copies(tmp_path, 30)], TODAY, progress=rebuild_reporter("en", out, Clock(0.001)))
    assert out.text == ""


def test_many_playbooks_show_a_counter_on_a_terminal(tmp_path: Path) -> None:
    from walletcomplain.progress import rebuild_reporter

    out = Terminal(tty=True)
    catalog.load([copies(tmp_path, 30)], TODAY, progress=rebuild_reporter("en", out, Clock(0.2)))
    total = len(catalog.ORDER) + 30
    head, *counts = out.text.split("\r")
    assert head == "Checking the complaint templates (first run or new data)…\n"
    assert counts[-1] == f"checked {total}/{total}\n"
    assert len(counts) >= total - 3


def test_a_slow_rebuild_is_announced_by_the_cli(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    import json

    from walletcomplain import progress
    from walletcomplain.cli import app

    monkeypatch.setattr(progress, "monotonic", Clock(0.2))
    result = runner.invoke(app, ["providers", "--json", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr == "Checking the complaint templates (first run or new data)…\n"
    assert json.loads(result.stdout)["providers"]
    again = runner.invoke(app, ["providers", "--json", "--lang", "en"])
    assert again.stderr == ""  # from the cache: nothing to say


def test_validate_reads_each_file_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from walletcomplain import validate

    d = copies(tmp_path, 2)
    shutil.copy(ROOT / "data" / "providers.yaml", d / "providers.yaml")
    read: list[Path] = []
    real = catalog.read_yaml

    def counted(path: Path) -> Any:
        read.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "read_yaml", counted)
    outcomes = validate.validate_paths([d], TODAY)
    assert [o.what for o in outcomes] == ["directory", "playbook mine_0", "playbook mine_1"]
    assert all(not o.problems for o in outcomes)
    given = [p for p in read if p.parent == d]
    assert sorted(given) == sorted(d.iterdir())  # each given file once


@pytest.mark.parametrize("directory_first", [True, False])
def test_validate_checks_playbooks_against_a_directory_given_before_or_after(
    tmp_path: Path, directory_first: bool
) -> None:
    import copy

    import yaml

    from walletcomplain import validate

    data = yaml.safe_load((ROOT / "data" / "providers.yaml").read_text(encoding="utf-8"))
    data["providers"].append({**copy.deepcopy(data["providers"][0]), "id": "mywallet"})
    directory = tmp_path / "providers.yaml"
    directory.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = recharge_with("id: recharge", "id: mine\nonly_for: [mywallet]")
    playbook = custom(tmp_path, text) / "mine.yaml"
    alone = validate.validate_paths([playbook], TODAY)
    assert any("unknown provider 'mywallet'" in str(p) for p in alone[0].problems)
    given = [directory, playbook] if directory_first else [playbook, directory]
    outcomes = validate.validate_paths(given, TODAY)
    assert [o.what for o in outcomes] == ["directory", "playbook mine"]
    assert [o.problems for o in outcomes] == [[], []]


def test_an_evidence_when_naming_no_question_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = recharge_with(
        "    when: {question: bank_deducted, equals: true}  # not needed otherwise",
        "    when: {question: bank_debited, equals: true}",
    )
    [msg] = problems(custom(tmp_path, text))
    at = line_of(text, "question: bank_debited")
    assert f"mine.yaml:{at}: evidence[1].when.question:" in msg
    assert "'bank_debited' is not an earlier question" in msg


def test_a_choice_when_naming_no_earlier_question_is_an_error(tmp_path: Path) -> None:
    text = recharge_with(
        "      - {id: phone_credit, zh: 话费或流量, en: phone credit or data}",
        "      - {id: phone_credit, zh: 话费, en: credit, when: {question: nope, answered: true}}",
    )
    [msg] = problems(custom(tmp_path, text))
    assert f"mine.yaml:{line_of(text, 'question: nope')}: questions[2].choices[1].when" in msg


def test_a_case_label_uses_the_short_brand_and_the_title_or_the_ids() -> None:
    data = catalog.load_data(catalog.sources([]), TODAY)
    label = catalog.case_label(data, "zh")
    assert label("jdpay", "fees") == "京东支付 · 意外收费或扣费"  # `short`, not the full name
    assert label("gone", "vanished") == "gone · vanished"  # no longer in the catalog
    assert catalog.case_label(data, "en")("unionpay", "other") == "UnionPay · Something else"
