"""Events and missed opportunities.

:func:`extract_events` turns every date mention in a document's article text
(captions included, chrome and comments excluded) into an ``events`` row with
its normalised date and an ``event_type`` from ``rules/events.yaml``.
:func:`document_missed_opportunities` lists each distinct warning sign dated
before the document's first harm, with the interval between them in days (the
``missed_opportunities`` table; notebook 01 selects and merges it per case).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from .dates import (
    MONTHS,
    PRECISION_ORDER,
    Context,
    Cursor,
    DateMention,
    MentionFinder,
    anchored_to_harm,
    clock_minutes,
    first_day,
    harm_anchored_event,
    interval_days,
    resolve,
    resolve_with_cursors,
)
from .ingest import Document, sentence_spans
from .rules import events as events_rules
from .rules.events import Clauses, EventRules
from .text import Cues, Span, lower_same_length

EVENT_KINDS = ("article", "caption")
Row = dict[str, Any]  # an events or missed_opportunities row (columns in schema.py)
Cue = tuple[str, int, int]  # (event type, start, end) of a cue in a sentence


@cache
def _rules() -> EventRules:
    return events_rules.load()


@cache
def cues() -> tuple[Cues, list[str]]:
    """The fatal-harm cues (for lower-cased text) and the priority of event
    types (ties go to the earlier)."""
    return Cues(_rules().fatal), list(_rules().priority)


@cache
def cues_by_kind() -> dict[str, Cues]:
    """The cues of each event type, compiled for lower-cased text (see :class:`text.Cues`)."""
    return {kind: Cues(patterns, re.M) for kind, patterns in _rules().types.items()}


@cache
def clause_rules() -> Clauses:
    """Clause boundaries, the attributive and title rules (``clauses`` in rules/events.yaml)."""
    return _rules().clauses


@cache
def _boundaries() -> Cues:
    return Cues(_rules().clauses.boundaries)


def outermost(found: list[Cue]) -> list[Cue]:
    """``found`` without the cues lying inside a longer cue of another type,
    in their order: one pass over the cues sorted by start (ends descending),
    keeping the furthest end reached by each type so far."""
    spans = sorted((start, end) for _, start, end in found)
    if all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return found  # no two cues overlap (the common case)
    order = sorted(range(len(found)), key=lambda i: (found[i][1], -found[i][2]))
    keep = [True] * len(found)
    reached: dict[str, int] = {}  # per type, the furthest end of a cue starting before the current start
    i = 0
    while i < len(order):
        start = found[order[i]][1]
        j = i
        while j < len(order) and found[order[j]][1] == start:
            j += 1
        longer: set[str] = set()  # types of a cue with the same start and a later end
        k = i
        while k < j:
            end = found[order[k]][2]
            stop = k
            while stop < j and found[order[stop]][2] == end:
                stop += 1
            for index in order[k:stop]:
                kind = found[index][0]
                if longer - {kind} or any(other != kind and e >= end for other, e in reached.items()):
                    keep[index] = False
            longer.update(found[index][0] for index in order[k:stop])
            k = stop
        for index in order[i:j]:
            kind, _, end = found[index]
            reached[kind] = max(reached.get(kind, -1), end)
        i = j
    return [cue for cue, kept in zip(found, keep, strict=True) if kept]


@cache
def _cue_plan() -> tuple[
    list[tuple[str, frozenset[str] | None, list[tuple[re.Pattern[str], frozenset[str] | None]]]], list[str]
]:
    """Per event type, its cues' required literals and each cue's pattern with
    its own (see :class:`text.Cues`); and every literal any cue requires."""
    plan = [
        (kind, kind_cues.literals, list(zip(kind_cues.patterns, kind_cues._needed, strict=True)))
        for kind, kind_cues in cues_by_kind().items()
    ]
    literals = sorted({w for _, _, patterns in plan for _, needed in patterns for w in needed or ()})
    return plan, literals


@cache
def _cue_index() -> tuple[
    list[tuple[int, re.Pattern[str]]],
    list[frozenset[str] | None],
    tuple[int, ...],
    tuple[str, ...],
    dict[str, tuple[str, ...]],
    dict[str, tuple[int, ...]],
]:
    """The cue plan flattened for :func:`cue_matches`: each cue (in plan
    order) as (its type's index, pattern); each type's literals; the cues that
    require no literal; the literals as a forest, each literal under the
    longest other literal it contains (a literal is tested only when that one
    occurs: a sentence without "arrest" holds no "arrested"), as its roots
    and the literals under each literal; and, per literal, the cues one of
    whose required literals it is."""
    plan, literals = _cue_plan()
    flat: list[tuple[int, re.Pattern[str]]] = []
    always: list[int] = []
    needing: dict[str, list[int]] = {}
    for k, (_, _, patterns) in enumerate(plan):
        for pattern, needed in patterns:
            if needed is None:
                always.append(len(flat))
            for w in needed or ():
                needing.setdefault(w, []).append(len(flat))
            flat.append((k, pattern))
    parent = {w: max((p for p in literals if p != w and p in w), key=len, default=None) for w in literals}
    children: dict[str | None, list[str]] = {}
    for w in literals:
        children.setdefault(parent[w], []).append(w)
    return (
        flat,
        [kind_literals for _, kind_literals, _ in plan],
        tuple(always),
        tuple(children.get(None, ())),
        {w: tuple(children.get(w, ())) for w in literals},
        {w: tuple(needing.get(w, ())) for w in literals},
    )


def _present_literals(lowered: str) -> set[str]:
    """The cue literals (``_cue_plan``) that occur in ``lowered``: the same set
    as testing each.  A literal without whitespace lies inside one of the
    text's whitespace-separated tokens, so those are the union of its
    tokens' literals (each distinct token's worked out once and kept,
    :func:`_token_literals`); a literal with whitespace is tested on the
    text, when the literal it is filed under (``_cue_index``) occurs."""
    _, _, _, _, under, _ = _cue_index()
    present: set[str] = set()
    for token in set(lowered.split()):
        known = _TOKEN_LITERALS.get(token)
        present.update(_token_literals(token) if known is None else known)
    todo = list(_spaced_literals_under(None))
    for w in present:
        todo.extend(_spaced_literals_under(w))
    while todo:
        w = todo.pop()
        if w in lowered:
            present.add(w)
            todo.extend(under[w])  # (a literal holding w holds its whitespace too)
    return present


_TOKEN_LITERALS: dict[str, frozenset[str]] = {}  # the cue literals inside each token seen
_TOKENS_KEPT = 60_000  # emptied when it reaches this many tokens (memory stays bounded)


def _token_literals(token: str) -> frozenset[str]:
    """The cue literals inside ``token`` (one without whitespace), kept for
    the next time: a literal is tested only when the literal it is filed
    under occurs."""
    if len(_TOKEN_LITERALS) >= _TOKENS_KEPT:
        _TOKEN_LITERALS.clear()
    under = _cue_index()[4]
    found: set[str] = set()
    todo = list(_token_roots())
    while todo:
        w = todo.pop()
        if w in token:
            found.add(w)
            todo.extend(under[w])
    known = _TOKEN_LITERALS[token] = frozenset(found)
    return known


@cache
def _token_roots() -> tuple[str, ...]:
    """The root cue literals without whitespace (``_cue_index``): the only ones a token can hold."""
    return tuple(w for w in _cue_index()[3] if not any(c.isspace() for c in w))


@cache
def _spaced_literals_under(literal: str | None) -> tuple[str, ...]:
    """The cue literals holding whitespace filed right under ``literal``
    (None: the roots, see ``_cue_index``)."""
    _, _, _, roots, under, _ = _cue_index()
    return tuple(w for w in (roots if literal is None else under[literal]) if any(c.isspace() for c in w))


@lru_cache(maxsize=256)
def cue_matches(sentence: str) -> list[Cue]:
    """(event type, start, end) of every cue in ``sentence``, without cues lying
    inside a longer cue of another type ("charging decision" is not
    "decision"); cached because a sentence with several dates is asked once
    per date."""
    lowered = lower_same_length(sentence)
    plan, _ = _cue_plan()
    flat, kind_literals, always, _, _, needing = _cue_index()
    present = _present_literals(lowered)  # each literal tested at most once, not once per cue
    # the cues one of whose required literals occurs (or that require none), in plan order
    candidates = set(always)
    for w in present:
        candidates.update(needing[w])
    open_kind: dict[int, bool] = {}
    found_cues: list[Cue] = []
    for i in sorted(candidates):
        k, pattern = flat[i]
        is_open = open_kind.get(k)
        if is_open is None:
            literals = kind_literals[k]
            is_open = open_kind[k] = literals is None or not literals.isdisjoint(present)
        if is_open:
            kind = plan[k][0]
            found_cues.extend((kind, m.start(), m.end()) for m in pattern.finditer(lowered))
    found = outermost(found_cues)
    # the matches of each type's cues (cue order, then text order): a type none of whose cues matches adds none
    found = _compound_modifiers_dropped(sentence, found)
    conf = clause_rules()
    modal, intended, reach = conf.modal_harm, conf.intended_harm, conf.intended_harm_window
    return [
        ("warning_sign", start, end)
        if kind == "harm"
        and (modal.search(lowered, max(0, start - 40), start) or intended.search(lowered, max(0, start - reach), start))
        else cue
        for cue in found
        for kind, start, end in [cue]
    ]  # "she feared he would kill her", "intending to … set fire to herself": a harm told as possible
    # or intended is the fear, threat or intention, a warning


def _compound_modifiers_dropped(sentence: str, found: list[Cue]) -> list[Cue]:
    """``found`` without the cues that modify a following head noun of an
    institutional type in one noun phrase ("a Death or Serious Injury (DSI)
    referral", "the murder investigation", "a stabbing trial"): the phrase is
    the referral, investigation or trial (``clauses.compound_heads``,
    ``clauses.compound_gap``); a modifier of a dropped modifier goes too."""
    conf = clause_rules()
    if len(found) < 2 or not any(kind in conf.compound_heads for kind, _, _ in found):
        return found
    dropped: set[Cue] = set()
    edge: int | None = None  # where the noun phrase of the nearest head after the current cue starts so far
    for cue in sorted(found, key=lambda c: (c[1], c[2]), reverse=True):
        kind, start, end = cue
        if kind in conf.compound_heads:
            edge = start
        elif edge is not None and end <= edge and conf.compound_gap.fullmatch(sentence, end, edge):
            dropped.add(cue)
            edge = start
        else:
            edge = None
    return [c for c in found if c not in dropped] if dropped else found


@lru_cache(maxsize=256)
def clause_cuts(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of every clause boundary in ``sentence``."""
    lowered = lower_same_length(sentence)
    boundaries = _boundaries()
    if not boundaries.may_match(lowered):
        return []
    return sorted((m.start(), m.end()) for m in boundaries.matches(lowered))


def clause_of(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding ``sentence[start:end]``: between the
    nearest boundaries outside the expression itself."""
    left, right = 0, len(sentence)
    cuts = clause_cuts(sentence)
    for b_start, b_end in cuts:
        if b_end <= start:
            left = max(left, b_start)
        elif b_start >= end:
            right = min(right, b_start)
    opening = clause_rules().relative_opening.match(sentence, left)
    if opening and (comma := sentence.find(",", opening.end(), start)) != -1:
        if _has_cue(sentence, comma, start):
            left = (
                comma  # "Ms Hunte, who died on 14 May, made calls in 2020": the relative clause closed before the date
            )
        else:  # "was reported missing from the hospital, which provides care, on 16 May": the clause it interrupted
            left = max((b_start for b_start, b_end in cuts if b_end <= left), default=0)
    elif opening and (comma := sentence.find(",", end, right)) != -1:
        right = comma  # ", which concluded on 6 June," ends at its comma
    return left, right


def _has_cue(sentence: str, start: int, end: int) -> bool:
    return any(start <= m_start and m_end <= end for _, m_start, m_end in cue_matches(sentence))


def main_clause_after(sentence: str, right: int) -> tuple[int, int] | None:
    """The main clause after an interrupting subordinate clause: in "On 26
    August 2018, after receiving a call, police found her injured" the date
    ends its clause at ", after …", and attaches to what follows that clause's
    closing comma (``clauses.interrupting`` in rules/events.yaml)."""
    if not clause_rules().interrupting.match(sentence, right):
        return None
    comma = sentence.find(",", right + 1)
    if comma == -1:
        return None
    stop = next((b_start for b_start, _ in clause_cuts(sentence) if b_start > comma), len(sentence))
    return comma + 1, stop


def event_type(sentence: str, start: int, end: int, family: str = "", mention_text: str = "") -> str:
    """Type of the mention at ``sentence[start:end]``: what the date attaches
    to (the noun it modifies, the cue governing it in its clause, a title's
    topic), else the nearest cue in the sentence (see rules/events.yaml)."""
    return typing(sentence, start, end, family, mention_text)[0]


def typing(
    sentence: str,
    start: int,
    end: int,
    family: str = "",
    mention_text: str = "",
    hidden: frozenset[Cue] = frozenset(),
) -> tuple[str, str]:
    """(type, how it was decided) of the mention at ``sentence[start:end]``;
    how is ``attributive``, ``clause``, ``title`` or ``own`` (what the date
    attaches to), ``nearest`` (a cue elsewhere in the sentence) or ``none``.
    The ``hidden`` cues (inside the sentence's other date expressions) are
    not the date's: in "On 8 September, two days before the murder, she
    dialled 999" the murder is what the other date is told from."""
    _, priority = cues()
    found = cue_matches(sentence)
    if hidden:
        found = [c for c in found if c not in hidden]
    if _absence_since(sentence, start, mention_text):
        return "other", "clause"
    own = _own_event(family, mention_text)
    if not found:
        return (own, "own") if own else ("other", "none")
    ignore_after = bool(
        family == "offset"
        and (_rules().looks_back.search(mention_text) or _rules().anchor_follows.search(mention_text))
    )
    if ignore_after and (close := clause_rules().anchor_close.search(sentence, end)) is not None:
        # "Seven weeks before the mother died, a neighbour called the police": the anchor's clause
        # closes at the comma, and the main clause after it tells what the date marks
        found = [c for c in found if not (end <= c[1] and c[2] <= close.start())]
        ignore_after = False
    if kind := _attributive(sentence, end, found, start):
        return kind, "attributive"
    if _speech_date(sentence, start, end, found, family) or _reaction_date(sentence, end, family):
        return "other", "clause"
    if kind := _in_clause(sentence, start, end, found, ignore_after, priority):
        return _fatal_violence(sentence, start, end, _reported_harm(sentence, start, end, kind)), "clause"
    if kind := _title(sentence, start, end, found):
        return kind, "title"
    if own:
        return own, "own"
    found = _outside_anchor_clauses(sentence, start, end, _outside_lapsed_main(sentence, start, end, found))
    return _nearest(start, end, found, ignore_after, priority), "nearest"


def _absence_since(sentence: str, start: int, mention_text: str) -> bool:
    """Is the date told after "since" as the start of an absence ("she had not
    seen him since 4.30pm", "missing from her home since 16 September")?  It
    dates the last sign of the person, no event of the clause
    (``clauses.absence_since``)."""
    lowered = lower_same_length(sentence)
    if mention_text.lower().startswith("since"):
        at = lowered.find("since", start)
        if at != -1:
            start = at + len("since")
    if "since" not in lowered[max(0, start - 30) : start]:
        return False
    return clause_rules().absence_since.search(lowered, max(0, start - 120), start) is not None


def _outside_lapsed_main(sentence: str, start: int, end: int, found: list[Cue]) -> list[Cue]:
    """``found`` without the cues before the date's clause when that clause is
    a temporal adjunct told a counted lapse away from the clause before it
    ("collapsed at the hospital 18 hours after being brought there by
    relatives on 31 August"): the date marks the adjunct's event, and the
    main clause's event lies the lapse away from it, so its cues do not type
    the date (``clauses.anchor_clause`` after ``clauses.anchor_lapse``)."""
    left, _ = clause_of(sentence, start, end)
    if left == 0 or not any(m_end <= left for _, _, m_end in found):
        return found
    conf = clause_rules()
    for b_start, b_end in clause_cuts(sentence):
        if b_start == left:
            if conf.anchor_clause.fullmatch(sentence[b_start:b_end].lower()) and conf.anchor_lapse.search(
                sentence[:b_start].lower()
            ):
                return [c for c in found if c[2] > left]
            break
    return found


def _outside_anchor_clauses(sentence: str, start: int, end: int, found: list[Cue]) -> list[Cue]:
    """``found`` without the cues of a temporal clause ("after Miss Doe was
    killed", "before he died") that does not hold the date: such a clause
    tells the event another is timed from, not what a date elsewhere marks
    ("he flew to Portugal on Saturday after she was killed" is not the
    killing's day; ``clauses.anchor_clause``). Only a clause after the date,
    and not one a lapse opens ("two days before the murder" is a date
    expression: ``clauses.anchor_lapse``)."""
    conf = clause_rules()
    cuts = clause_cuts(sentence)
    spans = []
    for i, (b_start, b_end) in enumerate(cuts):
        if b_start >= end and (
            (
                conf.anchor_clause.fullmatch(sentence[b_start:b_end].lower())
                and not conf.anchor_lapse.search(sentence[:b_start].lower())
            )
            or conf.arrival_clause.match(lower_same_length(sentence), b_start)
        ):
            stop = next((c for c, _ in cuts[i + 1 :] if c >= b_end), len(sentence))
            if (
                stop < len(sentence)
                and sentence[stop] == ","
                and conf.relative_opening.match(sentence, stop)
                and (closing := sentence.find(",", stop + 1)) != -1
            ):  # "after Miss Doe, who was pregnant, was killed": the clause goes on past its comma-closed relative
                stop = next((c for c, _ in cuts[i + 1 :] if c > closing), len(sentence))
            spans.append((b_end, stop))
    if not spans:
        return found
    return [c for c in found if not any(a <= c[1] and c[2] <= b for a, b in spans)]


def _speech_date(sentence: str, start: int, end: int, found: list[Cue], family: str = "") -> bool:
    """Is the date the day of a saying ("the family said yesterday", "I also
    said in July 2013 that his death was avoidable", "the campaign today
    said")?  Only when its clause has no cue before the date and what is
    said first is not an institutional act announced that day ("the IOPC
    said on Wednesday that its investigation found …"; ``clauses.speech_before``,
    ``clauses.speech_after``, ``clauses.speech_announces``)."""
    conf = clause_rules()
    lowered = lower_same_length(sentence)
    # the verb is right beside the date: test the words there first (cheap), then the clause
    if not (conf.speech_before.search(lowered, max(0, start - 40), start) or conf.speech_after.match(lowered, end)):
        return family in conf.reaction_families and _subject_said(sentence, lowered, start, end, found)
    left, _ = clause_of(sentence, start, end)
    if any(left <= m_start and m_end <= start for _, m_start, m_end in found):
        return False
    if not (conf.speech_before.search(lowered, left, start) or conf.speech_after.match(lowered, end)):
        return False  # the verb lies before the clause ("Police were told | on 12 April that …")
    return _not_announced(found, end)


def _not_announced(found: list[Cue], after: int) -> bool:
    """Is what is said after ``after`` no institutional act announced ("said on
    Friday that he was dismissed" is the outcome's news; ``clauses.speech_announces``)?"""
    said = [(m_start, kind) for kind, m_start, _ in found if m_start >= after]
    return not said or min(said)[1] not in clause_rules().speech_announces


def _subject_said(sentence: str, lowered: str, start: int, end: int, found: list[Cue]) -> bool:
    """Is the sentence-opening day-scale deictic the day of a saying whose subject is told
    after it ("Last night, the family's solicitor, Jo Bloggs, said: …", "Today
    his sister Ann Smith said …"; ``clauses.speech_subject_after``)?  No cue
    among the subject's words; a direct quotation after the verb
    (``clauses.speech_quote``) announces nothing."""
    conf = clause_rules()
    if sentence[:start].strip(" ,'\"‘“").lower() not in ("", *conf.opening_words):
        return False
    m = conf.speech_subject_after.match(lowered, end)
    if m is None or any(end <= m_start < m.end() for _, m_start, _ in found):
        return False
    return conf.speech_quote.match(lowered, m.end()) is not None or _not_announced(found, m.end())


def _reaction_date(sentence: str, end: int, family: str) -> bool:
    """Is the day-scale deictic at ``sentence[:end]`` the adverb of a verb of
    saying or reaction right after it ("The family of a man shot dead in 2019
    today called on the force to …", "who died after being restrained,
    yesterday expressed their disappointment")?  The statement's day, whatever
    the subject tells before it (``clauses.reaction_after``,
    ``clauses.reaction_families``)."""
    conf = clause_rules()
    return family in conf.reaction_families and conf.reaction_after.match(lower_same_length(sentence), end) is not None


def _own_event(family: str, mention_text: str) -> str | None:
    """A date told as the harm itself ("on the day he died", "the morning of
    her death"): harm, when nothing in its clause says otherwise."""
    if family != "harm_anchored":
        return None
    m = harm_anchored_event(mention_text)
    return "harm" if m is not None and m[1] and not m[0] else None


def _fatal_violence(sentence: str, start: int, end: int, kind: str) -> str:
    """Violence the same sentence tells the death followed from ("He pushed
    her down the stairs on 3 May, causing injuries from which she died", "He
    assaulted her on 3 May and she died in hospital a week later", "She died
    in hospital six days after she was assaulted in August 2020") is the
    harm, not an earlier assault (``warning_kinds.violence``,
    ``document.consequence``, ``clauses.death_adjunct``)."""
    if kind != "warning_sign":
        return kind
    left, right = clause_of(sentence, start, end)
    lowered = lower_same_length(sentence)
    if not warning_kinds()["violence"].search(lowered[left:right]):
        return kind
    if consequence_cues().search(lowered[end:]):
        return "harm"
    # the death told first, the violence in an adjunct after it: "She died in hospital six days after
    # she was assaulted at her home in August 2020"
    told_first = clause_rules().death_adjunct.match(lowered, left) and consequence_cues().search(lowered[:left])
    return "harm" if told_first else kind


def _reported_harm(sentence: str, start: int, end: int, kind: str) -> str:
    """A report or call whose content is the harm itself ("police received a
    report that he had stabbed her") dates the harm, not a warning before it
    (``clauses.reported_harm`` in rules/events.yaml)."""
    if kind != "warning_sign":
        return kind
    _, right = clause_of(sentence, start, end)
    conf = clause_rules()
    for b_start, b_end in clause_cuts(sentence):
        if b_start == right and conf.reporting.fullmatch(sentence[b_start:b_end].lower()):
            stop = next((c for c, _ in clause_cuts(sentence) if c >= b_end), len(sentence))
            if conf.reported_harm.search(lower_same_length(sentence[b_end:stop])):
                return "harm"
            break
    return kind


def _attributive(sentence: str, end: int, found: list[Cue], start: int) -> str | None:
    """In "the 2023 Nottingham stabbings" the date takes the cue of the noun the date modifies."""
    conf = clause_rules()
    if not (
        conf.attributive_before.search(sentence[max(0, start - 8) : start])
        or conf.attributive_possessive.search(sentence[start:end])
        or conf.attributive_possessive.match(sentence, end, end + 2)
    ):
        return None
    words = re.match(rf"(?:\s+[\w’'-]+){{0,{conf.attributive_words}}}", sentence[end:])
    stop = end + (words.end() if words else 0)
    after = [(m_start, kind) for kind, m_start, m_end in found if end <= m_start and m_end <= stop]
    return min(after)[1] if after else None


def _in_clause(
    sentence: str, start: int, end: int, found: list[Cue], ignore_after: bool, priority: list[str]
) -> str | None:
    left, right = clause_of(sentence, start, end)
    before = sorted(
        (
            (m_end, -priority.index(kind), m_start, kind)
            for kind, m_start, m_end in found
            if left <= m_start and m_end <= start
        ),
        reverse=True,
    )
    if _adjunct_of_harm(sentence, left, found, strict=bool(before)):
        return "harm"  # "Kevin Clarke died following restraint by officers on 9 March 2018": the death's date
    if before:
        governing = _head(sentence, before, start)
        conf = clause_rules()
        if (
            governing in conf.finding_subjects
            and conf.finding_verb.match(sentence.lower(), end)
            and not conf.finding_attached.search(sentence[max(0, start - 12) : end].lower())
        ):
            return "outcome"  # "The panel today (Friday 5 June) ruled …": the date is the finding's
        return governing
    if (head := _relative_head(sentence, left, found)) is not None:
        return head  # "the emergency call which was made on the morning of her death": the call's date
    if ignore_after:
        return None
    after = [
        (m_start - end, priority.index(kind), kind)
        for kind, m_start, m_end in found
        if end <= m_start and m_end <= right
    ]
    if (
        not after
        and sentence[left:start].strip(" ,").lower() in ("", *clause_rules().opening_words)
        and (main := main_clause_after(sentence, right))
    ):
        after = [
            (m_start, priority.index(kind), kind)
            for kind, m_start, m_end in found
            if main[0] <= m_start and m_end <= main[1]
        ]
    return min(after)[2] if after else None


def _adjunct_of_harm(sentence: str, left: int, found: list[Cue], strict: bool) -> bool:
    """Is the clause starting at ``left`` an adjunct of a harm ("died
    following restraint by officers on 9 March", "died after being detained
    following an incident on 3 May")?  Walks back over clauses opened by
    ``clauses.death_adjunct`` (no comma) to a harm cue ending at most
    ``clauses.death_adjunct_gap`` before one of them.  When the date's own
    clause has a cue before the date (``strict``), only a harm cue right
    before its own adjunct counts."""
    conf = clause_rules()
    cuts = clause_cuts(sentence)
    pos = left
    for _ in range(len(cuts)):
        adjunct = conf.death_adjunct.match(sentence, pos)
        if adjunct is None:
            return False
        opening = max((b_end for _, b_end in cuts if b_end <= pos), default=0)
        for kind, _, m_end in found:
            gap = sentence[m_end:pos]
            if (
                kind == "harm"
                and opening <= m_end <= pos
                and (not gap if strict else conf.death_adjunct_gap.fullmatch(gap))
            ):
                return True
        if strict:
            return False
        pos = max((b_start for b_start, b_end in cuts if b_end <= pos), default=-1)
        if pos < 0:
            return False
    return False


def _relative_head(sentence: str, left: int, found: list[Cue]) -> str | None:
    """The noun a relative clause with no cue of its own modifies: the cue
    ending at most ``clauses.relative_head_words`` words before ", which" /
    "who" (``clauses.relative_opening``)."""
    conf = clause_rules()
    if not conf.relative_opening.match(sentence, left):
        return None
    gap = conf.relative_head_gap
    before = [(m_end, kind) for kind, _, m_end in found if m_end <= left and gap.fullmatch(sentence[m_end:left])]
    return max(before)[1] if before else None


def _head(sentence: str, before: list[tuple[int, int, int, str]], start: int) -> str:
    """The governing cue among the cues before a date (nearest first): a cue
    that is the object of a preposition after an earlier cue ("the inquest
    into his death", "arrested on suspicion of murder") gives way to it, and
    a harm that is what a report right before it tells ("reported being
    raped", ``clauses.report_complement``) gives way to the report — except
    an offence told with its own complement as a verdict's object
    ("convicted of stabbing two students in June 2023", ``clauses.verdict``,
    ``clauses.offence_complement``): the offence keeps the date."""
    conf = clause_rules()
    head = before[0]
    for earlier in before[1:]:
        between = sentence[earlier[0] : head[2]].lower()
        if earlier[0] > head[2]:
            break
        if (
            head[3] in ("harm", "warning_sign")
            and earlier[3] == "proceedings"
            and conf.verdict.search(sentence[earlier[2] : earlier[0]].lower())
            and conf.offence_complement.fullmatch(sentence[head[0] : start])
        ):
            break  # "jailed for the murder of Tina Smith in 2017", "convicted for assaulting a partner in 2009"
        if (
            head[3] == "harm"
            and earlier[3] in conf.inquest_heads
            and conf.harm_complement.fullmatch(sentence[head[0] : start])
        ):
            break  # "a fresh inquest into the killing of a nationalist councillor almost 50 years ago"
        if conf.modifier_gap.match(between) or (
            not between.strip() and conf.modifier_end.search(sentence[earlier[2] : earlier[0]].lower())
        ):  # "the first report into | the shooting five years ago": the cue holds its own preposition
            head = earlier
        elif earlier[3] == "warning_sign" and head[3] == "harm" and conf.report_complement.fullmatch(between):
            head = earlier  # "she reported being raped in January 2021": the report is dated, not the rape
        else:
            break
    return head[3]


def _title(sentence: str, start: int, end: int, found: list[Cue]) -> str | None:
    """A title date ("Man dies following contact with police - West Midlands Police, January
    2018") labels the topic before the dash."""
    conf = clause_rules()
    if sentence[end:].strip(" .)") or not (dash := conf.title_dash.search(sentence, 0, start)):
        return None
    kinds = {kind for kind, m_start, m_end in found if m_end <= dash.start()}
    return next((kind for kind in conf.title_priority if kind in kinds), None)


def _nearest(start: int, end: int, found: list[Cue], ignore_after: bool, priority: list[str]) -> str:
    best: tuple[float, int, str] | None = None
    weights = _rules().nearest
    for kind, m_start, m_end in found:
        score: float
        if m_end <= start:
            score = start - m_end
        elif m_start >= end:
            if ignore_after:
                continue
            score = weights.after_weight * (m_start - end) + weights.after_offset
        else:
            continue
        candidate = (score, priority.index(kind), kind)
        best = min(best, candidate) if best else candidate
    return best[2] if best else "other"


_URL_PATH_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-]|$)")
_URL_STAMP = re.compile(r"(?<!\d)(\d{8}|\d{12}|\d{14})(?!\d)")


_URL_PATH_MONTH = re.compile(r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/", re.I)


def url_year_month(url: str) -> tuple[int, int] | None:
    """Year and month of a URL's date stamp: a ``/2021/11/`` or ``/2005/jun/``
    path, or a run of digits that is a real date as YYYYMMDD or DDMMYYYY, with
    or without a time (``…22122023110500``).  The day is never used."""
    if m := _URL_PATH_DATE.search(url):
        return int(m.group(1)), int(m.group(2))
    if m := _URL_PATH_MONTH.search(url):
        return int(m.group(1)), MONTHS[m.group(2).lower()]
    for m in _URL_STAMP.finditer(url):
        digits = m.group(1)
        for year, month, day in ((digits[:4], digits[4:6], digits[6:8]), (digits[4:8], digits[2:4], digits[:2])):
            try:
                stamp = dt.date(int(year), int(month), int(day))
            except ValueError:
                continue
            if 1990 <= stamp.year <= 2049:
                return stamp.year, stamp.month
    return None


def _context(doc: Document) -> Context:
    published = doc.metadata.published
    stamp = url_year_month(doc.metadata.source_url or "")
    return Context(
        published=dt.date.fromisoformat(published) if published else None,
        year_hint=stamp[0] if stamp else None,
        month_hint=stamp[1] if stamp else None,
    )


def extract_events(doc: Document) -> list[Row]:
    """Every dated (or datable) event mentioned in ``doc``, in three phases:
    find and resolve every date mention; type each by what it attaches to;
    resolve the offsets told from the harm ("a month before he killed")
    against the first typed harm."""
    spans = list(sentence_spans(doc, EVENT_KINDS))
    sents = [(span, doc.text[span.start : span.end]) for _, _, span in spans]
    finder = MentionFinder(doc.text, doc.lowered)  # what holds for the whole document, worked out once
    found = [finder.find(span.start, span.end) for span, _ in sents]
    ctx = _context(doc)
    resolved, cursors = resolve_with_cursors(doc.text, found, ctx, [number for number, _, _ in spans])
    kinds = [
        [_typed(mention, *view) for mention, view in zip(mentions, _views(sentence, span.start, mentions), strict=True)]
        if mentions
        else []  # most sentences have no date
        for (span, sentence), mentions in zip(sents, resolved, strict=True)
    ]
    first_paragraph = _headline_paragraph(spans, kinds)
    rows: list[Row] = []
    anchored: list[tuple[Row, DateMention, Cursor]] = []  # the offsets told from the harm, resolved in phase 3
    for (number, _, _), (_, sentence), mentions, types, unresolved, used in zip(
        spans, sents, resolved, kinds, found, cursors, strict=False
    ):
        headline = number == first_paragraph and not _CLOSED.search(sentence)
        for mention, (kind, how), bare, cur in zip(mentions, types, unresolved, used, strict=True):
            if not mention.date and _DEMONSTRATIVE_DAY.match(mention.text):
                continue  # "an attempted crime that night" with no day told before: no day to date
            row = {
                **_row(doc, len(rows), mention, kind, sentence),
                "_headline": headline,
                "_how": how,
                "_paragraph": number,
            }
            rows.append(row)
            if anchored_to_harm(bare, doc.text):
                anchored.append((row, bare, cur))
    _before_the_harm(anchored)
    numbered = [(number, span) for number, _, span in spans]
    _harm_told_after_its_date(rows, finder.lowered, numbered, resolved)
    _entry_found_harm(rows, finder.lowered, numbered, resolved)
    _topic_of_the_headline(
        rows,
        [sentence for (number, _, _), (_, sentence) in zip(spans, sents, strict=True) if number == first_paragraph],
    )
    rows = _retype_by_document(rows, finder.lowered)
    _earlier_episodes(rows)
    _resolve_from_harm(doc.text, anchored, rows, ctx)
    return rows


def _earlier_episodes(rows: list[Row]) -> None:
    """A date told weeks or years back ("four years earlier", ``document.earlier_episode``) beside
    another harm marks an earlier separate episode: a warning sign (not after the first harm)."""
    conf = _rules().document
    harms = [r for r in rows if r["event_type"] == "harm"]
    dated = [r["date"] for r in harms if r["date"] and r["precision"] in PRECISION_ORDER]
    first = min(dated, key=first_day) if dated else None
    for row in rows:
        if row["event_type"] not in conf.earlier_episode_types or not conf.earlier_episode.search(
            str(row["date_text"]).lower()
        ):
            continue
        if not any(h is not row for h in harms):
            continue  # the document's only harm, or none: no episode before it
        if first and row["date"] and interval_days(row["date"], first)[0] < 0:
            continue  # dated after the first harm
        row["event_type"] = "warning_sign"


def _topic_of_the_headline(rows: list[Row], headline: list[str]) -> None:
    """A date its sentence gives no type ("Opens 7 September, 10am" under
    "Inquest into the death of X opens") is the time of the institutional
    process the headline is about (``clauses.headline_topics``)."""
    if not headline or not any(r["_how"] == "none" and r["event_type"] == "other" for r in rows):
        return
    titles = [lower_same_length(sentence) for sentence in headline if not _CLOSED.search(sentence)]
    by_kind = cues_by_kind()
    topic = next(
        (kind for kind in clause_rules().headline_topics if any(by_kind[kind].search(title) for title in titles)), None
    )
    if topic is None:
        return
    for row in rows:
        if row["_how"] == "none" and row["event_type"] == "other" and not row["_headline"]:
            row["event_type"] = topic


def _headline_paragraph(spans: list[tuple[int, Any, Span]], kinds: list[list[tuple[str, str]]]) -> int | None:
    """The paragraph that may be the headline: the first one, after any
    paragraphs that are only the page's date stamp ("Published 12 Jan 2023"
    above the title)."""
    stamp_only: dict[int, bool] = {}
    for (number, _, _), types in zip(spans, kinds, strict=True):
        only = bool(types) and all(how == "stamp" for _, how in types)
        stamp_only[number] = stamp_only.get(number, True) and only
    return next((number for number, only in stamp_only.items() if not only), None)


def _harm_told_after_its_date(
    rows: list[Row], lowered: str, spans: list[tuple[int, Span]], resolved: list[list[DateMention]]
) -> None:
    """In a chronology whose body dates no harm, a death told without a date
    happened on the day its paragraph last dated before it ("On 21 July a
    further call was made … Officers forced entry and found the woman
    dead."): that mention is the harm."""
    body = [r for r in rows if not r["_headline"]]
    if not body or any(r["event_type"] == "harm" and r["date"] for r in body):
        return
    fatal, _ = cues()
    candidates = fatal.spans_with_literals(lowered, [span for _, span in spans])  # one scan per literal
    for i in sorted(candidates):
        paragraph, span = spans[i]
        if resolved[i] or not (death := fatal.any.search(lowered, span.start, span.end)):
            continue  # a dated sentence, or no death after all
        before = [
            r
            for r in body
            if r["_paragraph"] == paragraph
            and r["start"] < span.start
            and r["precision"] in ("day", "month")
            and r["event_type"] != "publication"
        ]
        if before and _told_as_harm(lowered[span.start : span.end], death.end() - span.start):
            before[-1]["event_type"] = "harm"
            return


def _entry_found_harm(
    rows: list[Row], lowered: str, spans: list[tuple[int, Span]], resolved: list[list[DateMention]]
) -> None:
    """A chronology entry dated to the day ("On 28 September, police received
    a call from the ambulance service.") typed as a warning or a police
    contact, whose paragraph goes on in undated sentences to a death or an
    injury found ("Officers attended and found the child unconscious.", "VB
    was deceased."), with no time passing told (``document.entry_found``,
    ``document.entry_lapse``, at most ``document.entry_reach`` sentences on):
    the entry's day is the harm's, and it counts as a fatal harm
    (``_found``). An entry is opened by its date, or told by its sentence's
    only date ("Officers attended approximately four hours later.")."""
    conf = _rules().document
    found = entry_found_cues()
    starts = [span.start for _, span in spans]
    by_sentence: dict[int, list[Row]] = {}  # the body rows of each sentence
    for r in rows:
        if not r["_headline"] and (k := bisect.bisect_right(starts, r["start"]) - 1) >= 0:
            by_sentence.setdefault(k, []).append(r)
    for j, dated in by_sentence.items():
        row = dated[-1]
        if row["precision"] != "day" or row["event_type"] not in ("warning_sign", "police_action", "harm"):
            continue
        if not (len(dated) == 1 or _opens_entry(row)):  # "Officers attended four hours later." or "On 3 May, …"
            continue
        for i in range(j + 1, min(len(spans), j + 1 + conf.entry_reach)):
            if resolved[i] or not _goes_on_from(spans, j, i):
                break  # the paragraph goes on to another date, or ends
            told = lowered[spans[i][1].start : spans[i][1].end]
            if found.search(told) is None:
                continue
            if conf.entry_lapse.search(told):
                continue  # "She later died in hospital": not the entry's day
            row["event_type"], row["_found"] = "harm", True
            break


def _goes_on_from(spans: list[tuple[int, Span]], j: int, i: int) -> bool:
    """Does sentence ``i`` go on from the entry ``j``: in its paragraph, or
    opening the next paragraph when the entry closes its own?"""
    if spans[i][0] == spans[j][0]:
        return True
    return spans[i][0] == spans[j][0] + 1 and spans[j + 1][0] == spans[i][0]  # the entry closes its paragraph


@cache
def entry_found_cues() -> Cues:
    """A death or injury found, told after a chronology entry (``document.entry_found``)."""
    return Cues(_rules().document.entry_found)


def _told_as_harm(sentence: str, at: int) -> bool:
    """Is the death whose cue ends at ``at`` told as a happening, not as the
    object of another event ("was charged with murder", "the inquest into
    her death")?  What a date right after the cue would be typed: harm."""
    return typing(sentence, at, at)[0] == "harm"


def _before_the_harm(anchored: list[tuple[Row, DateMention, Cursor]]) -> None:
    """A date told back from the harm ("an attack on him two days before he
    died", "the day before she was killed") is before the harm by its own
    words: typed harm, it is an earlier harm - a warning sign, never the
    case's harm (``looks_back`` in rules/events.yaml)."""
    looks_back = _rules().looks_back
    for row, bare, _ in anchored:
        told_before = looks_back.search(bare.text)
        if told_before and (
            row["event_type"] == "harm" or (row["event_type"] == "police_action" and _contact_before(row))
        ):
            row["event_type"] = "warning_sign"  # "bailed by police the day before the murder": an earlier contact


def _contact_before(row: Row) -> bool:
    """Is the police contact of ``row``, told back from the harm ("officers
    visited her home twice in the days before her death", "called to the flat
    three days before he was found dead"), an earlier separate one: a release
    or an arrest over an earlier offence, or any contact whose sentence tells
    no use of force or custody (``document.force``: "restrained the day before
    he died" is the harm incident's start)?"""
    if _over_an_earlier_offence(row):
        return True
    return force_cues().search(_told(row)) is None


def _resolve_from_harm(
    text: str, anchored: list[tuple[Row, DateMention, Cursor]], rows: list[Row], ctx: Context
) -> None:
    """Phase 3: resolve again, in place, each offset told from the harm
    ("a month before he killed her") against the date of the document's first
    harm, once every mention is typed."""
    if not anchored:
        return
    harm = _first_harm_date(rows)
    if harm is None:
        return
    with_harm = replace(ctx, harm_date=harm)
    for row, bare, cur in anchored:
        mention = resolve(bare, with_harm, text, cur)
        row.update(
            date=mention.date,
            date_end=mention.date_end,
            precision=mention.precision if mention.date else "unknown",
            anchor=mention.anchor,
        )


def _first_harm_date(rows: list[Row]) -> str | None:
    """Date of the first absolutely dated harm: the anchor of "a month before he killed"."""
    for row in rows:
        datable = (
            row["date"]
            and row["precision"] in ("day", "month")
            and (not row["relative"] or row["anchor"] == "explicit")
        )  # "later that day" after a full date
        if datable and row["event_type"] == "harm":
            return str(row["date"])
    return None


_DEMONSTRATIVE_DAY = re.compile(r"(?:that|the\s+same)\s", re.I)  # an anaphor of a day told before
_CLOSED = re.compile(r"[.!?][\"'”’)]*\s*$")  # a headline has no closing punctuation


def _is_stamp(sentence: str, offset: int, mentions: list[DateMention]) -> bool:
    """Is ``sentence`` a page's date stamp: only its date mentions (several:
    "Published 12 May 2023 | Updated 13 May 2023") and what ``stamp_line``
    allows, or a byline (``byline``)?"""
    rest, at = [], 0
    for m in mentions:
        rest.append(sentence[at : m.start - offset])
        at = m.end - offset
    rest.append(sentence[at:])
    text = " ".join(rest) if len(mentions) > 1 else "".join(rest)
    return bool(_rules().stamp_line.match(text) or _rules().byline.match(text))


def _views(
    sentence: str, offset: int, mentions: list[DateMention]
) -> Iterator[tuple[int, str, list[DateMention], dict[Cue, int]]]:
    """(offset, text, mentions) of the part of ``sentence`` each of its
    ``mentions`` is typed from: the whole sentence, unless it is longer than
    twice ``clauses.window``; then the window around the mention, cut at a
    space, with the mentions lying inside it (linear in the sentence)."""
    window = clause_rules().window
    if len(sentence) <= 2 * window:
        inside = _cues_inside(sentence, offset, mentions)  # the same for every mention: found once
        yield from ((offset, sentence, mentions, inside) for _ in mentions)
        return
    starts = [m.start for m in mentions]
    for m in mentions:
        lo = max(0, m.start - offset - window)
        hi = min(len(sentence), m.end - offset + window)
        if lo > 0 and (space := sentence.find(" ", lo, m.start - offset)) != -1:
            lo = space + 1
        if hi < len(sentence) and (space := sentence.rfind(" ", m.end - offset, hi)) != -1:
            hi = space
        near = mentions[bisect.bisect_left(starts, offset + lo) : bisect.bisect_left(starts, offset + hi)]
        view = [n for n in near if n.end <= offset + hi]
        yield offset + lo, sentence[lo:hi], view, _cues_inside(sentence[lo:hi], offset + lo, view)


def _typed(
    mention: DateMention, offset: int, sentence: str, mentions: list[DateMention], inside: dict[Cue, int]
) -> tuple[str, str]:
    """(type, how it was decided) of ``mention`` in its sentence (see :func:`typing`)."""
    dated_line = not mention.relative or (mention.family == "time" and any(not m.relative for m in mentions))
    if mentions and _rules().incident_line.match(sentence[: mentions[0].start - offset]):
        return "harm", "title"  # "Incident Date: 16 January 2002": the label dates the case's harm
    if (
        dated_line and not mention.date_end and _is_stamp(sentence, offset, mentions)
    ):  # a time beside the stamp's date is the stamp's too
        return "publication", "stamp"  # a line that is only dates (and times, or a byline): the page's own stamp
    hidden = frozenset(
        cue
        for cue, holder in inside.items()
        if holder != mention.start and not _anchor_dated_after(sentence, offset, mentions, holder, mention)
    )
    kind, how = typing(sentence, mention.start - offset, mention.end - offset, mention.family, mention.text, hidden)
    if kind == "warning_sign" and _call_tells_the_harm(
        sentence, mention.start - offset, mention.end - offset, mentions, offset
    ):
        return "harm", how  # "At 1.16pm a mother contacted police reporting she found her daughter dead"
    if (
        kind == "warning_sign"
        and mention.relative
        and _background_of_report(sentence, mention.start - offset, mention.end - offset, mention.text, hidden)
    ):
        return "other", "clause"  # "reported that he had left the house at 10am that morning": the content's time
    if kind == "police_action" and _undated_death_before(sentence, mention.start - offset, mentions):
        return "harm", how  # "X was shot dead …, during a police hard stop in April 2005": the death's date
    if kind == "police_action" and _death_found(sentence, mention.start - offset, mention.end - offset, mentions):
        return "harm", how  # "Officers forced entry on 3 May and found him dead": the day the death was found
    return kind, how


_ANCHOR_OBJECT = re.compile(r"(?:\s+(?!and\b|but\b|or\b)[\w’'-]+){0,3}\s*")


def _anchor_dated_after(
    sentence: str, offset: int, mentions: list[DateMention], holder: int, mention: DateMention
) -> bool:
    """Is ``mention`` the date of the event an offset before it is told from
    ("returned home a month before he killed her in March 2021": March 2021
    is the killing's)? Then the cues of that event, inside the offset's
    expression, are the date's too: the offset is told from an event (a
    ``harm_anchored`` mention) and at most the event's object lies between
    them (``_ANCHOR_OBJECT``: three words, no punctuation, no conjunction)."""
    if mention.start <= holder:
        return False
    anchor = next((m for m in mentions if m.start == holder), None)
    return (
        anchor is not None
        and anchor.family == "harm_anchored"
        and anchor.end <= mention.start
        and _ANCHOR_OBJECT.fullmatch(sentence, anchor.end - offset, mention.start - offset) is not None
    )


def _call_tells_the_harm(sentence: str, start: int, end: int, mentions: list[DateMention], offset: int) -> bool:
    """Does the call or report the date at ``sentence[start:end]`` attaches to
    tell the harm itself, its content following without "that" ("contacted
    police reporting she found her daughter dead", "phoned police to say he
    had been stabbed")?  Only a content after the date, in the date's clause,
    up to the end of the sentence or a semicolon, holding no other date, and
    not told as intended or threatened ("said she was going to set herself on
    fire"; ``clauses.report_content``, ``clauses.reported_harm``,
    ``clauses.report_modality``)."""
    conf = clause_rules()
    lowered = lower_same_length(sentence)
    opened = conf.report_content.search(lowered, end)
    if opened is None:
        return False  # the common case: no content verb after the date at all
    left, right = clause_of(sentence, start, end)
    if opened.start() < left or opened.start() >= right:
        opened = conf.report_content.search(lowered, max(end, left), right)
        if opened is None:
            return False
    stop = next((m.start() for m in _SENTENCE_BREAK.finditer(sentence, opened.end())), len(sentence))
    if any(opened.end() <= m.start - offset < stop for m in mentions):
        return False  # "told them she had stabbed him two days previously": the harm is dated apart
    harm = conf.reported_harm.search(lowered, opened.end(), stop)
    return harm is not None and not conf.report_modality.search(lowered, opened.end(), harm.start())


def _background_of_report(sentence: str, start: int, end: int, text: str, hidden: frozenset[Cue]) -> bool:
    """Is the date at ``sentence[start:end]``, told back from a report
    ("the previous day", "that morning"), the time of background the report
    tells ("expressed concern, including that she had been evicted the
    previous day")?  A report's cue (a warning cue of no kind but
    ``report``) before the date, a content opening between them, and no
    other cue from that report to the end of the date's clause
    (``clauses.background_date``, ``clauses.background_opening``)."""
    conf = clause_rules()
    if not conf.background_date.search(text):
        return False
    lowered = lower_same_length(sentence)
    kinds = warning_kinds()
    reports = [
        m_end
        for kind, m_start, m_end in cue_matches(sentence)
        if kind == "warning_sign"
        and m_end <= start
        and (kind, m_start, m_end) not in hidden
        and not any(cues_.search(lowered[m_start:m_end]) for name, cues_ in kinds.items() if name != "report")
    ]
    if not reports:
        return False
    last = max(reports)
    _, right = clause_of(sentence, start, end)
    content = [c for c in cue_matches(sentence) if c not in hidden and last <= c[1] and c[2] <= max(right, end)]
    return not content and conf.background_opening.search(lowered, last, start) is not None


def _undated_death_before(sentence: str, start: int, mentions: list[DateMention]) -> bool:
    """Does ``sentence`` tell a death before the police contact it dates at
    ``start``, with no date of its own ("Azelle Rodney was shot dead …,
    during a police hard stop in April 2005", "Mr Atkinson, who died in
    hospital an hour after an ambulance was called to the scene, on 15
    August 2016")?  The one date (times aside) is then the death's: the
    contact is told as its circumstance (``fatal`` in rules/events.yaml)."""
    if sum(m.family != "time" for m in mentions) != 1:
        return False
    fatal, _ = cues()
    lowered = lower_same_length(sentence[:start])
    deaths = [m.end() for m in fatal.matches(lowered)]
    return bool(deaths) and not _SENTENCE_BREAK.search(sentence, max(deaths), start)


def _death_found(sentence: str, start: int, end: int, mentions: list[DateMention]) -> bool:
    """Does the police contact that the one date of ``sentence`` (times
    aside) dates find the death ("Officers forced entry on 3 May and found
    him unresponsive", "… on 3 May, where they found the woman dead",
    "Officers found him hanging in woodland at 8.36am on 30 April")?  Then
    the date is the death's, the harm (``clauses.discovery``): a discovery
    after the date, not across a semicolon, a sentence run on or a temporal
    clause ("visited her on 3 May before she was found dead",
    ``clauses.anchor_clause``), or one in the date's own clause before it."""
    if sum(m.family != "time" for m in mentions) != 1:
        return False
    lowered = lower_same_length(sentence)
    cues_ = discovery_cues()
    if not cues_.may_match(lowered):
        return False
    left, _ = clause_of(sentence, start, end)
    if any(left <= m.start() and m.end() <= start for m in cues_.any.finditer(lowered, left, start)):
        return True
    found = cues_.any.search(lowered, end)
    if found is None or _SENTENCE_BREAK.search(sentence, end, found.start()):
        return False
    anchor = clause_rules().anchor_clause
    return not any(
        end <= b_start and b_end <= found.start() and anchor.fullmatch(lowered[b_start:b_end])
        for b_start, b_end in clause_cuts(sentence)
    )


@cache
def discovery_cues() -> Cues:
    """A death found (``clauses.discovery``)."""
    return Cues(clause_rules().discovery)


_SENTENCE_BREAK = re.compile(r";|[.!?][\"”’)]*\s*[A-Z]")  # "… in Milton Keynes.The man was detained in 2013"


def _cues_inside(sentence: str, offset: int, mentions: list[DateMention]) -> dict[Cue, int]:
    """The cues of ``sentence`` lying inside one of its date mentions, and the
    start of that mention (the mentions are disjoint and sorted)."""
    if len(mentions) < 2:
        return {}
    starts = [m.start - offset for m in mentions]
    inside: dict[Cue, int] = {}
    for cue in cue_matches(sentence):
        i = bisect.bisect_right(starts, cue[1]) - 1
        if i >= 0 and cue[2] <= mentions[i].end - offset:
            inside[cue] = mentions[i].start
    return inside


def _row(doc: Document, n: int, mention: DateMention, kind: str, sentence: str) -> Row:
    return {
        "doc_id": doc.doc_id,
        "event_id": f"{doc.doc_id}:e{n}",
        "case_id": None,
        "date": mention.date,
        "date_end": mention.date_end,
        "precision": mention.precision if mention.date else "unknown",
        "date_text": mention.text,
        "relative": mention.relative,
        "anchor": mention.anchor,
        "event_type": kind,
        "sentence": sentence,
        "start": mention.start,
        "end": mention.end,
    }


def _retype_by_document(rows: list[Row], lowered: str) -> list[Row]:
    """Types that need the whole document's timeline: a non-fatal harm dated
    before the first fatal harm is an earlier assault, and a police contact
    dated well before the first harm an earlier separate contact — both
    warning signs (``document`` and ``fatal`` in rules/events.yaml)."""
    fatal, _ = cues()
    conf = _rules().document
    _absence_reported(rows)
    dated = [r for r in rows if r["date"] and r["precision"] in PRECISION_ORDER]
    _repeated_days(dated)
    _title_dates(dated)
    fatal_rows = [
        r
        for r in dated
        if r["event_type"] == "harm" and (r.get("_found") or fatal.search(lower_same_length(r["sentence"])))
    ]
    if fatal_rows:
        first = min(fatal_rows, key=lambda r: (first_day(r["date"]), r["start"]))
        injury = injury_cues()
        earlier = [
            r
            for r in dated
            if r["event_type"] == "harm"
            and r not in fatal_rows
            and _apart(r["date"], first["date"], conf.earlier_harm_days)
            and not (
                injury.search(lower_same_length(r["sentence"]))
                and not _apart(r["date"], first["date"], conf.force_contact_days)
            )
        ]
        if earlier and consequence_cues().search(lower_same_length(first["sentence"])):
            last = max(first_day(r["date"]) for r in earlier)  # the injury the death followed from
            earlier = [r for r in earlier if first_day(r["date"]) < last]
        for row in earlier:
            row["event_type"] = "warning_sign"
        gone, death = disappearance_cues(), _first_harm(fatal_rows)
        for row in dated:
            if (
                row["event_type"] == "harm"
                and row not in fatal_rows
                and interval_days(row["date"], death["date"])[0] >= 0
                and row["start"] < death["start"]
                and gone.search(lower_same_length(row["sentence"]))
            ):
                row["event_type"] = "warning_sign"  # "went missing on 29 April … found dead on 30 April": a signal
    harms = [r for r in dated if r["event_type"] == "harm"]
    if not harms:
        _no_harm_told(rows, lowered)
        return rows
    harm = _first_harm(harms)  # the earliest harm at its most precise mention (a title's month → its day)
    first_harm = harm["date"]
    force, injury, handling = force_cues(), injury_cues(), handling_cues()
    in_custody = custody_harm_cues().search(lower_same_length(str(harm["sentence"] or ""))) is not None
    told_in: dict[str, list[str]] = {}  # each sentence's date expressions
    for row in dated:
        told_in.setdefault(str(row["sentence"]), []).append(str(row["date_text"]).lower())
    for row in dated:
        days = conf.separate_contact_days
        told = lower_same_length(row["sentence"]) if row["event_type"] == "police_action" else ""
        if told and (in_custody or force.search(told) or injury.search(told)):
            days = conf.force_contact_days  # restraint, or a collapse in their care, days before a death: one incident
        if row.get("_absence"):
            continue  # "not having seen her for a number of days": the call that finds the harm
        if told and _handled(row, told, handling, told_in[str(row["sentence"])]):
            continue  # "the incident was closed the next day": the force's handling, no contact with anyone
        last_day = row.get("date_end") or row["date"]  # a span reaching the harm's day is part of the incident
        if row["event_type"] == "police_action" and (
            _apart(last_day, first_harm, days)
            or (
                _over_an_earlier_offence(row)
                and _before(row, harm)
                and not (in_custody and not _apart(last_day, first_harm, conf.force_contact_days))
            )
        ):
            row["event_type"] = "warning_sign"
    _released_episode(dated, harm)
    _harm_told_later(dated, harm)
    return rows


def _absence_reported(rows: list[Row]) -> None:
    """A warning whose sentence reports someone not seen for days or weeks
    ("a neighbour called police, not having seen her for a number of days")
    is the call that leads to the harm's discovery: police_action
    (``document.absence_report``)."""
    absence = absence_report_cues()
    for row in rows:
        if row["event_type"] == "warning_sign" and absence.search(_told(row)):
            row["event_type"] = "police_action"
            row["_absence"] = True  # the discovery call: no earlier separate contact, however long before


@cache
def absence_report_cues() -> Cues:
    """A report of someone not seen for days (``document.absence_report``)."""
    return Cues(_rules().document.absence_report)


def _harm_told_later(dated: list[Row], harm: Row) -> None:
    """The first harm told after a police contact of its day and dated from it
    by a forward offset of hours ("officers saw the man in an unlit car in the
    early hours of 29 March … About two hours later he died"): the contact
    ended before the harm began, an earlier separate contact — a warning sign
    (``document.later_offset``) — unless the harm's sentence tells custody or
    force (the harm in their care is one incident with the contact)."""
    told = str(harm.get("date_text") or "").lower()
    if not harm.get("relative") or harm.get("_headline") or not later_offset_cues().search(told):
        return
    if force_cues().search(_told(harm)):
        return
    for row in dated:
        if (
            row["event_type"] == "police_action"
            and row["start"] < harm["start"]
            and not row.get("_headline")
            and interval_days(row["date"], harm["date"]) == (0, "day")
        ):
            row["event_type"] = "warning_sign"


@cache
def later_offset_cues() -> Cues:
    """A harm's date told as hours after an earlier date (``document.later_offset``)."""
    return Cues(_rules().document.later_offset)


def _released_episode(dated: list[Row], harm: Row) -> None:
    """The police contacts told before a release from custody or on bail that
    precedes the first harm ("stopped by police at 5.17pm … released on bail
    shortly before 9.30pm", the crash the next day) are one earlier episode
    that ended before the harm: warning signs, as the release is
    (``document.release``)."""
    releases = [
        r for r in dated if r["event_type"] == "warning_sign" and release_cues().search(_told(r)) and _before(r, harm)
    ]
    if not releases:
        return
    last = max(releases, key=lambda r: r["start"])
    for row in dated:
        if (
            row["event_type"] == "police_action"
            and row["start"] < last["start"]
            and interval_days(row["date"], last["date"])[0] >= 0
        ):
            row["event_type"] = "warning_sign"


def _told(row: Row) -> str:
    """The sentence of ``row``, lower-cased with its offsets kept ("" without one)."""
    return lower_same_length(str(row.get("sentence") or ""))


def _over_an_earlier_offence(row: Row) -> bool:
    """Is the police contact of ``row`` a release from custody or on bail, or
    an arrest over violence with no use of force told (``document.release``,
    ``warning_kinds.violence``, ``document.force``)?  Before the harm, such a
    contact is a separate earlier one with the perpetrator: a warning sign."""
    lowered = _told(row)
    if release_cues().search(lowered):
        return True
    return warning_kinds()["violence"].search(lowered) is not None and force_cues().search(lowered) is None


def _handled(row: Row, told: str, handling: Cues, others: list[str]) -> bool:
    """Does the clause of ``row``'s mention (``told``: its lower-cased
    sentence) tell the force's own handling of a warning (``document.handling``),
    with no other date of the sentence (``others``, lower-cased) between the
    two ("the risk assessment upon his release in October 2008 and her call to
    police on 11 December 2008": the call is not the assessment)?"""
    text = str(row.get("date_text") or "").lower()
    at = told.find(text)
    if at == -1 or not handling.may_match(told):
        return False
    left, right = clause_of(told, at, at + len(text))
    for m in handling.any.finditer(told, left, right):
        lo, hi = (m.end(), at) if m.end() <= at else (at + len(text), m.start())
        if not any(other and other != text and other in told[lo:hi] for other in others):
            return True
    return False


@cache
def handling_cues() -> Cues:
    """The force's own handling of a warning (``document.handling``)."""
    return Cues(_rules().document.handling)


@cache
def release_cues() -> Cues:
    """A release from custody or on bail (``document.release``)."""
    return Cues(_rules().document.release)


_ATTACHED = ("attributive", "clause", "title", "own")  # how a type read from what the date attaches to was decided


def _repeated_days(dated: list[Row]) -> None:
    """A day told again ("officers who went to her flat on 30 January said
    ...") is the happening first narrated on it: a mention whose own clause
    gives no type takes the type that the first mention of the same day,
    typed by what it attaches to, gives it (a warning or a police contact;
    not a harm, whose day also holds the incident's contacts)."""
    conf = _rules().document
    first: dict[str, str] = {}
    for row in dated:
        if row["precision"] == "day" and row["_how"] in _ATTACHED and row["event_type"] in conf.repeated_day_types:
            first.setdefault(row["date"], row["event_type"])
    for row in dated:
        weak = row["_how"] in ("nearest", "none") and row["event_type"] not in conf.kept_types
        if row["precision"] == "day" and weak and row["date"] in first:
            row["event_type"] = first[row["date"]]


def _title_dates(dated: list[Row]) -> None:
    """A headline's month or year labels the case. A title date (``_how``
    title: "Actions taken following missing person's report - Essex Police,
    March 2018") whose month or year holds the body's first harm, dated to
    the day (the body found on 21 March 2018), is that harm's month: harm,
    whatever the title's topic. Typed harm when the body dates the harm in
    another month or year, it is the time of the warnings the body dates in
    it ("Police contact with woman before being murdered – August 2019", the
    murder told on 12 September). A first harm known only to the month (a
    call "in June 2015" and the body found "at 8.30am") leaves the title its
    own topic: the month may be the call's as well. When the body dates no
    harm, a title month or year of a type in ``untold_title_types`` is the
    harm's, unless the body dates a warning in it."""
    body = [r for r in dated if not r.get("_headline")]
    body_harms = [r["date"] for r in body if r["event_type"] == "harm"]
    titles = [r for r in dated if r.get("_headline") and r["_how"] == "title" and r["precision"] in ("month", "year")]

    def warned_in(period: str) -> bool:  # the body dates a warning in the title's month or year
        return any(r["event_type"] == "warning_sign" and r["date"].startswith(period) for r in body)

    if not body_harms:  # the title's month or year is the case's, the harm's, unless the body's warnings are in it
        untold = _rules().document.untold_title_types
        for row in titles:
            if row["event_type"] in untold and not warned_in(row["date"]):
                row["event_type"] = "harm"
        return
    first = min(body_harms, key=first_day)
    for row in titles:
        if row["event_type"] != "harm" and len(first) == len("YYYY-MM-DD") and first.startswith(row["date"]):
            row["event_type"] = "harm"
    for row in dated:
        if not row.get("_headline") or row["event_type"] != "harm" or row["precision"] == "day":
            continue
        if any(h.startswith(row["date"]) for h in body_harms):
            continue
        if warned_in(row["date"]):
            row["event_type"] = "warning_sign"


def _no_harm_told(rows: list[Row], lowered: str) -> None:
    """A document that tells no harm is about the assault it calls a warning
    sign ("PC Smith assaulted a man in custody in May 2019"): a violent act
    not told as a report to police is the harm. When the document (``lowered``,
    its lower-cased text) tells no death or injury either, a report, call or
    complaint warns of nothing: ``other`` (``document.no_harm_kinds``)."""
    reports = _rules().document.no_harm_kinds
    told: bool | None = None  # whether the document tells a death or injury, looked up once if needed
    for row in rows:
        if row["event_type"] != "warning_sign":
            continue
        kinds = _kinds(row)
        if {"violence"} == set(kinds) - {"intelligence"}:
            row["event_type"] = "harm"
        elif kinds and kinds <= reports:
            if told is None:
                told = bool(cues()[0].search(lowered) or injury_cues().search(lowered))
            if not told:
                row["event_type"] = "other"  # "came to her home after she had reported an incident": nothing to warn of


@cache
def injury_cues() -> Cues:
    """An injury (``document.injury``): the same incident as a death soon after it."""
    return Cues(_rules().document.injury)


@cache
def disappearance_cues() -> Cues:
    """A disappearance (``document.disappearance``): a warning when a death follows it."""
    return Cues(_rules().document.disappearance)


@cache
def custody_harm_cues() -> Cues:
    """A harm told in custody (``document.custody_harm``): police contact near it opens the custody."""
    return Cues(_rules().document.custody_harm)


@cache
def force_cues() -> Cues:
    """Use of force and custody (``document.force``): part of the harm incident when near it."""
    return Cues(_rules().document.force)


def _apart(earlier: str, later: str, days: int) -> bool:
    """Is ``earlier`` at least ``days`` days before ``later`` (an earlier month
    or year when either is coarser than a day)?"""
    gap, at = interval_days(earlier, later)
    return gap >= (days if at == "day" else 1)


@cache
def consequence_cues() -> Cues:
    """A death told as the consequence of an earlier injury (``document.consequence``)."""
    return Cues(_rules().document.consequence)


# --------------------------------------------------------------------------- missed opportunities


def _first_harm(harms: list[Row]) -> Row:
    """The earliest harm, refined to the most precise mention of that date
    ("2023" and "13 June 2023" → the latter), a body mention before a
    headline's, first in the text on ties."""
    earliest = min(harms, key=lambda e: (first_day(e["date"]), e["start"]))["date"]
    same = [e for e in harms if e["date"].startswith(earliest) or earliest.startswith(e["date"])]
    return min(same, key=lambda e: (-len(e["date"]), bool(e.get("_headline")), e["start"]))


def _before(warning: Row, harm: Row) -> tuple[int, str] | None:
    """(interval, compared_at) when ``warning`` precedes ``harm``: an earlier
    date at the coarser precision, or the same date told earlier in the text
    (a harm only named in a headline is told after the whole body)."""
    days, at = interval_days(warning["date"], harm["date"])
    harm_at = float("inf") if harm.get("_headline") else harm["start"]
    told_before = warning["start"] < harm_at and not warning.get("_headline")
    if days == 0 and at == "day" and not told_before:
        told_before = _earlier_clock(warning, harm)  # "found dead at about 9.20am … calls at 7.14am and 8.59am"
    return (days, at) if days > 0 or (days == 0 and told_before) else None


def _earlier_clock(warning: Row, harm: Row) -> bool:
    """Do two mentions of one day both tell a time of day, the warning's the
    earlier? (A day's order told by the clock, whatever order the text tells
    them in.)"""
    if not (warning["precision"] == harm["precision"] == "day"):
        return False
    first = clock_minutes(str(warning.get("date_text") or ""))
    second = clock_minutes(str(harm.get("date_text") or ""))
    return first is not None and second is not None and first < second


@cache
def warning_kinds() -> dict[str, Cues]:
    """The kinds of warning (``warning_kinds`` in rules/events.yaml)."""
    return {kind: Cues(patterns) for kind, patterns in _rules().warning_kinds.items()}


def _kinds(event: Row) -> frozenset[str]:
    lowered = lower_same_length(event.get("sentence") or "")
    return frozenset(kind for kind, kind_cues in warning_kinds().items() if kind_cues.search(lowered))


def _opens_entry(row: Row) -> bool:
    """Does the mention open its sentence as an entry of a chronology ("On 19
    August, the woman attended a station.", "Later, on 12 September, …")?
    (``chronology_opening`` in rules/events.yaml)"""
    sentence, text = str(row.get("sentence") or ""), str(row.get("date_text") or "")
    at = sentence.find(text) if text else -1
    return at != -1 and _rules().chronology_opening.match(sentence[:at]) is not None


def _same_warning(a: Row, b: Row, by_clock: bool = False) -> bool:
    """Two mentions of one warning: dates that contain one another and a
    shared kind of warning (or no kind known for one of them) — unless both
    open an entry of a chronology in sentences of their own: two entries
    dated alike are two happenings ("On 19 August, her ex-partner attended a
    station … On 19 August, the woman attended a station."), or, when
    ``by_clock``, both tell a time of day in sentences of their own, and
    different ones ("The call was made at 3.30pm. … was released at 9.30pm")."""
    if not (a["date"].startswith(b["date"]) or b["date"].startswith(a["date"])):
        return False
    if a.get("sentence") != b.get("sentence") and _opens_entry(a) and _opens_entry(b):
        return False
    if by_clock and a.get("sentence") != b.get("sentence") and _other_clock(a, b):
        return False
    ka, kb = _kinds(a), _kinds(b)
    return not ka or not kb or bool(ka & kb)


def _clock(row: Row) -> int | None:
    return clock_minutes(str(row.get("date_text") or "")) if row["precision"] == "day" else None


def _other_clock(a: Row, b: Row) -> bool:
    """Do two mentions of one day tell two different times of day?"""
    first, second = _clock(a), _clock(b)
    return first is not None and second is not None and first != second


def _distinct_warnings(warnings: list[Row], by_clock: bool = False) -> list[Row]:
    """One mention per warning: mentions whose dates contain one another
    ("May 2023", "5 May 2023") and which tell the same kind of warning are one
    warning, kept at its most precise mention; a missed arrest and an assault
    of the same month stay two. When the harm is told to the day
    (``by_clock``), warnings told at two times of its day in two sentences
    are two, and a timed mention is kept before an untimed one."""
    kept: list[Row] = []
    for e in sorted(warnings, key=lambda e: (-len(e["date"]), _clock(e) is None, bool(e.get("_headline")), e["start"])):
        if not any(_same_warning(k, e, by_clock) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e["start"])


def document_missed_opportunities(events: list[Row]) -> list[Row]:
    """Rows of ``missed_opportunities`` for one document's events: each
    distinct warning sign before the document's first harm. A range of
    years ("callouts in 2020 and 2021") counts from its start year."""
    dated = [e for e in events if e["date"] and (e["precision"] in PRECISION_ORDER or e["precision"] == "range")]
    harms = [e for e in dated if e["event_type"] == "harm"]
    if not harms:
        return []
    harm = _first_harm(harms)
    warnings = [d for w in dated if w["event_type"] == "warning_sign" for d in _days_told(w)]
    timed = [(w, gap) for w in warnings if (gap := _before(w, harm))]
    gaps = {(w["event_id"], w["date"]): gap for w, gap in timed}
    return [
        _missed_row(w, harm, *gaps[w["event_id"], w["date"]])
        for w in _distinct_warnings([w for w, _ in timed], harm["precision"] == "day")
    ]


def _days_told(warning: Row) -> list[Row]:
    """A warning's days: coordinated days ("visited on 1 and 4 January 2016",
    ``coordinated_days``) are two happenings, so the second is a warning of
    its own at the mention's end date; any other mention is one warning (a
    span such as "between June and August 2019" counts from its start)."""
    end, text = warning.get("date_end"), str(warning.get("date_text") or "")
    if not end or warning["precision"] != "day" or not _rules().coordinated_days.search(text):
        return [warning]
    return [warning, {**warning, "date": end, "date_end": None}]


def _missed_row(warning: Row, harm: Row, days: int, compared_at: str) -> Row:
    return {
        "doc_id": warning["doc_id"],
        "case_id": None,
        "warning_event_id": warning["event_id"],
        "harm_event_id": harm["event_id"],
        "warning_date": warning["date"],
        "harm_date": harm["date"],
        "interval_days": days,
        "compared_at": compared_at,
        "day_exact": compared_at == "day",
        "warning_text": warning["date_text"],
        "harm_text": harm["date_text"],
        "warning_sentence": warning["sentence"],
        "harm_sentence": harm["sentence"],
        "start": warning["start"],
        "end": warning["end"],
        "harm_start": harm["start"],
        "harm_end": harm["end"],
    }
