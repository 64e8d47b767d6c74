"""Typed rules of ``corpus.yaml``: the thresholds of the corpus-level
template-text filter (a sentence repeated verbatim across cases)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import Reader


@dataclass(frozen=True)
class TemplateText:
    min_documents: int  # different cases (documents of one case count once)
    min_words: int  # shorter sentences are never template text
    case_finding: re.Pattern[str]  # a sentence reporting the finding of the case's investigation: never template

    @classmethod
    def parse(cls, r: Reader) -> TemplateText:
        return r.finish(
            cls(
                min_documents=r.integer("min_documents", lo=2),
                min_words=r.integer("min_words", lo=1),
                case_finding=r.pattern("case_finding"),
            )
        )


@dataclass(frozen=True)
class CorpusRules:
    template_text: TemplateText

    @classmethod
    def parse(cls, r: Reader) -> CorpusRules:
        return r.finish(cls(template_text=TemplateText.parse(r.section("template_text"))))


@cache
def load() -> CorpusRules:
    return CorpusRules.parse(Reader("corpus"))
