"""Every sentence, separator, numeral and date format lives in messages.py, in both
languages (issue 11, item 7).

Chinese in another module's string literals fails here. Docstrings and comments are
documentation for whoever reads the code (they may quote what a user types, 转7) and are
not checked; every other string literal, f-strings included, is.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from walletcomplain import messages
from walletcomplain.messages import ONE_EN, SEP, M, t, t_n

SRC = Path(messages.__file__).parent
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

# Modules other helpers are rewriting right now (issue 11): the lead empties this list
# once their Chinese has moved into messages.py. Do not add to it.
NOT_YET: frozenset[str] = frozenset()

# A message may be empty in one language only where that language says nothing there.
MAY_BE_EMPTY = {("l_salutation", "zh")}  # a Chinese letter has no "Dear Sir or Madam"


def docstrings(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def chinese_literals(path: Path, name: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    return [
        f"{name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and CJK.search(node.value)
    ]


def test_no_chinese_outside_messages() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):  # recursive: a commands/ package is covered
        name = str(path.relative_to(SRC))
        if name == "messages.py" or name in NOT_YET:
            continue
        found += chinese_literals(path, name)
    assert found == [], "move these into messages.py:\n" + "\n".join(found)


def test_the_check_finds_chinese_in_literals_but_not_in_docs(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        '"""文档。"""\n\n\ndef f() -> str:\n    """文档。"""\n'
        '    return f"{1}元"  # 注释\n\n\nSEP = "；"\n',
        encoding="utf-8",
    )
    assert sorted(chinese_literals(probe, "probe.py")) == ["probe.py:6: '元'", "probe.py:9: '；'"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    for key, pair in M.items():
        assert len(pair) == 2, key
        for lang, text in zip(("zh", "en"), pair, strict=True):
            assert text or (key, lang) in MAY_BE_EMPTY, f"{key}: {lang} is empty"
        assert placeholders(pair[0]) == placeholders(pair[1]), key


def test_no_message_key_is_declared_twice() -> None:
    """A dict literal keeps the last of two equal keys without a word."""
    tree = ast.parse((SRC / "messages.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "M":
            assert isinstance(node.value, ast.Dict)
            keys = [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)) == len(M)
            return
    raise AssertionError("M not found")


# Chinese in an English message is allowed only as a proper name in quotes or brackets.
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|'[^']*'|\([^)]*\)|（[^）]*）")


def test_english_messages_say_nothing_in_chinese() -> None:
    for key, (_, en) in {**M, **{k: ("", v) for k, v in ONE_EN.items()}}.items():
        assert not CJK.search(QUOTED.sub("", en)), f"{key}: {en}"


def test_singular_forms_match_their_messages() -> None:
    for key, one in ONE_EN.items():
        assert key in M, key
        assert one != M[key][1], key
        assert placeholders(one) == placeholders(M[key][1]), key
        assert not CJK.search(one), key


def test_counts_have_plural_forms_in_english_only() -> None:
    assert t_n("tl_overdue", "en", 1) == "overdue by 1 day"
    assert t_n("tl_overdue", "en", 3) == "overdue by 3 days"
    assert t_n("tl_overdue", "zh", 1) == t("tl_overdue", "zh", n=1)
    assert t_n("days", "en", 1) == "day" and t_n("days", "en", 2) == "days"
    assert t_n("wait_max", "en", 1, days=1) == ", at most 1 day"
    assert t_n("z_evidence_file", "en", 1, item="a", name="b", size=1).endswith("1 byte")


def test_separators_have_both_languages() -> None:
    for kind, (zh, en) in SEP.items():
        assert en, kind  # Chinese may run words together; English never does
        assert isinstance(zh, str)
