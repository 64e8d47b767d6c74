"""Typed rules of ``outcomes.yaml``: the outcome codebook (categories with
their cues and frames), the frame lexicon, status (modality), polarity
(negation), template sentences, the ledger of who a document is about, noun
phrases and counts, and merging.  Every key is read here, checked once on
load (a wrong edit names the file and key), and handed to
:mod:`oversight_research.outcomes`, which only composes and applies them.

Patterns are kept as text (the extractor compiles them for lower-cased
text, or composes frame templates first); each is checked to compile here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import Reader

# A frame template's slots ("{V:send|submit}", "{DET}"): compiled only after composing.
_SLOT = re.compile(r"\{(?:V|P|B|L):[^}]+\}|\{(?:DET|INV_ADJ|HEARING_ADJ|NUM)\}")


def pattern_text(r: Reader, key: str, flags: int = 0, lowered: bool = True) -> str:
    """A whole regular expression as text, checked to compile (and, when it is
    matched on lower-cased text, to hold no inline case switch)."""
    value = r.text(key)
    _check(r, key, value, flags, lowered)
    return value


def pattern_texts(r: Reader, key: str, flags: int = 0, lowered: bool = True) -> tuple[str, ...]:
    values = r.words(key)
    for i, value in enumerate(values):
        _check(r, f"{key}[{i}]", value, flags, lowered)
    return values


def _check(r: Reader, key: str, value: str, flags: int, lowered: bool) -> None:
    if lowered and "(?-i" in value:
        raise r.error(key, "is matched on lower-cased text and cannot switch case back on with (?-i:")
    r.compiled(key, lambda: re.compile(_SLOT.sub("x", value), flags))


def _mapping(r: Reader, key: str) -> Mapping[str, str]:
    section = r.section(key)
    out = {k: section.text(k) for k in list(section.keys())}
    section.done()
    return MappingProxyType(out)


def _word_lists(r: Reader, key: str) -> Mapping[str, tuple[str, ...]]:
    section = r.section(key)
    out = {k: section.words(k) for k in list(section.keys())}
    section.done()
    return MappingProxyType(out)


def _optional_words(r: Reader, key: str) -> tuple[str, ...]:
    """A list that may be empty or absent (a category without cues of its own)."""
    if not r.has(key):
        return ()
    value = r.raw(key)
    if value is None or value == []:
        return ()
    return r.words(key)


@dataclass(frozen=True)
class Frame:
    """A frame template; ``requires`` a context its sentence (or, with
    ``in_document``, its document) must also hold."""

    template: str
    requires: str | None = None
    in_document: bool = False


@dataclass(frozen=True)
class Category:
    stage: str
    severity: int | None
    cues: tuple[str, ...]
    frames: tuple[Frame, ...]
    state_frames: tuple[str, ...]

    @classmethod
    def parse(cls, r: Reader, stages: tuple[str, ...]) -> Category:
        severity = r.raw("severity")
        if severity is not None:
            severity = r.integer("severity", lo=0)
        frames: list[Frame] = []
        for i, f in enumerate(r.raw("frames") or [] if r.has("frames") else []):
            if isinstance(f, str):
                frames.append(Frame(f))
                continue
            if not isinstance(f, dict):
                raise r.error(f"frames[{i}]", "must be a template or a mapping {frame, requires}")
            fr = Reader(r.file, f, f"{r.path}.frames[{i}]")
            template = pattern_text(fr, "frame")
            in_document = fr.has("requires_in_document")
            context = pattern_text(fr, "requires_in_document" if in_document else "requires")
            fr.done()
            frames.append(Frame(template, context, in_document))
        for i, f in enumerate(frames):
            if f.requires is None:
                _check(r, f"frames[{i}]", f.template, 0, True)
        return r.finish(
            cls(
                stage=r.text("stage", choices=stages),
                severity=severity,
                cues=tuple(_checked(r, "cues", _optional_words(r, "cues"))),
                frames=tuple(frames),
                state_frames=tuple(_checked(r, "state_frames", _optional_words(r, "state_frames"))),
            )
        )


def _checked(r: Reader, key: str, values: tuple[str, ...]) -> tuple[str, ...]:
    for i, value in enumerate(values):
        _check(r, f"{key}[{i}]", value, 0, True)
    return values


@dataclass(frozen=True)
class Lexicon:
    auxiliaries: tuple[str, ...]
    not_passive: tuple[str, ...]
    be_forms: tuple[str, ...]
    adverbs: tuple[str, ...]
    manner_adverb: str
    irregular: Mapping[str, tuple[str, ...]]
    lists: Mapping[str, tuple[str, ...]]
    determiners: tuple[str, ...]
    max_group_words: int
    max_modifiers: int

    @classmethod
    def parse(cls, r: Reader) -> Lexicon:
        return r.finish(
            cls(
                auxiliaries=r.words("auxiliaries"),
                not_passive=r.words("not_passive"),
                be_forms=r.words("be_forms"),
                adverbs=r.words("adverbs"),
                manner_adverb=pattern_text(r, "manner_adverb"),
                irregular=_word_lists(r, "irregular"),
                lists=_word_lists(r, "lists"),
                determiners=r.words("determiners"),
                max_group_words=r.integer("max_group_words", lo=1, hi=8),
                max_modifiers=r.integer("max_modifiers", lo=0, hi=6),
            )
        )


@dataclass(frozen=True)
class Status:
    window: int
    clause_breaks: str
    modal: str
    modal_words: int
    decision_modals: str
    decision_categories: frozenset[str]
    decided: str
    decided_window: int
    recommended: str
    recommended_window: int
    recommended_recode: Mapping[str, str]
    recommendation_is_outcome: frozenset[str]
    possible: str
    possible_window: int
    possible_recode: Mapping[str, str]
    prospective: str
    prospective_window: int
    prospective_recode: Mapping[str, str]
    exempt: str
    sentence_condition: str
    sentence_alleged: str
    alleged_ends: str
    epistemic: str
    inner_modal_exempt: frozenset[str]
    modal_after: str
    participle_scope: str
    finite: str
    precedence: tuple[str, ...]
    cues: Mapping[str, tuple[str, ...]]  # status -> its cues (hypothetical, alleged, proposed)

    @classmethod
    def parse(cls, r: Reader) -> Status:
        precedence = r.words("precedence")
        return r.finish(
            cls(
                window=r.integer("window", lo=1),
                clause_breaks=pattern_text(r, "clause_breaks"),
                modal=pattern_text(r, "modal"),
                modal_words=r.integer("modal_words", lo=0),
                decision_modals=pattern_text(r, "decision_modals"),
                decision_categories=frozenset(r.words("decision_categories")),
                decided=pattern_text(r, "decided"),
                decided_window=r.integer("decided_window", lo=1),
                recommended=pattern_text(r, "recommended"),
                recommended_window=r.integer("recommended_window", lo=1),
                recommended_recode=_mapping(r, "recommended_recode"),
                recommendation_is_outcome=frozenset(r.words("recommendation_is_outcome")),
                possible=pattern_text(r, "possible"),
                possible_window=r.integer("possible_window", lo=1),
                possible_recode=_mapping(r, "possible_recode"),
                prospective=pattern_text(r, "prospective"),
                prospective_window=r.integer("prospective_window", lo=1),
                prospective_recode=_mapping(r, "prospective_recode"),
                exempt=pattern_text(r, "exempt"),
                sentence_condition=pattern_text(r, "sentence_condition"),
                sentence_alleged=pattern_text(r, "sentence_alleged"),
                alleged_ends=pattern_text(r, "alleged_ends"),
                epistemic=pattern_text(r, "epistemic"),
                inner_modal_exempt=frozenset(r.words("inner_modal_exempt")),
                modal_after=pattern_text(r, "modal_after"),
                participle_scope=pattern_text(r, "participle_scope"),
                finite=pattern_text(r, "finite"),
                precedence=precedence,
                cues=MappingProxyType({s: pattern_texts(r, s, re.I, lowered=False) for s in precedence}),
            )
        )


@dataclass(frozen=True)
class Negation:
    window: int
    cues: tuple[str, ...]
    drop: tuple[str, ...]
    negative_categories: frozenset[str]
    negated_findings: frozenset[str]
    negated_finding: str
    recode: Mapping[str, str]
    presupposed: str
    subject_cues: tuple[str, ...]
    subject_window: int
    subject_ends: str

    @classmethod
    def parse(cls, r: Reader) -> Negation:
        return r.finish(
            cls(
                window=r.integer("window", lo=1),
                cues=pattern_texts(r, "cues", re.I, lowered=False),
                drop=pattern_texts(r, "drop", re.I, lowered=False),
                negative_categories=frozenset(r.words("negative_categories")),
                negated_findings=frozenset(r.words("negated_findings")),
                negated_finding=r.text("negated_finding"),
                recode=_mapping(r, "recode"),
                presupposed=pattern_text(r, "presupposed"),
                subject_cues=pattern_texts(r, "subject_cues", re.I, lowered=False),
                subject_window=r.integer("subject_window", lo=1),
                subject_ends=pattern_text(r, "subject_ends"),
            )
        )


@dataclass(frozen=True)
class Windows:
    """How far (in characters) each look around a cue reaches."""

    reference: int
    pronoun_before: int
    pronoun_after: int
    coordinated_pronoun: int
    additive: int
    identifier_context: int
    civilian_clause: int
    verb_group: int
    focus_context: int
    civilian_name: int
    speaker_apposition: int
    subject_word: int
    first_name: int

    @classmethod
    def parse(cls, r: Reader) -> Windows:
        return r.finish(cls(**{k: r.integer(k, lo=1) for k in cls.__dataclass_fields__}))


@dataclass(frozen=True)
class Ledger:
    identifier: str
    identifier_join: str
    plural_title: str
    listed_name: str
    inanimate_subject: str
    inanimate_categories: frozenset[str]
    group_fallback: frozenset[str]
    singular_pronoun: str
    plural_pronoun: str
    approximate: str
    approximate_window: int
    ordinal_one: str
    after_bare: tuple[str, ...]
    not_name_words: frozenset[str]
    name: str
    pronouns: str
    civilians: str
    civilian_modifier: str
    police_victim: str
    police_victim_categories: frozenset[str]
    bare_surname: str
    police_only: frozenset[str]
    focus_free: frozenset[str]
    civilian_window: int
    list_item: str
    generic_head: str
    head_words: str
    identifier_prefix: str
    another: str
    part_of: str
    back_reference: str
    reference: str
    reference_categories: frozenset[str]
    crime_object: str
    crime_agent: str
    crime_agent_window: int
    missing_search: str
    conduct_cue: str
    state_window: int
    state_progressive: str
    state_perfect: str
    state_pronoun: str
    state_plural_pronouns: frozenset[str]
    generic_subject: str
    additive: str
    not_subject_before: str
    speaker_before: str
    speaker_after: str
    not_subject_after: str
    force_stages: frozenset[str]
    force_source: str
    force_source_stages: frozenset[str]
    object_categories: frozenset[str]
    windows: Windows

    @classmethod
    def parse(cls, r: Reader) -> Ledger:
        text = {
            "identifier": False,
            "identifier_join": False,
            "plural_title": False,
            "listed_name": False,
            "inanimate_subject": True,
            "singular_pronoun": True,
            "plural_pronoun": True,
            "approximate": True,
            "ordinal_one": True,
            "name": False,
            "pronouns": True,
            "civilians": True,
            "civilian_modifier": True,
            "police_victim": True,
            "bare_surname": False,
            "list_item": False,
            "generic_head": True,
            "head_words": True,
            "identifier_prefix": True,
            "another": True,
            "part_of": True,
            "back_reference": True,
            "reference": True,
            "crime_object": True,
            "crime_agent": True,
            "missing_search": True,
            "conduct_cue": True,
            "state_progressive": True,
            "state_perfect": True,
            "state_pronoun": True,
            "generic_subject": True,
            "additive": True,
            "not_subject_before": False,
            "speaker_before": False,
            "speaker_after": False,
            "not_subject_after": False,
            "force_source": True,
        }
        values: dict[str, object] = {k: pattern_text(r, k, lowered=low) for k, low in text.items()}
        return r.finish(
            cls(
                **values,  # type: ignore[arg-type]
                approximate_window=r.integer("approximate_window", lo=1),
                after_bare=r.words("after_bare"),
                not_name_words=frozenset(r.words("not_name_words")),
                police_only=frozenset(r.words("police_only")),
                focus_free=frozenset(r.words("focus_free")),
                police_victim_categories=frozenset(r.words("police_victim_categories")),
                inanimate_categories=frozenset(r.words("inanimate_categories")),
                group_fallback=frozenset(r.words("group_fallback")),
                civilian_window=r.integer("civilian_window", lo=1),
                reference_categories=frozenset(r.words("reference_categories")),
                crime_agent_window=r.integer("crime_agent_window", lo=1),
                state_window=r.integer("state_window", lo=1),
                state_plural_pronouns=frozenset(w.lower() for w in r.words("state_plural_pronouns")),
                force_stages=frozenset(r.words("force_stages")),
                force_source_stages=frozenset(r.words("force_source_stages")),
                object_categories=frozenset(r.words("object_categories")),
                windows=Windows.parse(r.section("windows")),
            )
        )


@dataclass(frozen=True)
class Phrases:
    """Noun phrases naming whom an outcome concerns, and their counts."""

    number_words: Mapping[str, int]
    singular_determiners: tuple[str, ...]
    plural_determiners: frozenset[str]
    group_quantifiers: tuple[str, ...]
    all_but_one: str
    back_determiners: tuple[str, ...]
    adjectives: tuple[str, ...]
    name_adjective: str
    max_adjectives: int
    number_modifier: str
    bare_after: tuple[str, ...]
    bare_group: tuple[str, ...]
    other_services: frozenset[str]
    conjunct_before: str
    statistic_count: int
    uncounted: str
    uncounted_window: int
    force_names: str
    force_literals: tuple[str, ...]
    window: int
    after_weight: float
    join: str
    both: str

    @classmethod
    def parse(cls, r: Reader) -> Phrases:
        numbers = r.section("number_words")
        number_words = {k: numbers.integer(k, lo=0) for k in list(numbers.keys())}
        numbers.done()
        return r.finish(
            cls(
                number_words=MappingProxyType(number_words),
                singular_determiners=r.words("singular_determiners"),
                plural_determiners=frozenset(r.words("plural_determiners")),
                group_quantifiers=r.words("group_quantifiers"),
                all_but_one=r.text("all_but_one"),
                back_determiners=tuple(w.lower() for w in r.words("back_determiners")),
                adjectives=r.words("adjectives"),
                name_adjective=pattern_text(r, "name_adjective", lowered=False),
                max_adjectives=r.integer("max_adjectives", lo=0, hi=6),
                number_modifier=pattern_text(r, "number_modifier", lowered=False),
                bare_after=r.words("bare_after"),
                bare_group=r.words("bare_group"),
                other_services=frozenset(w.lower() for w in r.words("other_services")),
                conjunct_before=pattern_text(r, "conjunct_before"),
                statistic_count=r.integer("statistic_count", lo=1),
                uncounted=pattern_text(r, "uncounted"),
                uncounted_window=r.integer("uncounted_window", lo=1),
                force_names=pattern_text(r, "force_names", lowered=False),
                force_literals=r.words("force_literals"),
                window=r.integer("window", lo=1),
                after_weight=r.number("after_weight", lo=0.0),
                join=pattern_text(r, "join"),
                both=r.text("both"),
            )
        )


@dataclass(frozen=True)
class Finder:
    """A finding recoded by the body that made it (``before`` the cue in its
    clause, or ``after`` it): frame templates, composed by the extractor."""

    source: str
    target: str
    before: str
    after: str


@dataclass(frozen=True)
class Finders:
    window: int
    recode: tuple[Finder, ...]

    @classmethod
    def parse(cls, r: Reader) -> Finders:
        items = r.raw("recode")
        if not isinstance(items, list):
            raise r.error("recode", "must be a list of {from, to, before, after}")
        recode = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise r.error(f"recode[{i}]", "must be a mapping {from, to, before, after}")
            fr = Reader(r.file, item, f"{r.path}.recode[{i}]")
            recode.append(Finder(fr.text("from"), fr.text("to"), pattern_text(fr, "before"), pattern_text(fr, "after")))
            fr.done()
        return r.finish(cls(window=r.integer("window", lo=1), recode=tuple(recode)))


@dataclass(frozen=True)
class Gapping:
    categories: frozenset[str]
    window: int
    remnant: str

    @classmethod
    def parse(cls, r: Reader) -> Gapping:
        return r.finish(
            cls(
                categories=frozenset(r.words("categories")),
                window=r.integer("window", lo=1),
                remnant=pattern_text(r, "remnant"),
            )
        )


@dataclass(frozen=True)
class Level:
    """The level of a finding read from its document: a ``source`` finding whose
    sentence states no level (``stated``) is a ``target`` finding when the
    document names that level (``document``) and codes one of ``sanctions``."""

    source: str
    target: str
    document: str
    sanctions: frozenset[str]
    stated: str

    @classmethod
    def parse(cls, r: Reader) -> Level:
        return r.finish(
            cls(
                source=r.text("from"),
                target=r.text("to"),
                document=pattern_text(r, "document"),
                sanctions=frozenset(r.words("sanctions")),
                stated=pattern_text(r, "stated"),
            )
        )


@dataclass(frozen=True)
class Merge:
    subsumed_by: Mapping[str, tuple[str, ...]]
    headline_alternatives: tuple[tuple[str, ...], ...]
    level: Level
    definite: str
    definite_window: int
    definite_categories: frozenset[str]
    additional: str
    additional_categories: frozenset[str]

    @classmethod
    def parse(cls, r: Reader) -> Merge:
        section = r.section("subsumed_by")
        subsumed = {k: tuple(section.raw(k) or ()) for k in list(section.keys())}
        section.done()
        groups = r.raw("headline_alternatives")
        if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) > 1 for g in groups):
            raise r.error("headline_alternatives", "must be a list of lists of two or more categories")
        level = Level.parse(r.section("level"))
        return r.finish(
            cls(
                MappingProxyType(subsumed),
                tuple(tuple(g) for g in groups),
                level,
                definite=pattern_text(r, "definite"),
                definite_window=r.integer("definite_window", lo=0),
                definite_categories=frozenset(r.words("definite_categories")),
                additional=pattern_text(r, "additional"),
                additional_categories=frozenset(r.words("additional_categories")),
            )
        )


@dataclass(frozen=True)
class OutcomeRules:
    stages: tuple[str, ...]
    categories: Mapping[str, Category]
    lexicon: Lexicon
    status: Status
    negation: Negation
    templates: tuple[str, ...]
    ledger: Ledger
    finders: Finders
    gapping: Gapping
    force_cues: str
    force_agent: str
    force_agent_window: int
    force_agent_categories: frozenset[str]
    merge: Merge
    subjects: Mapping[str, str]
    singular_nouns: frozenset[str]
    phrases: Phrases

    @classmethod
    def parse(cls, r: Reader) -> OutcomeRules:
        stages = r.words("stages")
        section = r.section("categories")
        categories = {name: Category.parse(section.section(name), stages) for name in list(section.keys())}
        section.done()
        subjects = r.section("subjects")
        subject_nouns = {k: pattern_text(subjects, k, re.I, lowered=False) for k in list(subjects.keys())}
        subjects.done()
        out = cls(
            stages=stages,
            categories=MappingProxyType(categories),
            lexicon=Lexicon.parse(r.section("lexicon")),
            status=Status.parse(r.section("status")),
            negation=Negation.parse(r.section("negation")),
            templates=pattern_texts(r, "templates"),
            ledger=Ledger.parse(r.section("ledger")),
            finders=Finders.parse(r.section("finders")),
            gapping=Gapping.parse(r.section("gapping")),
            force_cues=pattern_text(r, "force_cues"),
            force_agent=pattern_text(r, "force_agent"),
            force_agent_window=r.integer("force_agent_window", lo=1),
            force_agent_categories=frozenset(r.words("force_agent_categories")),
            merge=Merge.parse(r.section("merge")),
            subjects=MappingProxyType(subject_nouns),
            singular_nouns=frozenset(r.words("singular_nouns")),
            phrases=Phrases.parse(r.section("phrases")),
        )
        named = [*out.merge.subsumed_by, *(c for cs in out.merge.subsumed_by.values() for c in cs)]
        named += [c for group in out.merge.headline_alternatives for c in group]
        named += [out.merge.level.source, out.merge.level.target, *out.merge.level.sanctions]
        named += [*out.merge.definite_categories, *out.merge.additional_categories]
        named += [
            *out.status.decision_categories,
            *out.negation.negative_categories,
            *out.negation.negated_findings,
            *out.ledger.police_only,
        ]
        named += [*out.ledger.reference_categories, *out.ledger.inanimate_categories, *out.ledger.group_fallback]
        named += [*out.ledger.object_categories]
        named += [*out.status.inner_modal_exempt]
        named += [*out.status.recommendation_is_outcome, *out.gapping.categories]
        named += [c for f in out.finders.recode for c in (f.source, f.target)]
        for mapping in (
            out.status.recommended_recode,
            out.status.possible_recode,
            out.status.prospective_recode,
            out.negation.recode,
        ):
            named += [*mapping, *mapping.values()]
        for name in named:
            if name not in categories:
                raise r.error("categories", f"{name!r} is named in the rules but is not a category")
        r.done()
        return out


@cache
def load() -> OutcomeRules:
    return OutcomeRules.parse(Reader("outcomes"))
