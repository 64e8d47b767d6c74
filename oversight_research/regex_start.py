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
"""

from __future__ import annotations

import re
from typing import Any

try:
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # (not CPython 3.11+: nothing is installed)
    sre_compile = sre = sre_parse = None

# The categories a first-character set may hold: each rules most characters of prose out.
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
    prefix or set there (see the module's docstring)."""
    parsed = sre_parse.parse(pattern, flags)
    if len(_PARSED) >= _PARSED_KEPT:  # the oldest goes (dicts keep insertion order)
        del _PARSED[next(iter(_PARSED))]
    _PARSED[pattern, flags] = parsed
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
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    return sre_compile._sre.compile(
        pattern, every, code, parsed.state.groups - 1, parsed.state.groupdict, tuple(indexgroup)
    )


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
    sre_compile.compile = _compile
