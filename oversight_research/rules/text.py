"""Typed rules of ``text.yaml``: where a sentence ends — the boundary pattern
and the abbreviations whose full stop does not end one (:func:`text.sentences`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import Reader


@dataclass(frozen=True)
class TextRules:
    sentence_end: re.Pattern[str]  # case-sensitive, as written
    abbreviations: frozenset[str]  # lower-cased

    @classmethod
    def parse(cls, r: Reader) -> TextRules:
        return r.finish(
            cls(
                sentence_end=r.compiled("sentence_end", lambda: re.compile(r.text("sentence_end"))),
                abbreviations=frozenset(w.lower() for w in r.words("abbreviations")),
            )
        )


@cache
def load() -> TextRules:
    return TextRules.parse(Reader("text"))
