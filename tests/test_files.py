"""Files we write: only regular files are replaced, no folder is made by accident, 0700."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from walletcomplain import paths
from walletcomplain.cli import app
from walletcomplain.errors import MissingFolder, NotRegular

from .test_cli import RECHARGE, write_example


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_force_never_replaces_a_fifo_or_socket(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target in (fifo, sock_path):
            result = runner.invoke(
                app, ["-l", "en", *RECHARGE, str(answers), "-o", str(target), "--force"]
            )
            assert result.exit_code == 2, result.output
            assert "not a regular file" in result.stderr and "never replaced" in result.stderr
        result = runner.invoke(app, [*RECHARGE, str(answers), "-o", str(tmp_path), "--force"])
        assert result.exit_code == 2 and tmp_path.is_dir()  # a folder: refused by the parser
        assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISSOCK(sock_path.stat().st_mode)
    finally:
        sock.close()


def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    with pytest.raises(NotRegular):
        paths.write_atomic(Path("/dev/null"), b"x", force=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_force_replaces_a_regular_file(tmp_path: Path) -> None:
    f = tmp_path / "letter.txt"
    f.write_text("old", encoding="utf-8")
    paths.write_atomic(f, b"new", force=True)
    assert f.read_bytes() == b"new" and stat.S_IMODE(f.stat().st_mode) == 0o600


def test_output_into_a_missing_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    answers = write_example(runner, tmp_path)
    target = tmp_path / "miss" / "a" / "b" / "x.txt"
    result = runner.invoke(app, ["-l", "en", *RECHARGE, str(answers), "-o", str(target)])
    assert result.exit_code == 2
    assert f"The folder {target.parent} does not exist" in result.stderr
    assert not (tmp_path / "miss").exists()
    with pytest.raises(MissingFolder):
        paths.write_atomic(target, b"x")


def test_start_output_folder_checked_before_the_interview(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "miss" / "x.txt"
    result = runner.invoke(app, ["-l", "en", "start", "-o", str(target)])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_folders_we_create_are_0700_even_under_umask_000(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    home = tmp_path / "above" / "and" / "home"
    monkeypatch.setenv("WALLETCOMPLAIN_HOME", str(home))
    answers = write_example(runner, tmp_path)
    result = runner.invoke(app, [*RECHARGE, str(answers), "--save"])
    assert result.exit_code == 0, result.output
    for d in [tmp_path / "above", tmp_path / "above" / "and", home, home / "cache"]:
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
    for f in home.rglob("*"):
        if f.is_file():
            assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f


def test_private_dir_makes_only_what_is_missing(tmp_path: Path, umask_000: None) -> None:
    (tmp_path / "a").mkdir(mode=0o755)
    os.chmod(tmp_path / "a", 0o755)
    paths.private_dir(tmp_path / "a" / "b" / "c")
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o755  # not ours: left alone
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "c").stat().st_mode) == 0o700
