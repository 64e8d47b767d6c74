"""Temporal expressions: find every date mention and normalise it.

Candidates are found with precise patterns (one per expression family, see
``FAMILIES``) rather than a whole-text date search, which over-matches on news
prose (reference numbers, counts, "may" the verb).  Each mention is normalised
to an ISO value at its own precision:

* absolute — ``27 July 2016`` → ``2016-07-27`` (day), ``May 2023`` → month,
  ``in 2015`` → year, ``2012-2015`` → a range;
* relative to the publication date — ``last year``, ``in June last year``,
  ``on Monday``, ``three years ago``, ``In March``;
* relative to an explicit date in the same or previous sentence — ``a month
  later``, ``later that day``, a time of day such as ``At 8.30am``.

A relative expression whose anchor is unknown keeps an empty date and precision
``unknown``: the value is never guessed from today's date.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from .rules import RulesError
from .rules import events as events_rules
from .text import lower_same_length, lowered_pattern, required_literals

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WORDS = events_rules.load().dates  # the vocabulary (rules/events.yaml, ``dates``); the grammar is below
_WINDOWS = _WORDS.windows


def _alternation(words: Iterable[str]) -> str:
    """A group matching any of ``words``, longest first; a space in a phrase
    matches any run of white space."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=lambda w: -len(w))) + ")"


def _either_case(words: Iterable[str]) -> str:
    """A group matching any of ``words`` with the first letter of each word in either case."""
    return (
        "(?:"
        + "|".join(r"\s+".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in p.split()) for p in words)
        + ")"
    )


_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_CAP_MONTH = rf"(?-i:{_MONTH})"  # capitalised: "May" the month, not "may" the verb
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_NUM = rf"(?:{_alternation(_WORDS.numbers)[3:-1]}|\d{{1,2}})"
_UNIT = _alternation(_WORDS.units) + "s?"
_PART = (
    "(?:" + "|".join(map(re.escape, _WORDS.period_parts)) + ")"
)  # as written: a literal prefilter, "the" being in every text
_REL = _alternation(_WORDS.relative_words)
_APPROX = _alternation(
    _WORDS.approximators
)  # "more than four years after", "Just six hours later": part of the expression
# Words before a year or bare month that make it a date, not a count or a verb.
# An event a date is told from, when it is not itself a date: "the day before he died", "the morning of
# Ms Kapoor's death", "11 days after she was reported missing" (``harm_anchored``).
_PARTS_OF_DAY = _alternation(_WORDS.parts_of_day)
_OFFSET_DIR = _alternation((*_WORDS.offset_back, *_WORDS.offset_forward))  # "before", "later" …
_RELATIONAL = _alternation(_WORDS.offset_relational)  # "before", "after": told from an event
_RELATIVE = _alternation(_WORDS.offset_relative)  # "later", "earlier"
_ANCHOR_EVENT = (
    rf"(?:(?:{_alternation(_WORDS.anchor_pronouns)[3:-1]}|(?-i:[A-Z][a-z]+))\s+(?:{_alternation(_WORDS.anchor_auxiliaries)}\s+)*"
    rf"(?P<ev>{_alternation(_WORDS.anchor_verbs)[3:-1]})"
    rf"|(?:{_alternation(_WORDS.anchor_possessives)[3:-1]}|(?:(?-i:{_alternation(_WORDS.honorifics)[3:-1]})\.?\s+)?(?-i:[A-Z][a-z]+)['’]s?)\s+"
    rf"(?P<evn>{_alternation(_WORDS.anchor_nouns)[3:-1]}))\b"
)
_SPANS = _alternation(_WORDS.anchor_spans)  # "in the (two) days (and hours) before his death"
_HOLIDAY = _alternation(_WORDS.holidays)  # named days of a fixed date ("Valentine's Day in 2022", "on Christmas Eve")
# A year right after a statute's name is part of the name, not a date ("the Police Reform Act 2002") …
_STATUTES = "(?:" + "|".join(map(re.escape, _WORDS.statutes)) + ")"
_NOT_YEAR_BEFORE = re.compile(rf"{_STATUTES}(?:\s*\([\w ]+\))?\s+$")
# ... and a year right before one names a statute, a government or a version: "the 2020 Regulations",
# "the 2015 to 2017 government".
_NOT_YEAR_NAME = re.compile(
    r"(?:\s*(?:-|–|—|to|and)\s*(?:19|20)\d\d)?\s+(?:Police\s+\(\w+\)\s+)?"
    rf"(?:{_STATUTES[3:-1]}|{_either_case(_WORDS.named_after_year)[3:-1]})\b"
)
# ... and a year right before a count word, a magnitude or a digit is a number ("2020 officers").
_NOT_YEAR_AFTER = re.compile(
    rf"^(?:\s*(?:/|-year|-strong|\d|%|{_alternation(_WORDS.counted_after_year)[3:-1]}|m\b)|[/\d,.]\d)"
)

_FLAGS = re.IGNORECASE


def _p(pattern: str, flags: int = _FLAGS) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (family, compiled pattern) — order matters: earlier families win overlaps.
# Everything else about a family is in its record (``Family``, ``FAMILIES``).
_PATTERN_TABLE: list[tuple[str, re.Pattern[str]]] = [
    ("range", _p(rf"\b(?:between\s+|from\s+)?(?P<y1>{_YEAR})\s*(?:-|–|—|to|and|until)\s*(?P<y2>{_YEAR})\b")),
    (
        "day_range",
        _p(
            rf"\b(?:between\s+|from\s+)?(?:(?P<wd1>{_WEEKDAY})\s+)?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?\s*(?:-|–|and|to|until)\s*(?:(?P<wd2>{_WEEKDAY})\s+)?(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month_range",
        _p(
            rf"\b(?:between\s+|from\s+)?(?P<m1>{_CAP_MONTH})\s*(?:-|–|and|to|until)\s*(?P<m2>{_CAP_MONTH})(?:,?\s+(?P<y>{_YEAR}))\b"
        ),
    ),
    (
        "month_year_range",
        _p(
            rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})\s*(?:and|to|until|-|–)\s*(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b"
        ),
    ),
    ("holiday", _p(rf"\b(?P<h>{_HOLIDAY})(?:\s+(?:in\s+|of\s+)?(?P<y>{_YEAR}))?\b")),
    (
        "day_month_year",
        _p(
            # a day glued to the word before it is a byline run into its date ("Sami Quadri1 January 2022")
            rf"(?:\b(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:(?P<wd>{_WEEKDAY})\s*(?:morning|afternoon|evening|night)?\s*\(?,?\s*)?|(?<=[a-z]))(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b\)?"
        ),
    ),
    ("month_day_year", _p(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b")),
    (
        "numeric",
        _p(
            r"\b(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<y>(?:19|20)\d\d)\b|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"
        ),
    ),
    ("part_year", _p(rf"\b(?P<part>{_PART})(?:\s+|-)(?P<y>{_YEAR})\b")),
    ("month_year", _p(rf"\b(?:(?P<part>{_PART})(?:\s+|-))?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b")),
    (
        "month_rel_year",
        _p(
            rf"\b(?:(?P<d>{_DAY})\s+(?:of\s+)?)?(?P<m>{_MONTH})(?:\s+(?P<d2>{_DAY}))?,?\s+(?P<rel>{_REL[3:-1]})\s+year\b"
        ),
    ),
    (
        "weekday_day_month",
        _p(
            rf"\b(?:(?P<wd>{_WEEKDAY})\s*(?:morning|afternoon|evening|night)?\s*\(?,?\s*)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})\b\)?(?!\s*,?\s*{_YEAR})"
        ),
    ),
    (
        "month_day",
        _p(
            rf"\b(?P<m>{_CAP_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*{_YEAR})(?!\s*(?:%|per|officers|people|years))"
        ),
    ),
    (
        "harm_anchored",
        _p(
            rf"\b(?:{_alternation(_WORDS.anchor_prepositions)}\s+)?(?:(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<dir>{_RELATIONAL})|the\s+(?:{_NUM}\s+)?(?P<part>{_PARTS_OF_DAY}|{_SPANS})(?:\s+and\s+{_SPANS})?\s+(?:(?P<rel>{_alternation((*_WORDS.offset_relational, *_WORDS.part_relations))})\s+)?)\s*{_ANCHOR_EVENT}"
        ),
    ),
    ("ago", _p(rf"\b(?:{_APPROX}\s+)?(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+ago\b")),
    (
        "offset",
        _p(
            rf"\b(?:{_APPROX}\s+)?(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<dir>{_OFFSET_DIR})\b"
            rf"|\b(?P<u2>{_alternation(_WORDS.bare_offset_units)})\s+(?P<dir2>{_RELATIVE})\b"
        ),
    ),
    (
        "part_month",
        _p(
            rf"\b(?:(?-i:[Aa]t|[Bb]y|[Tt]owards|[Ii]n)\s+)?the\s+{_alternation(_WORDS.month_parts)}\s+of\s+(?P<m>{_CAP_MONTH})\b(?!\s*{_DAY}\b)(?!\s*,?\s*{_YEAR})"
        ),
    ),
    ("span", _WORDS.spans),  # "in the following days", "action on the day may have led to …": unresolved
    # ("the next month" is told from the narrative's last date, not the page's: the same_day family)
    ("rel_unit", _p(rf"\b(?<!\bthe\s)(?:(?P<mod>{_RELATIVE})\s+)?(?P<rel>{_REL[3:-1]})\s+(?P<u>year|month|week)\b")),
    (
        "same_day",
        _p(
            rf"\b{_RELATIVE}\s+that\s+(?:day|morning|afternoon|evening|night)"
            rf"|\bthe\s+(?P<dir>{_alternation((*_WORDS.next_words, *_WORDS.previous_words))})\s+(?P<u>{_PARTS_OF_DAY}|week|month|year)\b|\bthat\s+same\s+day\b"
            rf"|\b(?:that|the\s+same)\s+{_PARTS_OF_DAY}\b"  # "that night", "the same day": the day last told
        ),
    ),
    (
        "deictic",
        _p(rf"\b(?P<w>{_alternation(_WORDS.deictic)[3:-1]})(?:['’]s)?(?!\w)"),
    ),
    (
        "weekday",
        _p(
            rf"\b(?:on\s+)?(?:(?P<rel>{_REL[3:-1]})\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "month",
        _p(
            rf"\b(?P<prep>(?-i:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?))\s+(?P<m>{_CAP_MONTH})\b(?!\s*{_DAY}\b)"
        ),
    ),
    ("year", _p(rf"(?<![\w/£$.,-])(?P<y>{_YEAR})(?![\w/])")),
    (
        "time",
        _p(
            r"\b(?:(?:at|around|about|just|shortly|before|after|by|until)\s+)*(?:about\s+)?(?P<h>[01]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]m|[ap]\.m\.)(?![a-z])|\b(?:at|around|about)\s+(?P<h24>[0-2]\d)[:.](?P<mi24>[0-5]\d)\b"
        ),
    ),
    ("prior_to", _p(r"\b(?:prior to|before|after|ahead of)\s+the\s+date\s+of\s+the\s+\w+")),
]
# A necessary condition for each family, checked once per text so that most
# families are never run on a sentence that cannot hold them (a speed-up only:
# every pattern of a family needs what its gate tests).
_UNIT_WORDS = _WORDS.unit_gate
_DIGIT = re.compile(r"\d")
_CAP_MONTH_START = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


# the longest word of each holiday's name, and the last word of each anchor event: one is in every such mention
_HOLIDAY_WORDS = tuple(sorted({max(re.findall(r"[a-z]+", name), key=len) for name in _WORDS.holidays}))


_ANCHOR_WORDS = tuple(sorted({w.split()[-1].lower() for w in (*_WORDS.anchor_verbs, *_WORDS.anchor_nouns)}))


def _fewest_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without those holding another of them ("arrested" holds
    "arrest"): a text holds one of the rest exactly when it holds one of
    ``words``, with fewer substring tests (order kept)."""
    return tuple(w for w in words if not any(x != w and x in w for x in words))


# (the gate tests of :func:`_gates`: the same results)
_ANCHOR_TESTS = _fewest_words(_ANCHOR_WORDS)
_HOLIDAY_TESTS = _fewest_words(_HOLIDAY_WORDS)
_UNIT_TESTS = _fewest_words(_UNIT_WORDS)


_GATE_NAMES = ("digit", "unit", "month", "date", "holiday", "anchor", "digit_month", "span")
_SPAN_WORDS = _WORDS.span_gate


_Gates = tuple[bool, bool, bool, bool, bool, bool, bool, bool]


def _gates(text: str, window: str, start: int, end: int, bits: int) -> _Gates:
    """The digit, unit, month, date, holiday, anchor, digit-and-month and span
    gates of ``text[start:end]``, given ``window``, that window lower-cased,
    and ``bits``, the literals it holds (:func:`_window_bits`): each gate is
    the substring test it names, answered from the bits (the months gate
    needs the capital, so the bits of the lower-cased months only decide
    whether to look for one; the anchor gate needs a unit word and an event
    word)."""
    unit = bool(bits & _UNIT_TEST[0]) or _holds_spaced(window, _UNIT_TEST[1])
    digit = bool(bits & _DIGIT_BIT)
    month = bool(bits & _MONTH_BITS) and _CAP_MONTH_START.search(text, start, end) is not None
    return (
        digit,
        unit,
        month,
        bool(bits & _DATE_TEST[0]) or _holds_spaced(window, _DATE_TEST[1]),
        bool(bits & _HOLIDAY_TEST[0]) or _holds_spaced(window, _HOLIDAY_TEST[1]),
        unit and (bool(bits & _ANCHOR_TEST[0]) or _holds_spaced(window, _ANCHOR_TEST[1])),
        digit and month,
        unit and (bool(bits & _SPAN_TEST[0]) or _holds_spaced(window, _SPAN_TEST[1])),
    )


def _holds_spaced(window: str, words: tuple[str, ...]) -> bool:
    for word in words:  # noqa: SIM110  (a plain loop: faster than any(map(...)), see text.holds_literal)
        if word in window:
            return True
    return False


@dataclass(frozen=True)
class _FamilyFind:
    """How one family is found: its pattern, whether on the lower-cased text,
    the literals one of which a window must hold (None: no such test), the
    gate a window must pass, and a necessary condition on the lower-cased
    window (a speed-up only)."""

    family: str
    pattern: re.Pattern[str]
    on_lowered: bool
    literals: frozenset[str] | None
    gate: str
    precheck: re.Pattern[str] | None


def _family_find(family: str, pattern: re.Pattern[str], gate: str, precheck: str | None) -> _FamilyFind:
    check = _PRECHECKS.setdefault(precheck, re.compile(precheck)) if precheck else None  # one object per pattern
    if "(?-i" in pattern.pattern:
        return _FamilyFind(family, _guarded(pattern), False, None, gate, check)
    fast = lowered_pattern(pattern.pattern)
    return _FamilyFind(family, _guarded(fast), True, required_literals(fast.pattern), gate, check)


_PRECHECKS: dict[str, re.Pattern[str]] = {}


_CLASS_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters its matches can start
    with: the same matches, but the engine rejects most positions with one
    character test instead of trying the pattern (a leading ``\\b`` or
    lookbehind leaves it no prefix to scan for).  ``pattern`` itself when its
    first characters are not known or it can match the empty string."""
    if pattern.flags & re.VERBOSE:
        return pattern
    try:
        first, nullable = _first_chars(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (re.error, _Unknown):
        return pattern
    if nullable or not first:
        return pattern
    guard = "".join(sorted(first))
    try:
        return re.compile(f"(?=[{guard}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # a global inline flag, say
        return pattern


class _Unknown(Exception):
    """A pattern item whose first characters :func:`_first_chars` does not work out."""


def _class_item(op: Any, av: Any) -> str:
    if op is sre.LITERAL:
        return f"\\U{av:08x}"
    if op is sre.RANGE:
        return f"\\U{av[0]:08x}-\\U{av[1]:08x}"
    if op is sre.CATEGORY and av in _CLASS_CATEGORIES:
        return _CLASS_CATEGORIES[av]
    raise _Unknown(op)


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Class items (regex text) for every character a match of the parsed
    sequence ``items`` can start with, and whether it can match the empty
    string.  Zero-width items are passed over (a superset is enough)."""
    first: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            first.add(_class_item(op, av))
            return first, False
        if op is sre.IN:
            if any(item_op is sre.NEGATE for item_op, _ in av):
                raise _Unknown(op)
            first.update(_class_item(item_op, item_av) for item_op, item_av in av)
            return first, False
        if op is sre.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags & (re.IGNORECASE | re.VERBOSE):
                raise _Unknown(op)
            inner, nullable = _first_chars(list(sub))
        elif op is sre.ATOMIC_GROUP:
            inner, nullable = _first_chars(list(av))
        elif op is sre.BRANCH:
            alternatives = [_first_chars(list(a)) for a in av[1]]
            inner = set().union(*(chars for chars, _ in alternatives))
            nullable = any(empty for _, empty in alternatives)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner, nullable = _first_chars(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            raise _Unknown(op)
        first.update(inner)
        if not nullable:
            return first, False
    return first, True


@lru_cache(maxsize=64)
def _families_for(gates: _Gates) -> list[tuple[_FamilyFind, tuple[int, tuple[str, ...]]]]:
    """The finding entries of the families whose gate is open, in family order,
    each with its literal test (see :func:`_token_test`; for finding mentions,
    patterns without an inline case switch run on the lower-cased text —
    faster than re.I, same matches — and only on text holding one of the
    literals every match of the pattern contains, see
    :func:`text.required_literals`; resolution re-matches a mention's own
    text with the family's ``pattern``)."""
    if (found := _FAMILIES_BY_GATES.get(gates)) is None:  # (at most 2**8 gate values)
        is_open = dict(zip(_GATE_NAMES, gates, strict=True))
        found = _FAMILIES_BY_GATES[gates] = [
            (family.find, _FAMILY_TESTS[family.name]) for family in FAMILIES if is_open[family.find.gate]
        ]
    return found


_FAMILIES_BY_GATES: dict[_Gates, list[tuple[_FamilyFind, tuple[int, tuple[str, ...]]]]] = {}


# A time or weekday this close to a date belongs to it ("at 1.45am on 22 July 2017").
_GLUE = _WORDS.glue


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    family: str
    date: str | None = None
    date_end: str | None = None
    precision: str = "unknown"
    relative: bool = False
    anchor: str = "none"


# --------------------------------------------------------------------------- helpers


def _changed(mention: DateMention, **changes: Any) -> DateMention:
    """``mention`` with some fields changed (``dataclasses.replace``, without its checks: twice as fast)."""
    fields = dict(mention.__dict__)
    fields.update(changes)
    return DateMention(**fields)


def _year(match: re.Match[str], group: str = "y") -> int:
    return int(match.group(group))


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"a day without digits: {text!r}")
    return int(digits.group())


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str | None, str]:
    """ISO value and precision; (None, 'unknown') for an impossible date."""
    try:
        if day is not None:
            if month is None:
                return None, "unknown"
            return dt.date(year, month, day).isoformat(), "day"
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
        dt.date(year, 1, 1)
        return f"{year:04d}", "year"
    except (ValueError, TypeError):
        return None, "unknown"


def parse_iso(value: str | None) -> dt.date | None:
    """First day of an ISO value at any precision."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def first_day(value: str) -> dt.date:
    """First day of an ISO value that is known to be there."""
    first = parse_iso(value)
    if first is None:
        raise ValueError("an empty ISO value where a date was expected")
    return first


def _add_days(value: str, days: int) -> str:
    """The ISO day ``days`` after the first day of ``value``."""
    return (first_day(value) + dt.timedelta(days=days)).isoformat()


# --------------------------------------------------------------------------- precision
# The one set of precision helpers (timeline and the analyses import them).

PRECISION_ORDER = ("day", "month", "year")  # finest first
_PARTS = {"year": 1, "month": 2, "day": 3}  # ISO parts kept at each precision


def precision_of(value: str | None) -> str:
    return PRECISION_ORDER[3 - len(value.split("-"))] if value and len(value.split("-")) <= 3 else "unknown"


def truncate(value: str | None, precision: str) -> str | None:
    """``value`` at ``precision`` ("2023-06-13", "month" → "2023-06"); None
    for no value or an unknown precision."""
    keep = _PARTS.get(precision)
    return "-".join(value.split("-")[:keep]) if value and keep else None


def coarser(p1: str, p2: str) -> str:
    """The coarser of two precisions (year > month > day; an unknown one is coarsest)."""
    return max(p1, p2, key=lambda p: PRECISION_ORDER.index(p) if p in PRECISION_ORDER else 9)


def interval_days(earlier: str, later: str) -> tuple[int, str]:
    """Days from ``earlier`` to ``later``, compared at the coarser precision
    of the two (the first day of each, truncated to it)."""
    precision = coarser(precision_of(earlier), precision_of(later))
    return (
        first_day(truncate(later, precision) or later) - first_day(truncate(earlier, precision) or earlier)
    ).days, precision


def _unit(unit: str) -> tuple[int, str]:
    """(count, calendar unit) of an offset's unit word ("weeks" → 7 days; ``dates.units``)."""
    return _WORDS.units[unit.lower().rstrip("s")]


def _unit_precision(unit: str) -> str:
    """The precision of a date shifted by ``unit`` (hours shift a day: a date told in hours is a day)."""
    calendar_unit = _unit(unit)[1]
    return "day" if calendar_unit == "hour" else calendar_unit


def _shift(base: dt.date, n: int, unit: str) -> dt.date:
    count, calendar_unit = _unit(unit)
    if calendar_unit == "day":
        return base + dt.timedelta(days=n * count)
    if calendar_unit == "hour":  # the time of day is unknown: whole days only ("six hours later": that day)
        return base + dt.timedelta(days=int(n * count / 24))
    months = base.year * 12 + base.month - 1 + n * count * (12 if calendar_unit == "year" else 1)
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(base.day, calendar.monthrange(year, month + 1)[1]))


def _shift_value(value: str, n: int, unit: str) -> tuple[str | None, str]:
    """Shift an ISO value by n units; the result keeps the coarser precision."""
    unit_precision = _unit_precision(unit)
    precision = coarser(precision_of(value), unit_precision)
    base = first_day(value)
    if n and precision != unit_precision:
        # an offset finer than its anchor ("two weeks before" a month): told from the middle of the anchor
        base = base.replace(day=15) if precision == "month" else base.replace(month=7)
    shifted = _shift(base, n, unit).isoformat()
    return truncate(shifted, precision), precision


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _WORDS.numbers.get(" ".join(word.split()))


# --------------------------------------------------------------------------- finding


def _accept(family: str, text: str, m: re.Match[str]) -> bool:
    if family in ("year", "range", "part_year", "month_year"):
        before, after = (
            text[max(0, m.start() - _WINDOWS.year_before) : m.start()],
            text[m.end() : m.end() + _WINDOWS.year_after],
        )
        if _NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(after) or _NOT_YEAR_NAME.match(text, m.end()):
            return False
    if family == "range" and not m.group(0)[:1].isalpha() and int(m.group("y2")) <= int(m.group("y1")):
        return False
    if family == "weekday" and (re.match(r"\s*\d", text[m.end() : m.end() + 3]) or _in_a_name(text, m)):
        return False
    if family == "deictic" and (
        _NOWADAYS_BEFORE.search(text, max(0, m.start() - _WINDOWS.name_before), m.start())
        or _DEICTIC_NAME.match(text, m.end())
    ):
        return False  # "would still be alive today": nowadays; "the Today programme": a name
    if (
        family in ("offset", "harm_anchored")
        and m.group("u")
        and m.group("dir").lower() in _WORDS.offset_relational
        and m.group("u").lower().rstrip("s") in _WORDS.event_lapse_units
    ):
        return False  # "died an hour after an ambulance was called": a lapse within the incident, not a date
    # "jailed for 18 months after being found guilty": a length of time, not a date
    return not (
        family == "offset"
        and m.group("n")
        and _DURATION_BEFORE.search(text, max(0, m.start() - _WINDOWS.duration_before), m.start())
    )


_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_NOWADAYS_BEFORE = re.compile(rf"\b{_alternation(_WORDS.nowadays_after)}\s+$", re.I)
_DEICTIC_NAME = re.compile(rf"\s+{_alternation(_WORDS.deictic_names)}\b", re.I)
_DURATION_BEFORE = re.compile(rf"\b{_alternation(_WORDS.duration_before)}\s+$", re.I)


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """Is the weekday ``m`` part of a name ("Sheffield Wednesday", "Good
    Friday", "Bloody Sunday"): right after a capitalised word that is not one
    of ``dates.weekday_words`` ("On Monday", "Last Friday", "By Tuesday")?"""
    if not text[m.start() : m.start() + 1].isupper() or m.group("rel"):
        return False
    before = _NAME_BEFORE.search(text, max(0, m.start() - _WINDOWS.name_before), m.start())
    return before is not None and before.group(1).lower() not in _WORDS.weekday_words


class MentionFinder:
    """Finds the date mentions of one document window by window (a sentence),
    lower-casing the document once."""

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        self.lowered = lower_same_length(text) if lowered is None else lowered

    def find(self, start: int = 0, end: int | None = None) -> list[DateMention]:
        """Every date expression in ``text[start:end]``, unresolved, leftmost-longest."""
        text, lowered = self.text, self.lowered
        end = len(text) if end is None else end
        window = lowered[start:end]
        # the accepted spans, disjoint and sorted by start (so their ends are sorted too)
        starts: list[int] = []
        ends: list[int] = []
        found: list[DateMention] = []
        bits = _window_bits(window)
        if not bits & _ANY_GATE:
            return found  # every gate closed (most windows)
        # families with the same precheck test it once (keyed by identity: a pattern's hash reads all its code)
        checked: dict[int, bool] = {}
        for entry, (literal_bits, spaced) in _families_for(_gates(text, window, start, end, bits)):
            if entry.literals is not None and not (bits & literal_bits or _holds_spaced(window, spaced)):
                continue
            if (precheck := entry.precheck) is not None:
                passed = checked.get(key := id(precheck))
                if passed is None:
                    passed = checked[key] = precheck.search(lowered, start, end) is not None
                if not passed:
                    continue
            family = entry.family
            for m in entry.pattern.finditer(lowered if entry.on_lowered else text, start, end):
                s, e = m.start(), m.end()
                while e > s and (text[e - 1] in " ,(" or (text[e - 1] == ")" and "(" not in text[s:e])):
                    e -= 1
                if family == "time" and text.startswith("at ", s):
                    s += 3  # "called at 12.35pm on Sunday": the expression is "12.35pm on Sunday" (a capital "At" opens it)
                if s == e:
                    continue
                at = bisect.bisect_left(starts, e)  # the spans starting before e; the last of them ends last
                if (at and ends[at - 1] > s) or not _accept(family, text, m):
                    continue
                starts.insert(at, s)
                ends.insert(at, e)
                relative = _BY_NAME[family].relative or (family == "holiday" and not m.group("y"))
                found.append(DateMention(s, e, text[s:e], family, relative=relative))
        if len(found) < 2:
            return found  # nothing to order or glue (most windows hold no date)
        found.sort(key=lambda d: d.start)
        return _glue_times(text, found)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, unresolved, leftmost-longest
    (to scan a document window by window, make one :class:`MentionFinder`)."""
    return MentionFinder(text).find(start, end)


def _glue_times(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Merge a time or weekday mention into an adjacent date mention."""
    out: list[DateMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        small = {"time", "weekday", "deictic"}
        pair = {prev.family, mention.family} if prev else set()
        time_day = pair in ({"time", "weekday"}, {"time", "deictic"})  # "12.35pm on Sunday", "at 9pm yesterday"
        if (
            prev
            and ((prev.family in small) != (mention.family in small) or time_day)
            and _GLUE.match(text[prev.end : mention.start])
        ):
            main = (
                (prev if prev.family != "time" else mention) if time_day else mention if prev.family in small else prev
            )
            start = prev.start
            if prev.family == "weekday" and main is mention and text[start : start + 3].lower() == "on ":
                start += 3  # "on Monday June 14": the expression is "Monday June 14", as a weekday's own date is
            end = mention.end
            if text[end : end + 1] == ")" and text.count("(", start, end) > text.count(")", start, end):
                end += 1  # "Tuesday (January 14)": the parenthesis it opened closes it
            out[-1] = _changed(main, start=start, end=end, text=text[start:end])
            continue
        out.append(mention)
    return _glue_named_days(text, out)


def _glue_named_days(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "today (Friday)", "yesterday, Monday": a deictic day and the weekday
    naming it are one mention, the deictic's (a weekday glued to a date of
    its own - "yesterday (Monday, July 11)" - is that date's, and stays)."""
    out: list[DateMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev
            and prev.family == "deictic"
            and mention.family == "weekday"
            and _NAMED_DAY_GAP.fullmatch(text, prev.end, mention.start)
        ):
            end = mention.end
            if text[end : end + 1] == ")" and text.count("(", prev.start, end) > text.count(")", prev.start, end):
                end += 1
            out[-1] = _changed(prev, end=end, text=text[prev.start : end])
            continue
        out.append(mention)
    return out


_NAMED_DAY_GAP = re.compile(r"\s*[,(]\s*")


# --------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class Context:
    """The document facts relative expressions are resolved against (never
    changed while resolving: what the text told so far is a :class:`Cursor`)."""

    published: dt.date | None = None
    year_hint: int | None = None  # e.g. from a /2020/06/ URL path when no date is printed
    month_hint: int | None = None  # the month of that URL stamp, when it has one (never the day)
    harm_date: str | None = None  # date of the document's first dated harm (known after typing)


@dataclass(frozen=True)
class Cursor:
    """Where the reading of a document stands when one mention is resolved:
    the dates told before it, and its tense."""

    last_full: DateMention | None = None  # latest mention that printed its year (for day-months on undated pages)
    future: bool = False  # the mention being resolved is told in the future tense ("will appear on 20 July")
    last_explicit: DateMention | None = None  # the date an offset is told from
    recent_full: DateMention | None = None  # the last date printed with its year before it (the narrative year)


def resolve(mention: DateMention, ctx: Context, text: str = "", cur: Cursor = Cursor()) -> DateMention:
    """Normalise one mention given the document's context and the cursor."""
    family = _BY_NAME[mention.family]
    match = family.pattern.fullmatch(mention.text) or family.pattern.search(mention.text)
    return family.resolver(match, mention, ctx, cur, text) if match else mention


def _absolute(value_precision: tuple[str | None, str], mention: DateMention) -> DateMention:
    value, precision = value_precision
    return _changed(mention, date=value, precision=precision, anchor="none")


def _r_range(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _changed(mention, date=m.group("y1"), date_end=m.group("y2"), precision="range")


def _r_dmy(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _absolute(_iso(_year(m), _month(m.group("m")), _day(m.group("d"))), mention)


def _r_numeric(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    if m.group("iy"):
        return _absolute(_iso(int(m.group("iy")), int(m.group("im")), int(m.group("id"))), mention)
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = (b, a) if b > 12 else (a, b)  # British order unless impossible
    return _absolute(_iso(y, month, day), mention)


def _r_part_year(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _absolute(_iso(_year(m)), mention)


def _r_month_year(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _absolute(_iso(_year(m), _month(m.group("m"))), mention)


def _publication(mention: DateMention, value: str | None, precision: str) -> DateMention:
    if value is None:
        return _changed(mention, precision="unknown", anchor="none")
    return _changed(mention, date=value, precision=precision, anchor="publication")


def _year_anchor(ctx: Context) -> int | None:
    return ctx.published.year if ctx.published else ctx.year_hint


def _r_month_rel_year(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    year = _year_anchor(ctx)
    if year is None:
        return _publication(mention, None, "unknown")
    year += _WORDS.relative_words[m.group("rel").lower()]
    day = m.group("d") or m.group("d2")  # "24 July last year", "October 16 last year": the day too
    return _publication(mention, *_iso(year, _month(m.group("m")), _day(day) if day else None))


def _day_month_year(month: int, day: int, ctx: Context, cur: Cursor) -> tuple[int | None, str]:
    """The year of a day-month printed without one, and what it came from:
    the publication date (the latest such day on or before it; the next one
    on or after it in the future tense), else the year of the nearest date
    told before it with its year, else a URL date stamp's year (and month)."""
    if ctx.published and (narrative := _narrative_year(ctx, cur)) is not None:
        return narrative, "explicit"
    if ctx.published:
        year, pub = ctx.published.year, (ctx.published.month, ctx.published.day)
        if cur.future:
            return (year + 1 if (month, day) < pub else year), "publication"
        return (year - 1 if (month, day) > pub else year), "publication"
    if cur.last_full is not None and cur.last_full.date and not (cur.future and _year_only(cur.last_full)):
        # the nearest full date before it, before a URL stamp (a year alone - "died in 2020" - is a
        # narrative's past, not the year of a day to come: "will appear in court on 23 March")
        return int(cur.last_full.date[:4]), "explicit"
    if ctx.year_hint is None:
        return None, "none"
    if ctx.month_hint is None:
        return ctx.year_hint, "publication"
    later = month > ctx.month_hint
    return ctx.year_hint + (
        1 if cur.future and month < ctx.month_hint else -1 if later and not cur.future else 0
    ), "publication"


def _year_only(mention: DateMention | None) -> bool:
    """Is ``mention`` a year told without a month ("in 2020"; ``dates.narrative_families``)?"""
    return mention is not None and mention.family in _WORDS.narrative_families


_WORDS_AFTER = re.compile(rf"(?:\W+[\w’'-]+){{0,{_WORDS.narrative_year_words_after}}}")
_CLAUSE_MARKS = ",;:.!?()\u2013\u2014\n"  # what closes the clause a year is told in (its event words lie within)


def _dates_an_event(text: str, mention: DateMention) -> bool:
    """Does the year told alone at ``mention`` date an event of the case ("Gemma died in 2020", "the
    2018 murder"), not a background fact ("The IOPC was created in 2018") nor a span's bound ("since
    2005", "covering 2017-18")?  Only then is it the narrative's year (``dates.narrative_year_events``,
    ``dates.narrative_year_spans``)."""
    if _WORDS.narrative_year_before.search(text, max(0, mention.start - 12), mention.start) or (
        _WORDS.narrative_year_after.match(text[mention.end : mention.end + 12])
    ):
        return False
    left = max((text.rfind(c, 0, mention.start) for c in _CLAUSE_MARKS), default=-1) + 1
    rights = [i for c in _CLAUSE_MARKS if (i := text.find(c, mention.end)) != -1]
    words = _WORDS_AFTER.match(text, mention.end)
    right = min(*rights, words.end() if words else mention.end, len(text))
    return _WORDS.narrative_year_events.search(text, left, right) is not None


def _proceedings_day(text: str, mention: DateMention) -> bool:
    """Is the day-month at ``mention`` a step of the proceedings - a hearing, a
    court, a plea or a sentence told in its sentence ("At the hearing on 6
    April", "was sentenced on 4 October")?  Such a day is the page's news,
    not a day of the narrative's earlier year (``dates.proceedings_day``)."""
    left = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start)) + 1
    stop = text.find(". ", mention.end, mention.end + _WORDS.proceedings_day_after)
    right = stop if stop != -1 else min(len(text), mention.end + _WORDS.proceedings_day_after)
    return _WORDS.proceedings_day.search(text, left, right) is not None


def _narrative_year(ctx: Context, cur: Cursor) -> int | None:
    """The year of a narrative told in an earlier year than the page's date:
    "A support agency called in October 2016. She had contact with police in
    October" — a day-month or month told after a date printed with an earlier
    year than publication's takes the year of the last such date, however far
    back (not in the future tense, nor apposed to "today"/"yesterday")."""
    full = cur.recent_full
    if cur.future or full is None or not full.date or ctx.published is None:
        return None
    year = int(full.date[:4])
    return year if year < ctx.published.year else None


def _weekday_year(year: int, month: int, day: int, weekday: str | None) -> int | None:
    """The year of a day-month told with its weekday ("Tuesday 13 November"):
    the year found by the usual rules, else the next or previous one, when
    only that one puts the day on that weekday; None when none of the three
    does (no weekday told: ``year``)."""
    if not weekday:
        return year
    target = WEEKDAYS[weekday.lower()]
    for candidate in (year, year + 1, year - 1):
        try:
            if dt.date(candidate, month, day).weekday() == target:
                return candidate
        except ValueError:
            continue
    return None


def _r_day_month(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    month, day = _month(m.group("m")), _day(m.group("d"))
    if m.start() and _BY_NAME["deictic"].pattern.search(mention.text, 0, m.start()):
        # "yesterday (1 March)": told from the page's date, not the narrative's (nor a year told alone)
        cur = replace(cur, recent_full=None, last_full=None if _year_only(cur.last_full) else cur.last_full)
    elif cur.recent_full is not None and _proceedings_day(text, mention):
        cur = replace(cur, recent_full=None)  # "At the hearing on 6 April": the page's news, not the narrative's
    year, anchor = _day_month_year(month, day, ctx, cur)
    if year is None:
        return _publication(mention, None, "unknown")
    weekday = m.groupdict().get("wd")
    matched = _weekday_year(year, month, day, weekday)
    if matched is None and anchor == "explicit" and ctx.published is not None:
        # "Friday, 8 December" after a narrative told in 2019, on a page of February 2024: no year
        # near the narrative's puts the day on a Friday, so the weekday tells the day is the page's
        # news (the latest such day by its date), not the narrative's
        by_page, _ = _day_month_year(month, day, ctx, replace(cur, recent_full=None, last_full=None))
        if by_page is not None and (matched := _weekday_year(by_page, month, day, weekday)) is not None:
            anchor = "publication"
    year = year if matched is None else matched
    value, precision = _iso(year, month, day)
    if value is None:
        return _publication(mention, None, "unknown")
    return _changed(mention, date=value, precision=precision, anchor=anchor)


def _r_day_range(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    """ "12 and 13 May 2022", "Thursday 3 and Friday 4 March": start and end."""
    month = _month(m.group("m"))
    first_month = _month(m.group("m1")) if m.group("m1") else month
    year: int | None
    if m.group("y"):
        year, anchor = _year(m), "none"
    else:
        year, anchor = _day_month_year(month, _day(m.group("d2")), ctx, cur)
        if year is None:
            return _publication(mention, None, "unknown")
    start, _ = _iso(year - (first_month > month), first_month, _day(m.group("d1")))
    end, precision = _iso(year, month, _day(m.group("d2")))
    if start is None or end is None or start > end:
        return _changed(mention, precision="unknown", anchor="none")
    return _changed(mention, date=start, date_end=end, precision=precision, anchor=anchor)


def _r_month_year_range(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    """ "between September 2016 and February 2017": start and end months."""
    start, _ = _iso(_year(m, "y1"), _month(m.group("m1")))
    end, precision = _iso(_year(m, "y2"), _month(m.group("m2")))
    if start is None or end is None or start > end:
        return _changed(mention, precision="unknown", anchor="none")
    return _changed(mention, date=start, date_end=end, precision=precision, anchor="none")


def _r_holiday(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    """ "Valentine's Day in 2022" (a day), "on Christmas Eve" (a day-month without its year)."""
    month, day = _WORDS.holidays[" ".join(m.group("h").lower().split())]
    if m.group("y"):
        return _absolute(_iso(_year(m), month, day), mention)
    year, anchor = _day_month_year(month, day, ctx, cur)
    if year is None:
        return _publication(mention, None, "unknown")
    value, precision = _iso(year, month, day)
    return _changed(mention, date=value, precision=precision, anchor=anchor)


def _r_month_range(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    """ "between June and August 2019": start and end months."""
    m1, m2, year = _month(m.group("m1")), _month(m.group("m2")), _year(m)
    start, _ = _iso(year - (m1 > m2), m1)
    end, precision = _iso(year, m2)
    return _changed(mention, date=start, date_end=end, precision=precision, anchor="none")


def _r_month(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    if ctx.published is None and ctx.year_hint is not None:
        month = _month(m.group("m"))
        year, _ = _day_month_year(month, 1, ctx, cur)
        return _publication(mention, *_iso(year, month)) if year is not None else _publication(mention, None, "unknown")
    if ctx.published is None:
        return _publication(mention, None, "unknown")
    if (narrative := _narrative_year(ctx, cur)) is not None:
        value, precision = _iso(narrative, _month(m.group("m")))
        return _changed(mention, date=value, precision=precision, anchor="explicit")
    month, year = _month(m.group("m")), ctx.published.year
    if cur.future:
        year += month < ctx.published.month  # "will begin in February": the next February
    elif month > ctx.published.month:
        year -= 1
    return _publication(mention, *_iso(year, month))


def _hint(ctx: Context) -> str | None:
    """The page's date as far as a URL stamp gives it (year, or year-month; never the day)."""
    if ctx.year_hint is None:
        return None
    return f"{ctx.year_hint:04d}" + (f"-{ctx.month_hint:02d}" if ctx.month_hint else "")


def _from_hint(mention: DateMention, ctx: Context, n: int = 0, unit: str = "day") -> DateMention:
    """A mention relative to publication on a page whose date only a URL
    stamp gives: shifted from the stamp, at most at the stamp's precision
    ("last year" → the year before; "last month" → the month before the
    stamp's); day-scale ones ("yesterday", "on Sunday") stay unresolved."""
    hint = _hint(ctx)
    calendar_unit = _unit_precision(unit)
    if hint is None or calendar_unit == "day":
        return _publication(mention, None, "unknown")  # a day-scale offset needs the day, which a stamp never gives
    if calendar_unit == "month" and ctx.month_hint is None:
        return _publication(mention, hint if n == 0 else None, "year" if n == 0 else "unknown")
    return _publication(mention, *_shift_value(hint, n, unit))


def _r_ago(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    n = _count(m.group("n"))
    if n is None:
        return _publication(mention, None, "unknown")
    unit = m.group("u")
    if ctx.published is None:
        return _from_hint(mention, ctx, -n, unit)
    return _publication(mention, *_shift_value(_truncate_date(ctx.published, unit), -n, unit))


def _truncate_date(day: dt.date, unit: str) -> str:
    """``day`` at the precision of ``unit`` (a day for days, weeks and fortnights)."""
    return truncate(day.isoformat(), _unit_precision(unit)) or day.isoformat()


def _r_rel_unit(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    unit = m.group("u").lower()
    n = _WORDS.relative_words[m.group("rel").lower()]
    if ctx.published is None:
        return _from_hint(mention, ctx, n, unit)
    value, precision = _shift_value(_truncate_date(ctx.published, unit), n, unit)
    if unit in _WORDS.month_precision_units and value is not None:
        value, precision = truncate(value, "month"), "month"  # "last week": the month it falls in
    return _publication(mention, value, precision)


def _r_deictic(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    if ctx.published is None:
        return _from_hint(mention, ctx)
    shift = _WORDS.deictic[" ".join(m.group("w").lower().split())]
    return _publication(mention, (ctx.published + dt.timedelta(days=shift)).isoformat(), "day")


def _r_weekday(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    if ctx.published is None:
        return _from_hint(mention, ctx)
    target = WEEKDAYS[m.group("wd").lower()]
    back = (ctx.published.weekday() - target) % 7
    if m.group("rel") and _WORDS.relative_words[m.group("rel").lower()] < 0 and back == 0:
        back = 7
    return _publication(mention, (ctx.published - dt.timedelta(days=back)).isoformat(), "day")


def _explicit(mention: DateMention, anchor: DateMention | None, precision_cap: str | None = None) -> DateMention:
    if anchor is None or not anchor.date or anchor.precision == "range":
        return _changed(mention, precision="unknown", anchor="none")
    value = anchor.date if precision_cap is None else truncate(anchor.date, precision_cap) or anchor.date
    return _changed(mention, date=value, precision=precision_of(value), anchor="explicit")


def _r_same_day(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    anchor = cur.last_explicit
    direction = m.groupdict().get("dir")
    if direction and anchor and anchor.date:
        unit = m.group("u").lower()
        unit = "day" if unit in _WORDS.parts_of_day else unit
        n = 1 if direction.lower() in _WORDS.next_words else -1
        value, precision = _shift_value(anchor.date, n, unit)
        return _changed(mention, date=value, precision=precision, anchor="explicit")
    return _explicit(mention, anchor)


def anchored_to_harm(mention: DateMention, text: str) -> bool:
    """Is ``mention`` an offset told from a harm ("a month before he killed",
    "the day before he died")?  Only these need the document's first harm date."""
    if mention.family == "harm_anchored":
        return True
    return mention.family == "offset" and _WORDS.harm_after.match(text[mention.end : mention.end + 40]) is not None


def _fatal(event: str) -> bool:
    """Is ``event`` (a verb or noun a date is told from) one whose date is the harm's (``dates.fatal_events``)?"""
    return " ".join(event.lower().split()) in _WORDS.fatal_events


def harm_anchored_event(mention_text: str) -> tuple[bool, bool] | None:
    """(shifted, fatal) of a date told from an event ("the day before he died":
    shifted; "on the day he died", "the morning of her death": not shifted,
    the day itself): None when ``mention_text`` is no such date, or a span of
    days ("in the days before his death")."""
    m = _BY_NAME["harm_anchored"].pattern.search(mention_text)
    if m is None:
        return None
    fatal = _fatal(m.group("ev") or m.group("evn") or "")
    if m.group("n"):
        return True, fatal
    if m.group("part").lower() not in _WORDS.parts_of_day:
        return None
    return (m.group("rel") or "").lower() in _WORDS.offset_relational, fatal


def _r_harm_anchored(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    """ "the morning of her death" → the first harm's date; "the day before he
    died" → a day earlier; "11 days after he was attacked" → 11 days later.
    Only a fatal or violent event is the harm whose date is known; "after she
    was reported missing", plural spans ("in the days before his death") and
    unknown counts stay unresolved."""
    event = m.group("ev") or m.group("evn") or ""
    fatal = _fatal(event)
    if m.group("n"):
        n = _count(m.group("n"))
        anchor = ctx.harm_date if fatal and ctx.harm_date else None
        if (
            anchor is None
            and fatal
            and cur.last_explicit
            and cur.last_explicit.date
            and cur.last_explicit.precision != "range"
        ):
            anchor = cur.last_explicit.date  # no dated harm: the date told nearby, as for any offset
        if n is None or anchor is None:
            return _changed(mention, precision="unknown", anchor="none")
        sign = -1 if m.group("dir").lower() in _WORDS.offset_back else 1
        value, precision = _shift_value(anchor, sign * n, m.group("u"))
        return _changed(mention, date=value, precision=precision, anchor="explicit")
    if not ctx.harm_date or not fatal:
        return _changed(mention, precision="unknown", anchor="none")
    part, rel = m.group("part").lower(), (m.group("rel") or "").lower()
    if part not in _WORDS.parts_of_day:
        return _changed(mention, precision="unknown", anchor="none")
    shift = (-1 if rel in _WORDS.offset_back else 1) if rel in _WORDS.offset_relational else 0
    if shift and precision_of(ctx.harm_date) != "day":
        return _changed(mention, precision="unknown", anchor="none")
    value = _add_days(ctx.harm_date, shift) if shift else ctx.harm_date
    return _changed(mention, date=value, precision=precision_of(value), anchor="explicit")


def _apposed(mention: DateMention, cur: Cursor, text: str, direction: str) -> bool:
    """Is ``mention`` an offset told from an event after it ("after", "before")
    and set right after the date it is counted from ("on 9 February, three days
    after the body was found", ``dates.apposed_offset``)?  Then it dates that
    event, counted from the date the other way."""
    anchor = cur.last_explicit
    return (
        direction.lower() in _WORDS.offset_relational
        and anchor is not None
        and anchor.end <= mention.start
        and _WORDS.apposed_offset.fullmatch(text, anchor.end, mention.start) is not None
    )


def _r_offset(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    result = _offset_value(m, mention, ctx, cur, text)
    if result.date or not m.group("dir") or m.group("dir").lower() not in _WORDS.event_offsets:
        return result
    if anchored_to_harm(mention, text):
        return result  # (resolved again once the harm is typed, from the mention as found)
    event = _WORDS.offset_event.match(text, mention.end)
    if event is None:
        return result
    # "a week after the crash", "17 days before the deadline": an offset from an event no date
    # tells is that whole expression
    return _changed(result, text=text[mention.start : event.end()], end=event.end())


def _offset_value(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    if not m.group("n"):
        return _changed(mention, precision="unknown", anchor="none")  # "months later": no count, no date
    n = _count(m.group("n"))
    from_harm = bool(ctx.harm_date) and anchored_to_harm(mention, text)
    if from_harm and ctx.harm_date and m.group("dir").lower() in _WORDS.offset_relative:
        # "Five months later she was dead": the harm is what happened at the offset, its date the offset's
        value, precision = _shift_value(ctx.harm_date, 0, m.group("u"))
        return _changed(mention, date=value, precision=precision, anchor="explicit")
    anchor_value = ctx.harm_date if from_harm else None
    if anchor_value is None and cur.last_explicit and cur.last_explicit.date and cur.last_explicit.precision != "range":
        anchor_value = cur.last_explicit.date
    if anchor_value is None or n is None:
        return _changed(mention, precision="unknown", anchor="none")
    sign = -1 if m.group("dir").lower() in _WORDS.offset_back else 1
    if anchor_value is not ctx.harm_date and _apposed(mention, cur, text, m.group("dir")):
        sign = -sign  # "died on 19 July, nine days after the restraint": the restraint, nine days before
    value, precision = _shift_value(anchor_value, sign * n, m.group("u"))
    if sign > 0 and not cur.future and ctx.published and value and first_day(value) > ctx.published:
        # "dismissed more than four years after the complaint", "died a week after the crash",
        # anchored on a date told before it, lands after the page's date: the offset is from another event
        return _changed(mention, precision="unknown", anchor="none")
    return _changed(mention, date=value, precision=precision, anchor="explicit")


def _r_time(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _explicit(mention, cur.last_explicit)


def _r_prior_to(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _changed(mention, precision="unknown", anchor="none")


def _r_year(m: re.Match[str], mention: DateMention, ctx: Context, cur: Cursor, text: str) -> DateMention:
    return _absolute(_iso(_year(m)), mention)


Resolver = Callable[[re.Match[str], DateMention, Context, Cursor, str], DateMention]


@dataclass(frozen=True)
class Family:
    """One family of date expressions: how it is found and resolved, and what
    its mentions are to the mentions around them."""

    name: str
    pattern: re.Pattern[str]  # the expression (case-insensitive); a mention's own text is re-matched to resolve it
    resolver: Resolver
    gate: str  # the cheap test a window must pass first (see ``_gates``)
    precheck: str | None = None  # a necessary condition on the lower-cased window (a speed-up only)
    relative: bool = False  # needs an anchor: the publication date, a date told before it, the harm
    anchoring: bool = False  # resolves to a date that later offsets and times are told from
    future: bool = False  # a day-month or month without year, resolved forward in the future tense
    full: bool = False  # prints its year (a day-month on an undated page takes the year of the latest one)
    find: _FamilyFind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "find", _family_find(self.name, self.pattern, self.gate, self.precheck))


def _family(name: str, pattern: re.Pattern[str], spec: dict[str, Any]) -> Family:
    return Family(name, pattern, precheck=_WORDS.prechecks.get(name), **spec)


# Necessary conditions (``precheck``, ``dates.prechecks`` in rules/events.yaml) are given for the
# families with no literal prefix that run on many windows and rarely match.
_SPECS: dict[str, dict[str, Any]] = {
    "range": dict(resolver=_r_range, gate="digit"),
    "day_range": dict(
        resolver=_r_day_range,
        gate="digit",
        anchoring=True,
        future=True,
    ),
    "month_range": dict(
        resolver=_r_month_range,
        gate="digit_month",
        anchoring=True,
        full=True,
    ),
    "month_year_range": dict(resolver=_r_month_year_range, gate="digit", anchoring=True, full=True),
    "holiday": dict(resolver=_r_holiday, gate="holiday", anchoring=True, future=True),  # relative without its year
    "day_month_year": dict(
        resolver=_r_dmy,
        gate="digit",
        anchoring=True,
        full=True,
    ),
    "month_day_year": dict(resolver=_r_dmy, gate="digit", anchoring=True, full=True),
    "numeric": dict(resolver=_r_numeric, gate="digit", anchoring=True, full=True),
    "part_year": dict(resolver=_r_part_year, gate="digit"),
    "month_year": dict(
        resolver=_r_month_year,
        gate="digit",
        anchoring=True,
        full=True,
    ),
    "month_rel_year": dict(resolver=_r_month_rel_year, gate="unit", relative=True),
    "weekday_day_month": dict(resolver=_r_day_month, gate="digit", relative=True, anchoring=True, future=True),
    "month_day": dict(resolver=_r_day_month, gate="digit_month", relative=True, anchoring=True, future=True),
    "harm_anchored": dict(
        resolver=_r_harm_anchored,
        gate="anchor",
        relative=True,
    ),
    "ago": dict(resolver=_r_ago, gate="unit", relative=True),
    "offset": dict(resolver=_r_offset, gate="unit", relative=True),
    "part_month": dict(
        resolver=_r_month,
        gate="month",
        relative=True,
        future=True,
    ),
    "span": dict(resolver=_r_prior_to, gate="span", relative=True),
    "rel_unit": dict(resolver=_r_rel_unit, gate="unit", relative=True),
    "same_day": dict(resolver=_r_same_day, gate="unit", relative=True),
    "deictic": dict(resolver=_r_deictic, gate="unit", relative=True),
    "weekday": dict(resolver=_r_weekday, gate="unit", relative=True),
    "month": dict(
        resolver=_r_month,
        gate="month",
        relative=True,
        future=True,
    ),
    "year": dict(resolver=_r_year, gate="digit"),
    "time": dict(resolver=_r_time, gate="digit", relative=True),
    "prior_to": dict(resolver=_r_prior_to, gate="date", relative=True),
}
# Every family, in the order in which it wins overlaps with a later one.
FAMILIES: tuple[Family, ...] = tuple(_family(name, pattern, _SPECS[name]) for name, pattern in _PATTERN_TABLE)
if set(_WORDS.prechecks) - set(_SPECS):
    raise RulesError(
        f"rules/events.yaml, key dates.prechecks: no such family {sorted(set(_WORDS.prechecks) - set(_SPECS))}"
    )
_BY_NAME = {family.name: family for family in FAMILIES}
del _SPECS


# Which literals a window holds (the gates' words and each family's required literals), read
# from its whitespace-separated tokens: a literal without whitespace lies inside one token, so
# a window holds it exactly when one of its tokens does.  Each distinct token's literals are
# worked out once (a bit per literal, and one for a digit) and kept, so a window costs one
# split and a set difference, not a substring test per word; literals holding whitespace
# ("on the", "prior to") are tested on the window itself.
def _token_test(words: Iterable[str] | None) -> tuple[int, tuple[str, ...]]:
    """(bits of the words without whitespace, the words with it)."""
    words = tuple(sorted(words or ()))
    bits = 0
    for word in words:
        bits |= _LITERAL_BIT.get(word, 0)
    return bits, tuple(w for w in words if w not in _LITERAL_BIT)


_MONTH_STARTS = tuple(m.lower() for m in _CAP_MONTH_START.pattern[3:-1].split("|"))  # the capitals' lower case
_LITERAL_BIT = {
    word: 1 << k
    for k, word in enumerate(
        sorted(
            w
            for w in {
                *_UNIT_TESTS,
                *_HOLIDAY_TESTS,
                *_ANCHOR_TESTS,
                *_SPAN_WORDS,
                "date",
                *_MONTH_STARTS,
                *(w for family in FAMILIES for w in family.find.literals or ()),
            }
            if len(w) > 1 and not any(c.isspace() for c in w)  # (one letter: in most tokens)
        )
    )
}
_DIGIT_BIT = 1 << len(_LITERAL_BIT)
_UNIT_TEST = _token_test(_UNIT_TESTS)
_HOLIDAY_TEST = _token_test(_HOLIDAY_TESTS)
_ANCHOR_TEST = _token_test(_ANCHOR_TESTS)
_SPAN_TEST = _token_test(_SPAN_WORDS)
_DATE_TEST = _token_test(("date",))
_MONTH_BITS = _token_test(_MONTH_STARTS)[0]
# a window holding none of these has every gate closed: no family can match in it
_ANY_GATE = _DIGIT_BIT | _UNIT_TEST[0] | _HOLIDAY_TEST[0] | _DATE_TEST[0] | _MONTH_BITS
if _UNIT_TEST[1] or _HOLIDAY_TEST[1] or _DATE_TEST[1]:  # (the early exit assumes these are single words)
    raise RulesError("rules/events.yaml, keys dates.unit_gate and dates.holidays: one word each")
_FAMILY_TESTS = {family.name: _token_test(family.find.literals) for family in FAMILIES}
_TOKEN_BITS: dict[str, int] = {}  # the literal bits of each token seen that holds one
_NO_BITS: set[str] = set()  # the tokens seen that hold none
_TOKENS_KEPT = 60_000  # both are emptied when they reach this many tokens (memory stays bounded)


def _token_bits(token: str) -> int:
    """The literal bits of ``token`` (one without whitespace), kept for the next time."""
    if len(_TOKEN_BITS) + len(_NO_BITS) >= _TOKENS_KEPT:
        _TOKEN_BITS.clear()
        _NO_BITS.clear()
    bits = _DIGIT_BIT if _DIGIT.search(token) else 0
    for word, bit in _LITERAL_BIT.items():
        if word in token:
            bits |= bit
    if bits:
        _TOKEN_BITS[token] = bits
    else:
        _NO_BITS.add(token)
    return bits


def _window_bits(window: str) -> int:
    """The literal bits of ``window`` (lower-cased): the union of its tokens'.
    (The digit bit is read on the lower-cased text: lower-casing neither makes
    nor unmakes a digit, see tests/test_dates.py.)"""
    words = window.split()
    if _NO_BITS.issuperset(words):
        return 0  # (most windows: no set to build)
    tokens = set(words).difference(_NO_BITS)  # (the hashes are kept; difference_update would walk all of _NO_BITS)
    bits = 0
    for token in tokens:
        known = _TOKEN_BITS.get(token)
        bits |= _token_bits(token) if known is None else known
    return bits


def _future_tense() -> re.Pattern[str]:
    """The future-tense cues (``future_tense`` in rules/events.yaml)."""
    return events_rules.load().future_tense


def _is_future(text: str, start: int) -> bool:
    """Is the mention at ``start`` told in the future tense ("will attend court
    on 20 July", "is due to be sentenced on 3 May")?  Only the words since the
    last sentence or clause stop, at most 80 characters back, count."""
    window = text[max(0, start - _WINDOWS.future_tense) : start]
    cut = max(window.rfind(c) for c in ".;!?")
    return _future_tense().search(window[cut + 1 :]) is not None


def _is_flashback(text: str, start: int) -> bool:
    """Is the mention at ``start`` told in the pluperfect, back from the
    narrative's day ("They said they had last seen the man on 27 March")?
    Only the words since the last sentence or clause stop, at most
    ``dates.windows.future_tense`` characters back, count (``dates.flashback``)."""
    window = text[max(0, start - _WINDOWS.future_tense) : start]
    if "had" not in window:
        return False  # (most windows: no pluperfect to look for)
    cut = max(window.rfind(c) for c in ".;!?,")
    return _WORDS.flashback.search(window[cut + 1 :]) is not None


def _is_plan(text: str, start: int) -> bool:
    """Is the mention at ``start`` told as a plan or expectation in the past
    ("arranged to visit her the next day", "would be on duty the next day")?
    Only the words since the last sentence or clause stop, at most
    ``dates.windows.future_tense`` characters back, count (``dates.plan``)."""
    window = text[max(0, start - _WINDOWS.future_tense) : start]
    cut = max(window.rfind(c) for c in ".;!?,")
    return _WORDS.plan.search(window, cut + 1) is not None


def _hour(mention: DateMention) -> int | None:
    """The hour (0-23) of a time-of-day mention."""
    m = _BY_NAME["time"].pattern.search(mention.text)
    if not m:
        return None
    if m.group("h24"):
        return int(m.group("h24"))
    hour = int(m.group("h")) % 12
    return hour + 12 if m.group("ap").lower().startswith("p") else hour


def clock_minutes(text: str) -> int | None:
    """Minutes after midnight of the first time of day told in ``text`` ("at
    7.14am", "about 9.20am on 16 December", "at 17:19"), or None."""
    m = _BY_NAME["time"].pattern.search(text)
    if not m:
        return None
    if m.group("h24"):
        return int(m.group("h24")) * 60 + int(m.group("mi24"))
    hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
    return hour * 60 + int(m.group("mi") or 0)


class _NextAnchor:
    """The first mention after a given one in a sentence that resolves to an
    anchoring date, found in one forward scan per sentence and tense.

    While no anchoring date has resolved in a sentence, the cursor an
    anchoring mention is resolved with stays what it was at the sentence's
    start except for ``future`` (``last_full`` and ``recent_full`` change
    only when an anchoring mention resolves to a date, and the anchoring
    resolvers read neither ``last_explicit`` nor ``harm_date``), so each
    mention is resolved at most once per tense, and queries for ever later
    positions continue the scan: linear in the mentions of the sentence."""

    def __init__(self, mentions: list[DateMention], ctx: Context, text: str) -> None:
        self.mentions, self.ctx, self.text = mentions, ctx, text
        self.scanned = 0  # mentions before this index have been examined
        self.hit: int | None = None  # the index of the last anchoring date found
        self.found: DateMention | None = None

    def after(self, i: int, cur: Cursor) -> DateMention | None:
        """The first mention after index ``i`` that resolves to an anchoring date."""
        if self.hit is not None and self.hit > i:
            return self.found
        for k in range(max(i + 1, self.scanned), len(self.mentions)):
            self.scanned = k + 1
            if _BY_NAME[self.mentions[k].family].anchoring:
                result = resolve(self.mentions[k], self.ctx, self.text, cur)
                if result.date:
                    self.hit, self.found = k, result
                    return result
        self.scanned, self.hit, self.found = len(self.mentions), None, None
        return None


def _goes_on(mention: DateMention) -> bool:
    """Is ``mention`` told on from the narrative's last date ("the same day",
    "later that evening", "the next day", "Four hours later"), not from an
    event named after it ("Seven weeks before the mother-of-three died":
    ``dates.offset_relational`` words are told from what follows them)?"""
    if mention.family == "same_day":
        return True
    if mention.family != "offset":
        return False
    m = _BY_NAME["offset"].pattern.search(mention.text)
    direction = (m.group("dir") or m.group("dir2")) if m else None
    return direction is not None and direction.lower() in _WORDS.offset_relative


def _opens_sentence(text: str, start: int) -> bool:
    """Does the mention at ``start`` open its sentence ("Four hours later, the
    sergeant returned"): the frame a narrative moves on by, not a reference
    inside a clause ("an attempted crime that night")?"""
    before = text[max(0, start - _WINDOWS.name_before) : start].rstrip(" \t")
    if not before or before.endswith("\n"):
        return True  # (a line's start)
    before = before.rstrip()
    return before[-1] in _WORDS.sentence_ends


def _is_full(mention: DateMention) -> bool:
    """Does ``mention`` print its year (a full date, or a holiday with its year)?"""
    return (_BY_NAME[mention.family].full or (mention.family == "holiday" and not mention.relative)) and bool(
        mention.date
    )


def _chronology_moves_on(recent: DateMention | None, day: DateMention | None, ctx: Context) -> bool:
    """Does the day ``day`` (told before, of a narrative year before publication) continue
    the chronology past ``recent``, a coarser full date told back from it?"""
    return (
        recent is not None
        and day is not None
        and recent.precision != "day"
        and ctx.published is not None
        and bool(recent.date)
        and bool(day.date)
        and int(str(day.date)[:4]) < ctx.published.year  # a narrative's day, not the page's stamp
        and first_day(str(day.date)) > first_day(str(recent.date))
    )


def resolve_all(text: str, sentence_mentions: list[list[DateMention]], ctx: Context) -> list[list[DateMention]]:
    """Resolve mentions sentence by sentence (see :func:`resolve_with_cursors`)."""
    return resolve_with_cursors(text, sentence_mentions, ctx)[0]


def resolve_with_cursors(
    text: str, sentence_mentions: list[list[DateMention]], ctx: Context, paragraphs: list[int] | None = None
) -> tuple[list[list[DateMention]], list[list[Cursor]]]:
    """Resolve mentions sentence by sentence; also the cursor each was
    resolved with, so that a mention can be resolved again against a context
    learnt later (an offset told from the harm, once the harm is typed).

    An offset ("a month later", "later that day") is anchored to the nearest
    explicit date before it in the same sentence, else the first one after it
    in the same sentence, else the last one of the previous sentence.  A time
    of day takes the day the text last established, at that precision; a
    time earlier than the one before it on that day, told after an evening
    time, is past midnight (the next day).  A day-month without a year takes
    the year of the latest date printed with one when the page has no
    publication date, and is resolved forward in the future tense.

    Linear in the mentions of a sentence: the first anchoring date after a
    mention is found by one forward scan per sentence and tense
    (:class:`_NextAnchor`), never by re-resolving the rest of the sentence.
    """
    out: list[list[DateMention]] = []
    cursors: list[list[Cursor]] = []
    previous_sentence: DateMention | None = None
    established: DateMention | None = None
    last_hour: int | None = None
    rolled = 0
    last_full_told: DateMention | None = None  # the last full date of the text so far
    last_day_told: DateMention | None = None  # the last full date told to the day
    full_before: DateMention | None = None  # the last full date of the earlier sentences
    anchors_before: list[DateMention | None] = []  # the last explicit date of each earlier sentence
    paragraph_anchor: DateMention | None = None  # the last date the current paragraph's narrative told
    narrative_anchor: DateMention | None = None  # the last date the narrative told (not as a flashback)

    window = _WORDS.offset_sentences

    def told_before(k: int) -> DateMention | None:
        """What an offset of sentence ``k`` with no date of its own goes on from."""
        for a in anchors_before[-1 : -window - 1 : -1]:
            if a is not None:
                return a
        if (
            paragraph_anchor is not None
            and paragraphs is not None
            and k < len(paragraphs)
            and paragraphs[k] == paragraphs[k - 1]
        ):
            return paragraph_anchor  # "On 18 April … [two sentences] … the following morning": the paragraph's day
        return None

    for k, mentions in enumerate(sentence_mentions):
        if paragraphs is not None and k and paragraphs[k] != paragraphs[k - 1]:
            paragraph_anchor = None
        if not mentions:  # a sentence without dates only moves the window of the sentences before
            out.append([])
            cursors.append([])
            anchors_before.append(None)
            if previous_sentence is not None or paragraph_anchor is not None:  # (else it stays None)
                previous_sentence = told_before(k + 1)
            continue
        resolved: list[DateMention] = []
        used: list[Cursor] = []
        recent_full = full_before
        if _chronology_moves_on(recent_full, last_day_told, ctx):
            # "On 28 June 2019 … a robbery committed in November 2018. On 30 June …": a chronology
            # told by days moves forward; a coarser date told back from it is an aside
            recent_full = last_day_told
        last_anchor: DateMention | None = None  # the last anchoring date resolved in this sentence
        anchors_here: list[DateMention] = []  # every anchoring date resolved in this sentence
        last_full: DateMention | None = None  # the last full date resolved in this sentence
        ahead: dict[bool, tuple[_NextAnchor, Cursor]] = {}  # per tense: what the mentions after one resolve to
        for i, mention in enumerate(mentions):
            future = _BY_NAME[mention.family].future and _is_future(text, mention.start)
            told_ahead = False  # is this mention told from a date after it ("A week later, on 3 May …")?
            if mention.family == "time":
                last_explicit = established
            elif last_anchor is not None:
                last_explicit = last_anchor
            else:
                # (while no anchoring date has resolved in the sentence, the cursor of the scan does not change)
                scan, scan_cursor = ahead.get(future) or ahead.setdefault(
                    future, (_NextAnchor(mentions, ctx, text), Cursor(last_full_told, future, None, recent_full))
                )
                later = scan.after(i, scan_cursor)
                if later is not None and _WORDS.appositive.fullmatch(text, mention.end, later.start):
                    # "two months later, on 20 June 2023": the date after is the offset's own, not its anchor
                    later = None
                last_explicit = later if later is not None else previous_sentence
                if (
                    last_explicit is None
                    and _goes_on(mention)
                    and (
                        _opens_sentence(text, mention.start)
                        or (
                            mention.family == "offset"
                            and narrative_anchor is not None
                            and narrative_anchor.precision == "day"
                        )
                    )
                ):
                    last_explicit = narrative_anchor  # "At 2.20pm the same day", a paragraph on
                told_ahead = later is not None
            cur = Cursor(last_full_told, future, last_explicit, recent_full)
            result = resolve(mention, ctx, text, cur)
            if mention.family == "time" and result.date and result.precision == "day":
                hour = _hour(mention)
                if (
                    hour is not None
                    and last_hour is not None
                    and last_hour >= _WORDS.evening_from
                    and hour < _WORDS.morning_before
                    and hour < last_hour
                ):
                    rolled += 1
                if rolled:
                    result = _changed(result, date=_add_days(result.date, rolled))
                last_hour = hour if hour is not None else last_hour
            resolved.append(result)
            used.append(cur)
            if _BY_NAME[result.family].anchoring and result.date:
                established, last_hour, rolled = result, None, 0
                last_anchor = result
                anchors_here.append(result)
            elif (
                result.family in _WORDS.offset_anchors
                and result.date
                and result.precision != "range"
                and not told_ahead
            ):
                # "During 2007 … The following year", "Eight days later … the following day": an offset
                # goes on from the date told last, whether a year, a month or another offset's day
                last_anchor = result
                anchors_here.append(result)
            if _is_full(result):
                last_full_told = recent_full = last_full = result
                if result.precision == "day":
                    last_day_told = result
            elif _year_only(result) and result.date and _dates_an_event(text, result):
                last_full_told = recent_full = last_full = result  # "died in 2020 … on 19 June": that year
        out.append(resolved)
        cursors.append(used)
        # what the next sentences go on from: the last date of this one not told as a flashback
        anchors_before.append(
            next(
                (a for a in reversed(anchors_here) if not _is_flashback(text, a.start) and not _is_plan(text, a.start)),
                None,
            )
        )
        paragraph_anchor = anchors_before[-1] or paragraph_anchor
        if anchors_before[-1] is not None:
            narrative_anchor = anchors_before[-1]
        elif any(not r.date for r in resolved):
            narrative_anchor = None  # "On his bail-to-return date … The next day": told on from a day not known
        full_before = last_full or full_before
        # "Officers arrested him. He was released on bail the next day.": the
        # day last told within `dates.offset_sentences` sentences anchors an offset
        # (or, further back, the day last told in the same paragraph)
        previous_sentence = told_before(k + 1)
    return out, cursors
