"""Named people, police forces and oversight bodies in a text.

Rule-based on purpose: capitalised sequences that contain no organisation or
place word (``rules/entities.yaml``) are people; forces and oversight bodies
are matched against a list.  Used by case grouping and speaker resolution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .rules import entities as entity_rules
from .text import WordPattern

# a name token; after the first, "Mc"/"Mac" may open one ("Kevin McLoughlin", "Gerry McCann")
# Capital and lower-case letters of names, Latin-1 accents included (Zoë, José, Sinéad, Müller).
_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# a name token; after the first, "Mc"/"Mac" or "O’"/"D’" may open one ("Kevin McLoughlin", "Ruth O’Neill")
# (a possessive ’s ends a token: "Azelle Rodney’s mother" names Azelle Rodney)
_NAME_TOKEN = rf"(?:Ma?c(?=[{_UP}])|[OD][’'](?=[{_UP}]))?[{_UP}][{_LOW}]+(?:[-’'](?![sS]\b)[{_UP}]?[{_LOW}]+)*"


# The first token opens with its capital and checks the word boundary behind it (a
# leading \b would make the engine try every position of the text instead of
# jumping to capitals): the same matches as \b{_NAME_TOKEN}…, twice as fast.
# Tokens are separated by spaces or tabs, never a line break: a caption's name
# and the next line's first word are two names ("Ajibola Lewis" / "Ajibola Lewis, …").
# The first token's letters are matched possessively (the same matches: a shorter
# token would be followed by a letter, which nothing after it accepts), so a
# capital that starts no name is given up at once.
@cache
def _name_pattern() -> re.Pattern[str]:
    """A capitalised run of two to eight tokens, lower-case particles (``name_particles``)
    and middle initials ("John A. Smith") allowed inside."""
    particle = "(?:" + "|".join(map(re.escape, entity_rules.load().name_particles)) + ")"
    return re.compile(
        rf"[{_UP}](?<!\w[{_UP}])[{_LOW}]++(?:[-’'](?![sS]\b)[{_UP}]?[{_LOW}]+)*+"
        rf"(?:[^\S\n]+(?:{particle}[^\S\n]+)?(?:[{_UP}]\.[^\S\n]+)?{_NAME_TOKEN}){{1,7}}\b"
    )


@cache
def _conf() -> tuple[frozenset[str], frozenset[str], dict[str, WordPattern], dict[str, WordPattern]]:
    r = entity_rules.load()
    return r.not_person_words, r.titles, dict(r.forces), dict(r.oversight_bodies)


def people(text: str, tail: bool = False) -> list[tuple[str, int, int]]:
    """Personal names (2–4 capitalised words, no organisation word) with offsets.

    With ``tail``, a capitalised run that holds an organisation word or a
    title keeps the name after the last of them ("Kent Police Chief Constable
    Tim Gold" → "Tim Gold"); the default (used by case grouping) rejects it.
    Not cached: a caller that needs the names of a document more than once
    keeps them (statements.Ledger does)."""
    stop, titles, _, _ = _conf()
    found = []
    for m in _name_pattern().finditer(text):
        tokens = m.group().split()
        while tokens and (tokens[0] in stop or tokens[0] in titles or "-of-" in tokens[0]):  # "Father-of-two"
            tokens = tokens[1:]
        if len(tokens) < 2:  # cutting a tail only shortens it
            continue
        if tail:
            # keep the tokens after the last organisation word or title, when there is an organisation word
            bad = [i for i, t in enumerate(tokens) if t in stop or t.rstrip("’'s") in stop]
            if bad:
                last = bad[-1]
                for i in range(len(tokens) - 1, last, -1):
                    if tokens[i] in titles:
                        last = i
                        break
                tokens = tokens[last + 1 :]  # no organisation word is left
                if len(tokens) < 2:
                    continue
            if len(tokens) > 4:
                continue
        elif len(tokens) > 4 or any(t in stop or t.rstrip("’'s") in stop for t in tokens):
            continue
        name = " ".join(tokens)
        found.append((name, m.end() - len(name), m.end()))
    return found


def strip_title(name: str) -> str:
    _, titles, _, _ = _conf()
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].rstrip(".") in titles:
        tokens = tokens[1:]
    return " ".join(tokens)


def forces(text: str) -> list[str]:
    """Canonical names of the police forces mentioned in ``text``."""
    _, _, patterns, _ = _conf()
    r = entity_rules.load()
    found = {name for name, p in patterns.items() if name != "generic" and p.search(text)}
    found |= {name for _, name in _generic_force_names(patterns["generic"], text)}
    not_first = r.force_not_first
    found = {f for f in found if f.split()[0] not in not_first}
    return sorted(found)


def _generic_force_names(pattern: WordPattern, text: str) -> Iterator[tuple[int, str]]:
    """(offset, canonical name) of each force a generic force mention names
    (``force_list``: "Avon and Somerset and Wiltshire Police" names two)."""
    split = entity_rules.load().force_list.split
    for m in _generic_forces(pattern, text):
        for part in split(m.group().removeprefix("the ").strip()):
            yield m.start(), _canonical_force(part)


# Outside the words of a generic force match ("Avon and Somerset Police": letters, spaces, hyphens).
_NOT_IN_FORCE = re.compile(r"[^A-Za-z \-]")
_AFTER_FORCE = len(" Federation") + 1  # what the pattern looks at after a match


def _generic_forces(pattern: WordPattern, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for the generic force pattern, searched only in
    the runs of letters, spaces and hyphens that hold "Police" or "Constabulary".

    A match is such a run's words ending in " Police" or " Constabulary", so none
    starts outside those runs: each is searched from its start (the engine looks
    behind it for ``\b``) to a little past its end (room for ``\b`` and
    ``(?! Federation)``), the same matches in the same order without trying
    every capitalised word of the text."""
    backwards = text[::-1]  # a run's start: the nearest character before it that no match holds
    full, pos, n = pattern.pattern, 0, len(text)
    loose = _loose(full)
    anchors = entity_rules.load().force_anchors  # ("Police", "Constabulary"): every match holds one
    next_at = [k if (k := text.find(word)) >= 0 else n for word in anchors]  # each anchor's next offset (n: none left)
    while (at := min(next_at)) < n:
        before = _NOT_IN_FORCE.search(backwards, n - at)
        after = _NOT_IN_FORCE.search(text, at)
        start, end = max(pos, n - before.start() if before else 0), after.start() if after else n
        endpos = min(n, end + _AFTER_FORCE)
        while (candidate := loose.search(text, start, endpos)) and candidate.start() < end:
            if match := full.match(text, candidate.start(), endpos):
                yield match
                start = match.end()
            else:
                start = candidate.start() + 1
        pos = end
        for j, k in enumerate(next_at):
            if k < pos:
                k = text.find(anchors[j], pos)
                next_at[j] = k if k >= 0 else n


@cache
def _loose(full: re.Pattern[str]) -> re.Pattern[str]:
    """``full`` without its leading ``\\b``: the engine jumps to its first characters."""
    return re.compile(full.pattern.removeprefix(r"\b"), full.flags)


def _canonical_force(name: str) -> str:
    """The force's one name (``force_places`` in rules/entities.yaml): "Lancashire
    Police" → "Lancashire Constabulary"; a place not listed keeps its name."""
    places = _places()
    place = entity_rules.load().force_noun_end.sub("", name)
    if place in places:
        return places[place]
    # a sentence's first word before the place ("While Staffordshire Police is …"): the longest known place it ends with
    words = place.split()
    for k in range(1, len(words)):
        if " ".join(words[k:]) in places:
            return places[" ".join(words[k:])]
    return name


def last_mentions(text: str) -> list[tuple[int, str]]:
    """(offset of its last mention, canonical name) for each force and oversight
    body ``text`` names, found by their patterns: "the Independent Office for
    Police Conduct" is the IOPC and "Lancashire Police" Lancashire Constabulary
    wherever the canonical name itself is not written."""
    _, _, force_patterns, body_patterns_ = _conf()
    r = entity_rules.load()
    last: dict[str, int] = {}
    for name, p in (*force_patterns.items(), *body_patterns_.items()):
        if name == "generic" or not p.search(text):
            continue
        for m in p.finditer(text):
            last[name] = m.start()
    for pos, name in _generic_force_names(force_patterns["generic"], text):
        last[name] = pos
    return [(pos, name) for name, pos in last.items() if name.split()[0] not in r.force_not_first]


def oversight_bodies(text: str) -> list[str]:
    _, _, _, patterns = _conf()
    return sorted(name for name, p in patterns.items() if p.search(text))


def body_patterns() -> dict[str, WordPattern]:
    """The oversight bodies' patterns by canonical name (``oversight_bodies`` in rules/entities.yaml)."""
    return _conf()[3]


@cache
def _places() -> dict[str, str]:
    return entity_rules.load().places
