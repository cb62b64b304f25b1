"""Bounds on what we read: answers files, playbooks and the patterns in them.

A file we did not write may be huge, endless (/dev/zero, a FIFO), nested a
hundred thousand levels deep (PyYAML's composer and json both recurse, and the
process dies), or a "billion laughs" of aliases. So every such file is:

- opened without blocking and refused unless it is a regular file, before a byte is read;
- read up to its size limit and no further;
- for YAML, walked event by event (libyaml's parser does not recurse) and refused at the
  first alias, the first level past MAX_DEPTH, list or mapping past MAX_ITEMS, or
  value past MAX_STRING, before anything is built from it.

Patterns in playbooks are checked when the playbook loads (`pattern_problem`):
nested repeats such as `(a+)+`, alternatives inside a repeat such as `(a|a)*`,
and more than two unbounded repeats are refused, because Python's regex engine
backtracks over them exponentially or polynomially.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import WalletError

if TYPE_CHECKING:
    from .models import Lang

MAX_ANSWERS_BYTES = 1 << 20  # 1 MiB: a full answers file is a few KiB
MAX_DATA_BYTES = 1 << 20  # 1 MiB for a playbook or a directory file (the packaged ones: < 25 KiB)
MAX_DEPTH = 16  # levels of nesting (a playbook needs 6)
MAX_ITEMS = 1000  # entries in one list or mapping (choices, evidence, questions, ...)
MAX_STRING = 20_000  # characters in one value
MAX_PATTERN_INPUT = 1000  # characters a playbook pattern is ever matched against


class LimitError(WalletError, ValueError):
    """A file over one of the limits; `key` names the message (messages.py, lim_*)."""

    def __init__(self, key: str, line: int | None = None, **params: object) -> None:
        super().__init__(key)
        self.key, self.line, self.params = key, line, params

    def where(self, name: str) -> str:
        return f"{name}:{self.line}" if self.line else name

    def describe(self, name: str, lang: str = "en") -> str:
        from .messages import t

        return t(
            "lim_" + self.key, "zh" if lang == "zh" else "en", name=self.where(name), **self.params
        )

    def message(self, lang: Lang) -> str:
        return self.describe("", lang)

    def reason(self, name: str) -> str:
        """The English description without the file name in front (a Problem carries it)."""
        return self.describe(name).removeprefix(self.where(name)).lstrip(": ")


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A device, FIFO, socket or
    directory is refused before reading (opened non-blocking, so a FIFO cannot hang us);
    with follow=False a symbolic link is refused too."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if not follow and os.path.islink(path):
            raise LimitError("symlink") from None
        raise e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LimitError("not_file")
        if st.st_size > limit:
            raise LimitError("size", limit=_size(limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read
            raise LimitError("size", limit=_size(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stream(stream: Any, limit: int) -> bytes:
    """Up to `limit` bytes of a stream (stdin); more is refused, not read to the end."""
    data: bytes = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitError("size", limit=_size(limit))
    return data


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"


def scan_yaml(text: str) -> None:
    """Walk the YAML events of `text` and raise LimitError at the first thing over a limit.

    Runs before the document is built, so a deep or aliased file costs microseconds.
    Syntax errors are left for the real load to report.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    counts: list[int] = []  # nodes seen at each open level
    per_item: list[int] = []  # nodes per entry at each level: 2 in a mapping
    node_start = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
    try:
        while True:
            try:
                ev = loader.get_event()
            except yaml.YAMLError:
                return
            if ev is None or isinstance(ev, yaml.StreamEndEvent):
                return
            line = ev.start_mark.line + 1 if ev.start_mark else None
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                raise LimitError("alias", line)
            if isinstance(ev, node_start) and counts:
                counts[-1] += 1
                if counts[-1] > MAX_ITEMS * per_item[-1]:
                    raise LimitError("items", line, limit=MAX_ITEMS)
            if isinstance(ev, yaml.ScalarEvent) and len(ev.value) > MAX_STRING:
                raise LimitError("string", line, limit=MAX_STRING)
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                counts.append(0)
                per_item.append(2 if isinstance(ev, yaml.MappingStartEvent) else 1)  # key, value
                if len(counts) > MAX_DEPTH:
                    raise LimitError("depth", line, limit=MAX_DEPTH)
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                counts.pop()
                per_item.pop()
    finally:
        loader.dispose()


def check_tree(obj: Any) -> None:
    """The same limits for data already parsed (JSON), walked without recursion."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if len(node) > MAX_STRING:
                raise LimitError("string", limit=MAX_STRING)
            continue
        if isinstance(node, (list, dict)):
            if depth > MAX_DEPTH:
                raise LimitError("depth", limit=MAX_DEPTH)
            if len(node) > MAX_ITEMS:
                raise LimitError("items", limit=MAX_ITEMS)
            items = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            stack += [(x, depth + 1) for x in items]


# --- patterns ---------------------------------------------------------------------------

_UNBOUNDED = 100  # a repeat that may run more often than this counts as unbounded


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` could backtrack catastrophically, or None. Checked on its parse tree."""
    try:
        import re._parser as sre  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python 3.10
        import sre_parse as sre  # type: ignore[no-redef,unused-ignore]
    from re import error

    try:
        tree = sre.parse(pattern)
    except (error, RecursionError, OverflowError):
        return None  # not a pattern at all: re.compile says why
    repeat_ops = {sre.MAX_REPEAT, sre.MIN_REPEAT} | (
        {sre.POSSESSIVE_REPEAT} if hasattr(sre, "POSSESSIVE_REPEAT") else set()
    )
    unbounded = 0
    for op, av, inside_repeat in _walk(tree, sre, repeat_ops):
        if op in repeat_ops:
            lo, hi, _ = av
            if hi > _UNBOUNDED:
                unbounded += 1
            if inside_repeat and hi != lo:  # (a+)+, (a*)*; a fixed count like (\d{4})+ is fine
                return "nested_repeat"
        elif op is sre.BRANCH and inside_repeat:
            return "branch_in_repeat"
        elif op in (sre.GROUPREF, getattr(sre, "GROUPREF_EXISTS", None)):
            return "backreference"
    if unbounded > 2:
        return "many_repeats"
    return None


def _walk(tree: Any, sre: Any, repeat_ops: set[Any]) -> Iterator[tuple[Any, Any, bool]]:
    """Every (op, argument, inside a repeat that may run more than once) in the tree."""
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        seq, inside = stack.pop()
        for op, av in seq:
            yield op, av, inside
            if op in repeat_ops:
                stack.append((av[2], inside or av[1] > 1))
            elif op is sre.SUBPATTERN:
                stack.append((av[-1], inside))
            elif op is sre.BRANCH:
                stack += [(b, inside) for b in av[1]]
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                stack.append((av[1], inside))
            elif op is getattr(sre, "ATOMIC_GROUP", None):
                stack.append((av, inside))
            elif op is getattr(sre, "GROUPREF_EXISTS", None):
                stack += [(x, inside) for x in av[1:] if x is not None]
