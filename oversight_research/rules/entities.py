"""Typed rules of ``entities.yaml``: police forces and oversight bodies (one
pattern per canonical name), the place names forces are known by, and the
words that make a capitalised run an organisation or a place, not a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text import WordPattern
from . import Reader


def _named_patterns(r: Reader) -> tuple[tuple[str, WordPattern], ...]:
    """A mapping of canonical names to whole patterns (case-sensitive), compiled once."""
    out = []
    names = list(r.keys())
    for name in names:
        source = r.text(name)
        try:
            out.append((name, WordPattern(source)))
        except re.error as e:
            raise r.error(name, f"not a valid regular expression ({e})") from None
    r.done()
    return tuple(out)


def _places(r: Reader) -> tuple[tuple[str, str], ...]:
    places = list(r.keys())
    out = tuple((place, r.text(place)) for place in places)
    r.done()
    return out


@dataclass(frozen=True)
class EntityRules:
    forces: tuple[tuple[str, WordPattern], ...]  # by canonical name; "generic" finds any "<Place> Police"
    force_places: tuple[tuple[str, str], ...]  # place words → the force's one name
    oversight_bodies: tuple[tuple[str, WordPattern], ...]
    not_person_words: frozenset[str]
    titles: frozenset[str]
    name_particles: tuple[str, ...]  # lower-case words inside a name ("da", "van")
    force_not_first: frozenset[str]  # a generic force match starting with one of these is no force

    @classmethod
    def parse(cls, r: Reader) -> EntityRules:
        out = cls(
            forces=_named_patterns(r.section("forces")),
            force_places=_places(r.section("force_places")),
            oversight_bodies=_named_patterns(r.section("oversight_bodies")),
            not_person_words=frozenset(r.words("not_person_words")),
            titles=frozenset(r.words("titles")),
            name_particles=r.words("name_particles"),
            force_not_first=frozenset(r.words("force_not_first")),
        )
        r.done()
        return out

    @property
    def places(self) -> dict[str, str]:
        return dict(self.force_places)


@cache
def load() -> EntityRules:
    return EntityRules.parse(Reader("entities"))
