"""Segmentation: lines, paragraphs and sentences, all as character offsets.

Nothing here copies or alters text: every unit is a ``(start, end)`` span into
the document text, so evidence can always be sliced back out of it.  Sentence
splitting is a regular expression with an abbreviation list, both in
``rules/text.yaml`` — fast (thousands of documents a second) and good enough
on edited news prose.

Also the pattern helpers every rule-based extractor shares, all of them exact
(the same matches as the plain regex, only faster): :func:`lowered_pattern`
(case-insensitive cues matched on lower-cased text), :class:`WordPattern`
(patterns with a leading ``\\b``) and :class:`Cues` (cue lists skipped on text
that lacks the literals every match needs, read from the pattern by Python's
own regex parser, ``re._parser``, as in CPython 3.11–3.13).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from . import regex_start
from .rules import text as text_rules

_WORD_BEFORE = re.compile(r"(\S+)$")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# The characters str.splitlines() ends a line at.
LINE_ENDS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"


def lines(text: str) -> Iterator[Span]:
    """Every line of ``text`` as a span without its line ending."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip(LINE_ENDS)
        yield Span(pos, pos + len(stripped))
        pos += len(line)


def strip_span(text: str, span: Span) -> Span:
    """``span`` without leading and trailing whitespace."""
    chunk = text[span.start : span.end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    return Span(span.start + left, span.start + max(left, right))


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 60), dot)  # a window: never rescan the text
    if not match:
        return False
    word = match.group(1).lower().lstrip("(\"'“‘")
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def sentences(text: str, span: Span) -> list[Span]:
    """Split the paragraph ``span`` of ``text`` into sentence spans, at the
    ``sentence_end`` pattern of ``rules/text.yaml`` unless the full stop ends
    one of its ``abbreviations`` or an initial."""
    rules = text_rules.load()
    out: list[Span] = []
    start = span.start
    chunk_end = span.end
    for match in rules.sentence_end.finditer(text, span.start, chunk_end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start(), rules.abbreviations):
            continue
        end = match.end()
        if end - start > 1:
            out.append(strip_span(text, Span(start, end)))
        start = end
    if start < chunk_end:
        tail = strip_span(text, Span(start, chunk_end))
        if tail.end > tail.start:
            out.append(tail)
    return [s for s in out if s.end > s.start]


def words(text: str) -> list[str]:
    """Word tokens of ``text``."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """How many :func:`words` ``text`` has, counted without making them.

    The same number as ``len(words(text))``: a word is a run of word
    characters and single apostrophes (``'``, ``’``) between them.  Unless
    some character outside ASCII is a word character (then the regex counts),
    the text is mapped byte by byte to ``a`` (a word character), ``'`` and a
    space (anything else; every character outside ASCII but ``’``), the
    apostrophes not between two ``a`` become spaces, and the words are the
    ``a`` that open the text or follow a space."""
    data = text.encode("utf-8", "surrogatepass")
    if not data.isascii():
        if _WORD_CHAR.search(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            return len(_WORD.findall(text))
        data = text.replace("’", "'").encode("ascii", "replace")
    data = data.translate(_WORD_BYTES)
    if b"'" in data:
        data = _LOOSE_APOSTROPHE.sub(b" ", data)
    return data.count(b" a") + data.startswith(b"a")


_WORD_CHAR = re.compile(r"\w")
_ASCII = bytes(range(128))
# an ASCII text's bytes as count_words reads them: word characters a, apostrophes ', the rest a space
_WORD_BYTES = bytes(
    ord("a") if b < 128 and (chr(b).isalnum() or chr(b) == "_") else ord("'") if chr(b) == "'" else ord(" ")
    for b in range(256)
)
_LOOSE_APOSTROPHE = re.compile(rb"'(?:(?<!a')|(?!a))")  # one not between two word characters


_KEEP_CASE = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")  # escapes and group names keep their case
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)" opening a pattern: valid at its start only


# Bytes of a sentence digest (:func:`sentence_digest`): 64 bits, so a collision
# among a million distinct sentences has odds of about 1 in 36 million.
DIGEST_BYTES = 8


def sentence_digest(text: str, min_words: int = 1) -> bytes | None:
    """The sentence's fingerprint for finding template text across a corpus:
    blake2b of the text case-folded with its whitespace collapsed (so the
    same sentence laid out or capitalised differently has one digest);
    ``None`` when it has fewer than ``min_words`` words."""
    parts = text.casefold().split()
    if len(parts) < min_words:
        return None
    return hashlib.blake2b(" ".join(parts).encode("utf-8"), digest_size=DIGEST_BYTES).digest()


def lowered_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled to match lower-cased text: the same matches as
    ``re.I`` on the original text for patterns without inline case switches,
    and several times faster on long alternations.  Escapes (``\\S``) and
    group names keep their case.  An inline ``(?-i:`` would be wrong on
    lower-cased text, so it is refused."""
    if "(?-i" in pattern:
        raise ValueError(f"a pattern matched on lower-cased text cannot switch case back on: {pattern!r}")
    return re.compile(_KEEP_CASE.sub(lambda m: m.group() if len(m.group()) > 1 else m.group().lower(), pattern), flags)


def lower_same_length(text: str) -> str:
    """``text`` lower-cased without moving any offset (a character whose lower
    case is longer, such as "İ", is kept as it is)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def top_level_split(pattern: str) -> list[tuple[int, str]]:
    """(offset, character) of each "|" and unbalanced ")" of ``pattern`` at
    depth 0 (outside groups, classes and escapes)."""
    found, depth, in_class, escaped = [], 0, False, False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                found.append((k, ch))
            depth -= 1
        elif ch == "|" and depth == 0:
            found.append((k, ch))
    return found


_REPEAT_NEXT = ("?", "*", "+", "{")
# what a tail copied into several alternatives may not hold: a group that captures (its number
# would change), a back-reference or a conditional (the group it names may sit in another alternative)
_NOT_COPIED = re.compile(r"\((?!\?(?::|=|!|<=|<!))|\\[1-9]|\(\?P=|\(\?\(")


def letter_led(pattern: str, limit: int = 256) -> str | None:
    """``pattern``, an alternation of alternatives opening at a word start
    ("\\b" or "(?<!\\w)") with a letter, or a group of such alternatives
    ("\\b(?:a|b)c", "(?:\\ba|\\bb)"), as alternatives each opening with its letter:
    "a(?<!\\wa)…|b(?<!\\wb)…" — the same matches, tried in the same order (a
    group followed by a tail is its alternatives each followed by the tail;
    a word start before a letter is no word character before it), but the
    engine skips to those letters instead of trying the pattern at every
    position.  None for any other shape, or above ``limit`` alternatives."""
    alternatives = top_level_alternatives(pattern)
    if alternatives is None:
        return None
    out: list[str] = []
    todo = alternatives[::-1]
    while todo:
        alt = todo.pop()
        prefix = next((p for p in (r"\b", r"(?<!\w)") if alt.startswith(p)), "")
        rest = alt[len(prefix) :]
        first = rest[:1]
        if prefix and first.isascii() and first.isalpha() and rest[1:2] not in _REPEAT_NEXT:
            out.append(f"{first}(?<!\\w{first}){rest[1:]}")
        elif rest.startswith("(?:"):
            closes = [k for k, ch in top_level_split(rest[3:]) if ch == ")"]
            if not closes:
                return None
            body, tail = rest[3 : closes[0] + 3], rest[closes[0] + 4 :]
            subs = top_level_alternatives(body)
            if subs is None or tail[:1] in _REPEAT_NEXT or top_level_split(tail) or _NOT_COPIED.search(tail):
                return None
            todo += [prefix + sub + tail for sub in reversed(subs)]
        else:
            return None
        if len(out) + len(todo) > limit:
            return None
    return "|".join(out)


def top_level_alternatives(pattern: str) -> list[str] | None:
    """The top-level alternatives of ``pattern`` (None: an unbalanced ")")."""
    cuts = top_level_split(pattern)
    if any(ch == ")" for _, ch in cuts):
        return None
    edges = [k for k, _ in cuts]
    return [pattern[a + 1 : b] for a, b in zip([-1, *edges], [*edges, len(pattern)], strict=True)]


class WordPattern:
    """A regex that starts with ``\\b``, searched without paying for the ``\\b``.

    CPython's engine jumps straight to a pattern's literal prefix (or its set
    of possible first characters) unless the pattern starts with an assertion
    such as ``\\b``; then it tries the whole pattern at every position, 20–50
    times slower on a page.  This searches for the pattern without its leading
    ``\\b`` and confirms each candidate with the full pattern at that position:
    the same matches in the same order, for patterns that never match the
    empty string."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = re.compile(pattern, flags)
        self._loose = re.compile(pattern.removeprefix(r"\b"), flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        while candidate := self._loose.search(text, pos):
            if match := self.pattern.match(text, candidate.start()):
                return match
            pos = candidate.start() + 1
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while match := self.search(text, pos):
            yield match
            pos = max(match.end(), pos + 1)


class Cues:
    """A list of cue regexes matched on lower-cased text, with a literal pre-filter.

    CPython's regex engine tries every alternative of a cue list at every word
    start, so a sentence that cannot match costs as much as one that does.
    Every match of a cue contains one of its *required literals*, worked out
    from the parsed pattern (``no case to answer`` for ``\\bno case to
    answer\\b``, ``{dismissed, not upheld}`` for an alternation); a plain
    substring test for them rules most text out before any regex runs.  The
    filter only skips text that cannot match, so the matches are exactly the
    regexes' own."""

    def __init__(self, patterns: Iterable[str], flags: int = 0):
        patterns = list(patterns)
        self.patterns = [lowered_pattern(p, flags) for p in patterns]
        self._source, self._flags = patterns, flags
        if any("(?P<" in p or _GLOBAL_FLAGS.match(p) for p in patterns):
            self.any  # noqa: B018  (compiled now: only a group name or a global flag can fail in the alternation)
        self._needed = [required_literals(p.pattern, flags) for p in self.patterns]
        self.literals = None if None in self._needed else frozenset[str]().union(*filter(None, self._needed))

    @cached_property
    def any(self) -> re.Pattern[str]:
        """Every cue as one alternation (:meth:`search`), compiled when first
        used: most cue lists are matched cue by cue (:meth:`matches`) and never
        need it.  (Each cue compiles on its own, so the alternation can fail
        only on a group name two cues share or a global inline flag, which is
        not at its start; such lists compile it at once.)"""
        alternation = "|".join(f"(?:{p})" for p in self._source)
        if not self._flags & re.VERBOSE and not any(_GLOBAL_FLAGS.match(p) for p in self._source):
            # (the same matches, found faster when the alternatives are few: with ten or more the
            # engine stops at most letters and the plain alternation was faster, measured)
            alternation = letter_led(alternation, limit=6) or alternation
        return lowered_pattern(alternation, self._flags)

    def may_match(self, lowered: str) -> bool:
        """False only when no cue can match ``lowered``."""
        return holds_literal(lowered, self.literals)

    def search(self, lowered: str) -> re.Match[str] | None:
        """The first match of any cue in ``lowered`` (the match of
        :attr:`any`; for a single cue that starts with ``\\b``, found as
        :class:`WordPattern` finds one: the cue without the ``\\b`` proposes
        where a match may start, :attr:`any` confirms it there)."""
        if not self.may_match(lowered):
            return None
        return self.search_all(lowered)

    def search_all(self, lowered: str) -> re.Match[str] | None:
        """:meth:`search` without the literal pre-filter (for text that
        holds a literal so often that the test costs more than it saves)."""
        loose = self._loose
        if loose is None:
            step = self._step
            if step is not None:
                if (match := self.any.match(lowered)) is not None:
                    return match  # (at the start: no character before it)
                found = step.search(lowered)
                return None if found is None else self.any.match(lowered, found.start() + 1)
            step, rest = self._parts if len(self._source) > 6 else (None, [])
            if step is None:
                return self.any.search(lowered)
            # most cues searched as :attr:`_step` searches them, the others each behind its literals:
            # the leftmost start of any of them is where :attr:`any` matches first
            if (match := self.any.match(lowered)) is not None:
                return match
            found = step.search(lowered)
            at = len(lowered) + 1 if found is None else found.start() + 1
            for pattern, needed in rest:
                if holds_literal(lowered, needed) and (other := pattern.search(lowered)) and other.start() < at:
                    at = other.start()
            return self.any.match(lowered, at) if at <= len(lowered) else None
        full, pos = self.any, 0
        while candidate := loose.search(lowered, pos):
            if match := full.match(lowered, candidate.start()):
                return match
            pos = candidate.start() + 1
        return None

    def holds_match(self, lowered: str) -> bool:
        """Whether any cue matches ``lowered`` (``bool(self.any.search(lowered))``,
        with no pre-filter of the whole list: for text that holds one of its
        literals so often that the test costs more than it saves).  The cues
        that open with ``\\b`` and a word character are searched as one
        :attr:`_step`-like pattern, each other cue on its own behind its
        required literals."""
        step, rest = self._parts
        for pattern, needed in rest:
            if holds_literal(lowered, needed) and pattern.search(lowered) is not None:
                return True
        if step is None:
            return False
        return step.search(lowered) is not None or self.any.match(lowered) is not None  # (or at the start)

    @cached_property
    def _parts(self) -> tuple[re.Pattern[str] | None, list[tuple[re.Pattern[str], frozenset[str] | None]]]:
        """(the step pattern of the cues that open with ``\\b`` and a word
        character, or None; each other cue with its required literals)."""
        if self._flags & (re.VERBOSE | re.ASCII):
            return None, [(self.any, None)]
        opening = [p.startswith(r"\b") and _opens_with_word_character(p, self._flags) for p in self._source]
        stepped = [p[2:] for p, ok in zip(self._source, opening, strict=True) if ok]
        rest = [(c, n) for c, n, ok in zip(self.patterns, self._needed, opening, strict=True) if not ok]
        return (_step_pattern(stepped, self._flags) if stepped else None), rest

    @cached_property
    def _step(self) -> re.Pattern[str] | None:
        """For a list of more than six cues each opening with ``\\b`` and a
        word character (None otherwise): the cues without their ``\\b`` after
        a non-word character.  A match of :attr:`any` after the start of the
        text starts one character after a match of this one (before a word
        character, a word boundary is a non-word character before it), and
        the engine skips from one non-word character to the next instead of
        trying every alternative at every position (the harm cues on a
        sentence: a third fewer instructions); :attr:`any` then matches there."""
        if len(self._source) <= 6 or self._flags & (re.VERBOSE | re.ASCII):
            return None
        if not all(p.startswith(r"\b") and _opens_with_word_character(p, self._flags) for p in self._source):
            return None
        return _step_pattern([p[2:] for p in self._source], self._flags)

    @cached_property
    def _loose(self) -> re.Pattern[str] | None:
        """:attr:`any` without its leading ``\\b``, for a single cue that has
        one (None otherwise): each match of :attr:`any` starts where this
        one matches, and the engine jumps to its first characters instead of
        trying every position (the case reference searched in a whole page:
        0.034 → 0.003 ms a document).  Lists of cues keep :attr:`any`: on
        their sentences the loose alternation proposes too many starts."""
        if len(self._source) != 1 or not self._source[0].startswith(r"\b"):
            return None
        try:
            bare = [p.removeprefix(r"\b") for p in self._source]
            return lowered_pattern("|".join(f"(?:{p})" for p in bare), self._flags)
        except re.error:  # "\b?" and the like: nothing to remove
            return None

    def matches(self, lowered: str) -> Iterator[re.Match[str]]:
        """Every match of each cue in turn (cue order, then text order),
        skipping cues whose required literals ``lowered`` lacks."""
        for pattern, needed in zip(self.patterns, self._needed, strict=True):
            if holds_literal(lowered, needed):
                yield from pattern.finditer(lowered)

    def spans_with_literals(self, lowered: str, spans: list[Span]) -> set[int]:
        """Indexes of the (sorted, non-overlapping) ``spans`` of ``lowered``
        that hold one of the required literals: the only ones a cue can match
        in.  One scan of the text per literal instead of a test per span."""
        if self.literals is None or not spans:
            return set(range(len(spans)))
        starts, end = [span.start for span in spans], spans[-1].end
        found: set[int] = set()
        for literal in self.literals:
            at = lowered.find(literal, starts[0], end)
            while at != -1:
                i = bisect.bisect_right(starts, at) - 1
                if at + len(literal) <= spans[i].end:
                    found.add(i)
                at = lowered.find(literal, at + 1, end)
        return found


_WORD_CHARACTER = re.compile(r"\w")


def _step_pattern(rests: list[str], flags: int) -> re.Pattern[str]:
    """Cues opening with a word character (their ``\\b`` removed), after a non-word character."""
    return lowered_pattern(r"[^a-z0-9_](?<=\W)(?:" + "|".join(f"(?:{r})" for r in rests) + ")", flags)


def _opens_with_word_character(pattern: str, flags: int = 0) -> bool:
    """Whether ``pattern`` (as compiled for lower-cased text) opens with
    ``\\b`` and every match of it with a word character after it (False
    when that cannot be told: a top-level alternation, say)."""
    try:
        lowered = lowered_pattern(pattern, flags).pattern
        found = regex_start.remembered(
            "opens-with-word", lowered, flags, _parse_opens_with_word, lambda v: isinstance(v, bool)
        )
        return bool(found)
    except (re.error, ValueError):
        return False


def _parse_opens_with_word(parsed: Any) -> bool:
    items = list(parsed)
    return bool(items) and items[0] == (sre.AT, sre.AT_BOUNDARY) and _items_open_with_word(items[1:])


def _items_open_with_word(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of the parsed sequence ``items`` opens with a word character."""
    if not items:
        return False  # (it may match the empty string)
    op, av = items[0]
    if op is sre.LITERAL:
        return _WORD_CHARACTER.match(chr(av)) is not None
    if op is sre.IN:
        return bool(av) and all(_in_item_is_word(o, a) for o, a in av)
    if op is sre.SUBPATTERN:
        return _items_open_with_word(list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _items_open_with_word(list(av))
    if op is sre.BRANCH:
        return all(_items_open_with_word(list(b)) for b in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _items_open_with_word(list(av[2])) and (av[0] >= 1 or _items_open_with_word(items[1:]))
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # (zero-width: the next item opens the match)
        return _items_open_with_word(items[1:])
    return False


def _in_item_is_word(op: Any, av: Any) -> bool:
    if op is sre.LITERAL:
        return _WORD_CHARACTER.match(chr(av)) is not None
    if op is sre.RANGE:
        return av[1] - av[0] < 4096 and all(_WORD_CHARACTER.match(chr(c)) for c in range(av[0], av[1] + 1))
    return op is sre.CATEGORY and av in (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT)


def holds_literal(text: str, literals: frozenset[str] | None) -> bool:
    """False only when ``text`` holds none of a pattern's required
    ``literals`` (see :func:`required_literals`; None requires nothing), so
    the pattern cannot match it.  (A plain loop: about 200 calls a document,
    a fifth faster than ``any(map(text.__contains__, literals))``.)"""
    if literals is None:
        return True
    for literal in literals:  # noqa: SIM110  (any() of a generator is slower still)
        if literal in text:
            return True
    return False


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which occurs in the searched text (between ``pos`` and
    ``endpos``) whenever ``pattern`` matches it; None when the pattern
    guarantees none (``\\w+``) or matches case-insensitively (a substring
    test would be case-sensitive)."""
    try:  # (from the parse ``re.compile`` just made of it, if any; kept in the pattern store)
        found = regex_start.remembered(
            "required-literals", pattern, flags, _parse_required, regex_start.strings_or_none
        )
        return found  # type: ignore[no-any-return]
    except re.error:
        return None


def _parse_required(parsed: Any) -> frozenset[str] | None:
    return None if parsed.state.flags & re.IGNORECASE else _required(parsed)


def _required(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _longer(best, frozenset(["".join(run)]))
            run = []
        best = _longer(best, _required_in(op, av))
    return best


def _required_in(op: Any, av: Any) -> frozenset[str] | None:
    """Required literals of one parsed item that is not a literal."""
    if op is sre.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE else _required(sub)
    if op is sre.BRANCH:
        alternatives = [_required(a) for a in av[1]]
        return None if None in alternatives else frozenset[str]().union(*filter(None, alternatives))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2])
    if op is sre.ATOMIC_GROUP:
        return _required(av)
    if op is sre.ASSERT and av[0] == 1:  # a lookahead's text lies in the searched text too
        return _required(av[1])
    return None


def _longer(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two literal sets: its shortest string is longer,
    or, as long, it has fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return min(a, b, key=lambda s: (-min(map(len, s)), len(s)))
