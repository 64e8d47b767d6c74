"""Typed rules of ``sentiment.yaml``: the combined lexicon's weight, the
validation's split and bootstrap, and the long-statement threshold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import Reader


@dataclass(frozen=True)
class Validation:
    seed: int
    tuning_share: float
    bootstrap: int
    polar_threshold: float

    @classmethod
    def parse(cls, r: Reader) -> Validation:
        return r.finish(
            cls(
                seed=r.integer("seed", lo=0),
                tuning_share=r.number("tuning_share", lo=0.0, hi=1.0),
                bootstrap=r.integer("bootstrap", lo=1),
                polar_threshold=r.number("polar_threshold", lo=0.0, hi=4.0),
            )
        )


@dataclass(frozen=True)
class SentimentRules:
    vader_weight: float
    validation: Validation
    long_statement_words: int

    @classmethod
    def parse(cls, r: Reader) -> SentimentRules:
        combined = r.section("combined")
        return r.finish(
            cls(
                vader_weight=combined.number("vader_weight", lo=0.0, hi=1.0),
                validation=Validation.parse(r.section("validation")),
                long_statement_words=r.integer("long_statement_words", lo=1),
            ),
            combined,
        )


@cache
def load() -> SentimentRules:
    return SentimentRules.parse(Reader("sentiment"))
