"""Find, load, cross-check and cache the directory and the playbooks.

Loading YAML and validating it is the slow part of start-up, so the checked
result is cached in one JSON Lines file keyed by the names, sizes and modification
times of every source file. Any change to any file (or to this code) makes a
new key; a cache that cannot be read or written is simply ignored.

A rebuild checks and serialises one playbook at a time and keeps only its bytes:
with 500 user playbooks, keeping every parsed file and model alive at once would
cost more memory than the whole program may use.

Every problem becomes a `Problem` with the file, the line and the field, and
all problems of all files are reported together.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import __version__, paths
from .errors import CatalogError, Problem
from .roles import WALLET_FORM

if TYPE_CHECKING:  # the models load only where objects are built: `--json` needs none
    from .models import (
        Catalog,
        Common,
        Demand,
        Directory,
        Evidence,
        Lang,
        LegalUse,
        Para,
        Playbook,
        Question,
        When,
    )

# The packaged playbooks in the order a user meets the problems; others follow by id.
ORDER = (
    "recharge",
    "refund",
    "wrong_transfer",
    "security",
    "auto_renewal",
    "frozen",
    "closure",
    "scam",
    "dispute",
    "fees",
    "credit",
    "other",
)
Path_ = tuple[str | int, ...]
T = TypeVar("T")
# Told how far a rebuild is: (playbooks checked, playbooks in all). The catalog never
# prints; the command that asked for the catalog decides what the user sees.
Progress = Callable[[int, int], None]


def _quiet(done: int, total: int) -> None:
    pass


# --- where the files are -----------------------------------------------------------


def data_dir() -> Path:
    """The packaged data: inside the wheel, or the repository's data/ when run from source."""
    here = Path(os.path.abspath(__file__)).parent  # abspath, not resolve(): no lstat per component
    inside = here / "data"
    return inside if inside.is_dir() else here.parents[1] / "data"


def playbook_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def extra_dirs(cli_dirs: Sequence[Path] = (), env: dict[str, str] | None = None) -> list[Path]:
    """WALLETCOMPLAIN_PLAYBOOKS (os.pathsep-separated), then --playbooks; later ones win."""
    e = os.environ if env is None else env
    from_env = [Path(p) for p in e.get("WALLETCOMPLAIN_PLAYBOOKS", "").split(os.pathsep) if p]
    return [*from_env, *cli_dirs]


# --- YAML with line numbers ------------------------------------------------------------


def read_yaml(path: Path) -> tuple[Any, dict[Path_, int], list[Problem]]:
    """Parse one YAML file; also return the line of every key and item, and duplicate keys."""
    import yaml

    from . import limits

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    name = display(path)
    try:
        # Bounded before anything is built: size, file type, a symlink leaving its folder,
        # then depth, aliases, list length and string length, event by event.
        if path.is_symlink() and not _link_stays(path):
            raise limits.LimitError("symlink")
        raw = limits.read_regular(path, limits.MAX_DATA_BYTES)
        text = raw.decode("utf-8-sig")
        limits.scan_yaml(text)
    except limits.LimitError as e:
        return None, {}, [Problem(name, e.line, "", e.reason(name))]
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) else f"not UTF-8 (byte {e.start})"
        return None, {}, [Problem(name, None, "", f"cannot read the file: {why or e}")]
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        why = excerpt(str(e.problem or e.context))
        return None, {}, [Problem(name, line, "", f"invalid YAML: {why}")]
    except Exception as e:  # e.g. a bare `!!int` tag: PyYAML fails with IndexError
        return None, {}, [Problem(name, None, "", f"invalid YAML: {excerpt(str(e))}")]
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []

    def walk(n: Any, at: Path_) -> None:
        lines.setdefault(at, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                key = str(k.value)
                if key in seen:
                    problems.append(
                        Problem(
                            name,
                            k.start_mark.line + 1,
                            excerpt(dotted((*at, key)), 80),
                            "duplicate key",
                        )
                    )
                seen.add(key)
                lines.setdefault((*at, key), k.start_mark.line + 1)
                walk(v, (*at, key))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, (*at, i))

    if node is not None:
        walk(node, ())
    return data, lines, problems


def _link_stays(path: Path) -> bool:
    """A symbolic link in a playbook folder is followed only to a regular file in that folder:
    `ln -s /etc/shadow d/x.yaml` must not make us read (and quote) /etc/shadow."""
    try:
        target = path.resolve(strict=True)
        return target.parent == path.parent.resolve(strict=True) and target.is_file()
    except (OSError, RuntimeError):
        return False


def excerpt(text: str, n: int = 60) -> str:
    """A short, neutralised piece of text from a file, for an error message."""
    from .safe import neutral

    text = neutral(text, newlines=False)
    return text if len(text) <= n else text[: n - 1] + "…"


def dotted(at: Iterable[str | int]) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def line_of(lines: dict[Path_, int], at: Path_) -> int | None:
    """The line of the deepest part of `at` that exists in the file."""
    for n in range(len(at), -1, -1):
        if at[:n] in lines:
            return lines[at[:n]]
    return None


# --- validation ---------------------------------------------------------------------------

_LANG_NAMES = {"zh": "Chinese", "en": "English"}


def _pydantic_problems(exc: Any, name: str, lines: dict[Path_, int]) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        at: Path_ = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        kind, last = err["type"], (at[-1] if at else "")
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = f"unknown key '{excerpt(str(last), 40)}'"
        elif kind == "missing" and last in _LANG_NAMES:
            msg = (
                f"missing the {_LANG_NAMES[str(last)]} text ('{last}'): every text needs zh and en"
            )
        elif kind == "missing":
            msg = f"missing required key '{last}'"
        elif kind == "string_too_short" and last in _LANG_NAMES:
            msg = f"the {_LANG_NAMES[str(last)]} text ('{last}') is empty"
        else:
            given = err.get("input")
            shown = (
                f" (got {excerpt(repr(given), 40)})"
                if isinstance(given, (str, int, float, bool))
                else ""
            )
            msg = err["msg"].removeprefix("Value error, ") + shown
        out.append(Problem(name, line_of(lines, at), excerpt(dotted(at), 80), msg))
    return out


@functools.cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def _validate(
    cls: type[T], data: Any, name: str, lines: dict[Path_, int]
) -> tuple[T | None, list[Problem]]:
    """pydantic checks YAML data against a model: types, unknown keys, __post_init__ rules."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        return None, [Problem(name, 1, "", "expected a mapping of keys at the top of the file")]
    try:
        result: T = _adapter(cls).validate_python(data)  # type: ignore[arg-type]
        return result, []
    except ValidationError as e:
        return None, _pydantic_problems(e, name, lines)


def _check_when(
    w: When, earlier: dict[str, Question], at: Path_, name: str, lines: dict[Path_, int]
) -> list[Problem]:
    target = earlier.get(w.question)
    if target is None:
        msg = f"'{w.question}' is not an earlier question; `when` may only look back"
        return [Problem(name, line_of(lines, (*at, "question")), dotted((*at, "question")), msg)]
    ids = {c.id for c in target.choices}
    problems = []
    if target.type == "confirm" and w.equals is not None and not isinstance(w.equals, bool):
        problems.append(((*at, "equals"), f"'{w.question}' is yes/no: use true or false"))
    if target.type == "choice":
        for v in [w.equals] if w.equals is not None else (w.one_of or []):
            if v not in ids:
                problems.append(
                    (
                        (*at, "equals" if w.equals is not None else "one_of"),
                        f"'{v}' is not a choice of '{w.question}' ({', '.join(sorted(ids))})",
                    )
                )
    if w.includes is not None and (target.type != "multichoice" or w.includes not in ids):
        problems.append(
            ((*at, "includes"), f"'{w.includes}' is not a choice of multichoice '{w.question}'")
        )
    return [Problem(name, line_of(lines, p), dotted(p), m) for p, m in problems]


def expand(pb: Playbook, common: Common) -> Playbook:
    """The playbook with the shared questions appended and their choices filled in."""
    import dataclasses

    from .models import Choice, Evidence

    shared = []
    for q in common.after:
        items: Sequence[Evidence | Demand] = ()
        if q.choices_from == "evidence":
            items = pb.evidence
        elif q.choices_from == "demands":
            items = pb.demands
        if q.choices_from is not None:
            choices = [
                Choice(id=x.id, zh=x.zh, en=x.en, when=x.when if isinstance(x, Evidence) else None)
                for x in items
            ]
            q = dataclasses.replace(q, choices=choices, choices_from=None)
        shared.append(q)
    own = {q.id for q in pb.questions}
    extra = [q for q in shared if q.id not in own]
    return dataclasses.replace(pb, questions=[*pb.questions, *extra])


def duplicate_ids(
    key: str, items: Sequence[Any], name: str, lines: dict[Path_, int]
) -> list[Problem]:
    from collections import Counter

    ids = Counter(x.id for x in items)  # counted once: a list of 1,000 stays fast
    return [
        Problem(
            name,
            line_of(lines, (key, j, "id")),
            dotted((key, j, "id")),
            f"id '{x.id}' is used twice",
        )
        for j, x in enumerate(items)
        if ids[x.id] > 1
    ]


def example_day(pb: Playbook) -> dt.date:
    """The latest date among the example answers: the day the example was written for."""
    from . import answers

    days = [dt.date.min]
    for q in pb.questions:
        if q.type in ("date", "datetime") and q.id in pb.example:
            try:
                days.append(answers.parse_datetime(pb.example[q.id]).date())
            except answers.AnswerError:
                continue  # reported as a problem by the check below
    return max(days)


def check_playbook(
    pb: Playbook, directory: Directory, name: str, lines: dict[Path_, int], today: dt.date
) -> list[Problem]:
    """Cross-checks that need the whole playbook, the shared questions and the directory."""
    from . import answers, messages
    from .letter import BUILT_IN, PLACEHOLDER

    problems: list[Problem] = []

    def add(at: Path_, msg: str) -> None:
        problems.append(Problem(name, line_of(lines, at), dotted(at), msg))

    seen: dict[str, Question] = {}
    roles: dict[str, int] = {}  # role -> the index of the question that has it
    unsafe_pattern = False
    for i, q in enumerate(pb.questions):
        if q.id in seen:
            add(("questions", i, "id"), f"question id '{q.id}' is used twice")
        if q.role is not None:
            if q.role in roles:  # code finds a question by its role: it must be one question
                first = roles[q.role]
                msg = f"role '{q.role}' is given to both '{pb.questions[first].id}' and '{q.id}'"
                # the line of the one in this file (a shared question comes from common.yaml)
                add(("questions", i if ("questions", i) in lines else first, "role"), msg)
            roles.setdefault(q.role, i)
        if q.when is not None:
            problems += _check_when(q.when, seen, ("questions", i, "when"), name, lines)
        if q.rules.pattern is not None:
            from .limits import pattern_problem

            try:
                re.compile(q.rules.pattern)
                slow = pattern_problem(q.rules.pattern)
                if slow is not None:
                    unsafe_pattern = True
                    add(("questions", i, "rules", "pattern"), messages.t("pat_" + slow, "en"))
            except re.error as e:
                unsafe_pattern = True
                add(("questions", i, "rules", "pattern"), f"not a valid regular expression: {e}")
            if q.rules.describe is None:
                add(
                    ("questions", i, "rules", "pattern"),
                    "a pattern needs `describe: {zh: ..., en: ...}`: what it wants, in words",
                )
        for j, c in enumerate(q.choices):
            if [x.id for x in q.choices].count(c.id) > 1:
                add(("questions", i, "choices", j, "id"), f"choice id '{c.id}' is used twice")
            # a shared question's choices copy the evidence items: checked there, once
            if c.when is not None and ("questions", i) in lines:
                here: Path_ = ("questions", i, "choices", j, "when")
                problems += _check_when(c.when, seen, here, name, lines)
        seen[q.id] = q
    problems += duplicate_ids("evidence", pb.evidence, name, lines)
    for j, item in enumerate(pb.evidence):
        if item.when is not None:  # evidence is asked for after every question
            problems += _check_when(item.when, seen, ("evidence", j, "when"), name, lines)
    problems += duplicate_ids("demands", pb.demands, name, lines)
    for j, pid in enumerate(pb.only_for or []):
        if directory.provider(pid) is None:
            known = ", ".join(p.id for p in directory.providers)
            add(("only_for", j), f"unknown provider '{pid}' (known: {known})")
    if pb.only_for is not None and not pb.only_for:
        add(("only_for",), "an empty list fits no provider: leave `only_for` out instead")
    if pb.direct_rule is not None:
        a = directory.authority(pb.direct_rule)
        if a is None or a.rule is None:
            add(("direct_rule",), f"'{pb.direct_rule}' is not an authority with a `rule`")
    for j, aid in enumerate(pb.escalate_to):
        if directory.authority(aid) is None:
            known = ", ".join(a.id for a in directory.authorities)
            add(("escalate_to", j), f"unknown authority '{aid}' (known: {known})")
    uses: list[tuple[Path_, LegalUse]] = [(("basis", j), u) for j, u in enumerate(pb.basis)]
    if pb.police is not None:
        uses += [(("police", "basis", j), u) for j, u in enumerate(pb.police.basis)]
        if pb.police.when is not None:
            problems += _check_when(pb.police.when, seen, ("police", "when"), name, lines)
    for at, use in uses:
        if directory.law(use.law) is None:
            known = ", ".join(x.id for x in directory.laws)
            add((*at, "law"), f"unknown law '{use.law}' (known: {known})")
        if use.when is not None:
            problems += _check_when(use.when, seen, (*at, "when"), name, lines)
        if use.unless is not None:
            problems += _check_when(use.unless, seen, (*at, "unless"), name, lines)
    texts: list[tuple[Path_, str]] = [
        (("letter", "subject", lg), pb.letter.subject.get(lg)) for lg in ("zh", "en")
    ]
    paras: list[tuple[Path_, Para]] = [
        (("letter", "facts", j), para) for j, para in enumerate(pb.letter.facts)
    ]
    paras += [(("letter", "to", j), para) for j, para in enumerate(pb.letter.to)]
    if pb.respondent != "provider" and not pb.letter.to:
        add(("letter", "to"), f"a letter to the {pb.respondent} needs `letter.to` (who it is)")
    if pb.letter.cc is not None:
        paras.append((("letter", "cc"), pb.letter.cc))
    if pb.police is not None:
        paras += [(("police", "facts", j), para) for j, para in enumerate(pb.police.facts)]
    if pb.submit is not None:
        paras += [(("submit", "spoken", j), para) for j, para in enumerate(pb.submit.spoken)]
        if pb.submit.service is not None:
            service = pb.submit.service
            texts += [(("submit", "service", lg), service.get(lg)) for lg in ("zh", "en")]
        refs: list[tuple[Path_, str | None]] = [
            (("submit", "have", j), qid) for j, qid in enumerate(pb.submit.have)
        ]
        refs += [(("submit", "time"), pb.submit.time), (("submit", "order"), pb.submit.order)]
        for at, qid in refs:
            if qid is not None and qid not in seen:
                add(at, f"'{qid}' is not a question id")
    for at, para in paras:
        texts += [((*at, lg), para.get(lg)) for lg in ("zh", "en")]
        if para.when is not None:
            problems += _check_when(para.when, seen, (*at, "when"), name, lines)
    if pb.scam_checklist is not None:
        problems += _check_when(pb.scam_checklist, seen, ("scam_checklist",), name, lines)
    for j, para in enumerate(pb.urgent):
        if para.when is not None:
            problems += _check_when(para.when, seen, ("urgent", j, "when"), name, lines)
    for at, text in texts:
        for m in PLACEHOLDER.finditer(text):
            if m[1] not in seen and m[1] not in BUILT_IN:
                add(at, f"placeholder {{{{ {excerpt(m[1], 40)} }}}} is not a question id")
    if unsafe_pattern:  # the example would be matched against it: report, do not run it
        return problems
    # The example was written on some day: its dates are checked for form, not against
    # today, so a machine whose clock is behind never rejects the packaged playbooks.
    result = answers.parse(pb.questions, pb.example, max(today, example_day(pb)))
    for err in result.errors:
        add(("example", err.field), messages.describe_error(err, pb.question(err.field), "en"))
    if not pb.example:
        add(
            ("example",),
            "a playbook needs an example answer set (used by tests, docs and validate)",
        )
    return problems


# --- the whole catalog ------------------------------------------------------------------------


class Sources(NamedTuple):
    providers: Path
    common: Path
    playbooks: list[Path]  # packaged first, then the extra dirs in order: later wins

    def all(self) -> Iterator[Path]:
        yield self.providers
        yield self.common
        yield from self.playbooks


def sources(extra: Sequence[Path] = ()) -> Sources:
    base = data_dir()
    files = playbook_files(base / "playbooks")
    problems = []
    for d in extra:
        if not d.is_dir():
            problems.append(Problem(str(d), None, "", "playbook directory not found"))
            continue
        files += playbook_files(d)
    if problems:
        raise CatalogError(problems)
    return Sources(base / "providers.yaml", base / "common.yaml", files)


def manifest(src: Sources) -> str:
    """Every source file's path, size and modification time, and the code that reads them."""
    code = Path(os.path.abspath(__file__)).parent
    lines = [__version__]
    for p in [*src.all(), code / "models.py", code / "catalog.py", code / "answers.py"]:
        st = p.stat()
        lines.append(f"{os.path.abspath(p)}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(lines)


class LazyPlaybooks(Mapping[str, "Playbook"]):
    """Playbooks from the cache, each parsed and rebuilt the first time it is used:
    `letter` needs one, and with 500 custom playbooks parsing them all would cost ~100 ms.
    In the cache each playbook is a JSON line of its own for that reason: `raw` holds a view
    of each line's bytes, not a copy."""

    def __init__(self, raw: Mapping[str, memoryview]) -> None:
        self._raw = raw
        self._built: dict[str, Playbook] = {}

    def __getitem__(self, key: str) -> Playbook:
        from .models import Playbook, from_data

        if key not in self._built:
            self._built[key] = from_data(Playbook, json.loads(bytes(self._raw[key])))
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def load(
    extra: Sequence[Path] = (),
    today: dt.date | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Catalog:
    """The checked catalog: from the cache when no source file changed, else built and cached.
    `progress` is told how a rebuild goes, playbook by playbook."""
    from .models import Catalog, Directory, from_data

    src = sources(extra)
    if not use_cache:
        return build(src, today or dt.date.today(), progress)
    data = load_data(src, today, progress)
    return Catalog(
        directory=from_data(Directory, data["directory"]),
        playbooks=LazyPlaybooks(data["playbooks"]),
        sources=data["sources"],
    )


def load_data(
    src: Sources, today: dt.date | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The checked catalog as plain JSON data (what `--json` prints needs nothing more):
    "directory" and "sources" as plain data, "playbooks" as each playbook's JSON bytes."""
    key = manifest(src)
    # One cache file per set of source files (so `--playbooks` and plain runs do not
    # evict each other); the manifest inside says whether it is still current.
    names = "\n".join(os.path.abspath(p) for p in src.all())
    cache_file = paths.cache_dir() / f"catalog-{zlib.crc32(names.encode()):08x}.jsonl"
    cached = _read_cache(cache_file, key)
    if cached is not None:
        return cached
    from .models import to_data

    # The cache file: one JSON line per playbook, then a last line with the manifest, the
    # directory, the sources and where each playbook's line is.
    blob = bytearray()

    def keep(pb: Playbook) -> tuple[int, int]:
        start = len(blob)
        blob.extend(json.dumps(to_data(pb), ensure_ascii=False, separators=_TIGHT).encode())
        blob.extend(b"\n")
        return start, len(blob) - 1

    directory, spans, origin = _build(src, today or dt.date.today(), keep, progress)
    index = {"manifest": key, "directory": to_data(directory), "sources": origin}
    index["playbooks"] = spans
    blob.extend(json.dumps(index, ensure_ascii=False, separators=_TIGHT).encode())
    _write_cache(cache_file, blob)
    return _unpack(blob, index)


_TIGHT = (",", ":")


def case_label(data: Mapping[str, Any], lang: Lang) -> Callable[[str, str], str]:
    """`brand · title` of a case's provider and problem, from load_data's plain data: no
    models are built, so a list of many cases stays fast. An id the catalog no longer
    has is shown as it is."""
    brands = {p["id"]: (p.get("short") or p["name"])[lang] for p in data["directory"]["providers"]}
    titles: dict[str, str] = {}

    def title(issue: str) -> str:
        if issue not in titles:  # each playbook's line is parsed once, and only if listed
            raw = data["playbooks"].get(issue)
            titles[issue] = issue if raw is None else json.loads(bytes(raw))["title"][lang]
        return titles[issue]

    def label(provider: str, issue: str) -> str:
        return f"{brands.get(provider, provider)} · {title(issue)}"

    return label


def load_directory(path: Path) -> tuple[Directory | None, list[Problem]]:
    data, lines, problems = read_yaml(path)
    if problems:
        return None, problems
    return directory_from(data, lines, display(path))


def directory_from(
    data: Any, lines: dict[Path_, int], name: str
) -> tuple[Directory | None, list[Problem]]:
    """The directory from a parsed file, validated and cross-checked."""
    from .models import Directory

    model, problems = _validate(Directory, data, name, lines)
    if model is None:
        return None, problems
    return model, problems + check_directory(model, name, lines)


def check_directory(d: Directory, name: str, lines: dict[Path_, int]) -> list[Problem]:
    out = []
    auth = {a.id for a in d.authorities}
    out += duplicate_ids("providers", d.providers, name, lines)
    out += duplicate_ids("authorities", d.authorities, name, lines)
    out += duplicate_ids("laws", d.laws, name, lines)
    known = ", ".join(sorted(auth))
    refs: list[tuple[Path_, str | None]] = []
    for j, p in enumerate(d.providers):
        refs += [(("providers", j, "regulator"), p.regulator)]
        refs += [(("providers", j, "direct_rule"), p.direct_rule)]
    for at, aid in refs:
        if aid is not None and aid not in auth:
            msg = f"unknown authority '{aid}' (known: {known})"
            out.append(Problem(name, line_of(lines, at), dotted(at), msg))
    laws = {x.id for x in d.laws}
    forms: dict[str, str] = {WALLET_FORM: "the wallet's own in-app form"}
    for j, a in enumerate(d.authorities):
        if a.law is not None and a.law not in laws:
            at = ("authorities", j, "law")
            msg = f"unknown law '{a.law}' (known: {', '.join(sorted(laws))})"
            out.append(Problem(name, line_of(lines, at), dotted(at), msg))
        if a.form is None:
            continue
        at = ("authorities", j, "form", "to")
        if a.form.to in forms:  # `cases form --to` must name one form
            msg = f"form '{a.form.to}' is already {forms[a.form.to]}"
            out.append(Problem(name, line_of(lines, at), dotted(at), msg))
        forms.setdefault(a.form.to, f"the form of '{a.id}'")
        if a.form.kind == "phone_script" and not any(c.value == a.form.to for c in a.channels):
            msg = f"a phone_script form needs a channel of '{a.id}' whose value is '{a.form.to}'"
            out.append(Problem(name, line_of(lines, at), dotted(at), msg))
    return out


def load_common(path: Path) -> tuple[Common | None, list[Problem]]:
    data, lines, problems = read_yaml(path)
    if problems:
        return None, problems
    return common_from(data, lines, display(path))


def common_from(
    data: Any, lines: dict[Path_, int], name: str
) -> tuple[Common | None, list[Problem]]:
    from .models import Common

    return _validate(Common, data, name, lines)


def include_sets(
    data: Any, common: Common, name: str, lines: dict[Path_, int]
) -> tuple[Any, dict[Path_, int], list[Problem]]:
    """Replace each `- use: <set>` among a playbook's questions with the questions of that
    set in common.yaml. A `when` given with `use` applies to the set's questions that have
    none of their own. Lines are renumbered so errors still point into the playbook file."""
    from .models import to_data

    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return data, lines, []
    items = data["questions"]
    if not any(isinstance(x, dict) and "use" in x for x in items):
        return data, lines, []
    problems: list[Problem] = []
    out: list[Any] = []
    origin: list[
        tuple[int, bool]
    ] = []  # for each new item: the old index, and whether it was a set
    for i, item in enumerate(items):
        if not (isinstance(item, dict) and "use" in item):
            out.append(item)
            origin.append((i, False))
            continue
        at: Path_ = ("questions", i)
        extra = sorted(set(item) - {"use", "when"})
        if extra:
            problems.append(
                Problem(
                    name, line_of(lines, at), dotted(at), f"unknown key '{extra[0]}' with `use`"
                )
            )
        chosen = common.sets.get(str(item["use"]))
        if chosen is None:
            known = ", ".join(sorted(common.sets)) or "none"
            msg = f"unknown question set '{item['use']}' (known: {known})"
            problems.append(Problem(name, line_of(lines, (*at, "use")), dotted((*at, "use")), msg))
            continue
        for q in chosen:
            qd = {k: v for k, v in to_data(q).items() if v is not None}
            if "when" in item and q.when is None:
                qd["when"] = item["when"]
            out.append(qd)
            origin.append((i, True))
    moved: dict[Path_, int] = {
        k: v for k, v in lines.items() if k[:1] != ("questions",) or len(k) < 2
    }
    for new, (old, from_set) in enumerate(origin):
        if from_set:
            moved[("questions", new)] = lines.get(("questions", old), 1)
            continue
        for k, v in lines.items():
            if k[:2] == ("questions", old):
                key: Path_ = ("questions", new, *k[2:])
                moved[key] = v
    return {**data, "questions": out}, moved, problems


def load_playbook(
    path: Path, directory: Directory, common: Common, today: dt.date
) -> tuple[Playbook | None, list[Problem]]:
    data, lines, problems = read_yaml(path)
    if problems:
        return None, problems
    return playbook_from(data, lines, display(path), directory, common, today)


def playbook_from(
    data: Any,
    lines: dict[Path_, int],
    name: str,
    directory: Directory,
    common: Common,
    today: dt.date,
) -> tuple[Playbook | None, list[Problem]]:
    """A playbook from a parsed file: sets included, validated, expanded and cross-checked."""
    from .models import Playbook

    data, lines, problems = include_sets(data, common, name, lines)
    if problems:
        return None, problems
    pb, problems = _validate(Playbook, data, name, lines)
    if pb is None:
        return None, problems
    full = expand(pb, common)
    problems = check_playbook(full, directory, name, lines, today)
    return (None if problems else full), problems


def build(src: Sources, today: dt.date, progress: Progress | None = None) -> Catalog:
    """The whole catalog as models, without the cache."""
    from .models import Catalog

    directory, playbooks, origin = _build(src, today, lambda pb: pb, progress)
    return Catalog(directory=directory, playbooks=playbooks, sources=origin)


def _build(
    src: Sources, today: dt.date, keep: Callable[[Playbook], T], progress: Progress | None
) -> tuple[Directory, dict[str, T], dict[str, str]]:
    """Check every file, playbook by playbook; `keep` turns each checked playbook into what
    is kept of it (the model, or its bytes for the cache), so nothing else stays alive."""
    progress = progress or _quiet
    total = len(src.playbooks)
    progress(0, total)
    directory, problems = load_directory(src.providers)
    common, more = load_common(src.common)
    problems += more
    if directory is None or common is None or problems:
        raise CatalogError(problems)
    kept: dict[str, T] = {}
    origin: dict[str, str] = {}
    for done, path in enumerate(src.playbooks, 1):
        pb, more = load_playbook(path, directory, common, today)
        problems += more
        if pb is not None and not problems:  # after a problem only the checking goes on
            kept[pb.id] = keep(pb)  # a later directory overrides the packaged playbook
            origin[pb.id] = str(path)
        progress(done, total)
    if problems:
        raise CatalogError(problems)
    rank = {pid: i for i, pid in enumerate(ORDER)}
    ordered = dict(sorted(kept.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0])))
    return directory, ordered, origin


class Checked(NamedTuple):
    """One file `validate` was given, checked."""

    path: Path
    kind: str  # "directory", "common", "playbook"; "missing" when there is no such file
    id: str | None  # a playbook's id, once it is known
    problems: list[Problem]


# More checks on a clean playbook, with the directory it was checked against (`validate`
# renders its example letter); returns their problems.
ExtraCheck = Callable[["Playbook", "Directory", str], list[Problem]]


def _same(a: Any, b: Any) -> bool:
    """Field for field the same (directories and common files compare by identity)."""
    import dataclasses

    return dataclasses.asdict(a) == dataclasses.asdict(b)


def check_files(
    files: Sequence[Path], today: dt.date, extra: ExtraCheck | None = None
) -> list[Checked]:
    """Check files as they are: missing files first, then directory files, common-question
    files and playbooks. The playbooks are checked against the last clean directory and
    common file given, else the packaged ones.

    Each file is read once and let go once checked, so 500 playbooks never sit in memory
    together. Only a directory or common file that differs from the one in use, given after
    playbooks, makes those earlier playbooks be read again."""
    packaged, problems = load_directory(data_dir() / "providers.yaml")
    shared, more = load_common(data_dir() / "common.yaml")
    if packaged is None or shared is None:
        raise CatalogError(problems + more)
    directory: Directory = packaged
    common: Common = shared
    missing: list[Checked] = []
    setup: list[Checked] = []  # directory and common files, in the order given
    books: list[Checked] = []
    stale = 0  # the playbooks before this one were checked against an older directory

    def check_book(f: Path, data: Any, lines: dict[Path_, int], found: list[Problem]) -> Checked:
        pb = None
        if not found:
            pb, found = playbook_from(data, lines, display(f), directory, common, today)
        if pb is not None and extra is not None:
            found = found + extra(pb, directory, display(f))
        return Checked(f, "playbook", pb.id if pb is not None else None, found)

    for f in files:
        if not f.exists():
            missing.append(
                Checked(f, "missing", None, [Problem(str(f), None, "", "file not found")])
            )
            continue
        data, lines, problems = read_yaml(f)
        kind = kind_of(data)
        if kind == "playbook":
            books.append(check_book(f, data, lines, problems))
            continue
        if kind == "directory":
            d, problems = (None, problems) if problems else directory_from(data, lines, display(f))
            if d is not None and not problems and not _same(d, directory):
                directory, stale = d, len(books)
        else:
            c, problems = (None, problems) if problems else common_from(data, lines, display(f))
            if c is not None and not problems and not _same(c, common):
                common, stale = c, len(books)
        setup.append(Checked(f, kind, None, problems))
    for i in range(stale):  # rare: checked before the directory they go with was known
        books[i] = check_book(books[i].path, *read_yaml(books[i].path))
    order = {"directory": 0, "common": 1}
    return [*missing, *sorted(setup, key=lambda c: order[c.kind]), *books]


def _unpack(blob: bytes | bytearray, index: dict[str, Any]) -> dict[str, Any]:
    view = memoryview(blob)
    spans = index["playbooks"]
    return {
        "directory": index["directory"],
        "sources": index["sources"],
        "playbooks": {pid: view[a:b] for pid, (a, b) in spans.items()},
    }


def _read_cache(path: Path, key: str) -> dict[str, Any] | None:
    try:
        blob = path.read_bytes()
        index = json.loads(blob[blob.rfind(b"\n") + 1 :])  # the last line
    except (OSError, ValueError):
        return None  # missing or damaged: rebuilt, never trusted
    if not isinstance(index, dict) or index.get("manifest") != key:
        return None
    spans = index.get("playbooks")
    if not (
        isinstance(spans, dict)
        and isinstance(index.get("directory"), dict)
        and isinstance(index.get("sources"), dict)
        and all(
            isinstance(s, list) and len(s) == 2 and all(isinstance(n, int) for n in s)
            for s in spans.values()
        )
    ):
        return None
    return _unpack(blob, index)


def _write_cache(path: Path, blob: bytearray) -> None:
    try:
        paths.private_dir(path.parent)
        paths.write_atomic(path, blob, force=True)
    except OSError:
        pass  # the cache only saves time; without it everything still works


def kind_of(data: Any) -> str:
    if isinstance(data, dict) and ("providers" in data or "authorities" in data):
        return "directory"
    if isinstance(data, dict) and "after" in data:
        return "common"
    return "playbook"


def json_dump(obj: Any) -> str:
    from .models import to_data
    from .safe import json_text

    return json_text(to_data(obj), indent=2, default=str)
