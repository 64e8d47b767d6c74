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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from . import rules
from .ingest import Document, sentence_spans
from .text import Cues, lower_same_length, lowered_pattern

NUMBER_WORDS = {
    w: i for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])
} | {"thirty": 30, "forty": 40, "fifty": 50, "both": 2, "pair": 2}
_NUM = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SINGULAR_DET = r"a|an|the|another|one|second|third|other|the other"
_ADJECTIVE = r"former|serving|other|local|civilian|police|(?-i:[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)"
# One whitespace-free word the phrase pattern can read before its noun.
_PHRASE_WORD = re.compile(rf"{_NUM}|{_SINGULAR_DET}|of|those|these|the|remaining|all|but|{_ADJECTIVE}", re.I)


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    count: int | None
    subject: str  # officer | staff | force | "" (unknown: inherit)


@cache
def codebook() -> dict:
    """The outcome codebook (``rules/outcomes.yaml``) with compiled cues."""
    conf = rules.load("outcomes")
    cats = {name: {**spec, "cues": Cues(spec["cues"])} for name, spec in conf["categories"].items()}
    subjects = conf["subjects"]
    noun = {k: re.compile(rf"^(?:{v})$", re.I) for k, v in subjects.items()}
    people_nouns = f"{subjects['staff']}|{subjects['officer']}"
    phrase = re.compile(
        rf"\b(?:(?P<part>{_NUM}) of (?:those|these|the)\s+)?"
        rf"(?:(?P<remaining>the remaining|remaining)\s+)?(?:(?P<num>{_NUM}|{_SINGULAR_DET}|all but one)\s+)?"
        rf"(?:(?:{_ADJECTIVE})\s+){{0,3}}?"
        rf"(?P<noun>{people_nouns})\b", re.I)
    bare = lowered_pattern(rf"\b(?P<num>{_NUM})(?=\s+(?:of (?:these|those|them)|were|was|have|had|received|are)\b)")
    force = re.compile(r"\b(?:[A-Z][a-z]+(?:[ -](?:and|of|[A-Z][a-z]+))*\s(?:Police|Constabulary)|the (?:force|MPS|Met)"
                       r"|the force’s|the force's)\b")
    status = {k: rules.compile_any(tuple(v)) for k, v in conf["status"].items() if k != "window"}
    return {"categories": cats, "stages": conf["stages"],
            "people_noun": lowered_pattern(rf"\b(?:{people_nouns})\b"), "noun": noun, "phrase": phrase, "bare": bare, "force": force,
            "status": status, "status_window": conf["status"]["window"],
            "negation": rules.compile_any(tuple(conf["negation"]["cues"])),
            "negation_window": conf["negation"]["window"]}


def _subject_of(noun: str) -> str:
    for subject, pattern in codebook()["noun"].items():
        if pattern.match(noun):
            return subject
    return "officer" if "officer" in noun.lower() else "staff"


def _number(word: str) -> int | None:
    """A digit string or number word as an int (None when it is neither)."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _count_of(num: str | None, noun: str) -> int | None:
    if num is None:  # "officers", "staff": how many is not said
        return None if noun.lower().endswith(("s", "staff")) else 1
    num = num.lower()
    if (value := _number(num)) is not None:
        return value
    if num == "all but one":
        return None
    plural = noun.lower().endswith("s") or noun.lower() == "staff"
    return None if plural and num in ("the", "other", "the other") else 1


# The phrase pattern puts at most this many words before its noun: "seven of
# those" (3), "the remaining" (2), "all but one" (3), three two-word adjectives (6).
WORDS_BEFORE_NOUN = 14
_SPACE = re.compile(r"\s+")


def _phrase_matches(sentence: str, lowered: str) -> Iterator[re.Match]:
    """``codebook()["phrase"].finditer(sentence)``, searched only near nouns.

    Every phrase ends in a people noun, and every word inside it before the
    noun is a phrase word (a number, "the", "remaining", an adjective, …), at
    most ``WORDS_BEFORE_NOUN`` of them.  So each search starts at the nearest
    word before the next noun (found on the lower-cased sentence, which is
    cheap) that is not a phrase word, instead of trying the long pattern at
    every word: the same matches, a fraction of the work."""
    cb = codebook()
    spaces = [m.span() for m in _SPACE.finditer(sentence)]
    pos = 0
    while noun := cb["people_noun"].search(lowered, pos):
        match = cb["phrase"].search(sentence, _phrase_start(sentence, spaces, noun.start(), pos))
        yield match  # the noun itself always matches, so there is one
        pos = match.end()


def _phrase_start(sentence: str, spaces: list[tuple[int, int]], noun: int, pos: int) -> int:
    """The earliest offset (not before ``pos``) where a phrase ending at the
    noun at ``noun`` can start: the start of the nearest whitespace-separated
    word before the noun that is not a phrase word."""
    j = bisect.bisect_right([end for _, end in spaces], noun) - 1  # the spaces just before the noun's word
    if j < 0 or spaces[j][1] != noun:  # first word, or punctuation glued to the noun
        return max(pos, spaces[j][1] if j >= 0 else 0)
    for k in range(j, j - WORDS_BEFORE_NOUN, -1):
        start = spaces[k - 1][1] if k > 0 else 0
        if start <= pos or not _PHRASE_WORD.fullmatch(sentence, start, spaces[k][0]):
            return max(pos, start)
    return spaces[j - WORDS_BEFORE_NOUN][1]


def phrases(sentence: str) -> list[Phrase]:
    """Noun phrases naming who an outcome concerns, joined across "and"."""
    cb = codebook()
    lowered = lower_same_length(sentence)
    found: list[Phrase] = []
    for m in _phrase_matches(sentence, lowered):
        noun = m.group("noun")
        count = _number(m.group("part")) if m.group("part") else _count_of(m.group("num"), noun)
        found.append(Phrase(m.start(), m.end(), count, _subject_of(noun)))
    for m in cb["bare"].finditer(lowered):
        if not any(p.start <= m.start() < p.end for p in found):
            found.append(Phrase(m.start(), m.end(), _number(m.group("num")), ""))
    for m in cb["force"].finditer(sentence):
        if not any(p.start <= m.start() < p.end for p in found):
            found.append(Phrase(m.start(), m.end(), None, "force"))
    found.sort(key=lambda p: p.start)
    return _join(sentence, found)


def _join(sentence: str, found: list[Phrase]) -> list[Phrase]:
    """"A and B" → one phrase: counts add up, subjects mix; "both X and Y" is 2."""
    out: list[Phrase] = []
    for p in found:
        prev = out[-1] if out else None
        if prev and prev.subject != "force" and p.subject != "force" and re.fullmatch(
                r"\s+and\s+", sentence[prev.end:p.start]):
            both = sentence[prev.start:prev.end].lower().startswith("both")
            count = 2 if both else (None if None in (prev.count, p.count) else prev.count + p.count)
            subject = prev.subject if prev.subject == p.subject else "mixed"
            out[-1] = Phrase(prev.start, p.end, count, subject)
        else:
            out.append(p)
    return out


def _nearest(found: list[Phrase], start: int, end: int, window: int = 110) -> Phrase | None:
    """People phrases beat force names; then the nearest (after counts 1.5x)."""
    scored = []
    for p in found:
        distance = start - p.end if p.end <= start else (p.start - end) * 1.5 if p.start >= end else 0
        if distance <= window:
            scored.append((p.subject == "force", distance, p.start, p))
    return min(scored)[3] if scored else None


def _clause_before(sentence: str, start: int, window: int) -> str:
    before = sentence[max(0, start - window):start]
    return re.split(r"[;:]", before)[-1]


def _status(sentence: str, start: int) -> str:
    cb = codebook()
    before = _clause_before(sentence, start, cb["status_window"])
    for status in ("alleged", "hypothetical", "proposed"):
        if cb["status"][status].search(before):
            return status
    return "actual"


def _negated(sentence: str, start: int) -> bool:
    cb = codebook()
    return bool(cb["negation"].search(_clause_before(sentence, start, cb["negation_window"])))


def extract_outcomes(doc: Document) -> list[dict]:
    """Every coded outcome in the article text of ``doc``."""
    cb = codebook()
    rows: list[dict] = []
    headline: set[int] = set()  # indexes of rows coded in a headline
    memory: dict[str, int | None] = {}  # subject -> last explicit count
    last_subject = ""
    spans = list(sentence_spans(doc, ("article",)))
    maybe = _categories_by_sentence(lower_same_length(doc.text), [span for _, _, span in spans])
    for i, (number, para, span) in enumerate(spans):
        is_headline = number == 0 and not re.search(r"[.!?\"”’]\s*$", doc.text[para.start:para.end])
        sentence = doc.text[span.start:span.end]
        lowered = lower_same_length(sentence)
        cued = [(name, spec) for name, spec in maybe.get(i, ()) if spec["cues"].any.search(lowered)]
        # a sentence with no cue only matters for the officers/staff it counts ("Nine officers …")
        found = phrases(sentence) if cued or cb["people_noun"].search(lowered) else []
        taken: list[tuple[int, int]] = []
        for name, spec in cued:
            for m in spec["cues"].matches(lowered):
                if any(m.start() < e and s < m.end() for s, e in taken) or _negated(sentence, m.start()):
                    continue
                taken.append((m.start(), m.end()))
                if is_headline:
                    headline.add(len(rows))
                phrase = _nearest(found, m.start(), m.end())
                count, subject = _resolve(sentence, phrase, memory, last_subject)
                rows.append({
                    "doc_id": doc.doc_id, "case_id": None,
                    "category": name, "stage": spec["stage"], "severity": spec["severity"],
                    "count": count, "subject": subject, "status": _status(sentence, m.start()),
                    "evidence": sentence, "start": span.start, "end": span.end,
                })
        for p in found:
            if p.subject in ("officer", "staff", "mixed"):
                last_subject = p.subject
                if p.count is not None:
                    memory[p.subject] = p.count
    return _number_rows(doc.doc_id, _drop_headline_repeats(rows, headline))


def _categories_by_sentence(lowered_doc: str, spans: list) -> dict[int, list[tuple[str, dict]]]:
    """Per sentence index, the categories (in codebook order) whose required
    literals it holds: the only ones worth matching there."""
    by_sentence: dict[int, list[tuple[str, dict]]] = {}
    for name, spec in codebook()["categories"].items():
        for i in spec["cues"].spans_with_literals(lowered_doc, spans):
            by_sentence.setdefault(i, []).append((name, spec))
    return by_sentence


def _drop_headline_repeats(rows: list[dict], headline: set[int]) -> list[dict]:
    """A headline that restates the body ("Officer issued final written
    warning") is the same outcome told twice, so it is dropped when the body
    codes the same category."""
    in_body = {r["category"] for i, r in enumerate(rows) if i not in headline}
    return [r for i, r in enumerate(rows) if i not in headline or r["category"] not in in_body]


def _number_rows(doc_id: str, rows: list[dict]) -> list[dict]:
    return [{**r, "outcome_id": f"{doc_id}:o{i}"} for i, r in enumerate(rows)]


def _resolve(sentence: str, phrase: Phrase | None, memory: dict, last_subject: str) -> tuple[int | None, str]:
    if phrase is None:
        return None, last_subject or "officer"
    subject = phrase.subject or last_subject or "officer"
    count = phrase.count
    text = sentence[phrase.start:phrase.end].lower()
    if count is None and subject != "force" and text.startswith(("the ", "these ", "those ")):
        count = memory.get(subject)  # "the officers" = the ones counted before
    if text.startswith("all but one") and memory.get(subject):
        count = memory[subject] - 1  # of the officers counted before
    return count, subject
