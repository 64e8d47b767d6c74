"""Typed rules of ``analysis.yaml``: how the tables are grouped, summarised and
scored for the notebooks and the report (docs/codebook.md, "Analysis and
report")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import Reader

_COLUMN_KINDS = ("sum_of", "categories_of_stage", "highest_of_stage")


@dataclass(frozen=True)
class CrossCaseColumn:
    """One column of the cross-case table: ``kind`` is ``sum_of`` (``categories``
    summed), ``categories_of_stage`` or ``highest_of_stage`` (of ``stage``)."""

    kind: str
    categories: tuple[str, ...] = ()
    stage: str = ""

    @classmethod
    def parse(cls, columns: Reader, label: str) -> CrossCaseColumn:
        r = columns.section(label)
        kinds = [k for k in _COLUMN_KINDS if r.has(k)]
        if len(kinds) != 1:
            raise columns.error(label, f"must have exactly one of {', '.join(_COLUMN_KINDS)}")
        kind = kinds[0]
        if kind == "sum_of":
            return r.finish(cls(kind, categories=r.words(kind)))
        return r.finish(cls(kind, stage=r.text(kind)))


@dataclass(frozen=True)
class OutcomeAnalysis:
    subjects: tuple[str, ...]  # selectable subjects
    shared_subject: str  # counted for every subject
    cross_case: Mapping[str, CrossCaseColumn]  # column label -> its rule, in table order

    @classmethod
    def parse(cls, r: Reader) -> OutcomeAnalysis:
        columns = r.section("cross_case")
        built = MappingProxyType({label: CrossCaseColumn.parse(columns, label) for label in list(columns.keys())})
        subjects = r.words("subjects")
        shared = r.text("shared_subject", choices=subjects)
        return r.finish(cls(subjects=subjects, shared_subject=shared, cross_case=built), columns)

    def categories(self) -> set[str]:
        """Every category a column names."""
        return {c for column in self.cross_case.values() for c in column.categories}

    def stages(self) -> set[str]:
        """Every stage a column names."""
        return {column.stage for column in self.cross_case.values() if column.stage}


@dataclass(frozen=True)
class StatementAnalysis:
    groups: Mapping[str, tuple[str, ...]]  # group -> its roles, in order
    bootstrap: int
    seed: int

    @classmethod
    def parse(cls, r: Reader) -> StatementAnalysis:
        groups_r = r.section("groups")
        groups = MappingProxyType({name: groups_r.words(name) for name in list(groups_r.keys())})
        if len(groups) < 2:
            raise r.error("groups", "must name at least two groups (the first two are compared)")
        return r.finish(
            cls(groups=groups, bootstrap=r.integer("bootstrap", lo=1), seed=r.integer("seed", lo=0)), groups_r
        )


@dataclass(frozen=True)
class SummaryRules:
    flow_stages: tuple[str, ...]
    headline_measures: tuple[tuple[str, str], ...]  # (extractor, measure), in order

    @classmethod
    def parse(cls, r: Reader) -> SummaryRules:
        measures_r = r.section("headline_measures")
        measures = tuple((x, m) for x in list(measures_r.keys()) for m in measures_r.words(x))
        return r.finish(cls(flow_stages=r.words("flow_stages"), headline_measures=measures), measures_r)


@dataclass(frozen=True)
class EvaluationRules:
    bootstrap: int  # resamples of the documents behind each pooled score
    seed: int
    quote_inside_min_chars: int  # a longer gold quote start may lie inside an extracted quote ...
    quote_inside_slack: int  # ... within its first len(start) + this many characters

    @classmethod
    def parse(cls, r: Reader) -> EvaluationRules:
        return r.finish(
            cls(
                bootstrap=r.integer("bootstrap", lo=1),
                seed=r.integer("seed", lo=0),
                quote_inside_min_chars=r.integer("quote_inside_min_chars", lo=0),
                quote_inside_slack=r.integer("quote_inside_slack", lo=0),
            )
        )


@dataclass(frozen=True)
class SuspectSign:
    """A sign that a row is likely wrong: ``column`` holds one of ``values``,
    or no value when ``values`` is None."""

    column: str
    values: tuple[str | bool | int | float, ...] | None
    weight: int
    reason: str

    @classmethod
    def parse(cls, r: Reader) -> SuspectSign:
        if r.has("values") == r.has("missing"):
            raise r.error("values", "a sign has exactly one of values (a list) or missing: true")
        values: tuple[str | bool | int | float, ...] | None = None
        if r.has("values"):
            raw = r.raw("values")
            if not isinstance(raw, list) or not raw or not all(isinstance(v, str | bool | int | float) for v in raw):
                raise r.error("values", "must be a non-empty list of values (words, numbers, true or false)")
            values = tuple(raw)
        elif r.raw("missing") is not True:
            raise r.error("missing", "must be true (or give values instead)")
        return r.finish(cls(r.text("column"), values, r.integer("weight"), r.text("reason")))


@dataclass(frozen=True)
class ReviewRules:
    suspect: Mapping[str, tuple[SuspectSign, ...]]  # table -> its signs, in order

    @classmethod
    def parse(cls, r: Reader) -> ReviewRules:
        tables = r.section("suspect")
        suspect = {}
        for table in list(tables.keys()):
            signs = tables.raw(table)
            if not isinstance(signs, list) or not all(isinstance(s, dict) for s in signs):
                raise tables.error(table, "must be a list of signs (mappings)")
            where = f"{tables.path}.{table}"
            suspect[table] = tuple(SuspectSign.parse(Reader(r.file, s, f"{where}[{i}]")) for i, s in enumerate(signs))
        return r.finish(cls(suspect=MappingProxyType(suspect)), tables)


@dataclass(frozen=True)
class AnalysisRules:
    outcomes: OutcomeAnalysis
    statements: StatementAnalysis
    summary: SummaryRules
    evaluation: EvaluationRules
    review: ReviewRules

    @classmethod
    def parse(cls, r: Reader) -> AnalysisRules:
        return r.finish(
            cls(
                outcomes=OutcomeAnalysis.parse(r.section("outcomes")),
                statements=StatementAnalysis.parse(r.section("statements")),
                summary=SummaryRules.parse(r.section("summary")),
                evaluation=EvaluationRules.parse(r.section("evaluation")),
                review=ReviewRules.parse(r.section("review")),
            )
        )


@cache
def load() -> AnalysisRules:
    return AnalysisRules.parse(Reader("analysis"))
