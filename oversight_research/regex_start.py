"""Regexes compiled with the set of characters their matches can start with.

CPython's regex engine scans a searched text quickly only when a pattern
opens with a literal prefix or a character set it can read at compile time
(``re._compiler._get_charset_prefix``): a pattern that opens with an
assertion (``\\b``, ``(?<!\\w)``, a lookahead), with an alternation whose
branches do not each open with a plain literal (``\\d…|\\d…``), or with an
optional item, gets neither, and the engine then tries the whole pattern at
every position of the text.  Most rule patterns open that way (``\\b`` and a
cue list, ``(?<![\\w-])`` and a verb group, ``(?<!\\w)`` and a number).

:func:`install` makes ``re.compile`` (every pattern compiled after it, the
package's own at import or when their rules load) read that set from the
parsed pattern itself — the union of what each way through it can consume
first, zero-width items skipped — and put it in the pattern's information
block, where the engine tests each position's character against it before
trying the pattern there.  Only positions where no match can start are
skipped, so the matches are exactly those of the plain pattern; ``match``
and ``fullmatch`` do not read the set at all.  Patterns that already have
a prefix or a set, that may match the empty string, that are matched
case-insensitively or per locale (the set is of exact characters), that
open with ``^``, or whose first characters cannot be told (``.``, ``\\w``, a
negated set, a back-reference) compile as before.  Written against the
compiler of CPython 3.11–3.13 (``re._compiler``, ``re._parser``); anything
else leaves ``re.compile`` as it is.

Parsing a pattern is most of compiling it, and the rules hold some 1,500:
about half a second of every run's start.  So the compiled code of each
pattern (and what the package reads from its parse: :func:`remembered`) is
kept in one file, ``$XDG_CACHE_HOME/oversight-research/patterns.json``
(``~/.cache`` without that variable; another file, or ``off``, with
``OVERSIGHT_RESEARCH_PATTERN_CACHE``), read on the first compile and
rewritten atomically at exit by the main process when a pattern was new.
It is JSON, never pickled objects, behind a header with the Python version,
the engine's ``MAGIC``, the machine, a hash of the package's code and a
hash of the JSON; a file of other code, too large, damaged or of the wrong
shape is ignored (a debug log line) and rebuilt.  The engine checks the
structure of compiled code it is given but not every offset in it, so
compiled code is trusted like a Python file on the path: the store is read
only when this user owns it and neither it nor its folder is writable by
group or others.  A pattern compiled from it equals (``==``, same groups)
the one compiled afresh.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import logging
import os
import platform
import re
import stat
import sys
import tempfile
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

try:
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # (not CPython 3.11+: nothing is installed)
    sre_compile = sre = sre_parse = None

# The categories a first-character set may hold: each rules most characters of prose out.
log = logging.getLogger(__name__)

_SELECTIVE_CATEGORIES = frozenset(
    () if sre is None else (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE, sre.CATEGORY_LINEBREAK)
)
_REPEATS = () if sre is None else (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = () if sre is None else (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def first_characters(items: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The charset items (``LITERAL``, ``RANGE``, selective ``CATEGORY``) one
    of which the first character any match of the parsed sequence ``items``
    consumes belongs to, and whether the sequence may consume nothing; None
    when that cannot be told."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is sre.LITERAL:
            found.append((op, av))
            return found, False
        if op is sre.IN:
            for o, a in av:
                if not (o is sre.LITERAL or o is sre.RANGE or o is sre.CATEGORY and a in _SELECTIVE_CATEGORIES):
                    return None  # (a negated set, \w, …: most characters)
            found.extend(av)
            return found, False
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the next item consumes the first character
        if op is sre.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags & (re.IGNORECASE | re.LOCALE):
                return None
            inner = first_characters(sub)
        elif op is sre.ATOMIC_GROUP:
            inner = first_characters(av)
        elif op is sre.BRANCH:
            inner, empty = ([], False), False
            for alternative in av[1]:
                got = first_characters(alternative)
                if got is None:
                    return None
                inner[0].extend(got[0])
                empty = empty or got[1]
            inner = (inner[0], empty)
        elif op in _REPEATS:
            low, high, sub = av
            if high == 0:
                continue
            got = first_characters(sub)
            inner = None if got is None else (got[0], got[1] or low == 0)
        else:
            return None  # (any character, a back-reference, a conditional, …)
        if inner is None:
            return None
        found.extend(inner[0])
        if not inner[1]:
            return found, False
    return found, True


# The parsed form of the patterns compiled last (:func:`parsed`), by (pattern, flags): a pattern's
# required literals (``text.required_literals``) are read from the same parse, most right after it
# compiles, so the rules' 670 cue patterns are not parsed twice (parsing is most of compiling).
_PARSED: dict[tuple[str, int], Any] = {}
_PARSED_KEPT = 512


def parsed(pattern: str, flags: int = 0) -> Any:
    """``re._parser.parse(pattern, flags)``: the parse :func:`install`'s
    ``re.compile`` kept of a pattern it compiled lately (given once, then
    forgotten: nothing reads a parsed pattern twice), else a new one.  The
    compiler only reads a parsed pattern, so the two are the same."""
    kept = _PARSED.pop((pattern, flags), None)
    return sre_parse.parse(pattern, flags) if kept is None else kept


def _with_start_set(pattern: str, flags: int) -> Any:
    """``pattern`` compiled as ``re._compiler.compile`` does, with the set of
    its matches' first characters in its information block when it has no
    prefix or set there (see the module's docstring); from the pattern
    store when it holds the pattern."""
    key = f"compiled\0{int(flags)}\0{pattern}"
    kept = _store().get(key)
    if kept is not None:
        _USED.add(key)
        try:
            return _compile_kept(pattern, kept)
        except Exception:  # noqa: BLE001  (not what the store writes: compiled afresh)
            log.debug("pattern store entry of %r unusable; compiled afresh", pattern)
    parsed = sre_parse.parse(pattern, flags)
    if len(_PARSED) >= _PARSED_KEPT:  # the oldest goes (dicts keep insertion order)
        del _PARSED[next(iter(_PARSED))]
    _PARSED[pattern, flags] = parsed
    every, code, groups, groupindex, indexgroup = _compiled_parts(parsed, flags)
    packed = base64.b64encode(array(_CODE_TYPE, code).tobytes()).decode("ascii")  # (a string: fast to read)
    _store()[key] = [every, packed, groups, groupindex, list(indexgroup)]
    _mark_added(key)
    return sre_compile._sre.compile(pattern, every, code, groups, groupindex, indexgroup)


def _compile_kept(pattern: str, kept: Any) -> Any:
    """A stored entry compiled, once its groups are checked against each
    other (the engine checks the code itself, :func:`_load` who wrote it)."""
    every, packed, groups, groupindex, names = kept
    if not (
        isinstance(every, int)
        and isinstance(groups, int)
        and isinstance(names, list)
        and len(names) == groups + 1
        and names[0] is None
        and all(n is None or isinstance(n, str) for n in names)
        and groupindex == {n: i for i, n in enumerate(names) if n is not None}
    ):
        raise ValueError("inconsistent groups")
    words = array(_CODE_TYPE, base64.b64decode(packed, validate=True)).tolist()
    return sre_compile._sre.compile(pattern, every, words, groups, groupindex, tuple(names))


def _compiled_parts(parsed: Any, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """The arguments after the pattern that ``_sre.compile`` takes for ``parsed``."""
    code = sre_compile._code(parsed, flags)
    every = parsed.state.flags | flags
    if (
        code[0] == sre.INFO
        and not code[2] & (sre.SRE_INFO_PREFIX | sre.SRE_INFO_CHARSET)
        and code[3] > 0  # (a pattern that can match the empty string has no set: it may match anywhere)
        and not every & (re.IGNORECASE | re.LOCALE | re.DEBUG)
        and parsed.data
        and parsed.data[0] not in ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING))
        and (first := first_characters(parsed.data)) is not None
        and first[0]
        and not first[1]
    ):
        charset, hascased = sre_compile._optimize_charset(first[0])
        if not hascased:
            if len(charset) == 1 and charset[0][0] is sre.LITERAL:  # one character: a one-character prefix
                info = [sre.INFO, 0, sre.SRE_INFO_PREFIX, code[3], code[4], 1, 0, charset[0][1], 0]
            else:
                info = [sre.INFO, 0, sre.SRE_INFO_CHARSET, code[3], code[4]]
                sre_compile._compile_charset(charset, every, info)
            info[1] = len(info) - 1
            code = info + code[1 + code[1] :]
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    return every, code, parsed.state.groups - 1, dict(parsed.state.groupdict), tuple(indexgroup)


def remembered(kind: str, pattern: str, flags: int, read: Callable[[Any], Any], valid: Callable[[Any], bool]) -> Any:
    """``read(parse of pattern)``, kept in the pattern store under ``kind``:
    an analysis of a rule pattern (its required literals, say) costs a
    parse only the first time.  ``read`` must be a pure function of the
    parse returning None, bools, ints, strings, and tuples, lists and
    frozensets of strings; a stored value is used only if ``valid`` holds
    of it.  Exceptions of ``read`` (``re.error``) reach the caller."""
    key = f"{kind}\0{int(flags)}\0{pattern}"
    store = _store()
    if key in store:
        _USED.add(key)
        try:
            value = _decode(store[key])
            if valid(value):
                return value
        except Exception:  # noqa: BLE001  (not what the store writes: read afresh)
            pass
        log.debug("pattern store entry %r unusable; read afresh", key)
    value = read(parsed(pattern, flags))
    _remember(key, value)
    return value


def strings_or_none(value: Any) -> bool:
    """A frozenset of strings, or None (a :func:`remembered` ``valid``)."""
    return value is None or isinstance(value, frozenset) and all(isinstance(v, str) for v in value)


# The pattern store (module docstring): entries by key, loaded on first use; whether one was added.
_STORE: dict[str, Any] | None = None
_CODE_TYPE = next(
    (t for t in "IQ" if sre_compile is None or array(t).itemsize == sre_compile._sre.CODESIZE), "I"
)  # (an array type code as wide as the engine's code word)
_MAX_BYTES = 64 * 2**20  # a larger store is not read
_INSTALLED_BY = -1  # the process that installed the start sets: the one that saves the store
_LOADING = False
_USED: set[str] = set()  # the keys read from the store by this process
_NEW: set[str] = set()  # and those it added since it last saved the store
_KEPT_MAX = 6000  # entries a store keeps; past that, only what the saving process read or added
_HEADER = "oversight-research-patterns 1"


def store_path() -> Path | None:
    """The pattern store's file (None: switched off)."""
    chosen = os.environ.get("OVERSIGHT_RESEARCH_PATTERN_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "oversight-research" / "patterns.json"


@cache
def _fingerprint() -> str:
    """Python version, regex engine version, byte order, machine and the package's code: what the stored entries depend on."""
    machine = f"{sys.version}\0{getattr(sre, 'MAGIC', '')}\0{sys.byteorder}\0{platform.machine()}"
    digest = hashlib.sha256(machine.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _store() -> dict[str, Any]:
    """The pattern store's entries, read on the first call (the patterns
    compiled while it is read, by ``pathlib`` or ``json``, see an empty
    store and are not added to it)."""
    global _STORE, _LOADING
    if _STORE is None:
        _STORE, _LOADING = {}, True
        try:
            _fingerprint()  # (of the code this process runs, now: a later edit must not relabel its entries)
            _STORE = _load()
        finally:
            _LOADING = False
    return _STORE


def _load() -> dict[str, Any]:
    """The stored entries, if the file is this user's alone and of this code.

    Compiled code from the file runs in the regex engine, which checks its
    structure but not every offset in it: like a Python file on the path, a
    store is trusted only when nobody else could have written it — owned by
    this user, and neither it nor its folder writable by group or others
    (as ssh treats its keys; a sticky folder such as /tmp is fine: others
    cannot replace a file they do not own there).  Anything else is ignored, never fatal."""
    path = store_path()
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            folder = path.parent.stat()
            if not _private(os.fstat(handle.fileno())) or not (_private(folder) or folder.st_mode & stat.S_ISVTX):
                log.debug("pattern store %s ignored: writable by others", path)
                return {}
            data = handle.read(_MAX_BYTES + 1)
        head, _, body = data.partition(b"\n")
        magic, fingerprint, digest = head.decode("ascii").rsplit(" ", 2)
        if (
            len(data) > _MAX_BYTES
            or magic != _HEADER
            or fingerprint != _fingerprint()
            or hashlib.sha256(body).hexdigest() != digest
        ):
            log.debug("pattern store %s is of other code, too large or damaged: rebuilt", path)
            return {}
        entries = json.loads(body)
    except Exception as exc:  # noqa: BLE001  (unreadable, not JSON, nested too deep, …: rebuilt)
        log.debug("pattern store %s not read (%s)", path, exc)
        return {}
    return entries if isinstance(entries, dict) else {}


def _private(st: os.stat_result) -> bool:
    """Owned by this user and not writable by group or others (always true where there are no owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _remember(key: str, value: Any) -> None:
    try:
        _store()[key] = _encode(value)
    except TypeError:  # (a value the store does not hold: recomputed each time)
        return
    _mark_added(key)


def _mark_added(key: str) -> None:
    if not _LOADING:  # (what is added while loading goes with the empty store the one read replaces)
        _NEW.add(key)


def save() -> None:
    """Write the pattern store when a pattern or analysis was added (atomic:
    a temporary file renamed over the old one; a failure is only logged).
    Past :data:`_KEPT_MAX` entries only those this process read or added
    are kept, so patterns compiled once (by an experiment, a test) do not
    pile up."""
    global _STORE
    path = store_path()
    if not _NEW or _STORE is None or path is None or not _main_process():
        return  # (nothing new, switched off, or a worker process: the main process saves)
    if len(_STORE) > _KEPT_MAX:
        _STORE = {key: entry for key, entry in _STORE.items() if key in _USED or key in _NEW}
    # (ASCII JSON: a lone surrogate in a pattern is written too)
    body = json.dumps(_STORE, separators=(",", ":"), sort_keys=True).encode()
    head = f"{_HEADER} {_fingerprint()} {hashlib.sha256(body).hexdigest()}\n".encode("ascii")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
    except OSError as exc:
        log.debug("pattern store %s not written (%s)", path, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(head + body)
        os.replace(name, path)
        _USED.update(_NEW)  # (written: kept by a later prune like what was read)
        _NEW.clear()
    except OSError as exc:
        log.debug("pattern store %s not written (%s)", path, exc)
        Path(name).unlink(missing_ok=True)


def _main_process() -> bool:
    """The process that installed the start sets, and not a worker of a
    process pool (spawned workers import the package again)."""
    import multiprocessing  # (only at exit: most imports of the package need no multiprocessing)

    return os.getpid() == _INSTALLED_BY and multiprocessing.parent_process() is None


def _encode(value: Any) -> Any:
    """JSON for a stored value: frozensets (of strings), tuples and lists tagged, so they come back as they were."""
    if isinstance(value, frozenset):
        if not all(isinstance(v, str) for v in value):
            raise TypeError("only frozensets of strings are stored")
        return ["F", *sorted(value)]
    if isinstance(value, tuple):
        return ["T", *map(_encode, value)]
    if isinstance(value, list):
        return ["L", *map(_encode, value)]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        tag, *items = value
        if tag == "F":
            return frozenset(items)
        if tag == "T":
            return tuple(map(_decode, items))
        if tag == "L":
            return list(map(_decode, items))
        raise ValueError(f"unknown tag {tag!r}")
    return value


_PLAIN: Any = None if sre_compile is None else sre_compile.compile


def _compile(p: Any, flags: int = 0) -> Any:
    if isinstance(p, str) and not flags & re.DEBUG:
        return _with_start_set(p, flags)
    return _PLAIN(p, flags)


def install() -> None:
    """Compile every later ``re`` pattern with its start set (idempotent)."""
    if sre_compile is None or not all(
        hasattr(sre_compile, name) for name in ("_code", "_optimize_charset", "_compile_charset", "_sre")
    ):
        return
    global _INSTALLED_BY
    sre_compile.compile = _compile
    if _INSTALLED_BY == -1:
        _INSTALLED_BY = os.getpid()
        atexit.register(save)  # (a no-op unless a pattern was new, and in any other process)
