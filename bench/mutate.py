"""A small mutation tester: do the tests notice when the core is quietly broken?

    uv run python bench/mutate.py [privacy answers phone escalation cases] [--jobs N] [--list]

For each module, every simple mutant is applied to a private copy of the project, one at a
time, and the module's test files run with -x; a mutant is killed when they fail (or take
over two minutes). Mutations (AST, never inside docstrings or type annotations):

- comparisons flipped (< <=, > >=, == !=, in / not in, is / is not), `and` / `or` swapped,
  `not x` -> `x`;
- + and - swapped, * and / swapped;
- constants replaced: an int n -> n + 1, True <-> False, a non-empty string -> "";
- one element dropped from a list, tuple or set literal of two or more;
- one alternative dropped from a string holding `a|b|c` (the keywords of a regex);
- one keyword argument dropped from a call.

Prints the kill rate per module and writes the survivors, module by module, to
bench/mutation-survivors.txt (the ones accepted, with reasons: bench/mutation-survivors.md).
Too slow for CI (hundreds of test runs): run it by hand after changing the core.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = "src/walletcomplain"

# module -> (file, test files, functions to mutate or None for the whole module)
TARGETS: dict[str, tuple[str, list[str], set[str] | None]] = {
    "privacy": ("privacy.py", ["tests/test_privacy.py", "tests/test_oracles.py"], None),
    "answers": (
        "answers.py",
        [
            "tests/test_answers.py",
            "tests/test_oracles.py",
            "tests/test_limits.py::test_long_answer_never_reaches_a_pattern",
        ],
        None,
    ),
    "phone": ("phone.py", ["tests/test_phone.py", "tests/test_policy.py"], None),
    "escalation": (
        "escalation.py",
        ["tests/test_policy.py", "tests/test_oracles.py", "tests/test_documents.py"],
        None,
    ),
    "cases": (  # the due-date policy
        "cases.py",
        ["tests/test_policy.py", "tests/test_store.py"],
        {
            "due_for_provider",
            "due_now",
            "due_for_authority",
            "explain_due",
            "log_contact",
            "next_authority",
        },
    ),
}
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-k", "not several_writer"]


@dataclass
class Mutant:
    module: str
    line: int
    what: str
    source: str


# --- making mutants --------------------------------------------------------------------------

FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
ARITH: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}


def skipped_nodes(tree: ast.Module) -> set[int]:
    """ids of nodes never mutated: docstrings, annotations, imports."""
    skip: set[int] = set()

    def mark(n: ast.AST | None) -> None:
        if n is not None:
            skip.update(id(x) for x in ast.walk(n))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        is_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        if is_doc and isinstance(first.value.value, str):  # type: ignore[union-attr]
            mark(first)
        if isinstance(node, ast.AnnAssign):
            mark(node.annotation)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
            for a in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]:
                mark(a.annotation)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            mark(node)
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("Literal", "dict", "list", "tuple", "set")
        ):
            mark(node.slice)  # type expressions used as values
    return skip


def in_scope(tree: ast.Module, functions: set[str] | None) -> set[int]:
    if functions is None:
        return {id(n) for n in ast.walk(tree)}
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in functions:
            out.update(id(n) for n in ast.walk(node))
    return out


def mutants(module: str, source: str, functions: set[str] | None) -> Iterator[Mutant]:
    tree = ast.parse(source)
    skip = skipped_nodes(tree)
    scope = in_scope(tree, functions)
    nodes = [n for n in ast.walk(tree) if id(n) in scope and id(n) not in skip]
    for node in nodes:
        for what, change in edits(node):
            new_tree = copy.deepcopy(tree)
            twin = _twin(tree, new_tree, node)  # the same walk order finds the same node
            if twin is None:
                continue
            change(twin)  # type: ignore[operator]
            try:
                text = ast.unparse(ast.fix_missing_locations(new_tree))
            except Exception:
                continue
            yield Mutant(module, getattr(node, "lineno", 0), what, text)


def _twin(tree: ast.AST, new_tree: ast.AST, node: ast.AST) -> ast.AST | None:
    for a, b in zip(ast.walk(tree), ast.walk(new_tree), strict=True):
        if a is node:
            return b
    return None


def edits(node: ast.AST) -> Iterator[tuple[str, object]]:
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in FLIP:
                new = FLIP[type(op)]

                def f(n: ast.Compare, i: int = i, new: type[ast.cmpop] = new) -> None:
                    n.ops[i] = new()

                yield f"{type(op).__name__} -> {new.__name__}", f
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And

        def g(n: ast.BoolOp, other: type[ast.boolop] = other) -> None:
            n.op = other()

        yield f"{type(node.op).__name__} -> {other.__name__}", g
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):

        def h(n: ast.UnaryOp) -> None:
            n.op = ast.UAdd()  # `+x` on a bool is the same truth value as `x`

        yield "not x -> x", h
    elif isinstance(node, ast.BinOp) and type(node.op) in ARITH:
        new_op = ARITH[type(node.op)]

        def k(n: ast.BinOp, new_op: type[ast.operator] = new_op) -> None:
            n.op = new_op()

        yield f"{type(node.op).__name__} -> {new_op.__name__}", k
    elif isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):

            def b(n: ast.Constant) -> None:
                n.value = not n.value

            yield f"{v} -> {not v}", b
        elif isinstance(v, int):

            def inc(n: ast.Constant) -> None:
                n.value = int(n.value) + 1  # type: ignore[arg-type]

            yield f"{v} -> {v + 1}", inc
        elif isinstance(v, str) and v:

            def empty(n: ast.Constant) -> None:
                n.value = ""

            yield f"{v[:30]!r} -> ''", empty
            parts = v.split("|")
            if 2 <= len(parts) <= 40:
                for j, part in enumerate(parts):

                    def drop_alt(n: ast.Constant, j: int = j) -> None:
                        ps = str(n.value).split("|")
                        n.value = "|".join(ps[:j] + ps[j + 1 :])

                    yield f"drop alternative {part[:30]!r}", drop_alt
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and len(node.elts) >= 2:
        if not isinstance(getattr(node, "ctx", None), ast.Store):
            for j, elt in enumerate(node.elts):

                def drop(n: ast.List | ast.Tuple | ast.Set, j: int = j) -> None:
                    del n.elts[j]

                yield f"drop element {ast.unparse(elt)[:30]}", drop
    elif isinstance(node, ast.Call) and node.keywords:
        for j, kw in enumerate(node.keywords):
            if kw.arg is None:
                continue

            def drop_kw(n: ast.Call, j: int = j) -> None:
                del n.keywords[j]

            yield f"drop keyword {kw.arg}=", drop_kw


# --- running them ----------------------------------------------------------------------------


def make_copy(base: Path) -> Path:
    dst = base / "proj"
    for part in ("src", "data", "tests", "pyproject.toml"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dst / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst / part)
    return dst


def run_tests(proj: Path, tests: list[str], timeout: float = 120) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": str(proj / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HYPOTHESIS_PROFILE": "ci",
    }
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", *PYTEST_ARGS, *tests],
            cwd=proj,
            env=env,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if proc.returncode == 0 else "killed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", default=list(TARGETS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--out", default=str(ROOT / "bench" / "mutation-survivors.txt"))
    parser.add_argument(
        "--only",
        metavar="FILE",
        help="re-run only the mutants listed in FILE (a survivors file from an earlier run)",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up the copies on kill
    work = Path(tempfile.mkdtemp(prefix="mutate-"))
    if not args.list:
        Path(args.out).write_text("# Surviving mutants (bench/mutate.py)\n", encoding="utf-8")
    copies: queue.Queue[Path] = queue.Queue()
    results: dict[str, list[tuple[Mutant, str]]] = {}
    try:
        for j in range(args.jobs):
            copies.put(make_copy(work / str(j)))
        for module in args.modules:
            file, tests, functions = TARGETS[module]
            source = (ROOT / PKG / file).read_text(encoding="utf-8")
            todo = list(mutants(module, source, functions))
            total = len(todo)
            if args.only:  # only the earlier survivors: the others were killed already
                listed = Path(args.only).read_text(encoding="utf-8").splitlines()
                todo = [m for m in todo if f"{module}:{m.line}: {m.what}" in listed]
            if args.list:
                for m in todo:
                    print(f"{module}:{m.line}: {m.what}")
                continue
            # the tests must pass unmutated, or every mutant would look killed
            proj = copies.get()
            assert run_tests(proj, tests) == "survived", f"{module}: tests fail unmutated"
            copies.put(proj)
            start = time.monotonic()

            def one(
                m: Mutant, file: str = file, tests: list[str] = tests, source: str = source
            ) -> tuple[Mutant, str]:
                proj = copies.get()
                target = proj / PKG / file
                try:
                    target.write_text(m.source, encoding="utf-8")
                    return m, run_tests(proj, tests)
                finally:
                    target.write_text(source, encoding="utf-8")
                    copies.put(proj)

            with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
                results[module] = list(pool.map(one, todo))
            done = results[module]
            killed = sum(1 for _, r in done if r != "survived") + (total - len(done))
            rate = 100 * killed / max(1, total)
            took = time.monotonic() - start
            print(f"{module:11} {killed:4}/{total:<4} killed  {rate:5.1f}%  ({took:.0f} s)")
            sys.stdout.flush()
            with open(args.out, "a", encoding="utf-8") as out:  # as we go: a long run may stop
                out.write(f"## {module}: {killed}/{total} killed ({rate:.1f}%)\n")
                out.writelines(f"{module}:{m.line}: {m.what}\n" for m, r in done if r == "survived")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
