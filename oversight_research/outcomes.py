"""Sanction outcomes: what happened to officers and staff, coded by the codebook.

For every article sentence, each category's cue phrases (``rules/outcomes.yaml``,
specific categories first) are matched.  For each cue:

* **negation** in the clause before it ("rather than", "not", "whether") drops it;
* **status** comes from modal cues before it: ``hypothetical`` ("a maximum of"),
  ``alleged`` ("claim they"), ``proposed`` ("is considering"), else ``actual``;
* **count and subject** come from the nearest noun phrase about people
  ("Seventeen officers", "the remaining eight officers", "both officer and
  member of staff", "a police officer and a civilian member of staff"), or a
  force name; "Seven of these" and "the officers" take the subject (and count)
  the document last mentioned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from . import regex_start
from .ingest import Document, sentence_spans
from .rules import outcomes as outcome_rules
from .rules.outcomes import Lexicon
from .text import (
    Cues,
    _longer,
    holds_literal,
    lower_same_length,
    lowered_pattern,
    required_literals,
    top_level_alternatives,
    top_level_split,
)


def _trie(words: list[str]) -> str:
    """The words as a regex trie: at each node the longer continuations
    before the end of a word (longest-first, like an alternation sorted by length)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    count: int | None
    subject: str  # officer | staff | force | "" (unknown: inherit)
    group: bool = False  # "the two", "the pair": the group counted before, not a new part of it


# --------------------------------------------------------------------------- frames


def inflect(lemma: str, irregular: Mapping[str, Sequence[str]]) -> list[str]:
    """Every form of a verb lemma: the listed irregular forms, else the
    regular ones (-s, -ed, -ing with the usual spelling changes)."""
    if lemma in irregular:
        return list(irregular[lemma])
    if lemma.endswith("ee"):  # agree: agreed, agreeing
        return [lemma, lemma + "s", lemma + "d", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return [lemma, third, lemma + "ed", lemma + "ing"]


def _alternation(words: list[str], escape: bool = True) -> str:
    """A regex matching any of ``words`` (longest first).  Plain words become
    a trie ("instigat(?:ing|ed|es|e)"): the same matches — at one position
    two words can both match only when one is a prefix of the other, and the
    trie tries the longer first, as the longest-first alternation does — but
    the engine tests a few first letters instead of every word.  (Built once
    per word list: the codebook asks for the same lists, the auxiliaries and
    adverbs of every verb group, hundreds of times.)"""
    return _alternation_of(tuple(words), escape)


@cache
def _alternation_of(words: tuple[str, ...], escape: bool) -> str:
    longest_first = sorted(set(words), key=len, reverse=True)
    if escape:
        return "(?:" + _trie(longest_first) + ")"
    return "(?:" + "|".join(longest_first) + ")"


_WIDE_SPACE = r"[\s\"'“”‘’]+"
_SLOT = re.compile(r"\{(V|P|B|L):([^}]+)\}|\{(DET|INV_ADJ|HEARING_ADJ|NUM)\}")


def compose(template: str, lexicon: Lexicon, lead: bool = False, numbers: str = r"\d{1,3}") -> str:
    """The regex a frame template stands for (see ``rules/outcomes.yaml``,
    "Frames"): verb groups, determiners and word lists filled in, spaces
    outside character classes widened to any whitespace, starting at a word
    (not inside "re-open").  With ``lead``, a verb group that opens the
    template is left without its auxiliaries: see :func:`leading_group`.
    ``{NUM}`` is ``numbers`` (digits or the codebook's number words)."""
    # (a listed auxiliary or adverb, or any manner adverb: "was instantly dismissed")
    aux_or_adverb = f"(?:{_alternation([*lexicon.auxiliaries, *lexicon.adverbs])}|{lexicon.manner_adverb})"
    adverb = _alternation(list(lexicon.adverbs))
    aux_p = _alternation([w for w in lexicon.auxiliaries if w not in lexicon.not_passive])
    lists = lexicon.lists
    most = lexicon.max_group_words  # auxiliaries and adverbs before a verb group's verb

    def forms(lemmas: str) -> str:
        # (a phrasal lemma's space was widened with the template's: "take place", "rule out")
        lemmas = lemmas.replace(_WIDE_SPACE, " ")
        return _alternation([f for lemma in lemmas.split("|") for f in inflect(lemma.strip(), lexicon.irregular)])

    def fill(m: re.Match) -> str:
        kind, arg, fixed = m.groups()
        if kind == "V":
            return rf"(?:{aux_or_adverb}\s+){{0,{most}}}{forms(arg)}\b"
        if kind in ("P", "B"):
            first = aux_p if kind == "P" else _alternation(list(lexicon.be_forms))
            return rf"(?:{adverb}\s+)?{first}\s+(?:{aux_or_adverb}\s+){{0,{most - 1}}}{forms(arg)}\b"
        if kind == "L":
            return _alternation(list(lists[arg]), escape=False)
        if fixed == "DET":
            return rf"(?:{_alternation(list(lexicon.determiners))}\s+)?"
        if fixed == "NUM":
            return f"(?:{numbers})"
        if fixed == "INV_ADJ":
            return rf"(?:{_alternation(list(lists['INV_ADJ']), escape=False)}\s+){{0,{lexicon.max_modifiers}}}"
        return _alternation(list(lists["HEARING_ADJ"]), escape=False)

    body, in_class, escaped = [], False, False
    for ch in template:  # widen spaces outside [...] first, so filled-in slots keep theirs
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " " and not in_class:
            body.append(_WIDE_SPACE)  # a space, or quotation marks around a word: “full file of evidence” was
            continue
        body.append(ch)
    body = "".join(body)
    if lead and (m := _SLOT.match(body)) and m.group(1) in ("V", "P", "B"):
        body = forms(m.group(2)) + r"\b" + body[m.end() :]
    # The pattern must start at a word, not inside one ("re-open"): checked on
    # each match by _cue_matches, as a leading assertion would make the regex
    # engine try the pattern at every position instead of jumping to its first word.
    return _SLOT.sub(fill, body)


def leading_group(template: str) -> str | None:
    """ "V" or "P" when ``template`` opens with a verb group.  Such a frame is
    searched from its verb (a literal the regex engine finds fast) and its
    auxiliaries and adverbs are then read leftwards (:func:`_extend_left`):
    the same matches as the whole pattern, many times faster, because a
    pattern opening with optional words is otherwise tried at every position."""
    m = _SLOT.match(template)
    return m.group(1) if m and m.group(1) in ("V", "P", "B") else None


def _fewest(literals: frozenset[str] | None) -> frozenset[str] | None:
    """The literals of a pre-filter without those holding another of them
    ("children" beside "child", "Chief Constable" beside "Constable"): a
    text holds one of the rest exactly when it holds one of them all, and
    the test (:func:`text.holds_literal`, mostly on text holding none)
    makes fewer substring searches."""
    if literals is None:
        return None
    return frozenset(x for x in literals if not any(y != x and y in x for y in literals))


def _lean(cues: Cues) -> Cues:
    """``cues`` with its literal pre-filter reduced by :func:`_fewest` (the same texts pass it)."""
    cues.literals = _fewest(cues.literals)
    return cues


@cache
def codebook() -> dict:
    """The outcome codebook (``rules/outcomes.yaml``) with compiled cues:
    each category's ``cues`` and its ``frames`` composed into regexes."""
    conf = outcome_rules.load()
    lexicon, ph, st, neg, ledger = conf.lexicon, conf.phrases, conf.status, conf.negation, conf.ledger
    cats: dict[str, dict[str, Any]] = {}
    order: list[tuple] = []
    leads: dict[str, tuple[str | None, list[frozenset[str]]]] = {}
    # composed frame -> what its sentence (or, in_document, its document) must also hold
    requires: dict[str, tuple[re.Pattern, bool]] = {}
    for name, spec in conf.categories.items():
        frames = []
        for f in spec.frames:
            frames.append(f.template)
            if f.requires is not None:  # a frame valid only beside its context
                key = lowered_pattern(compose(f.template, lexicon, lead=True)).pattern
                requires[key] = (lowered_pattern(compose(f.requires, lexicon)), f.in_document)
        patterns = list(spec.cues) + [compose(f, lexicon, lead=True) for f in frames]
        cats[name] = {"stage": spec.stage, "severity": spec.severity, "cues": Cues(patterns)}
        leads.update(_leads(frames, lexicon))
        order.append((name, cats[name], cats[name]["cues"], False))
        if spec.state_frames:
            leads.update(_leads(list(spec.state_frames), lexicon))
            state = Cues([compose(f, lexicon, lead=True) for f in spec.state_frames])
            cats[name]["state"] = state
            order.append((name, cats[name], state, True))
    order = [(*entry, _plan(entry[2], leads, requires)) for entry in order]
    number_words = dict(ph.number_words)
    num = r"\d{1,3}|" + _trie(sorted(number_words, key=len, reverse=True))
    singular_det = "|".join(ph.singular_determiners)
    adjective = "|".join(ph.adjectives) + f"|(?-i:{ph.name_adjective})"
    quantifiers = "|".join(ph.group_quantifiers)
    subjects = conf.subjects
    noun = {k: re.compile(rf"^(?:{v})$", re.I) for k, v in subjects.items() if k != "force"}
    noun["force"] = re.compile(rf"^(?:{subjects['force']})$", re.I)
    people_nouns = f"{subjects['staff']}|{subjects['officer']}|{subjects['other']}"
    modifier = f"(?-i:{ph.number_modifier})"
    # (a modifier after a number word of a group only: "two custody sergeants"; not "one key senior detective")
    group_words = sorted((w for w, n in number_words.items() if n > 1), key=len, reverse=True)
    num_words = _trie(group_words)
    phrase = re.compile(
        rf"(?<!\w)(?:(?P<part>{num}) of (?:those|these|the)\s+)?"
        rf"(?:(?P<remaining>the remaining|remaining)\s+)?(?:(?P<num>(?P<numeral>{num_words})|{num}|{singular_det}|{quantifiers})\s+)?"
        rf"(?:(?:{adjective})\s+){{0,{ph.max_adjectives}}}?"
        # one free modifier after a number ("two custody sergeants", "three firearms officers")
        rf"(?(numeral)(?:{modifier}\s+)?)"
        rf"(?P<noun>{people_nouns})\b",
        re.I,
    )
    # "(?<!\w)" is "\b" before a word character, and the engine tries it faster
    bare = lowered_pattern(rf"(?<!\w)(?P<num>{num})(?=\s+(?:{'|'.join(ph.bare_after)})\b)")
    force = re.compile(ph.force_names)
    # (searched on lower-cased text: compiled for it, as fast as re.I is slow on long alternations)
    status = {k: _lean(Cues(st.cues[k])) for k in st.precedence}  # (behind their literal pre-filter)
    words = f"(?:{_alternation([*lexicon.auxiliaries, *lexicon.adverbs])}|{lexicon.manner_adverb})"
    aux_chain = lowered_pattern(rf"(?:{words}\s+)*")
    auxes = _alternation([w for w in lexicon.auxiliaries if w not in lexicon.not_passive])
    adverbs = _alternation(list(lexicon.adverbs))
    most, be = lexicon.max_group_words, _alternation(list(lexicon.be_forms))
    chains = {
        "V": re.compile(rf"(?<![\w-])(?:{words}\s+){{1,{most}}}$"),
        "P": re.compile(rf"(?<![\w-])(?:{adverbs}\s+)?{auxes}\s+(?:{words}\s+){{0,{most - 1}}}$"),
        "B": re.compile(rf"(?<![\w-])(?:{adverbs}\s+)?{be}\s+(?:{words}\s+){{0,{most - 1}}}$"),
    }
    # An inverted index from each literal of a pattern's first literal set to
    # the (entry, pattern) pairs it admits: per sentence, only the patterns
    # whose every literal set it holds are run.
    index: dict[str, list[tuple[int, int]]] = {}
    always: list[tuple[int, int]] = []
    for e, entry in enumerate(order):
        for k, (_, sets, _, _) in enumerate(entry[4]):
            for literal in sets[-1] if sets else ():  # the pattern's own required literals
                index.setdefault(literal, []).append((e, k))
            if not sets:
                always.append((e, k))
    plan_literals = {lit for entry in order for item in entry[4] for lits in item[1] for lit in lits}
    noun_literals = required_literals(lowered_pattern(rf"\b(?:{people_nouns})\b").pattern) or frozenset()
    scan_literals = sorted(plan_literals | noun_literals)
    return {
        "categories": cats,
        "order": order,
        "stages": list(conf.stages),
        "leads": leads,
        "chains": chains,
        "index": index,
        "always": always,
        "scan": _literal_scan(scan_literals),
        "plan_literals": frozenset(plan_literals),
        "noun_long": frozenset(w for w in noun_literals if len(w) > 3),
        # literals of the scan that open with a short noun literal ("pc", "di": "dismiss" does)
        "noun_short": (
            short := frozenset(w for w in scan_literals if any(w.startswith(x) for x in noun_literals if len(x) <= 3))
        ),
        "scan_restart": (restarts := _scan_restarts(scan_literals, short)),
        # literals after which :func:`_scan` searches again instead of reading on (see there)
        "scan_resume": frozenset(w for w in scan_literals if restarts[w] < len(w) or not _WORD_CHAR.match(w[-1])),
        "people_noun": lowered_pattern(_first_letter_guard(rf"(?<!\w)(?:{people_nouns})\b")),
        "people_noun_step": _noun_step(lowered_pattern(people_nouns).pattern),
        "noun": noun,
        "phrase": phrase,
        "bare": bare,
        "force": force,
        "singular_nouns": conf.singular_nouns,
        "status": status,
        "status_precedence": st.precedence,
        "status_window": st.window,
        "aux_chain": aux_chain,
        "clause_breaks": lowered_pattern(_first_characters(_WORD_START.sub(r"(?<!\\w)", st.clause_breaks))),
        "modal": lowered_pattern(_first_letter_guard(rf"{st.modal}(?:\s+\S+){{0,{st.modal_words}}}\s*$")),
        "decision_modal": lowered_pattern(st.decision_modals),
        "decision_categories": st.decision_categories,
        "decided": lowered_pattern(_first_letter_guard(st.decided)),
        "decided_window": st.decided_window,
        "exempt": lowered_pattern(st.exempt),
        "epistemic": lowered_pattern(st.epistemic),
        # a sentence's opening that gives every cue in it its status (a condition first, then an allegation)
        "sentence_opening": lowered_pattern(
            f"(?P<hypothetical>{st.sentence_condition})|(?P<alleged>{st.sentence_alleged})"
        ),
        "inner_modal_exempt": neg.negative_categories | st.inner_modal_exempt,
        "modal_after": lowered_pattern(st.modal_after),
        "participle_scope": lowered_pattern(st.participle_scope),
        # (the literals one of which every match holds: a substring test before the search)
        "participle_literals": _any_literal(_fewest(required_literals(lowered_pattern(st.participle_scope).pattern))),
        "finite": lowered_pattern(st.finite),
        "alleged_ends": lowered_pattern(st.alleged_ends),
        "recommended": lowered_pattern(st.recommended),
        "recommended_literals": _any_literal(_fewest(required_literals(lowered_pattern(st.recommended).pattern))),
        "possible": lowered_pattern(st.possible),
        "possible_window": st.possible_window,
        "possible_recode": st.possible_recode,
        "prospective": lowered_pattern(st.prospective),
        "prospective_window": st.prospective_window,
        "prospective_recode": st.prospective_recode,
        "recommended_window": st.recommended_window,
        "recommended_recode": st.recommended_recode,
        "recommendation_is_outcome": st.recommendation_is_outcome,
        "negation": _lean(Cues(neg.cues)),
        "negation_drop": _lean(Cues(neg.drop)),
        "recode": neg.recode,
        "negation_window": neg.window,
        "negation_subject": _lean(Cues(neg.subject_cues)),
        "negation_subject_window": neg.subject_window,
        "negation_subject_ends": lowered_pattern(neg.subject_ends),
        "presupposed": lowered_pattern(neg.presupposed),
        "presupposed_literals": _any_literal(_fewest(required_literals(lowered_pattern(neg.presupposed).pattern))),
        "negative_categories": neg.negative_categories,
        "negated_findings": neg.negated_findings,
        "negated_finding": lowered_pattern(compose(neg.negated_finding, lexicon)),
        "force_cues": lowered_pattern(conf.force_cues),
        "force_agent": lowered_pattern(conf.force_agent),
        "force_agent_window": conf.force_agent_window,
        "force_agent_categories": conf.force_agent_categories,
        "generic_head": lowered_pattern(ledger.generic_head),
        "reference": lowered_pattern(_first_letter_guard(ledger.reference)),
        "reference_categories": ledger.reference_categories,
        "crime_object": lowered_pattern(ledger.crime_object),
        "crime_agent": lowered_pattern(ledger.crime_agent),
        "crime_agent_window": ledger.crime_agent_window,
        "missing_search": lowered_pattern(ledger.missing_search),
        "conduct_cue": lowered_pattern(ledger.conduct_cue),
        "state_window": ledger.state_window,
        "state_progressive": lowered_pattern(ledger.state_progressive),
        "state_perfect": lowered_pattern(ledger.state_perfect),
        "state_pronoun": lowered_pattern(_first_letter_guard(ledger.state_pronoun)),
        "state_plural_pronouns": ledger.state_plural_pronouns,
        "templates": _Templates(list(conf.templates)),
        "identifier": re.compile(_first_letter_guard(ledger.identifier)),
        "identifier_literal": _any_literal(_fewest(required_literals(ledger.identifier))),
        "identifier_join": re.compile(ledger.identifier_join),
        "plural_title": re.compile(_first_letter_guard(ledger.plural_title)),
        "listed_name": re.compile(ledger.listed_name),
        "titled_name": re.compile(f"(?:{ledger.plural_title})(?:{ledger.listed_name})"),
        "inanimate_subject": lowered_pattern(_first_letter_guard(ledger.inanimate_subject)),
        "inanimate_categories": ledger.inanimate_categories,
        "pronoun": lowered_pattern(_first_letter_guard(ledger.pronouns)),
        "singular_pronoun": lowered_pattern(_first_letter_guard(ledger.singular_pronoun)),
        "plural_pronoun": lowered_pattern(_first_letter_guard(ledger.plural_pronoun)),
        "approximate": lowered_pattern(ledger.approximate),
        "approximate_window": ledger.approximate_window,
        # (no leading \b: the engine then jumps to "the "; the word start is checked in phrases())
        "bare_the": lowered_pattern(
            rf"the (?P<num>{num})\b(?=\s*(?:[,.;:)”\"’]|$|(?:{'|'.join(ledger.after_bare)})\b))"
        ),
        "not_name": ledger.not_name_words,
        "name": re.compile(ledger.name),
        "head_words": lowered_pattern(ledger.head_words),
        "identifier_prefix": lowered_pattern(ledger.identifier_prefix),
        "another": lowered_pattern(_first_letter_guard(ledger.another)),
        "part_of": lowered_pattern(_first_letter_guard(ledger.part_of)),
        "back_reference": lowered_pattern(ledger.back_reference),
        "force_stages": ledger.force_stages,
        "force_source": lowered_pattern(ledger.force_source),
        "force_source_stages": ledger.force_source_stages,
        "object_categories": ledger.object_categories,
        "be_form": lowered_pattern(rf"\b{_alternation(list(lexicon.be_forms))}\b"),
        "windows": ledger.windows,
        "ordinal_one": lowered_pattern(ledger.ordinal_one),
        "ordinal_literals": _fewest(required_literals(lowered_pattern(ledger.ordinal_one).pattern)),
        "civilian": lowered_pattern(_first_letter_guard(ledger.civilians)),
        "bare_surname": re.compile(ledger.bare_surname),
        "police_only": ledger.police_only,
        "focus_free": ledger.focus_free,
        "police_victim": lowered_pattern(ledger.police_victim),
        "civilian_modifier": lowered_pattern(ledger.civilian_modifier),
        "police_victim_literals": _any_literal(
            _fewest(required_literals(lowered_pattern(ledger.police_victim).pattern))
        ),
        "police_victim_categories": ledger.police_victim_categories,
        "group_fallback": ledger.group_fallback,
        "civilian_window": ledger.civilian_window,
        "list_item": re.compile(ledger.list_item),
        "additive": lowered_pattern(ledger.additive),
        "generic_subject": lowered_pattern(ledger.generic_subject),
        "generic_literals": _any_literal(_fewest(required_literals(lowered_pattern(ledger.generic_subject).pattern))),
        "civilian_literals": _fewest(required_literals(lowered_pattern(ledger.civilians).pattern)),
        "not_subject_before": re.compile(ledger.not_subject_before, re.I),
        "not_subject_after": re.compile(ledger.not_subject_after, re.I),
        "speaker_before": re.compile(ledger.speaker_before, re.I),
        "speaker_after": re.compile(ledger.speaker_after),
        "subsumed_by": conf.merge.subsumed_by,
        "level": conf.merge.level,
        "definite": lowered_pattern(conf.merge.definite),
        "definite_window": conf.merge.definite_window,
        "definite_categories": conf.merge.definite_categories,
        "additional": lowered_pattern(compose(conf.merge.additional, lexicon)),
        "additional_categories": conf.merge.additional_categories,
        "level_document": lowered_pattern(conf.merge.level.document),
        "level_stated": lowered_pattern(conf.merge.level.stated),
        "headline_alternatives": {
            name: frozenset(group) - {name} for group in conf.merge.headline_alternatives for name in group
        },
        # phrases: number words, the phrase-word test of the near-noun search, the nearest-phrase rule
        "number_words": number_words,
        "number_literals": _fewest(frozenset(number_words) | frozenset("0123456789")),
        "phrase_word": re.compile(
            rf"{num}|{singular_det}|of|and|&|those|these|the|remaining|all|but|either|neither|{adjective}", re.I
        ),
        # the phrase pattern puts at most this many words before its noun: "seven of
        # those" (3), "the remaining" (2), "all but one" (3), adjectives of up to four words
        # ("of Devon and Cornwall": so "and" and "&" are phrase words too)
        "words_before_noun": 8 + 4 * ph.max_adjectives,
        "number_modifier": re.compile(ph.number_modifier),
        "force_literals": ph.force_literals,
        "force_literal_any": _any_literal(frozenset(ph.force_literals)),
        "phrase_window": ph.window,
        "after_weight": ph.after_weight,
        "plural_determiners": ph.plural_determiners,
        "group_quantifiers": frozenset(ph.group_quantifiers),
        "all_but_one": ph.all_but_one,
        "back_openers": tuple(f"{w} " for w in ph.back_determiners),
        "join": re.compile(ph.join),
        "both": ph.both,
        "bare_group": frozenset(ph.bare_group),
        "statistic_count": ph.statistic_count,
        "uncounted": lowered_pattern(ph.uncounted),
        "uncounted_window": ph.uncounted_window,
        "other_services": ph.other_services,
        "conjunct_before": lowered_pattern(ph.conjunct_before),
        # who made a finding: category -> [(target, before pattern, after pattern)]
        "finders": _finders(conf.finders, lexicon),
        "finder_window": conf.finders.window,
        "gapping_categories": conf.gapping.categories,
        "gapping_window": conf.gapping.window,
        "remnant": lowered_pattern(compose(conf.gapping.remnant, lexicon, numbers=num)),
        "remnant_literals": _any_literal(
            _fewest(required_literals(lowered_pattern(compose(conf.gapping.remnant, lexicon, numbers=num)).pattern))
        ),
    }


def _any_literal(literals: frozenset[str] | None) -> re.Pattern[str]:
    """A regex that finds one of ``literals`` exactly where
    :func:`text.holds_literal` says one occurs (any text when None): one
    search in C instead of a substring test per literal."""
    if literals is None:
        return re.compile("")
    return re.compile("|".join(re.escape(x) for x in sorted(literals, key=len, reverse=True)))


def _finders(
    finders: outcome_rules.Finders, lexicon: Lexicon
) -> dict[str, list[tuple[str, re.Pattern[str], re.Pattern[str]]]]:
    out: dict[str, list[tuple[str, re.Pattern[str], re.Pattern[str]]]] = {}
    for f in finders.recode:
        before, after = lowered_pattern(compose(f.before, lexicon)), lowered_pattern(compose(f.after, lexicon))
        out.setdefault(f.source, []).append((f.target, before, after))
    return out


@lru_cache(maxsize=1024)
def _subject_of(noun: str) -> str:
    for subject, pattern in codebook()["noun"].items():
        if pattern.match(noun):
            return subject
    return "officer" if "officer" in noun.lower() else "staff"


def _number(word: str) -> int | None:
    """A digit string or number word as an int (None when it is neither)."""
    word = word.lower()
    return int(word) if word.isdigit() else codebook()["number_words"].get(word)


def _count_of(num: str | None, noun: str) -> int | None:
    if num is None and noun.lower() in codebook()["singular_nouns"]:
        return 1  # a rank abbreviation names one person: "PS Cocking", "DS"
    if num is None:  # "officers", "staff": how many is not said
        return None if noun.lower().endswith(("s", "staff")) else 1
    num = num.lower()
    if (value := _number(num)) is not None:
        return value
    if num in codebook()["group_quantifiers"]:
        return None  # "either officer": the group, counted elsewhere
    plural = noun.lower().endswith("s") or noun.lower() == "staff"
    return None if plural and num in codebook()["plural_determiners"] else 1


_SPACE = re.compile(r"\s+")


def _phrase_matches(sentence: str, lowered: str) -> Iterator[re.Match]:
    """``codebook()["phrase"].finditer(sentence)``, searched only near nouns.

    Every phrase ends in a people noun, and every word inside it before the
    noun is a phrase word (a number, "the", "remaining", an adjective, …), at
    most ``codebook()["words_before_noun"]`` of them.  So each search starts at the nearest
    word before the next noun (found on the lower-cased sentence, which is
    cheap) that is not a phrase word, instead of trying the long pattern at
    every word: the same matches, a fraction of the work."""
    cb = codebook()
    pos = 0
    while (noun := _noun_start(lowered, pos)) >= 0:
        match = cb["phrase"].search(sentence, _phrase_start(sentence, noun, pos))
        yield match  # the noun itself always matches, so there is one
        pos = match.end()


def _noun_start(lowered: str, pos: int = 0) -> int:
    """Where ``codebook()["people_noun"].search(lowered, pos)`` matches (-1:
    nowhere): at ``pos`` itself, or at a word start after it, that is after
    a non-word character, which ``people_noun_step`` opens with (the engine
    skips from one to the next, and there tries only the nouns opening with
    the next letter: see :func:`_noun_step`)."""
    cb = codebook()
    if cb["people_noun"].match(lowered, pos) is not None:
        return pos
    step = cb["people_noun_step"].search(lowered, pos)
    return -1 if step is None else step.start("w")


def _noun_step(nouns: str) -> re.Pattern[str]:
    """``[^a-z0-9_](?<=\\W)(?P<w>(?:nouns)\\b)``, the alternatives of
    ``nouns`` grouped by their first letter ("s(?:taff|ergeants?|…)|p(?:…)"):
    the same match at each position, as only the alternatives opening with
    the letter there can match, kept in their order.  An alternative that
    does not open with a plain letter goes after the groups, which is the
    same only when no letter-led alternative after it may open as it does;
    else (or when that cannot be told) the alternatives are left as they are."""
    alternatives = top_level_alternatives(nouns) or [nouns]
    groups: dict[str, list[str]] = {}
    tail: list[str] = []
    for k, alt in enumerate(alternatives):
        if alt[:1].isascii() and alt[:1].isalpha() and alt[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(alt[0], []).append(alt[1:])
            continue
        try:
            opens = _opening_characters(list(sre_parse.parse(alt)))
        except re.error:
            opens = None
        if opens is None or any(later[:1] in opens for later in alternatives[k + 1 :]):
            groups, tail = {}, alternatives  # (not grouped)
            break
        tail.append(alt)
    grouped = [c + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")") for c, rest in groups.items()]
    return re.compile(rf"[^a-z0-9_](?<=\W)(?P<w>(?:{'|'.join(grouped + tail)})\b)")


def _phrase_start(sentence: str, noun: int, pos: int) -> int:
    """The earliest offset (not before ``pos``) where a phrase ending at the
    noun at ``noun`` can start: the start of the nearest whitespace-separated
    word before the noun that is not a phrase word.  The whitespace runs
    before the noun are read backwards (on the reversed text before it), as
    far as the words asked about: not every run of the sentence."""
    runs = _SPACE.finditer(sentence[noun - 1 :: -1]) if noun > 0 else iter(())
    first = next(runs, None)  # the run just before the noun's word (offsets from the noun, backwards)
    if first is None or first.start() != 0:  # first word, or punctuation glued to the noun
        return max(pos, noun - first.start() if first is not None else 0)
    cb = codebook()
    most, phrase_word, modifier = cb["words_before_noun"], cb["phrase_word"], cb["number_modifier"]
    word_end, start = noun - first.end(), 0
    for k in range(most):
        before = next(runs, None)  # the run before that word
        start = noun - before.start() if before is not None else 0
        # (the word just before the noun may be a number's free modifier: "two custody sergeants")
        if (before is None or start <= pos or not phrase_word.fullmatch(sentence, start, word_end)) and not (
            k == 0 and before is not None and start > pos and modifier.fullmatch(sentence, start, word_end)
        ):
            return max(pos, start)
        assert before is not None
        word_end = noun - before.end()
    return start


def phrases(sentence: str, nouny: bool = True) -> list[Phrase]:
    """Noun phrases naming who an outcome concerns, joined across "and".
    ``nouny`` False: the sentence holds no people-noun literal (the
    document scan found none), so only numbers and force names are sought."""
    cb = codebook()
    lowered = lower_same_length(sentence)
    found: list[Phrase] = []
    for m in _phrase_matches(sentence, lowered) if nouny else ():
        noun = m.group("noun")
        subject = _subject_of(noun)
        if subject == "staff" and _other_service(lowered, m):
            continue  # "medical staff who were also present": not police staff
        count = _number(m.group("part")) if m.group("part") else _count_of(m.group("num"), noun)
        if (
            count is not None
            and count > 1
            and cb["approximate"].search(lowered, max(0, m.start() - cb["approximate_window"]), m.start())
        ):
            count = None  # "up to eight officers": no exact number
        elif count == 1 and cb["uncounted"].search(lowered, max(0, m.start() - cb["uncounted_window"]), m.start()):
            count = None  # "no officer had any case to answer", "each officer": not one person
        found.append(Phrase(m.start(), m.end(), count, subject))
    numbered = holds_literal(lowered, cb["number_literals"])  # (a bare number needs a digit or number word)
    for m in cb["bare"].finditer(lowered) if numbered else ():
        if not any(p.start <= m.start() < p.end for p in found):  # "both would …": the group counted before
            group = m.group("num") in cb["bare_group"]
            found.append(Phrase(m.start(), m.end(), _number(m.group("num")), "", group=group))
    for m in cb["ordinal_one"].finditer(lowered) if holds_literal(lowered, cb["ordinal_literals"]) else ():
        # "and a third received management advice": one more person
        if not any(p.start <= m.start() < p.end for p in found):
            found.append(Phrase(m.start(), m.end(), 1, ""))
    for m in cb["bare_the"].finditer(lowered) if numbered else ():  # "against the two", "the pair are": a group
        if m.start() and (lowered[m.start() - 1].isalnum() or lowered[m.start() - 1] == "_"):
            continue  # not a word ("bathe two")
        if (n := _number(m.group("num"))) and n > 1 and not any(p.start <= m.start("num") < p.end for p in found):
            found.append(Phrase(m.start(), m.end(), n, "", group=True))
    if not any(map(sentence.__contains__, cb["force_literals"])):  # (every force name holds one)
        return _join(sentence, sorted(found, key=lambda p: p.start))
    for m in cb["force"].finditer(sentence):
        if not any(p.start <= m.start() < p.end for p in found):
            found.append(Phrase(m.start(), m.end(), None, "force"))
    found.sort(key=lambda p: p.start)
    return _join(sentence, found)


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _other_service(lowered: str, m: re.Match[str]) -> bool:
    """Whether the staff phrase ``m`` (its noun a staff noun) names another service's staff: a word
    of `phrases.other_services` inside it before its noun or just before it
    ("medical staff", "NHS staff", "hospital employees")."""
    cb = codebook()
    others = cb["other_services"]
    if m.start("noun") > m.start() and not others.isdisjoint(lowered[m.start() : m.start("noun")].split()):
        return True
    last = _LAST_WORD.search(lowered, max(0, m.start() - 20), m.start())
    return last is not None and last.group(1) in others


def _join(sentence: str, found: list[Phrase]) -> list[Phrase]:
    """ "A and B" → one phrase: counts add up, subjects mix; "both X and Y" is 2."""
    cb = codebook()
    join = cb["join"]
    out: list[Phrase] = []
    for p in found:
        prev = out[-1] if out else None
        if prev and prev.subject != "force" and p.subject != "force" and join.fullmatch(sentence, prev.end, p.start):
            both = sentence[prev.start : prev.end].lower().startswith(cb["both"])
            count = 2 if both else (None if None in (prev.count, p.count) else prev.count + p.count)
            subject = prev.subject if prev.subject == p.subject else "mixed"
            out[-1] = Phrase(prev.start, p.end, count, subject)
        else:
            out.append(p)
    return out


def _nearest(found: list[Phrase], start: int, end: int, lowered: str = "") -> Phrase | None:
    """People phrases beat force names; then the nearest within the phrase
    window (a phrase after the cue counts ``after_weight`` times its distance).
    A phrase after the cue that opens a new conjunct ("… a gross misconduct
    hearing and two others a misconduct meeting") is that conjunct's, not the
    cue's, when a people phrase before the cue is in reach."""
    cb = codebook()
    window, weight = cb["phrase_window"], cb["after_weight"]
    scored, after = [], []
    for p in found:
        if p.end <= start or p.start < end:
            distance = start - p.end if p.end <= start else 0
            if distance <= window:
                scored.append((p.subject == "force", distance, p.start, p))
        elif (distance := (p.start - end) * weight) <= window:
            after.append((p.subject == "force", distance, p.start, p))
    if after:
        if any(not force and p.end <= start for force, _, _, p in scored):  # a people phrase before the cue
            conjunct = cb["conjunct_before"]
            after = [a for a in after if not conjunct.search(lowered, end, a[3].start)]
        scored += after
    return min(scored)[3] if scored else None


def _leads(templates: list[str], lexicon: Lexicon) -> dict[str, tuple[str | None, list[frozenset[str]]]]:
    """Composed (lowered) pattern -> ("V"/"P" for a frame opening with a verb
    group, else None; the form sets of its verb groups, one of each of which
    every match contains)."""
    out = {}
    for t in templates:
        # (a verb group at the frame's start or after a space: its forms start a word, see _literal_scan)
        verb_sets = [
            frozenset(
                lit for lemma in m.group(2).split("|") for lit in _stem(inflect(lemma.strip(), lexicon.irregular))
            )
            for m in _SLOT.finditer(t)
            if m.group(1) in ("V", "P", "B")
            and _required_slot(t, m)
            and (m.group(1) != "V" or _slot_at_word(t[: m.start()]))
        ]
        out[lowered_pattern(compose(t, lexicon, lead=True)).pattern] = (leading_group(t), verb_sets)
    return out


_SPACE_GROUP = re.compile(r"\(\?:[^()|]* \)(?:\?|\*|\{\d*,?\d*\})\??$")


def _slot_at_word(before: str) -> bool:
    """Whether a {V:} group after the template text ``before`` starts a word
    (its forms then do too, even without auxiliaries): it opens the template
    or follows a space, perhaps after optional groups that end in one
    ("(?:that )?(?:\\S+ ){0,5}?{V:commit}").  ({P:} and {B:} forms always
    follow an auxiliary and a space.)"""
    while m := _SPACE_GROUP.search(before):
        before = before[: m.start()]
    return before == "" or before.endswith(" ")


def _required_slot(template: str, slot: re.Match) -> bool:
    """Whether every match of ``template`` holds its verb group ``slot``: the
    slot is outside any group (which may be optional or an alternative)."""
    depth, escaped = 0, False
    for ch in template[: slot.start()]:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
    return depth == 0 and not template.startswith(("?", "*", "{0"), slot.end())


def _stem(forms: list[str]) -> list[str]:
    """Literals one of which every form of a verb holds: the forms' longest
    common prefix ("dismiss") when it is selective, else the forms themselves
    ("began", "begun": "beg" would be found in "begging")."""
    stem = forms[0]
    for form in forms[1:]:
        while not form.startswith(stem):
            stem = stem[:-1]
    return [stem] if len(stem) >= 5 else list(forms)


def _plan(cues: Cues, leads: dict, requires: dict) -> list[tuple[re.Pattern, list, str, tuple | None]]:
    """Per pattern of ``cues``: the pattern, the literal sets a text must hold
    one of each of (its required literals and, for a frame, the forms of
    each of its verb groups: "began" … and "investigation"), its kind
    ("cue", or a frame's leading group "V", "P" or None) and the context
    its sentence must also hold (a frame's ``requires``, else None)."""
    plan = []
    for pattern in cues.patterns:
        kind, verb_sets = leads.get(pattern.pattern, ("cue", []))
        own, every = _word_literals_and_sets(pattern.pattern, at_word=kind != "cue")  # frames start at a word
        # and every other required part whose words are long enough to be rare
        # ("guilty" beside "misconduct"; not "that", "was": the scan would find them everywhere)
        parts = [p for p in every if _selective(p) and p != own]
        sets = [s for s in [*verb_sets, *dict.fromkeys(parts), own] if s is not None and min(map(len, s)) > 2]
        plan.append((pattern, sets, kind, requires.get(pattern.pattern)))  # (a short word, "is", filters nothing)
    return plan


# A literal set worth scanning for beside a pattern's own: every literal at least this long.
_SELECTIVE_LENGTH = 5


def _selective(literals: frozenset[str]) -> bool:
    return min(map(len, literals)) >= _SELECTIVE_LENGTH and not any(w[0].isspace() for w in literals)


def _cue_matches(plan: list, lowered: str, document: _DocumentContext | None = None) -> list[tuple[int, int, int]]:
    """(start, end, core) of every cue match: ``core`` is where the trigger
    word starts after the verb group's auxiliaries and adverbs ("has now
    been | dismissed"); a frame opening with a verb group is extended leftwards
    over them (a passive group "P" needs at least one auxiliary).  ``plan``
    holds the patterns whose literals ``lowered`` holds.  (A list: most
    plans match nothing, and a generator costs more to start than a list.)"""
    cb = codebook()
    aux_chain, chains, reach = cb["aux_chain"], cb["chains"], cb["windows"].verb_group
    out: list[tuple[int, int, int]] = []
    for pattern, _, kind, context in plan:
        matches: Iterator[re.Match] | list[re.Match]
        if context is None:
            matches = pattern.finditer(lowered)
        elif (first := pattern.search(lowered)) is None:
            continue  # (most patterns match nothing: their context is then not read)
        elif context[0].search(lowered) if not context[1] else document is not None and document.holds(context[0]):
            matches = pattern.finditer(lowered, first.start())
        else:
            continue
        for m in matches:
            at = m.start()
            if kind != "cue" and at and (lowered[at - 1].isalnum() or lowered[at - 1] in "_-"):
                continue  # a frame starts at a word: not "showcase", "re-open"
            if kind == "cue" or kind is None:
                out.append((at, m.end(), aux_chain.match(lowered, at).end()))
                continue
            chain = chains[kind].search(lowered, at - reach if at > reach else 0, at)
            if chain is None and kind in ("P", "B"):
                continue
            out.append(((chain.start() if chain else m.start()), m.end(), m.start()))
    return out


class _DocumentContext:
    """Whether the (lower-cased) document holds a frame's required context,
    each context searched once per document, when a frame first asks."""

    def __init__(self, lowered_doc: str) -> None:
        self.lowered_doc = lowered_doc
        self.found: dict[re.Pattern, bool] = {}

    def holds(self, context: re.Pattern) -> bool:
        if (found := self.found.get(context)) is None:
            found = self.found[context] = context.search(self.lowered_doc) is not None
        return found


def _clause_start(lowered: str, pos: int, window: int) -> int:
    """Where the clause holding ``pos`` starts, at most ``window`` characters back."""
    start = max(0, pos - window)
    breaks = _clause_breaks(lowered)
    k = bisect.bisect_right(breaks, (pos, pos)) - 1  # the last break ending by ``pos`` …
    while k >= 0 and breaks[k][1] > pos:
        k -= 1
    return breaks[k][1] if k >= 0 and breaks[k][0] >= start else start  # … and starting in the window


@lru_cache(maxsize=64)
def _clause_breaks(lowered: str) -> list[tuple[int, int]]:
    """Every clause break of a sentence (a break's lookahead may read past
    the position asked about: "and only resigned")."""
    return [m.span() for m in codebook()["clause_breaks"].finditer(lowered)]


def _status(lowered: str, start: int, core: int, end: int, name: str) -> str:
    """ConText-style status of the cue at ``start:end``: alleged /
    hypothetical / proposed from cues in the clause before it, or a modal
    governing it (before it or in its own verb group, which ends at ``core``:
    "will be barred"; not inside its content: "no indication that … may have")."""
    cb = codebook()
    if cb["exempt"].search(lowered, start, end):
        return "actual"
    floor = 0
    if opening := cb["sentence_opening"].match(lowered):
        # "Where a finding …, refer the matter to …" (hypothetical); "It is alleged that on 4 May the
        # officer … breached the standards" (alleged): the whole sentence, unless a coordinated clause
        # with its own subject comes first (", and this allegation was proven": that clause's own status)
        if opening.group("hypothetical") is not None:
            return "hypothetical"
        ends = cb["alleged_ends"].search(lowered, opening.end(), end) if "and " in lowered else None
        if ends is None:
            return "alleged"
        floor = ends.end()
    if (
        name not in cb["decision_categories"]
        and name not in cb["negative_categories"]
        and cb["modal_after"].match(lowered, end)
    ):  # "management action may be considered": a modal predicating the cue's noun (decisions are
        return (
            "proposed"  # deontic, "disciplinary action should be taken"; "no further action could be taken" is a fact)
        )
    clause = _clause_start(lowered, start, cb["status_window"])
    if floor > clause:
        clause = floor
    before = lowered[clause : max(core, start)]
    if (_holds(lowered)[0] and (participle := cb["participle_scope"].search(before))) and (
        finite := cb["finite"].search(before, participle.end())
    ):
        before = before[finite.start() :]  # "A PC accused of misconduct | has been sacked": the subject's modifier
    for status in cb["status_precedence"]:
        if cb["status"][status].search(before):
            return status
    modal = cb["modal"].search(before)
    if modal is not None:
        at = clause + modal.start()
    elif name not in cb["inner_modal_exempt"] and (
        modal := cb["modal"].search(lowered, core if core > start else start, end)
    ):
        at = modal.start()  # a modal inside the cue's own verb group: "criminal charges may be brought"
        if cb["epistemic"].match(lowered, at):
            return "actual"  # "failures … may have contributed": a finding about the past
    if modal and not (name in cb["decision_categories"] and cb["decision_modal"].match(modal.group())):
        # "the panel ruled that he should be dismissed": decided, not proposed
        if cb["decided"].search(lowered, _clause_start(lowered, at, cb["decided_window"]), at):
            return "actual"
        return "proposed"
    return "actual"


@lru_cache(maxsize=64)
def _holds(lowered: str) -> tuple[bool, bool]:
    """Whether a sentence holds a literal of the participle scope and one of
    the presupposed counterfactual: read once per sentence, not per cue."""
    cb = codebook()
    return bool(cb["participle_literals"].search(lowered)), bool(cb["presupposed_literals"].search(lowered))


def _lead_in_status(lowered: str) -> str | None:
    """The status a list's lead-in sentence gives the items after it: its
    own status at its end ("the sanctions available to the panel are:" is
    hypothetical), a template's (a description of the process) hypothetical;
    None when actual."""
    if codebook()["templates"].search(lowered):
        return "hypothetical"
    n = len(lowered.rstrip().removesuffix(":").rstrip())  # (the colon is a clause break: read the clause before it)
    status = _status(lowered, n, n, n, "")
    return None if status == "actual" else status


def _polarity(lowered: str, start: int, end: int, name: str, core: int) -> str | None:
    """NegEx-style: the category after negation in the clause before the cue
    at ``start:end`` or inside its own verb group ("were not proven") — its
    negative category, or None when the outcome did not happen."""
    cb = codebook()
    clause = _clause_start(lowered, start, cb["negation_window"])
    before = lowered[clause:start]
    if cb["negation_drop"].search(before):
        return None
    # (its "had" comes before the cue: a verb group read leftwards stops at the subject, "had they | not")
    if _holds(lowered)[1] and cb["presupposed"].search(lowered, clause, max(core, start)):
        return name  # "had they not already resigned": the inverted counterfactual presupposes it
    if (
        name in cb["definite_categories"]
        and cb["definite"].search(lowered, max(0, start - cb["definite_window"]), end) is not None
    ):
        return name  # "did not attend the misconduct hearing": a definite hearing is presupposed, not denied
    inside = "" if name in cb["negative_categories"] else lowered[start:end]
    if name in cb["negated_findings"]:
        inside = cb["negated_finding"].sub(" ", inside)  # "was not recorded properly": the finding's own "not"
    if cb["negation"].search(before) or cb["negation"].search(inside):
        return cb["recode"].get(name)
    wide = _clause_start(lowered, start, cb["negation_subject_window"])
    if (
        wide < clause
        and (quantifier := cb["negation_subject"].search(lowered[wide:clause]))
        and not cb["negation_subject_ends"].search(lowered, wide + quantifier.end(), start)
    ):
        return cb["recode"].get(name)  # "None of the officers involved in … will face charges": the subject's scope
    return name


@dataclass
class Ledger:
    """Who the document is about so far: the person or group outcomes refer
    back to ("he", "the officer", "the panel found")."""

    count: int | None = None
    subject: str = ""
    ref: str | None = None
    civilian: bool = False
    named: bool = False
    # the named officer or group the document was about before a civilian sentence ("A driver was
    # arrested …"): a later outcome with no subject and no pronoun ("we referred a file to the CPS")
    # still concerns them; a pronoun ("he was convicted") is the civilian's
    prior: Ledger | None = None


def _behind(focus: Ledger, sentence: str, lowered: str) -> Ledger:
    """The ledger an outcome in ``sentence`` falls back on: after a civilian
    sentence, the officer or group the document was about before it, unless
    the sentence has a pronoun (the civilian's: "he was convicted") or a
    person's name ("Craig Savage … was convicted")."""
    if focus.prior is None or not focus.civilian:
        return focus
    cb = codebook()
    if cb["pronoun"].search(lowered) or cb["plural_pronoun"].search(lowered):
        return focus
    if _names_a_person(sentence, 0, len(sentence)):
        return focus
    return focus.prior


def _names_a_person(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` holds a person's name: a capitalised
    name that is neither a force nor a word the codebook says is no name."""
    cb = codebook()
    return any(
        not cb["force"].match(sentence, n.start()) and not cb["not_name"].intersection(n.group().split())
        for n in cb["name"].finditer(sentence, start, end)
    )


def _identifiers(sentence: str) -> tuple[list[re.Match], list[re.Match]]:
    """Identified people ("Former Officer A", "PC Smith"): those who may be
    an outcome's subject, and those named as a chair, a speaker or a witness."""
    cb = codebook()
    subjects: list[re.Match] = []
    others: list[re.Match] = []
    if not cb["identifier_literal"].search(sentence):  # (every plural title holds one of its literals)
        return subjects, others
    reach, apposition = cb["windows"].identifier_context, cb["windows"].speaker_apposition
    for m in _identifier_matches(sentence):
        before, after = sentence[max(0, m.start() - reach) : m.start()], sentence[m.end() : m.end() + reach]
        other = (
            cb["not_subject_before"].search(before)
            # (anchored at its start, "^": a match, on the text as far as an apposition reaches)
            or cb["not_subject_after"].match(sentence[m.end() : m.end() + apposition])
            or cb["speaker_before"].search(before)
            and cb["speaker_after"].match(after)
        )
        (others if other else subjects).append(m)
    return subjects, others


def _identifier_matches(sentence: str) -> list[re.Match]:
    """The identifiers of ``sentence`` in order, and the names listed under one
    plural title ("PCs Nicholas Oates, Sanjeev Kalyan and Hannah Ross": three
    people, each a name the title governs)."""
    cb = codebook()
    found = list(cb["identifier"].finditer(sentence))
    titles = cb["plural_title"]
    if titles.search(sentence) is None:
        return found
    listed: list[re.Match] = []
    name, join = cb["listed_name"], cb["identifier_join"]
    for t in titles.finditer(sentence):
        # (the first name with its title, "PCs Nicholas Oates": the title is no other people phrase)
        n = cb["titled_name"].match(sentence, t.start())
        while n is not None:
            listed.append(n)
            j = join.match(sentence, n.end())
            if j is None:
                break
            n = name.match(sentence, j.end())
    if not listed:
        return found
    # a listed name inside an identifier found already ("Officers A and B": "Officers A") is that one
    extra = [n for n in listed if not any(m.start() <= n.start() < m.end() for m in found)]
    return sorted(found + extra, key=lambda m: m.start())


def _ref_of_identifier(text: str) -> str:
    """The referent key of an identified person: the surname when the
    identifier names one ("PC Matt Proctor" and "PC Proctor" are one person),
    else the whole identifier ("Officer A", "PC A")."""
    words = codebook()["identifier_prefix"].sub("", text.lower()).split()
    return words[-1] if len(words) > 1 and len(words[-1]) > 1 else " ".join(words)


def _referent(sentence: str, phrase: Phrase | None, count: int | None, focus: Ledger, unique: str) -> str | None:
    """The key restatements of one outcome share: an identified person, a
    list item, a named single person's head noun, a part of a group."""
    if phrase is not None and phrase.subject == "":
        if phrase.group:  # "the two", "both": the group counted before (the document's, when it is that group)
            return focus.ref if focus.count is not None and focus.count == count else None
        return unique  # "One of those", "Seven of these": a new part of a group
    if phrase is None or phrase.subject not in ("officer", "staff", "mixed", "other"):
        return None
    text = sentence[phrase.start : phrase.end].lower()
    cb = codebook()
    if count == 1 and cb["another"].search(text):
        return unique
    if cb["part_of"].search(text):
        return text
    if count == 1:
        if cb["pronoun"].fullmatch(text) and focus.count == 1:
            return focus.ref
        # a force's name before the noun ("a former Northshire Police officer") is no part of the
        # key: "the former officer" is the same person
        span = sentence[phrase.start : phrase.end]
        if cb["force_literal_any"].search(span) and cb["force"].search(span):
            text = " ".join(cb["force"].sub(" ", span).split()).lower()
        head = cb["head_words"].sub("", text)
        # a generic noun ("police officer", "special constable") does not tell people apart
        return None if cb["generic_head"].fullmatch(head) else head
    return None


def extract_outcomes(doc: Document) -> list[dict]:
    """Every coded outcome in the article text of ``doc``."""
    cb = codebook()
    windows = cb["windows"]
    rows: list[dict] = []
    memory = _Counts()  # the last subject, and per subject its last explicit count
    focus = Ledger()
    aliases: dict[str, str] = {}  # an unnamed person's key -> the name given later
    list_status: str | None = None  # the status a list's lead-in gives its items, when not actual
    spans = list(sentence_spans(doc, ("article",)))
    lowered_doc = doc.lowered
    maybe, nouny = _categories_by_sentence(lowered_doc, [span for _, _, span in spans])
    all_cued: dict[int, list] = {}
    civilian_names: dict[str, bool] = {}  # a bare surname -> whether it names a civilian
    body_start = -1  # the first paragraph that ends like a sentence (see _body_start)
    document = _DocumentContext(lowered_doc)
    for i, entries in maybe.items():
        span = spans[i][2]
        lowered = lowered_doc[span.start : span.end]
        cued = [
            (name, spec, found_matches, is_state)
            for name, spec, _, is_state, plan in entries
            if (found_matches := _cue_matches(plan, lowered, document))
        ]
        if cued and not cb["templates"].search(lowered):  # else a generic description of the process
            all_cued[i] = cued
    # Sentences after the last one with an outcome change nothing but the
    # name a person is given later ("… Police Constable Thomas Hill"): read
    # them only up to the last that may hold such an identifier.
    last = max(all_cued, default=-1)
    last = max(
        (
            j
            for j in range(last + 1, len(spans))
            if nouny[j] and cb["identifier_literal"].search(doc.text, spans[j][2].start, spans[j][2].end)
        ),
        default=last,
    )
    for i, (number, para, span) in enumerate(spans[: last + 1]):
        sentence = doc.text[span.start : span.end]
        lowered = lowered_doc[span.start : span.end]
        cued = all_cued.get(i, [])
        # a sentence with no cue only matters for the officers/staff it counts ("Nine officers …"):
        # its phrases (there is one at least: the noun's) are parsed when needed (see _Counts)
        deferred = not cued and bool(nouny[i] and _noun_start(lowered) >= 0)
        idents, others = _identifiers(sentence) if cued or deferred else ([], [])
        # the sentence's people phrases, parsed when a cue first asks (many cues are dropped before):
        # the chair or speaker is not whom the outcome concerns
        parsed: list[list[Phrase]] = []
        if cued:  # (only a cued sentence asks: most sentences need no closure)

            def people(
                sentence: str = sentence,
                others: list[re.Match] = others,
                parsed: list[list[Phrase]] = parsed,
                nouny: bool = nouny[i],
            ) -> list[Phrase]:
                if not parsed:
                    found = phrases(sentence, nouny)
                    if others and found:
                        found = [p for p in found if not any(o.start() <= p.end and p.start <= o.end() for o in others)]
                    parsed.append(found)
                return parsed[0]

        bare_civilian = False  # the sentence opens with a civilian's bare surname ("Cooke was jailed")
        if idents:
            named = _ref_of_identifier(idents[0].group())
            group = _joined(sentence, idents, idents[0])
            if len(group) > 1:  # "ACC Jones and D Ch Supt Foster": the document is about both
                focus = Ledger(len(group), "officer", _GROUP_JOIN.join(_ref_of_identifier(m.group()) for m in group))
            else:
                if focus.count == 1 and focus.ref and not focus.named and focus.ref not in aliases.values():
                    aliases[focus.ref] = named  # "A Kent Police officer … Police Constable Thomas Hill"
                focus = Ledger(1, "officer", named, named=True)
        elif cb["civilian"].match(lowered) or (
            bare_civilian := bool(cued) and _civilian_named(doc.text, sentence, civilian_names)
        ):
            focus = Ledger(civilian=True, prior=focus.prior if focus.civilian else focus if focus.count else None)
        is_headline = False  # (read only by the outcomes coded here)
        list_item = bool(cued or list_status) and (  # (only a cued sentence or an item of a lead-in asks)
            bool(cb["list_item"].match(doc.text, para.start))
            and span.start == para.start
            or bool(cb["list_item"].match(sentence))
        )
        if cued:
            if body_start < 0:  # (read once, when a sentence first has a cue)
                body_start = _body_start(doc)
            is_headline = number < body_start  # the page's head: title, standfirst, byline, captions
        taken: list[tuple[int, int]] = []
        coded_here: set[str] = set()
        for name, spec, matches, is_state in cued:
            for start, end, core in matches:
                if any(start < e and s < end for s, e in taken) or is_state and name in coded_here:
                    continue  # overlapping a cue already coded; a state beside its start
                if name in cb["reference_categories"] and cb["reference"].search(
                    lowered, _clause_start(lowered, start, windows.reference), start
                ):
                    continue  # "when interviewed under caution": background, not the start
                if name in cb["reference_categories"] and _crime_investigation(lowered, start, end):
                    continue  # "Kent Police began an investigation into their deaths": the crime's, not the police's
                category = _polarity(lowered, start, end, name, core)
                if category is None:
                    continue
                status_name, status_at = name, (start, core)
                if category in cb["possible_recode"] and (
                    possible := cb["possible"].search(
                        lowered, _clause_start(lowered, start, cb["possible_window"]), core
                    )
                ):
                    category = cb["possible_recode"][category]  # "may have breached": a case to answer
                    status_name = category  # whose "may have" is its own wording, not a modal:
                    status_at = (possible.start(), possible.start())  # (its status is read before it)
                recommended = bool(cb["recommended_literals"].search(lowered)) and _recommended(lowered, start)
                if category in cb["recommended_recode"] and recommended:
                    category = cb["recommended_recode"][category]  # a recommended hearing: a case to answer
                    status_name = category
                if category in cb["prospective_recode"] and cb["prospective"].search(
                    lowered, _clause_start(lowered, start, cb["prospective_window"]), start
                ):
                    category = cb["prospective_recode"][category]  # "is to face a hearing": a case to answer
                    status_name = category
                if category in cb["finders"]:  # (a set test: most categories have no finder)
                    for target, finder_before, finder_after in cb["finders"][category]:
                        if finder_after.match(lowered, end) or finder_before.search(
                            lowered, _clause_start(lowered, start, cb["finder_window"]), start
                        ):
                            category = target  # "the panel found no case to answer": the hearing's finding
                            break
                taken.append((start, end))
                if not is_state:
                    coded_here.add(name)
                if is_state and (
                    (perfect := cb["state_perfect"].search(lowered, _clause_start(lowered, start, 60), end)) is not None
                    and perfect.end() >= start
                ):
                    continue  # "had been under investigation for a third of his career": a reference, no start
                if is_state and not _state_has_subject(lowered, people(), idents, start, end, focus):
                    continue  # "his death is being investigated", "after it was investigated": not about police
                if name in cb["inanimate_categories"] and _inanimate_subject(lowered, start):
                    continue  # "criminal cases being dismissed": a thing, not a person
                if name not in cb["police_only"] and _civilian_only(lowered, people(), idents, start, end):
                    continue  # "the man was given words of advice": a civilian's, in a sentence naming no police
                if name in cb["police_only"] and _civilian_subject(
                    sentence,
                    lowered,
                    people(),
                    idents,
                    core,
                    focus if bare_civilian else _behind(focus, sentence, lowered),
                    category,
                ):  # (a civilian's bare surname is the civilian's name: the officers before are not restored)
                    continue  # (before the subject is resolved, which may parse earlier sentences)
                if (
                    name in cb["police_victim_categories"]
                    and cb["police_victim_literals"].search(lowered)
                    and cb["police_victim"].search(lowered)
                ):
                    continue  # "charged with … assaulting two officers": the offender's, a civilian's
                spec = cb["categories"][category]
                phrase = _nearest(people(), start, end, lowered)
                if (
                    category in cb["object_categories"]
                    and (obj := next((p for p in people() if end <= p.start <= end + 2 and p.subject != "force"), None))
                    and not cb["be_form"].search(lowered, start, end)
                ):  # an active sanction verb's object is whom it concerns, not its agent: "The chief
                    phrase = obj  # constable dismissed two officers", "The PCC has suspended the chief constable"
                if (
                    phrase is not None
                    and phrase.subject == "force"
                    and category != "learning"
                    and (
                        spec["stage"] != "investigation finding"
                        and focus.count == 1
                        and not focus.civilian
                        or spec["stage"] not in cb["force_stages"]
                        and phrase.start >= end
                        or spec["stage"] in cb["force_source_stages"]
                        and phrase.start >= end
                        and cb["force_source"].search(lowered, max(0, phrase.start - 12), phrase.start)
                    )
                ):
                    phrase = None  # "resigned from the force", "a referral from the force": not the subject
                count, subject = _resolve(sentence, phrase, memory, people())
                if cb["force_cues"].search(lowered, start, end) or (
                    name in cb["force_agent_categories"]
                    and cb["force_agent"].search(lowered, max(0, start - cb["force_agent_window"]), end)
                ):  # "organisational learning"; "Police Scotland failed to …": the force's own
                    count, subject, phrase = None, "force", None
                unique = f"#{len(rows)}"
                ident = min(idents, key=lambda x: abs(x.start() - start), default=None)
                pronoun_subject = phrase is None or cb["pronoun"].fullmatch(sentence[phrase.start : phrase.end].lower())
                if ident is not None and (phrase is None or subject in ("officer", "staff", "")):
                    group = _joined(sentence, idents, ident)
                    ref = _GROUP_JOIN.join(_ref_of_identifier(m.group()) for m in group)
                    inside = phrase is None or group[0].start() <= phrase.start and phrase.end <= group[-1].end()
                    if count is None and phrase is not None and not inside:  # "PC Smith … where supervisors found":
                        subject = "officer"  # the identified officer, not an uncounted group near the cue
                    count = len(group) if count is None or len(group) > 1 and inside else count
                    subject = subject or "officer"
                elif list_item:
                    ref = unique
                else:
                    ref = _referent(sentence, phrase, count, focus, unique)
                window = (
                    _clause_start(lowered, start, windows.pronoun_before),
                    min(len(lowered), end + windows.pronoun_after),
                )
                if (
                    count is None
                    and cb["generic_literals"].search(lowered)
                    and cb["generic_subject"].search(lowered, window[0], end)
                ):
                    pronoun_subject = False  # "any person serving with the police": nobody in particular
                if (
                    count is None
                    and pronoun_subject
                    and subject != "force"
                    and cb["plural_pronoun"].search(lowered, *window)
                    and not cb["singular_pronoun"].search(lowered, *window)
                    and (before := memory.get(subject or "officer", plural=True) or 0) > 1
                ):
                    count = before  # "directed them to hold …": the group counted before
                elif (
                    count is None
                    and pronoun_subject
                    and subject != "force"
                    and (here := _behind(focus, sentence, lowered)).count == 1
                    and not here.civilian
                    and not (  # "This was a missed opportunity," the coroner said: the police's, not the
                        phrase is None  # person the document is about ("found she had missed …" is hers)
                        and category in cb["focus_free"]
                        and not cb["singular_pronoun"].search(lowered)
                    )
                ):
                    count, subject, ref = 1, here.subject or subject, here.ref if ref is None else ref
                elif (
                    count is None
                    and phrase is None
                    and subject != "force"  # (the force's own finding: "the care he received fell below …")
                    and cb["singular_pronoun"].search(lowered, max(0, start - windows.coordinated_pronoun), start)
                ):  # a coordinated predicate shares it: "he … and only"
                    count, subject = 1, subject if subject in ("officer", "staff") else "officer"  # "he resigned"
                elif (
                    count is None
                    and phrase is None
                    and (focus.count or 0) > 1
                    and not focus.civilian
                    and category in cb["group_fallback"]
                    and not cb["singular_pronoun"].search(lowered, *window)
                ):  # a document about one group ("two MPS officers …"): "The IPCC started an investigation"
                    count, subject, ref = focus.count, focus.subject or subject, focus.ref if ref is None else ref
                if count is not None and count > cb["statistic_count"]:
                    continue  # "144 officers resigned or retired": a statistic, not a case's outcome
                if is_state and cb["additive"].search(lowered, _clause_start(lowered, start, windows.additive), end):
                    ref = unique  # "is also investigating": a further investigation
                rows.append(
                    {
                        "doc_id": doc.doc_id,
                        "case_id": None,
                        "category": category,
                        "stage": spec["stage"],
                        "severity": spec["severity"],
                        "count": count,
                        "subject": subject,
                        "status": (
                            list_status
                            if list_item and list_status
                            else "proposed"  # "recommended that the two officers were prosecuted"
                            if recommended and status_name not in cb["recommendation_is_outcome"]
                            else _status(lowered, *status_at, end, status_name)
                        ),
                        "evidence": sentence,
                        "start": span.start,
                        "end": span.end,
                        "_ref": ref,
                        "_group": _group_text(sentence, phrase) if (count or 0) > 1 else None,
                        "_state": is_state,
                        "_headline": is_headline,
                        "_definite": category in cb["definite_categories"]
                        and cb["definite"].search(lowered, max(0, start - cb["definite_window"]), end) is not None,
                    }
                )
                if count == 1 and subject in ("officer", "staff") and not is_state:
                    focus = Ledger(1, subject, ref, named=ref is not None and ref == focus.ref and focus.named)
                elif (
                    (count or 0) > 1
                    and subject in ("officer", "staff", "mixed")
                    and (phrase is not None and phrase.subject == subject or ident is not None)
                    and not is_state
                    and not focus.count
                ):
                    focus = Ledger(count, subject, ref)  # the first group the document counts: who it is about
                if category in cb["gapping_categories"] and not is_state:
                    rows += _gapped(sentence, lowered, end, rows[-1], cued, people(), memory)
        if not list_item:  # a lead-in ("… the sanctions available are:") sets the status of its items
            ends_colon = sentence[-1:] == ":" or sentence[-1:].isspace() and sentence.rstrip().endswith(":")
            list_status = _lead_in_status(lowered) if ends_colon else None
        if deferred or cued and not parsed:
            memory.defer(sentence, others)  # (the same phrases, parsed if a later outcome asks)
        elif parsed and parsed[0]:
            memory.add(parsed[0])
        if not idents and not focus.count and not (rows and rows[-1]["start"] == span.start):
            # no outcome coded in this sentence: "A Kent Police officer is due in court …": the sentence's
            # subject is who the document is about
            found = people() if cued else []
            if deferred and _opens_with_phrase(sentence):
                found = memory.phrases(len(memory.entries) - 1)
            first = found[0] if found else None
            if (
                first
                and first.subject in ("officer", "staff")
                and first.count == 1
                and not focus.count
                and not re.search(r"\S\s", sentence[: first.start])
                and not cb["not_subject_after"].search(sentence[first.end : first.end + windows.focus_context])
                and not sentence.startswith(" of", first.end)
            ):
                focus = Ledger(1, first.subject, _referent(sentence, first, 1, focus, ""))
    for r in rows:
        r["_ref"] = aliases.get(r["_ref"], r["_ref"])
    rows = _drop_summaries(_merge(_leveled(_drop_headline_repeats(rows), lowered_doc)))
    return _number_rows(doc.doc_id, [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])


_FIRST_WORD = re.compile(r"\s*\S*")
_SENTENCE_END = re.compile(r"[.!?\"”’]\s*$")  # a paragraph ending like a sentence is no headline


def _crime_investigation(lowered: str, start: int, end: int) -> bool:
    """Whether the start cue at ``start:end`` opens an investigation of the case's
    crime or death by the police or the coroner, or a search for a missing
    person (`ledger.crime_object`, `crime_agent`, `missing_search`): not an
    investigation of the police's conduct."""
    cb = codebook()
    if cb["conduct_cue"].search(lowered, start, end):
        return False  # "a misconduct investigation into the assault"
    if cb["missing_search"].match(lowered, end):
        return True  # "an investigation was commenced to try to find her"
    return bool(
        cb["crime_object"].match(lowered, end)
        and cb["crime_agent"].search(lowered, max(0, start - cb["crime_agent_window"]), start)
    )


def _body_start(doc: Document) -> int:
    """The number of the first article paragraph that ends like a sentence:
    the paragraphs before it (a title, a repeated title or standfirst, a
    byline, a photo caption) are the page's head, whose outcomes are
    headlines (see _drop_headline_repeats)."""
    return next(
        (
            number
            for number, para in enumerate(doc.paragraphs)
            if para.kind == "article" and _SENTENCE_END.search(doc.text[para.start : para.end])
        ),
        len(doc.paragraphs),
    )


def _opens_with_phrase(sentence: str) -> bool:
    """Whether a people phrase can start in the first word of ``sentence``
    (where the phrase that makes a sentence's subject the document's focus
    starts): the phrase pattern matches at an offset there."""
    phrase = codebook()["phrase"]
    return any(phrase.match(sentence, p) for p in range(_FIRST_WORD.match(sentence).end() + 1))


def _gapped(
    sentence: str, lowered: str, end: int, row: dict[str, Any], cued: list[Any], found: list[Phrase], memory: _Counts
) -> list[dict[str, Any]]:
    """The gapped conjuncts after the cue ending at ``end`` ("… a case to
    answer for gross misconduct and one for misconduct"): rows of ``row``'s
    category about the people each names (its number, or the people phrase
    right after it), each a referent of its own.  A remnant overlapping a cue
    of the sentence is that cue's."""
    cb = codebook()
    if not cb["remnant_literals"].search(lowered):
        return []
    out = []
    for m in cb["remnant"].finditer(lowered, end, min(len(lowered), end + cb["gapping_window"])):
        if any(s < m.end() and m.start() < e for _, _, matches, _ in cued for s, e, _ in matches):
            continue
        if m.group("num"):
            n = _number(m.group("num"))  # (None: "another", one more person)
            count: int | None = 1 if n is None else n
            subject = row["subject"]
        else:
            phrase = next((p for p in found if m.end() <= p.start <= m.end() + 2), None)
            if phrase is None:
                continue
            count, subject = _resolve(sentence, phrase, memory, found)
        out.append({**row, "count": count, "subject": subject, "_ref": f"#{row['start']}+{m.start()}", "_group": None})
    return out


def _joined(sentence: str, idents: list[re.Match], ident: re.Match) -> list[re.Match]:
    """The identified people joined with ``ident`` into one group ("ACC Jones
    and D Ch Supt Foster"), in order; ``[ident]`` when it stands alone."""
    join = codebook()["identifier_join"]
    k = idents.index(ident)
    lo = hi = k
    while lo > 0 and join.fullmatch(sentence, idents[lo - 1].end(), idents[lo].start()):
        lo -= 1
    while hi + 1 < len(idents) and join.fullmatch(sentence, idents[hi].end(), idents[hi + 1].start()):
        hi += 1
    return idents[lo : hi + 1]


def _inanimate_subject(lowered: str, start: int) -> bool:
    """Whether the word just before the cue at ``start`` (its subject) names a
    thing ("criminal cases being dismissed", "the trial was suspended")."""
    cb = codebook()
    before = lowered[max(0, start - cb["windows"].subject_word) : start].rstrip()
    return cb["inanimate_subject"].search(before) is not None


def _civilian_only(lowered: str, found: list[Phrase], idents: list[re.Match], start: int, end: int) -> bool:
    """Whether the outcome at ``start:end`` concerns a civilian: a civilian
    in its clause before it or in its own words ("the man was given words
    of advice", "decided not to prosecute the three juveniles"; up to
    `civilian_window` characters back) and no officer, staff member or
    identified officer anywhere in the sentence."""
    cb = codebook()
    if any(p.subject in ("officer", "staff", "mixed") for p in found) or idents:
        return False
    window = cb["civilian_window"]
    if not holds_literal(lowered, cb["civilian_literals"]):
        return False
    return cb["civilian"].search(lowered, _clause_start(lowered, start, window), end) is not None


def _phrase_end(found: list[Phrase], idents: list[re.Match], start: int) -> int | None:
    """The end of the people phrase or identifier starting at ``start``."""
    for p in found:
        if p.start == start:
            return p.end
    for m in idents:
        if m.start() == start:
            return m.end()
    return None


def _recommended(lowered: str, start: int) -> bool:
    """Whether the cue at ``start`` is what a recommendation in its clause
    proposes ("our recommendation that he should face a hearing"), and the
    recommendation is not one a force accepted ("the force accepted a
    recommendation that …": the hearing was decided)."""
    cb = codebook()
    clause = _clause_start(lowered, start, cb["recommended_window"])
    rec = cb["recommended"].search(lowered, clause, start)
    return rec is not None and not cb["decided"].search(lowered, clause, rec.end())


class _Templates:
    """The template patterns: those anchored at the sentence start ("^…")
    tried there only, the others as one :class:`text.Cues` alternation behind
    its literal pre-filter (which an anchored pattern without literals,
    "^\\W*\\d…", would otherwise switch off for all of them)."""

    def __init__(self, patterns: list[str]) -> None:
        anchored = [p for p in patterns if p.startswith("^")]
        self.anchored = lowered_pattern("|".join(f"(?:{p})" for p in anchored) or "(?!)")
        self.cues = _lean(Cues([p for p in patterns if not p.startswith("^")]))

    def search(self, lowered: str) -> bool:
        return self.anchored.match(lowered) is not None or self.cues.search(lowered) is not None


def _state_has_subject(
    lowered: str, found: list[Phrase], idents: list[re.Match], start: int, end: int, focus: Ledger
) -> bool:
    """Whether a state mention of an investigation is about police: a people
    or force phrase (or an identified officer) as its subject, in its clause
    before a passive ("seventeen officers were investigated", "are under
    investigation") or after a progressive ("is investigating Kent Police"),
    or a pronoun for the officer the document is about ("he is being
    investigated").  "His death is being investigated" and "after it was
    investigated by …" are not about police."""
    cb = codebook()
    clause = _clause_start(lowered, start, cb["state_window"])
    after = cb["state_progressive"].search(lowered, start, end) is not None
    lo, hi = (end, min(len(lowered), end + cb["state_window"])) if after else (clause, start)
    if any(p.subject != "other" and lo <= p.start and p.end <= hi for p in found):
        return True
    if any(lo <= m.start() < hi for m in idents):
        return True
    pronoun = cb["state_pronoun"].search(lowered, lo, hi)
    return pronoun is not None and (
        focus.count is not None and not focus.civilian or pronoun.group() in cb["state_plural_pronouns"]
    )


def _civilian_named(text: str, sentence: str, cache: dict[str, bool]) -> bool:
    """Whether ``sentence`` opens with the bare surname of a civilian: a
    person the document names in full and never beside a rank or a police
    noun ("Ronald Cooke …", then "Cooke was jailed for life")."""
    cb = codebook()
    m = cb["bare_surname"].match(sentence)
    if m is None:
        return False
    word = m.group(1)
    if word in cb["not_name"] or cb["people_noun"].fullmatch(word.lower()):
        return False
    if (known := cache.get(word)) is None:
        known = cache[word] = _is_civilian_name(text, word)
    return known


_FIRST_NAME = re.compile(r"\b([A-Z][a-z]+) $")


def _is_civilian_name(text: str, word: str) -> bool:
    """Whether ``word`` is named in full somewhere in ``text`` and never
    beside a rank or a police noun (each mention found by its literal:
    cheaper than a pattern tried at every capitalised word)."""
    cb = codebook()
    reach, full, n = cb["windows"].civilian_name, False, len(word)
    first_reach = cb["windows"].first_name
    pos = text.find(word)
    while pos >= 0:
        end = pos + n
        if (pos == 0 or not text[pos - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            around = text[max(0, pos - reach) : end + reach]
            if cb["identifier"].search(around) or cb["people_noun"].search(lower_same_length(around)):
                return False  # "PC Benjamin Monk", "officer Wayne Couzens", "Couzens, a police officer"
            if not full and (first := _FIRST_NAME.search(text, max(0, pos - first_reach), pos)):
                full = first.group(1) not in cb["not_name"]
        pos = text.find(word, pos + 1)
    return full  # never named in full: perhaps an officer's surname, perhaps no name at all


def _civilian_subject(
    sentence: str, lowered: str, found: list[Phrase], idents: list[re.Match], core: int, focus: Ledger, category: str
) -> bool:
    """A criminal step about a civilian (a suspect, a man, a named person
    without a rank), not a police outcome: police steps need a police
    subject in the sentence, or the person the document is about."""
    cb = codebook()
    police = [
        p.start for p in found if p.subject in ("officer", "staff", "mixed") or p.subject == "" and not focus.civilian
    ] + [m.start() for m in idents]
    civilians = [m.start() for m in cb["civilian"].finditer(lowered)]
    if civilians and police:  # "two officers accused of beating a man have been cleared": the man is in
        civilians = [  # a modifier of the police subject, which the cue's verb predicates
            c
            for c in civilians
            if not any(
                (e := _phrase_end(found, idents, q)) is not None
                and e <= c < core
                and cb["civilian_modifier"].match(lowered, e, c)
                for q in police
            )
        ]
    if civilians and (not police or min(abs(c - core) for c in civilians) < min(abs(p - core) for p in police)):
        return True
    if police:
        return False
    clause = _clause_start(lowered, core, cb["windows"].civilian_clause)
    if _names_a_person(sentence, clause, core):
        return True  # "Navin Mohan, 35, … was later convicted"
    if category == "referred_to_cps":
        return focus.civilian
    return focus.civilian or not focus.count  # no person or group the document is about


@lru_cache(maxsize=4096)
def _admitted(here: frozenset[str]) -> tuple[tuple, ...]:
    """The cue lists (name, spec, cues, is_state, plan), in codebook order,
    with the patterns of each whose every literal set ``here`` meets: its
    required literals and, for a frame, a form of each of its verb groups
    (sentences often share the same few literals, so this is cached)."""
    cb = codebook()
    admitted = set(cb["always"]).union(*(cb["index"].get(literal, ()) for literal in here))
    plans: dict[int, list] = {}
    for e, k in sorted(admitted):
        item = cb["order"][e][4][k]
        if all(not here.isdisjoint(lits) for lits in item[1]):
            plans.setdefault(e, []).append(item)
    return tuple((*cb["order"][e][:4], plan) for e, plan in plans.items())


_WORD_CHAR = re.compile(r"\w")
_AT_WORD_LETTER = re.compile(r"\(\?<!\\w\)([a-z])")
_PLAIN_CLASS = re.compile(r"\[([^\]\\^\-\[]+)\]")


def _opening_characters(items: list) -> set[str] | None:
    """The characters every match of the parsed ``items`` can open with
    (None: any, or a match may be empty)."""
    found: set[str] = set()
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            inner = _opening_characters(list(av[2]))
            if inner is None:
                return None
            found |= inner  # optional: what follows may open the match too
            continue
        if op is sre.LITERAL:
            return found | {chr(av)}
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = _opening_characters(list(av[2]))
        elif op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            inner = _opening_characters(list(av[3]))
        elif op is sre.BRANCH:
            alternatives = [_opening_characters(list(a)) for a in av[1]]
            inner = None if None in alternatives else set().union(*alternatives)  # type: ignore[arg-type]
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            inner = {chr(a) for _, a in av}
        else:
            return None
        return None if inner is None else found | inner
    return None


def _first_letter_guard(pattern: str) -> str:
    """``pattern`` (opening with "\\b") with a lookahead for the characters
    its matches open with after the "\\b" ("\\b(?=[ACDFIOPSc…])"): the same
    matches, but the engine tries the rest only where one of them is, not
    at every word boundary.  Unchanged when they cannot be told."""
    prefix = next((p for p in (r"\b", r"(?<!\w)") if pattern.startswith(p)), None)
    if prefix is None:
        return pattern
    try:
        parsed = sre_parse.parse(pattern[len(prefix) :])
    except re.error:
        return pattern
    first = None if parsed.state.flags & re.IGNORECASE else _opening_characters(list(parsed))
    if not first:
        return pattern
    if distributed := _letter_led(pattern[len(prefix) :]):
        return distributed
    return prefix + "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])" + pattern[len(prefix) :]


def _letter_led(rest: str) -> str | None:
    """``(?:A|B|…)T`` after a word start (``rest``: the pattern without its
    "\\b"), each alternative opening with a letter, as "a(?<!\\wa)…T|b(?<!\\wb)…T":
    the same matches tried in the same order (a word start before a letter
    is no word character before it), but every alternative opens with a
    character, so the engine skips to those characters instead of trying
    the pattern at each position.  None for any other shape."""
    if not rest.startswith("(?:"):
        return None
    inner = top_level_split(rest[3:])
    closes = [k for k, ch in inner if ch == ")"]
    if not closes:
        return None
    close = closes[0] + 3  # the group's ")" in ``rest``
    body, tail = rest[3:close], rest[close + 1 :]
    if tail[:1] in ("?", "*", "+", "{") or top_level_split(tail) or any(ch == ")" for _, ch in top_level_split(body)):
        return None  # a repeated group, an alternation after it, or a stray parenthesis
    cuts = [k for k, _ in top_level_split(body)]
    alternatives = [body[a + 1 if a >= 0 else 0 : b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]
    if len(alternatives) > _LETTER_LED_MOST and not all(alt[:1].isupper() for alt in alternatives):
        return None  # (the engine would stop at most letters: slower than the guard, measured)
    out = []
    for alt in alternatives:
        c = alt[:1]
        if not (c.isascii() and c.isalnum()) or alt[1:2] in ("?", "*", "+", "{"):
            return None
        out.append(f"{c}(?<!\\w{c}){alt[1:]}{tail}")
    return "|".join(out)


# At most this many letter-led alternatives, unless each opens with a capital (few in a text):
# beyond it the engine stops at most letters of a sentence and the guard form was faster (10-26
# alternatives: 5-120% slower; 2-7: 20-75% faster; 11 capitals: 4x faster).
_LETTER_LED_MOST = 7


def _first_characters(pattern: str) -> str:
    """``pattern`` with every alternative opening with a character: the
    regex engine then skips to those characters, where an alternative
    opening with an assertion or a class makes it try the whole pattern at
    every position.  "(?<!\\w)but" becomes "b(?<!\\wb)ut" (a "b" with no word
    character before it), "[;:]" becomes ";|:"; the same matches.  Unchanged
    when an alternative opens otherwise."""
    alternatives = top_level_alternatives(pattern)
    if alternatives is None:
        return pattern
    out = []
    for alt in alternatives:
        if (m := _AT_WORD_LETTER.match(alt)) and alt[m.end() : m.end() + 1] not in ("?", "*", "+", "{"):
            out.append(f"{m.group(1)}(?<!\\w{m.group(1)}){alt[m.end() :]}")
        elif (m := _PLAIN_CLASS.fullmatch(alt)) and not any(c.isspace() for c in m.group(1)):
            out.extend(re.escape(c) for c in m.group(1))
        elif alt[:1].isalnum() or alt[:1] in ",; ":
            out.append(alt)
        else:
            return pattern
    return "|".join(out)


# A "\b" before a letter in a pattern (outside a character class: not used inside one here).
_WORD_START = re.compile(r"\\b(?=[a-z])")


def word_literals(pattern: str, at_word: bool) -> frozenset[str] | None:
    """Like :func:`text.required_literals`, but only literals that start a
    word (or begin with a non-word character) in every match: one of them
    occurs at a word start wherever ``pattern`` matches, so a scan may look
    for them at word starts only.  ``at_word``: the pattern itself starts at
    a word (frames do).  A literal run followed by alternatives is joined to
    each ("in" + "vestigation|quiry" -> "investigation", "inquiry").  None
    when there is no such literal."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    return None if parsed.state.flags & re.IGNORECASE else _word_required(list(parsed), at_word)[0]


def word_literal_sets(pattern: str, at_word: bool) -> list[frozenset[str]]:
    """Every literal set of :func:`word_literals` that each match of
    ``pattern`` holds one of (one per required part in sequence: "guilty",
    "misconduct" for "guilty of gross misconduct"), not only the most
    selective: a text lacking any of them cannot match."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return []
    if parsed.state.flags & re.IGNORECASE:
        return []
    sets: list[frozenset[str]] = []
    _word_required(list(parsed), at_word, sets)
    return sets


def _word_literals_and_sets(pattern: str, at_word: bool) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    """:func:`word_literals` and :func:`word_literal_sets` of ``pattern``
    from one parse and one walk of it (the sets collected on the way do not
    change the literals the walk returns; kept in the pattern store)."""
    try:
        found = regex_start.remembered(
            f"word-literals-{at_word}", pattern, 0, partial(_parse_word_literals, at_word), _literals_and_sets
        )
    except re.error:
        return None, []
    return found  # type: ignore[no-any-return]


def _literals_and_sets(value: Any) -> bool:
    """The shape :func:`_parse_word_literals` returns (a stored value is used only in it)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and regex_start.strings_or_none(value[0])
        and isinstance(value[1], list)
        and all(isinstance(s, frozenset) and regex_start.strings_or_none(s) for s in value[1])
    )


def _parse_word_literals(at_word: bool, parsed: Any) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    if parsed.state.flags & re.IGNORECASE:
        return None, []
    sets: list[frozenset[str]] = []
    return _word_required(list(parsed), at_word, sets)[0], sets


def _is_nonword_set(op: Any, av: Any) -> bool:
    """A character set (or one character) that holds no word character."""
    if op is sre.LITERAL:
        return not _WORD_CHAR.match(chr(av))
    if op is sre.IN:
        return all(
            o is sre.LITERAL and not _WORD_CHAR.match(chr(a)) or o is sre.CATEGORY and a is sre.CATEGORY_SPACE
            for o, a in av
        )
    return False


def _ends_nonword(items: list) -> bool:
    """Whether every match of ``items`` ends with a non-word character."""
    if not items:
        return False
    op, av = items[-1]
    if op is sre.BRANCH:
        return all(_ends_nonword(list(a)) for a in av[1])
    if op is sre.SUBPATTERN:
        return _ends_nonword(list(av[3]))
    return _is_nonword_set(op, av)


def _prefixes(items: list) -> frozenset[str] | None:
    """The literal each alternative of ``items`` opens with (None if one opens with none)."""
    run = []
    for op, av in items:
        if op is not sre.LITERAL:
            break
        run.append(chr(av))
    if run:
        return frozenset(["".join(run)])
    if items and items[0][0] is sre.BRANCH:
        alternatives = [_prefixes(list(a)) for a in items[0][1][1]]
        return None if None in alternatives else frozenset[str]().union(*alternatives)
    if items and items[0][0] is sre.SUBPATTERN and not items[0][1][1] & re.IGNORECASE:
        return _prefixes(list(items[0][1][3]))
    return None


def _word_required(
    items: list, at_word: bool, collect: list[frozenset[str]] | None = None
) -> tuple[frozenset[str] | None, bool]:
    """(word-start literals every match of ``items`` holds, whether the end of
    ``items`` is at a word start) when ``items`` starts at one iff ``at_word``;
    each required set found on the way is appended to ``collect``."""
    best: frozenset[str] | None = None

    def keep(found: frozenset[str] | None) -> frozenset[str] | None:
        if collect is not None and found is not None:
            collect.append(found)
        return _longer(best, found)

    k = 0
    while k < len(items):
        op, av = items[k]
        if op is sre.LITERAL:
            start_word, run = at_word or not _WORD_CHAR.match(chr(av)), []
            while k < len(items) and items[k][0] is sre.LITERAL:
                run.append(chr(items[k][1]))
                k += 1
            text = "".join(run)
            at_word = not _WORD_CHAR.match(text[-1])
            if start_word:
                joined = (
                    _prefixes(items[k:]) if k < len(items) and items[k][0] in (sre.BRANCH, sre.SUBPATTERN) else None
                )
                best = keep(frozenset(text + p for p in joined) if joined else frozenset([text]))
            continue
        k += 1
        if op is sre.AT and av is sre.AT_BOUNDARY:
            at_word = True  # a boundary before a word character: a word starts
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, body = av
            body = list(body)
            if len(body) == 1 and _is_nonword_set(*body[0]):
                at_word = True if low >= 1 else at_word  # whitespace or quotes: the next word starts
                continue
            found, after = _word_required(body, at_word, collect if low >= 1 else None)
            if low >= 1:
                best = _longer(best, found)
            at_word = at_word and after if low == 0 else after
            continue
        if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            found, at_word = _word_required(list(av[3]), at_word, collect)
            best = _longer(best, found)
            continue
        if op is sre.BRANCH:
            results = [_word_required(list(a), at_word) for a in av[1]]
            found_all = [r[0] for r in results]
            if None not in found_all:
                best = keep(frozenset[str]().union(*found_all))
            at_word = all(r[1] for r in results)
            continue
        if op is sre.ASSERT and av[0] == -1 and _ends_nonword(list(av[1])):
            at_word = True  # after a lookbehind ending in a space: "(?<=proven )at a hearing"
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the position is unchanged
        at_word = _is_nonword_set(op, av)
    return best, at_word


def _literal_scan(literals: list[str]) -> tuple[re.Pattern, dict[str, frozenset[str]], re.Pattern | None]:
    """One regex that finds, at each word start, the longest of ``literals``
    opening with a word character that starts there, and anywhere the
    longest of those opening with another character (two tries of them:
    the engine rejects most positions at once), and per literal the
    literals inside it that start a word there or open with a non-word
    character: together, every literal that starts a word in a text (every
    pattern's literals do: :func:`word_literals`)."""

    word = [w for w in literals if _WORD_CHAR.match(w)]
    other = [w for w in literals if not _WORD_CHAR.match(w)]
    pattern = "|".join(p for p in [rf"(?<!\w){_trie(word)}" if word else "", _trie(other)] if p)
    return re.compile(pattern or "(?!)"), _inside(literals), _step_scan(word, other)


def _step_scan(word: list[str], other: list[str]) -> re.Pattern | None:
    """The scan of :func:`_literal_scan` one character early: a non-word
    character (tested as one that is no ASCII letter, digit or underscore,
    then as ``\\W``), then either the rest of a literal it opens (``(?<=c)`` + the
    trie of the rest: every literal opening with a non-word character) or a
    literal opening with a word character (group ``w``), which thus starts a
    word.  It opens with a character set, so the engine skips the letters
    inside words without trying the pattern there (the lookbehind that opens
    the plain scan makes it try every position).  Searched from one
    character before where the plain scan would start, it finds the same
    literal unless one opening with a non-word character starts at that
    character (see :func:`_scan`).  None when there is no word literal."""
    if not word:
        return None
    tails: dict[str, list[str]] = {}
    for w in other:
        tails.setdefault(w[0], []).append(w[1:])
    branches = [
        f"(?<={re.escape(c)})" + _trie(rest)  # (a one-character literal: an empty rest, the trie's optional tail)
        for c, rest in sorted(tails.items())
    ]
    # ([^a-z0-9_] lets the engine skip the lower-case letters fast; (?<=\W) keeps only a non-word one)
    return re.compile(rf"[^a-z0-9_](?<=\W)(?:{'|'.join([*branches, f'(?P<w>{_trie(word)})'])})")


def _inside(literals: list[str]) -> dict[str, frozenset[str]]:
    """Per literal ``w``, the literals that occur in it at its start, at a
    word start (after a non-word character) or opening with a non-word
    character: each is a slice of ``w`` from such an offset, so only those
    slices are looked up (not every pair of literals)."""
    known, lengths = set(literals), sorted({len(x) for x in literals})
    inside = {}
    for w in literals:
        starts = [0] + [i for i in range(1, len(w)) if not _WORD_CHAR.match(w[i - 1]) or not _WORD_CHAR.match(w[i])]
        inside[w] = frozenset(
            w[i : i + n] for i in starts for n in lengths if i + n <= len(w) and w[i : i + n] in known
        )
    return inside


def _scan_restarts(literals: list[str], short: frozenset[str]) -> dict[str, int]:
    """Per scan literal ``w``, how far past the start of a match of it the
    scan (:func:`_scan`) may resume: the first offset inside ``w`` where
    another literal may start (at a word start, or anywhere for one opening
    with a non-word character) and either run past ``w``'s end or be a
    short noun literal (whose position :func:`_scan` tests); else
    ``len(w)``.  Every literal the scan would find starting before that
    offset lies inside ``w`` at such a position, so it is in
    ``inside[w]`` already: the same literals and noun flags, fewer
    searches."""
    by_first: dict[str, list[str]] = {}
    for x in literals:
        by_first.setdefault(x[0], []).append(x)
    out = {}
    for w in literals:
        out[w] = len(w)
        for o in range(1, len(w)):
            rest, at_word = w[o:], not _WORD_CHAR.match(w[o - 1])
            if any(
                (at_word or not _WORD_CHAR.match(x[0]))
                and (len(x) > len(rest) and x.startswith(rest) or x in short and rest.startswith(x))
                for x in by_first.get(rest[0], ())
            ):
                out[w] = o
                break
    return out


def _scan(lowered_doc: str, spans: list) -> tuple[list[set[str]], list[bool]]:
    """Per sentence, the literals of every cue, frame and people noun that
    occur in it, and whether a people noun can occur in it (a long noun
    literal, or a short one, "pc", "ds", at a word's start): one pass of one
    regex over the document instead of a scan per literal or a test per
    sentence and pattern."""
    cb = codebook()
    present: list[set[str]] = [set() for _ in spans]
    nouny = [False] * len(spans)
    if not spans:
        return present, nouny
    pattern, inside, step = cb["scan"]
    short, long_nouns, restart = cb["noun_short"], cb["noun_long"], cb["scan_restart"]
    resume = cb["scan_resume"]
    for i, span in enumerate(spans):
        here, pos, end = present[i], span.start, span.end
        while True:
            # the step scan (from one character early) read match by match: the same literals as
            # a search from each match's restart, unless the literal is one of ``resume`` (a literal
            # inside it may run on past it, or its last character may open the next step match):
            # then searched again from its restart; the plain scan when the first step match opens
            # with a non-word character before ``pos`` (one opening there), and at 0
            plain = step is None or pos == 0
            if not plain:
                for m in step.finditer(lowered_doc, pos - 1, end):
                    found = m.group("w")
                    if found is not None:
                        at = m.start("w")
                    elif (at := m.start()) < pos:
                        plain = True  # (only the first match can start before ``pos``)
                        break
                    else:
                        found = m.group()
                    here |= inside[found]
                    if (
                        found in short
                        and not nouny[i]
                        and (
                            at == 0
                            or not (  # a short noun may be at a word's start
                                lowered_doc[at - 1].isalnum() or lowered_doc[at - 1] == "_"
                            )
                        )
                    ):
                        nouny[i] = True
                    if found in resume:
                        pos = at + restart[found]
                        break
                else:
                    break  # (no further literal in the sentence)
                if not plain:
                    continue
            if (m := pattern.search(lowered_doc, pos, end)) is None:
                break
            found, pos = m.group(), m.start()
            here |= inside[found]
            if (
                found in short
                and not nouny[i]
                and (
                    pos == 0
                    or not (  # a short noun may be at a word's start
                        lowered_doc[pos - 1].isalnum() or lowered_doc[pos - 1] == "_"
                    )
                )
            ):
                nouny[i] = True
            pos += restart[found]  # (not 1: the literals starting inside it are in inside[found])
        if not nouny[i] and not long_nouns.isdisjoint(here):
            nouny[i] = True
    return present, nouny


def _categories_by_sentence(lowered_doc: str, spans: list) -> tuple[dict[int, tuple], list[bool]]:
    """Per sentence index, the cue lists (in codebook order) whose required
    literals it holds (the only ones worth matching there), and per sentence
    whether a people noun can occur in it (see :func:`_scan`)."""
    cb = codebook()
    present, nouny = _scan(lowered_doc, spans)
    index, always, plan_literals = cb["index"].keys(), cb["always"], cb["plan_literals"]
    by_sentence: dict[int, tuple] = {}
    for i, here in enumerate(present):
        if (always or not index.isdisjoint(here)) and (entries := _admitted(frozenset(here & plan_literals))):
            by_sentence[i] = entries
    return by_sentence, nouny


def _drop_headline_repeats(rows: list[dict]) -> list[dict]:
    """A headline that restates the body ("Officer issued final written
    warning") is the same outcome told twice, so it is dropped when the body
    codes the same category; a headline sanction is also dropped when the
    body codes a different sanction, and a headline hearing when the body
    codes a meeting (`merge.headline_alternatives`: the body corrects the label)."""
    in_body = {r["category"] for r in rows if not r["_headline"]}
    body_sanctions = {r["category"] for r in rows if not r["_headline"] and r["stage"] == "sanction"}
    alternatives = codebook()["headline_alternatives"]
    return [
        r
        for r in rows
        if not r["_headline"]
        or (
            r["category"] not in in_body
            and not (r["stage"] == "sanction" and body_sanctions)
            and in_body.isdisjoint(alternatives.get(r["category"], ()))
        )
    ]


def _leveled(rows: list[dict], lowered_doc: str) -> list[dict]:
    """A finding's level read from its document (`merge.level`): "the panel
    found the officer breached the standards of honesty and integrity" in a
    document that names gross misconduct and dismisses someone is a gross
    misconduct finding (then merged with any other statement of it)."""
    cb = codebook()
    level = cb["level"]
    if not any(r["category"] == level.source for r in rows) or not any(
        r["category"] in level.sanctions and r["status"] == "actual" for r in rows
    ):
        return rows
    if not cb["level_document"].search(lowered_doc):
        return rows
    spec = cb["categories"][level.target]
    return [
        {**r, "category": level.target, "stage": spec["stage"], "severity": spec["severity"]}
        if r["category"] == level.source and not cb["level_stated"].search(r["evidence"].lower())
        else r
        for r in rows
    ]


def _group_text(sentence: str, phrase: Phrase | None) -> str | None:
    """A counted group's phrase as a key of its words: lower-cased, a force's
    name left out ("three serving Northshire Police officers" = "three
    serving officers")."""
    if phrase is None:
        return None
    span = sentence[phrase.start : phrase.end]
    if (cb := codebook())["force_literal_any"].search(span):
        span = cb["force"].sub(" ", span)
    return " ".join(span.lower().split())


def _conjunct_of(a: dict, b: dict) -> bool:
    """Whether one counted group is a conjunct of the other's phrase, told
    again with the rest of its group ("three serving officers", then "three
    serving officers and one retired officer"): the same people, and more."""
    ga, gb = a.get("_group"), b.get("_group")
    if ga is None or gb is None or ga == gb or a["_ref"] is not None or b["_ref"] is not None:
        return False
    small, large = (ga, gb) if len(ga) < len(gb) else (gb, ga)
    return any(part.strip() == small for part in codebook()["join"].split(large))


def _compatible(a: dict, b: dict) -> bool:
    """Two rows of one category that may be the same outcome told twice."""
    if a["category"] != b["category"] or a["status"] != b["status"]:
        return False
    if a["_group"] is not None and b["_group"] is not None and _conjunct_of(a, b):
        return True
    if _within_group(a["_ref"], b["_ref"]):
        return True  # "ACC Jones and D Ch Supt Foster …", then "D Ch Supt Foster …": one of the group, told again
    if a["count"] is not None and b["count"] is not None and a["count"] != b["count"]:
        return False
    if a["_ref"] is not None and b["_ref"] is not None and a["_ref"] != b["_ref"]:
        return False
    if a["_ref"] is not None and a["_ref"].startswith("#") or b["_ref"] is not None and b["_ref"].startswith("#"):
        return a["_ref"] == b["_ref"]
    subjects = {a["subject"], b["subject"]}
    if "force" in subjects and len(subjects) == 2:  # "the force's handling" / "its officers", told twice
        return a["count"] is None and b["count"] is None and a["start"] != b["start"]
    return len(subjects) == 1 or "mixed" in subjects


_GROUP_JOIN = " & "  # the key of identified people joined into one group (see _joined)


def _within_group(a: str | None, b: str | None) -> bool:
    """Whether one referent is an identified group holding the other's people."""
    if a is None or b is None or a == b or _GROUP_JOIN not in a + b:
        return False
    people_a, people_b = set(a.split(_GROUP_JOIN)), set(b.split(_GROUP_JOIN))
    return people_a <= people_b or people_b <= people_a


def _merge(rows: list[dict]) -> list[dict]:
    """Restatements merged by referent: one row per outcome of one person or
    group (the first mention, with a count from a later one if it had none);
    a state mention of an investigation folds into its start; a subsumed
    category (misconduct proven beside gross misconduct proven) goes, and so
    does a non-actual restatement of an actual outcome."""
    cb = codebook()
    started = {r["category"] for r in rows if not r["_state"]}
    rows = [r for r in rows if not r["_state"] or r["category"] not in started or (r["_ref"] or "").startswith("#")]
    kept: list[dict] = []
    told_again: set[tuple] = set()  # (category, sentence, referent) of a definite restatement
    for r in rows:
        key = (r["category"], r["start"], r["_ref"])
        if (r["_definite"] or key in told_again) and (
            first := next((k for k in kept if k["category"] == r["category"] and k["status"] == r["status"]), None)
        ):  # "the misconduct hearing": the hearing coded before, told again (and so is the rest of its sentence)
            if first["count"] is None and r["count"] is not None:
                first.update(count=r["count"], subject=r["subject"])
            told_again.add(key)
            continue
        if (
            r["category"] in cb["additional_categories"]
            and any(k["category"] == r["category"] for k in kept)
            and cb["additional"].search(r["evidence"].lower())
        ):  # "the jury also ruled …": a further finding, not the first told again
            kept.append(dict(r))
            continue
        for k in kept:
            if _compatible(k, r):
                if (
                    k["count"] is None
                    and r["count"] is not None
                    or (_within_group(k["_ref"], r["_ref"]) or _conjunct_of(k, r))
                    and (r["count"] or 0) > (k["count"] or 0)
                ):
                    k.update(count=r["count"], subject=r["subject"], _ref=r["_ref"])
                if k["_ref"] is None:
                    k["_ref"] = r["_ref"]
                break
        else:
            kept.append(dict(r))
    subsumed = cb["subsumed_by"]
    return [
        r
        for r in kept
        if not any(
            k["category"] in (subsumed.get(r["category"]) or ()) and _compatible({**k, "category": r["category"]}, r)
            for k in kept
        )
        # a proposed or alleged restatement of an actual outcome ("… was dismissed. He will be
        # placed on the barred list.") adds nothing
        and not (
            r["status"] != "actual"
            and any(k["status"] == "actual" and _compatible({**k, "status": r["status"]}, r) for k in kept)
        )
    ]


def _drop_summaries(rows: list[dict]) -> list[dict]:
    """A sentence that only sums up people listed separately is not an extra
    entry (convention): "Two officers have been charged …", then "PC Jones
    was charged with …" and "PC Patel was charged with …" are the two
    officers' entries, and the group's row goes when at least as many rows
    of its category and status each name one identified person."""
    named: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        if r["count"] == 1 and r["_ref"] and not r["_ref"].startswith("#") and _GROUP_JOIN not in r["_ref"]:
            named.setdefault((r["category"], r["status"]), set()).add(r["_ref"])
    if not named:
        return rows
    return [
        r
        for r in rows
        if not (
            (r["count"] or 0) > 1
            and r["subject"] in _COUNTED
            and len(named.get((r["category"], r["status"]), ())) >= r["count"]
        )
    ]


def _number_rows(doc_id: str, rows: list[dict]) -> list[dict]:
    return [{**r, "outcome_id": f"{doc_id}:o{i}"} for i, r in enumerate(rows)]


def _resolve(
    sentence: str, phrase: Phrase | None, memory: _Counts, found: Sequence[Phrase] = ()
) -> tuple[int | None, str]:
    if phrase is None:
        return None, memory.last_subject() or "officer"
    subject = phrase.subject or memory.last_subject() or "officer"
    count = phrase.count
    text = sentence[phrase.start : phrase.end].lower()
    cb = codebook()
    if count is None and subject != "force" and text.startswith(cb["back_openers"]):
        # "the officers" = the ones counted before: earlier in the sentence ("two MPS officers …
        # the officers' actions"), else in the document
        earlier = [p.count for p in found if p.end <= phrase.start and p.subject == subject and p.count]
        count = earlier[-1] if earlier else memory.get(subject)
    if text.startswith(cb["all_but_one"]) and (before := memory.get(subject)):
        count = before - 1  # of the officers counted before
    return count, subject


_COUNTED = ("officer", "staff", "mixed")


class _Counts:
    """The running people count of a document: the subject of the last
    officer/staff phrase read so far and, per subject, its last explicit
    count.  A sentence without an outcome cue only adds to it, so its noun
    phrases are parsed only when a later outcome asks (reading back from the
    latest sentence: most questions stop at the first): the same answers as
    parsing every sentence, without parsing most of them."""

    def __init__(self) -> None:
        # per sentence with people phrases, in order: its phrases, or (sentence, others) not parsed yet
        self.entries: list[list[Phrase] | tuple[str, list[re.Match]]] = []

    def add(self, found: list[Phrase]) -> None:
        self.entries.append(found)

    def defer(self, sentence: str, others: list[re.Match]) -> None:
        self.entries.append((sentence, others))

    def phrases(self, k: int) -> list[Phrase]:
        entry = self.entries[k]
        if isinstance(entry, tuple):
            sentence, others = entry
            entry = phrases(sentence)
            if others:
                entry = [p for p in entry if not any(o.start() <= p.end and p.start <= o.end() for o in others)]
            self.entries[k] = entry
        return entry

    def last_subject(self) -> str:
        for k in range(len(self.entries) - 1, -1, -1):
            for p in reversed(self.phrases(k)):
                if p.subject in _COUNTED:
                    return p.subject
        return ""

    def get(self, subject: str, plural: bool = False) -> int | None:
        """The last explicit count of ``subject``; with ``plural``, the last
        count above one (a plural pronoun's antecedent is a group, never the
        single officer named since: "PC A and PC B … PC A was also cleared …
        they breached")."""
        if subject not in _COUNTED:
            return None
        numbers = codebook()["number_literals"]
        for k in range(len(self.entries) - 1, -1, -1):
            entry = self.entries[k]
            if (
                plural
                and isinstance(entry, tuple)
                and " and " not in entry[0]
                and not holds_literal(lower_same_length(entry[0]), numbers)
            ):
                continue  # (a count above one needs a number or "A and B": not parsed for nothing)
            for p in reversed(self.phrases(k)):
                if p.subject == subject and p.count is not None and (not plural or p.count > 1):
                    return p.count
        return None
