"""Every error the program raises on purpose derives from WalletError: one clause catches
them all, each with its exit code and a message in the user's language."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import walletcomplain
from walletcomplain.errors import CaseNotFound, ExitCode, StoreError, WalletError
from walletcomplain.interview import Interrupted

# Not errors: control flow between a prompt and the interview (Back, a signal as Ctrl-C).
NOT_ERRORS = {"GoBack", "Terminated"}


def test_every_error_class_derives_from_wallet_error() -> None:
    found = []
    for info in pkgutil.walk_packages(walletcomplain.__path__, "walletcomplain."):
        if info.name.endswith("__main__"):  # importing it runs the program
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__ == module.__name__
                and name not in NOT_ERRORS
            ):
                found.append(obj)
                assert issubclass(obj, WalletError), f"{module.__name__}.{name}"
    assert len(found) >= 15


def test_exit_codes() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 129, 130, 143]
    assert CaseNotFound(3).exit_code == ExitCode.USAGE
    assert StoreError("st_orphan", path="x").exit_code == ExitCode.ENVIRONMENT
    assert Interrupted("d").exit_code == ExitCode.INTERRUPTED
    assert Interrupted("d", 15).exit_code == ExitCode.TERMINATED
    assert Interrupted(None, 1).exit_code == ExitCode.HANGUP


def test_messages_in_both_languages() -> None:
    zh, en = CaseNotFound(7).message("zh"), CaseNotFound(7).message("en")
    assert "7" in zh and "7" in en and zh != en


def test_an_error_is_said_in_the_language_the_session_has_when_it_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`start --resume` of an English draft takes on English after the session began; an
    error after that is said in English too (new-user run: it came out in Chinese)."""
    from typer import Exit

    from walletcomplain.commands.common import session
    from walletcomplain.errors import NotFound

    monkeypatch.setenv("WALLETCOMPLAIN_LANG", "zh")

    def resumed_in_english() -> None:
        with session(None) as s:
            s.lang = "en"
            raise NotFound("provider", "weixin", ["alipay"])

    with pytest.raises(Exit):
        resumed_in_english()
    assert "Unknown provider 'weixin'" in capsys.readouterr().err


def test_every_os_reason_we_name_is_said_in_both_languages() -> None:
    import errno

    from walletcomplain.messages import OS_REASONS, os_reason

    for name in OS_REASONS:
        e = OSError(getattr(errno, name), "English words from the C library")
        zh, en = os_reason(e, "zh"), os_reason(e, "en")
        assert zh != en and "English" not in zh + en, name
    assert os_reason(OSError(errno.EIO, "Input/output error"), "zh") == "Input/output error"


def test_every_kind_of_unknown_id_has_its_name_in_both_languages() -> None:
    """NotFound's kind is said in the reader's language: every kind raised in src/."""
    import re
    from pathlib import Path

    from walletcomplain.errors import NotFound

    src = Path(walletcomplain.__file__).parent
    kinds = {
        m
        for p in src.rglob("*.py")
        for m in re.findall(r'NotFound\(\s*"([a-z ]+)"', p.read_text(encoding="utf-8"))
    }
    assert {"provider", "issue", "authority", "form", "evidence item"} <= kinds
    for kind in kinds:
        zh = NotFound(kind, "x", ["y"]).message("zh")
        assert kind not in zh, zh
