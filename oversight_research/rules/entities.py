"""Typed rules of ``entities.yaml``: police forces and oversight bodies (one
pattern per canonical name), the place names forces are known by, and the
words that make a capitalised run an organisation or a place, not a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial

from ..text import WordPattern, holds_literal, required_literals
from . import Reader


class NamedPattern(WordPattern):
    """A :class:`~oversight_research.text.WordPattern` that is not tried on a text
    lacking all of its required literals (:func:`text.required_literals`: "MPS",
    "the Met", … for the Metropolitan Police): a substring test rules out most
    documents before the regex, whose candidates (every "t" of "the Met") are many.
    Only text that cannot match is skipped, so the matches are the pattern's own."""

    def __init__(self, pattern: str, flags: int = 0):
        super().__init__(pattern, flags)
        self.literals = required_literals(pattern, flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        # the test covers the whole text, so once per scan (a finditer starts at 0)
        if pos == 0 and not holds_literal(text, self.literals):
            return None
        return super().search(text, pos)


def _named_patterns(r: Reader) -> tuple[tuple[str, NamedPattern], ...]:
    """A mapping of canonical names to whole patterns (case-sensitive), compiled once."""
    return r.finish(tuple((name, r.compiled(name, partial(NamedPattern, r.text(name)))) for name in list(r.keys())))


def _places(r: Reader) -> tuple[tuple[str, str], ...]:
    return r.finish(tuple((place, r.text(place)) for place in list(r.keys())))


@dataclass(frozen=True)
class EntityRules:
    forces: tuple[tuple[str, NamedPattern], ...]  # by canonical name; "generic" finds any "<Place> Police"
    force_places: tuple[tuple[str, str], ...]  # place words → the force's one name
    oversight_bodies: tuple[tuple[str, NamedPattern], ...]
    not_person_words: frozenset[str]
    titles: frozenset[str]
    name_particles: tuple[str, ...]  # lower-case words inside a name ("da", "van")
    force_not_first: frozenset[str]  # a generic force match starting with one of these is no force
    force_nouns: tuple[str, ...]  # the nouns ending a force's name ("Police", "Police Service", "Constabulary")
    force_noun_end: re.Pattern[str]  # a force noun ending a name, with the space before it
    force_list: re.Pattern[str]  # "and" between two forces' names, after a force noun's last word
    force_anchors: tuple[str, ...]  # the force nouns' first words: every generic force match holds one

    @classmethod
    def parse(cls, r: Reader) -> EntityRules:
        nouns = r.words("force_nouns")
        # a phrase's spaces match any run of blanks; "Kent Police and Essex Police" splits after "Police"
        spaced = "|".join(re.escape(noun).replace(r"\ ", r"\s+") for noun in nouns)
        last_words = dict.fromkeys(noun.split()[-1] for noun in nouns)
        after = "|".join(f"(?<={re.escape(word)})" for word in last_words)
        return r.finish(
            cls(
                forces=_named_patterns(r.section("forces")),
                force_places=_places(r.section("force_places")),
                oversight_bodies=_named_patterns(r.section("oversight_bodies")),
                not_person_words=frozenset(r.words("not_person_words")),
                titles=frozenset(r.words("titles")),
                name_particles=r.words("name_particles"),
                force_not_first=frozenset(r.words("force_not_first")),
                force_nouns=nouns,
                force_noun_end=r.compiled("force_nouns", lambda: re.compile(rf"\s+(?:{spaced})$")),
                force_list=r.compiled("force_nouns", lambda: re.compile(rf"(?:{after})\s+and\s+")),
                force_anchors=tuple(dict.fromkeys(noun.split()[0] for noun in nouns)),
            )
        )

    @property
    def places(self) -> dict[str, str]:
        return dict(self.force_places)


@cache
def load() -> EntityRules:
    return EntityRules.parse(Reader("entities"))
