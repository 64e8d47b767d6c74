"""Typed rules of ``events.yaml``: the cues of each event type, clause
attachment, the document rules, the kinds of warning, the future tense, and
the vocabulary of date expressions (read by ``dates.py`` and ``timeline.py``;
documented in docs/codebook.md, "Temporal expressions" and "Event types")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from . import Reader, RulesError


def _words_in_order(r: Reader, key: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in r.words(key))


def _lower_words(r: Reader, key: str) -> tuple[str, ...]:
    return tuple(" ".join(w.lower().split()) for w in r.words(key))


def _mapping(r: Reader, key: str) -> dict[str, Any]:
    value = r.raw(key)
    if not isinstance(value, dict) or not value or not all(isinstance(k, str) and k.strip() for k in value):
        raise r.error(key, "must be a non-empty mapping of words")
    return value


@dataclass(frozen=True)
class Clauses:
    """How a sentence is cut into clauses and what a date attaches to in them."""

    boundaries: tuple[str, ...]
    attributive_before: re.Pattern[str]
    attributive_words: int
    attributive_possessive: re.Pattern[str]
    title_dash: re.Pattern[str]
    modifier_gap: re.Pattern[str]
    report_complement: re.Pattern[str]
    relative_opening: re.Pattern[str]
    relative_head_gap: re.Pattern[str]
    interrupting: re.Pattern[str]
    opening_words: tuple[str, ...]
    death_adjunct: re.Pattern[str]
    death_adjunct_gap: re.Pattern[str]
    modifier_end: re.Pattern[str]
    reporting: re.Pattern[str]
    reported_harm: re.Pattern[str]
    report_content: re.Pattern[str]
    report_modality: re.Pattern[str]
    speech_before: re.Pattern[str]
    speech_after: re.Pattern[str]
    speech_subject_after: re.Pattern[str]  # "Last night, his sister, Ann, said": the saying's subject, then its verb
    speech_quote: re.Pattern[str]  # "said:": a direct quotation follows the verb
    reaction_after: re.Pattern[str]  # "the family today criticised …": a deictic day before a reaction verb
    reaction_families: frozenset[str]  # the day-scale families ("today", "this week") it holds for
    speech_announces: tuple[str, ...]
    absence_since: re.Pattern[str]  # "had not been seen since 4pm": the start of an absence, no event of its own
    verdict: re.Pattern[str]
    modal_harm: re.Pattern[str]
    intended_harm: re.Pattern[str]
    intended_harm_window: int
    anchor_clause: re.Pattern[str]
    anchor_lapse: re.Pattern[str]
    arrival_clause: re.Pattern[str]  # "when police arrived": a time clause telling the police's arrival
    anchor_close: re.Pattern[str]
    compound_heads: tuple[str, ...]
    discovery: tuple[str, ...]
    headline_topics: tuple[str, ...]
    compound_gap: re.Pattern[str]
    finding_verb: re.Pattern[str]
    finding_subjects: tuple[str, ...]
    finding_attached: re.Pattern[str]
    offence_complement: re.Pattern[str]
    inquest_heads: tuple[str, ...]
    harm_complement: re.Pattern[str]
    title_priority: tuple[str, ...]
    window: int
    background_date: re.Pattern[str]
    background_opening: re.Pattern[str]

    @classmethod
    def parse(cls, r: Reader) -> Clauses:
        return r.finish(
            cls(
                boundaries=r.words("boundaries"),
                attributive_before=r.pattern("attributive_before", flags=0),
                attributive_words=r.integer("attributive_words", lo=0, hi=10),
                attributive_possessive=r.pattern("attributive_possessive", flags=0),
                title_dash=r.pattern("title_dash", flags=0),
                modifier_gap=r.pattern("modifier_gap", flags=0),
                report_complement=r.pattern("report_complement", flags=0),
                relative_opening=r.pattern("relative_opening", flags=0),
                relative_head_gap=r.pattern("relative_head_gap", flags=0),
                interrupting=r.pattern("interrupting", flags=0),
                opening_words=tuple(w.lower() for w in r.words("opening_words")),
                death_adjunct=r.pattern("death_adjunct", flags=0),
                death_adjunct_gap=r.pattern("death_adjunct_gap", flags=0),
                modifier_end=r.pattern("modifier_end"),
                reporting=r.pattern("reporting", flags=0),
                reported_harm=r.pattern("reported_harm", flags=0),
                report_content=r.pattern("report_content", flags=0),
                report_modality=r.pattern("report_modality", flags=0),
                speech_before=r.pattern("speech_before", flags=0),
                speech_after=r.pattern("speech_after", flags=0),
                speech_subject_after=r.pattern("speech_subject_after", flags=0),
                speech_quote=r.pattern("speech_quote", flags=0),
                reaction_after=r.pattern("reaction_after", flags=0),
                reaction_families=frozenset(r.words("reaction_families")),
                speech_announces=r.words("speech_announces"),
                absence_since=r.pattern("absence_since"),
                verdict=r.pattern("verdict", flags=0),
                modal_harm=r.pattern("modal_harm", flags=0),
                intended_harm=r.pattern("intended_harm", flags=0),
                intended_harm_window=r.integer("intended_harm_window", lo=10, hi=400),
                anchor_clause=r.pattern("anchor_clause", flags=0),
                anchor_lapse=r.pattern("anchor_lapse", flags=0),
                arrival_clause=r.pattern("arrival_clause", flags=0),
                anchor_close=r.pattern("anchor_close", flags=0),
                compound_heads=r.words("compound_heads"),
                discovery=r.words("discovery"),
                headline_topics=r.words("headline_topics"),
                compound_gap=r.pattern("compound_gap", flags=0),
                finding_verb=r.pattern("finding_verb", flags=0),
                finding_subjects=r.words("finding_subjects"),
                finding_attached=r.pattern("finding_attached", flags=0),
                offence_complement=r.pattern("offence_complement", flags=0),
                inquest_heads=r.words("inquest_heads"),
                harm_complement=r.pattern("harm_complement", flags=0),
                title_priority=r.words("title_priority"),
                window=r.integer("window", lo=100),
                background_date=r.pattern("background_date"),
                background_opening=r.pattern("background_opening", flags=0),
            )
        )


@dataclass(frozen=True)
class DocumentRules:
    """Retyping once every mention of a document is typed."""

    separate_contact_days: int
    force_contact_days: int
    earlier_harm_days: int
    injury: tuple[str, ...]
    force: tuple[str, ...]
    custody_harm: tuple[str, ...]  # a harm told in custody: an arrest near it opens the harm incident
    earlier_episode: re.Pattern[str]  # a date told weeks or years back ("four years earlier"): an earlier episode
    earlier_episode_types: frozenset[str]  # the types such a date gives up for warning_sign beside a harm
    consequence: tuple[str, ...]
    disappearance: tuple[str, ...]
    release: tuple[str, ...]
    handling: tuple[str, ...]  # the force's own handling of a warning: no contact with anyone
    absence_report: tuple[str, ...]  # a report of someone not seen for days: the harm's discovery, police action
    later_offset: tuple[str, ...]  # a harm dated hours later than a contact told before it: "About two hours later"
    no_harm_kinds: frozenset[str]  # the warning kinds that warn of nothing in a document telling no death or injury
    repeated_day_types: frozenset[str]  # the types a day told again takes from its first typed mention
    kept_types: frozenset[str]  # the types a mention typed by its nearest cue keeps on a day told again
    # the types a title's month or year gives up for harm when the body dates no harm
    untold_title_types: frozenset[str]
    entry_found: tuple[str, ...]  # a death or injury found, told in a chronology entry's undated sentences
    entry_lapse: re.Pattern[str]  # time passing in such a sentence: not the entry's day
    entry_reach: int  # how many undated sentences after the entry's may tell it

    @classmethod
    def parse(cls, r: Reader) -> DocumentRules:
        return r.finish(
            cls(
                separate_contact_days=r.integer("separate_contact_days", lo=0),
                force_contact_days=r.integer("force_contact_days", lo=0),
                earlier_harm_days=r.integer("earlier_harm_days", lo=0),
                injury=r.words("injury"),
                force=r.words("force"),
                custody_harm=r.words("custody_harm"),
                earlier_episode=r.pattern("earlier_episode"),
                earlier_episode_types=frozenset(r.words("earlier_episode_types")),
                consequence=r.words("consequence"),
                disappearance=r.words("disappearance"),
                release=r.words("release"),
                handling=r.words("handling"),
                later_offset=r.words("later_offset"),
                absence_report=r.words("absence_report"),
                no_harm_kinds=frozenset(r.words("no_harm_kinds")),
                repeated_day_types=frozenset(r.words("repeated_day_types")),
                kept_types=frozenset(r.words("kept_types")),
                untold_title_types=frozenset(r.words("untold_title_types")),
                entry_found=r.words("entry_found"),
                entry_lapse=r.pattern("entry_lapse"),
                entry_reach=r.integer("entry_reach", lo=1, hi=5),
            )
        )


@dataclass(frozen=True)
class Nearest:
    """Weights of the nearest-cue fallback: before at distance, after at weight x distance + offset."""

    after_weight: float
    after_offset: float

    @classmethod
    def parse(cls, r: Reader) -> Nearest:
        return r.finish(
            cls(after_weight=r.number("after_weight", lo=0.0), after_offset=r.number("after_offset", lo=0.0))
        )


@dataclass(frozen=True)
class DateWords:
    """The vocabulary of date expressions (the grammar is in ``dates.FAMILIES``)."""

    numbers: MappingProxyType[str, int | None]
    anchor_verbs: tuple[str, ...]
    anchor_pronouns: tuple[str, ...]
    anchor_possessives: tuple[str, ...]
    honorifics: tuple[str, ...]
    parts_of_day: tuple[str, ...]
    anchor_nouns: tuple[str, ...]
    fatal_events: frozenset[str]
    harm_after: re.Pattern[str]
    holidays: MappingProxyType[str, tuple[int, int]]
    statutes: tuple[str, ...]
    named_after_year: tuple[str, ...]
    counted_after_year: tuple[str, ...]
    appositive: re.Pattern[str]
    event_offsets: tuple[str, ...]  # "after", "prior": directions an offset's event follows
    offset_event: re.Pattern[str]  # "a week after the crash": the event an unresolved offset is told from
    apposed_offset: re.Pattern[str]  # "on 19 July, nine days after …": the offset dates the event after it
    weekday_words: frozenset[str]
    duration_before: tuple[str, ...]
    units: MappingProxyType[str, tuple[int, str]]
    event_lapse_units: frozenset[str]
    period_parts: tuple[str, ...]
    approximators: tuple[str, ...]
    month_parts: tuple[str, ...]
    anchor_spans: tuple[str, ...]
    relative_words: MappingProxyType[str, int]
    nowadays_after: tuple[str, ...]  # "still alive today": nowadays, no date
    deictic_names: tuple[str, ...]  # "the Today programme": a name
    month_precision_units: frozenset[str]  # "last week": the month it falls in
    deictic: MappingProxyType[str, int]
    glue: re.Pattern[str]
    flashback: re.Pattern[str]
    plan: re.Pattern[str]  # "arranged to visit her the next day": a plan, no step of the narrative
    evening_from: int
    morning_before: int
    windows: Windows
    unit_gate: tuple[str, ...]
    span_gate: tuple[str, ...]
    prechecks: MappingProxyType[str, str]
    offset_sentences: int
    sentence_ends: str  # the characters a sentence-opening mention follows
    offset_back: tuple[str, ...]  # "two weeks before / earlier": counted back from the anchor
    offset_forward: tuple[str, ...]  # "two weeks later / after": counted forward
    offset_relational: tuple[str, ...]  # "two hours after he was shot": an offset told from an event
    offset_relative: tuple[str, ...]  # "five months later": an offset that dates a harm after it
    part_relations: tuple[str, ...]  # "the morning of her death": the day itself (not shifted)
    anchor_prepositions: tuple[str, ...]  # "(on) the day before he died"
    anchor_auxiliaries: tuple[str, ...]  # "the day before he was attacked"
    bare_offset_units: tuple[str, ...]  # "weeks later": no count, no date
    spans: re.Pattern[str]  # "in the following days", "action on the day may have …": no date tells them
    offset_anchors: frozenset[str]  # families besides the anchoring ones an offset goes on from
    narrative_families: frozenset[str]  # families without a month whose year a later day-month takes
    proceedings_day: re.Pattern[str]  # "at the hearing on 6 April": a step of the proceedings, the page's news
    proceedings_day_after: int  # characters after the date searched for it
    narrative_year_events: re.Pattern[str]  # a happening of the case in a year's clause: the year dates an event
    narrative_year_before: re.Pattern[str]  # "since 2005": the year bounds a span (no narrative year)
    narrative_year_after: re.Pattern[str]  # "2017-18": a financial year
    narrative_year_words_after: int  # the words after a year that still name the event it dates
    next_words: tuple[str, ...]  # "the next day": one unit on
    previous_words: tuple[str, ...]  # "the previous day": one unit back

    @classmethod
    def parse(cls, r: Reader) -> DateWords:
        numbers = _mapping(r, "numbers")
        if not all(v is None or (isinstance(v, int) and not isinstance(v, bool) and v > 0) for v in numbers.values()):
            raise r.error("numbers", "each word must map to a positive whole number or null")
        holidays = _mapping(r, "holidays")
        spans = r.section("narrative_year_spans")
        for name, value in holidays.items():
            if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
                raise r.error(f"holidays.{name}", "must be [month, day]")
        out = cls(
            numbers=MappingProxyType({" ".join(k.lower().split()): v for k, v in numbers.items()}),
            anchor_verbs=_words_in_order(r, "anchor_verbs"),
            anchor_pronouns=_words_in_order(r, "anchor_pronouns"),
            anchor_possessives=_words_in_order(r, "anchor_possessives"),
            honorifics=_words_in_order(r, "honorifics"),
            parts_of_day=tuple(w.lower() for w in r.words("parts_of_day")),
            anchor_nouns=_words_in_order(r, "anchor_nouns"),
            fatal_events=frozenset(w.lower() for w in r.words("fatal_events")),
            harm_after=r.pattern("harm_after"),
            holidays=MappingProxyType({" ".join(k.lower().split()): (v[0], v[1]) for k, v in holidays.items()}),
            statutes=_words_in_order(r, "statutes"),
            named_after_year=_words_in_order(r, "named_after_year"),
            counted_after_year=_words_in_order(r, "counted_after_year"),
            appositive=r.pattern("appositive"),
            event_offsets=_lower_words(r, "event_offsets"),
            offset_event=r.pattern("offset_event", flags=0),
            apposed_offset=r.pattern("apposed_offset"),
            weekday_words=frozenset(w.lower() for w in r.words("weekday_words")),
            duration_before=_words_in_order(r, "duration_before"),
            units=_units(r),
            event_lapse_units=frozenset(w.lower() for w in r.words("event_lapse_units")),
            period_parts=_words_in_order(r, "period_parts"),
            approximators=_words_in_order(r, "approximators"),
            month_parts=_words_in_order(r, "month_parts"),
            anchor_spans=_words_in_order(r, "anchor_spans"),
            relative_words=_shifts(r, "relative_words"),
            nowadays_after=_lower_words(r, "nowadays_after"),
            deictic_names=_lower_words(r, "deictic_names"),
            month_precision_units=frozenset(_lower_words(r, "month_precision_units")),
            deictic=_shifts(r, "deictic"),
            glue=r.pattern("glue"),
            flashback=r.pattern("flashback"),
            plan=r.pattern("plan"),
            **_overnight(r.section("overnight")),
            windows=Windows.parse(r.section("windows")),
            unit_gate=tuple(w.lower() for w in r.words("unit_gate")),
            span_gate=_lower_words(r, "span_gate"),
            prechecks=_prechecks(r),
            offset_sentences=r.integer("offset_sentences", lo=0),
            sentence_ends="".join(r.words("sentence_ends")),
            offset_back=_lower_words(r, "offset_back"),
            offset_forward=_lower_words(r, "offset_forward"),
            offset_relational=_lower_words(r, "offset_relational"),
            offset_relative=_lower_words(r, "offset_relative"),
            part_relations=_lower_words(r, "part_relations"),
            anchor_prepositions=_lower_words(r, "anchor_prepositions"),
            anchor_auxiliaries=_lower_words(r, "anchor_auxiliaries"),
            bare_offset_units=_lower_words(r, "bare_offset_units"),
            spans=r.pattern("spans"),
            offset_anchors=frozenset(_lower_words(r, "offset_anchors")),
            narrative_families=frozenset(_lower_words(r, "narrative_families")),
            proceedings_day=r.pattern("proceedings_day"),
            proceedings_day_after=r.integer("proceedings_day_after", lo=0),
            narrative_year_events=r.pattern("narrative_year_events"),
            narrative_year_before=spans.pattern("before"),
            narrative_year_after=spans.pattern("after"),
            narrative_year_words_after=spans.integer("words_after", lo=0),
            next_words=_lower_words(r, "next_words"),
            previous_words=_lower_words(r, "previous_words"),
        )
        spans.done()
        directions = {*out.offset_back, *out.offset_forward}
        for key in ("offset_relational", "offset_relative"):
            if bad := next((w for w in getattr(out, key) if w not in directions), None):
                raise r.error(key, f"must list words of offset_back or offset_forward, not {bad!r}")
        r.done()
        return out


@dataclass(frozen=True)
class Windows:
    """How many characters around a candidate date its tests look at."""

    future_tense: int
    year_before: int
    year_after: int
    name_before: int
    duration_before: int

    @classmethod
    def parse(cls, r: Reader) -> Windows:
        return r.finish(cls(**{key: r.integer(key, lo=1, hi=400) for key in cls.__dataclass_fields__}))


_CALENDAR_UNITS = ("hour", "day", "month", "year")


def _units(r: Reader) -> MappingProxyType[str, tuple[int, str]]:
    units = _mapping(r, "units")
    out: dict[str, tuple[int, str]] = {}
    for name, value in units.items():
        if not (
            isinstance(value, list)
            and len(value) == 2
            and isinstance(value[0], int)
            and not isinstance(value[0], bool)
            and value[0] > 0
            and value[1] in _CALENDAR_UNITS
        ):
            raise r.error(f"units.{name}", f"must be [count, one of {', '.join(_CALENDAR_UNITS)}]")
        out[name.lower().strip()] = (value[0], value[1])
    return MappingProxyType(out)


def _shifts(r: Reader, key: str) -> MappingProxyType[str, int]:
    value = _mapping(r, key)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
        raise r.error(key, "each word must map to a whole number (a shift)")
    return MappingProxyType({" ".join(k.lower().split()): v for k, v in value.items()})


def _overnight(r: Reader) -> dict[str, int]:
    return r.finish(
        {
            "evening_from": r.integer("evening_from", lo=0, hi=23),
            "morning_before": r.integer("morning_before", lo=0, hi=23),
        }
    )


def _prechecks(r: Reader) -> MappingProxyType[str, str]:
    """Each family's precheck: a whole pattern on lower-cased text (checked here, compiled by ``dates``)."""
    value = _mapping(r, "prechecks")
    for family, pattern in value.items():
        if not isinstance(pattern, str):
            raise r.error(f"prechecks.{family}", "must be a pattern")
        try:
            re.compile(pattern)
        except re.error as e:
            raise r.error(f"prechecks.{family}", f"not a valid pattern ({e})") from None
    return MappingProxyType(dict(value))


@dataclass(frozen=True)
class EventRules:
    types: MappingProxyType[str, tuple[str, ...]]  # the cues of each event type (patterns on lower-cased text)
    priority: tuple[str, ...]  # ties between equally near cues go to the earlier type
    clauses: Clauses
    document: DocumentRules
    fatal: tuple[str, ...]
    warning_kinds: MappingProxyType[str, tuple[str, ...]]
    future_tense: re.Pattern[str]
    nearest: Nearest
    looks_back: re.Pattern[str]
    anchor_follows: re.Pattern[str]
    stamp_line: re.Pattern[str]
    byline: re.Pattern[str]
    incident_line: re.Pattern[str]  # "Incident Date: 16 January 2002": a label line dating the case's harm
    chronology_opening: re.Pattern[str]
    coordinated_days: re.Pattern[str]
    dates: DateWords

    @classmethod
    def parse(cls, r: Reader) -> EventRules:
        types_r, kinds_r = r.section("types"), r.section("warning_kinds")
        types = MappingProxyType({kind: types_r.words(kind) for kind in list(types_r.keys())})
        kinds = MappingProxyType({kind: kinds_r.words(kind) for kind in list(kinds_r.keys())})
        priority = r.words("priority")
        missing = set(types) - set(priority)
        if missing:
            raise r.error("priority", f"lacks the types {', '.join(sorted(missing))}")
        out = cls(
            types=types,
            priority=priority,
            clauses=Clauses.parse(r.section("clauses")),
            document=DocumentRules.parse(r.section("document")),
            fatal=r.words("fatal"),
            warning_kinds=kinds,
            future_tense=r.pattern("future_tense"),
            nearest=Nearest.parse(r.section("nearest")),
            looks_back=r.pattern("looks_back"),
            anchor_follows=r.pattern("anchor_follows"),
            stamp_line=r.pattern("stamp_line"),
            byline=r.pattern("byline", flags=0),
            incident_line=r.pattern("incident_line"),
            chronology_opening=r.pattern("chronology_opening"),
            coordinated_days=r.pattern("coordinated_days"),
            dates=DateWords.parse(r.section("dates")),
        )
        types_r.done()
        kinds_r.done()
        r.done()
        if not set(out.clauses.title_priority) <= set(types) | {"other"}:
            raise RulesError("rules/events.yaml, key clauses.title_priority: names a type that has no cues")
        return out


@cache
def load() -> EventRules:
    return EventRules.parse(Reader("events"))
