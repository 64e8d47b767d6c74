"""Statements: every quotation, who said it, and in which role.

Entity-centric, in three steps per document (rules in ``rules/statements.yaml``,
documented in docs/codebook.md, "Statements and speaker roles"):

1. **Quotations** (:func:`find_quotes`): curly or straight double quotes,
   bounded by paragraphs except in the British multi-paragraph style; scare
   quotes and quoted titles are names, not speech.  Headline quotes, single
   marks and block quotations are implemented behind switches.
2. **The ledger** (:class:`Ledger`): one pass over the document collects its
   people with their fullest names, titles, appositions, kinship, gender, role
   and organisation, and where each is mentioned outside quotations.
3. **Attribution** (:func:`attribute`, :class:`Resolver`): each quotation is
   attached to a speaker by an explicit cue in its sentence or beside it, by
   continuation of the previous quotation's speaker, by an introduction in
   the sentence or paragraph before, or by a pronoun resolved to the most
   recent compatible entity; names resolve to the ledger's fullest form, the
   role to the entity's descriptions.  A candidate that is a clause fragment
   is never a speaker.  ``attribution`` records how the speaker was decided.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from . import rules
from .entities import body_patterns, forces, last_mentions, oversight_bodies, people, strip_title
from .ingest import Document, Paragraph
from .rules import entities as entity_rules
from .rules import statements as statement_rules
from .text import count_words, holds_literal, lower_same_length, lowered_pattern, required_literals

# Characters that ``re.I`` folds onto an ASCII letter although their lower case
# is not that letter (İ and ı match "i", ſ matches "s"): text holding one is
# searched with the ``re.I`` pattern itself, elsewhere the lowered one is exact.
_FOLD_TRAPS = frozenset("İıſ")


class _Needs:
    """A case-insensitive pattern searched fast: not tried on text lacking one
    of its required literals (:func:`text.required_literals` of the lowered
    pattern and of each of ``parts``, sub-patterns every match holds), and
    searched on lower-cased text; the match returned is the pattern's own at
    the position found (the same position: see :class:`_Lowered`)."""

    def __init__(self, pattern: re.Pattern[str], *parts: str, guard: str | None = None):
        self.pattern = pattern
        self.lowered = lowered_pattern(pattern.pattern)
        needed = [required_literals(lowered_pattern(p).pattern) for p in (pattern.pattern, *parts)]
        self.needed = [n for n in needed if n is not None and len(n) <= 16]  # a long list costs more than it saves
        # ``guard``: the pattern's tail from a word every match holds (every match holds a match
        # of it), searched first: it opens with that word, so the engine jumps to the places it
        # can start at, where the whole pattern, opening with a run of any words, is tried at
        # every position (a sentence of 200 characters cost 0.14 ms)
        self.guard = lowered_pattern(guard) if guard is not None else None

    def search(self, text: str) -> re.Match[str] | None:
        if not _FOLD_TRAPS.isdisjoint(text):
            return self.pattern.search(text)
        low = text.lower() if text.isascii() else lower_same_length(text)
        if not all(holds_literal(low, n) for n in self.needed):
            return None
        if self.guard is not None and not self.guard.search(low):
            return None
        found = self.lowered.search(low)
        return found and (self.pattern.match(text, found.start()) or self.pattern.search(text))


class _Lowered:
    """A case-insensitive pattern searched on lower-cased text (no ``re.I``),
    several times faster on long alternations of words (the speech verbs),
    with the same matches as the ``re.I`` pattern (offsets are kept; a match's
    text is lower-cased)."""

    def __init__(self, pattern: str, fast: re.Pattern[str] | None = None):
        self.exact = re.compile(pattern, re.I)
        self.fast = lowered_pattern(pattern) if fast is None else fast  # (``fast``: the same matches)

    def _target(self, text: str) -> tuple[re.Pattern[str], str]:
        if text.isascii():
            return self.fast, text.lower()
        if _FOLD_TRAPS.isdisjoint(text):
            return self.fast, lower_same_length(text)
        return self.exact, text

    def search(self, text: str) -> re.Match[str] | None:
        pattern, target = self._target(text)
        return pattern.search(target)

    def finditer(self, text: str):
        pattern, target = self._target(text)
        return pattern.finditer(target)


def _words_fast(words: str) -> re.Pattern[str] | None:
    """``\\b(?:words)\\b`` for lower-case text, with the same matches, for an alternation
    of plain lower-case words ("said|says|told the court"): each alternative's first
    letter is matched before the boundary behind it is checked (``s(?<!\\ws)(?:aid|ays)``),
    so the engine jumps to those letters instead of trying ``\\b`` at every position
    (twice as fast on the speech verbs).  Alternatives with one first letter keep
    their order, and two with different ones never match at one place.  None for
    anything else."""
    alternatives = words.split("|")
    if not all(re.fullmatch(r"[a-z][a-z ’']*", a) for a in alternatives):
        return None
    by_letter: dict[str, list[str]] = {}
    for a in alternatives:
        by_letter.setdefault(a[0], []).append(a[1:])
    return re.compile("(?:" + "|".join(rf"{c}(?<!\w{c})(?:{'|'.join(rest)})" for c, rest in by_letter.items()) + r")\b")


def _people(text: str) -> list[tuple[str, int, int]]:
    """Names in ``text``, with the name after a title or organisation run ("Kent Police Chief Constable Tim Gold").

    A speaker or a phrase is asked about again and again: short texts are
    cached (a document's names are found once, by :class:`Ledger`)."""
    return _people_short(text) if len(text) <= 400 else people(text, tail=True)


@lru_cache(maxsize=4096)
def _people_short(text: str) -> list[tuple[str, int, int]]:
    return people(text, tail=True)


# Opening: “, or " after a space, bracket or dash and before a non-space.
# Closing: ”, or " after a non-space.  Each alternative starts with its quotation
# mark (the context is checked after it, looking back) so that the engine can skip
# straight to quotation marks instead of trying every position.
_OPEN = re.compile(r"“|\"(?<=(?<![^\s(\[—–-])\")(?=\S)")
_CLOSE = re.compile(r"”|\"(?<=\S\")")
_WORD_CHAR = re.compile(r"\w")
_CONTINUES = re.compile(r"\s*(?:“|\")")
# Single marks, used as quotation marks by pages that have no double ones
# (‘This report is welcome,’ she said). A closing ’ is not followed by a letter
# (an apostrophe: “son’s”); a straight ' only opens after a space.
_MARKS = {
    "double": (_OPEN, _CLOSE, _CONTINUES),
    "single": (
        re.compile(r"‘|'(?<=(?<![^\s(\[—–-])')(?=[A-Za-z])"),
        re.compile(r"[’'](?<=\S.)(?![A-Za-z])"),
        re.compile(r"\s*[‘']"),
    ),
}

_OPENING_CHARS = {"double": ("“", '"'), "single": ("‘", "'")}


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the quotation marks."""

    start: int
    end: int
    text: str
    paragraph: int  # index of its first paragraph in ``doc.paragraphs``
    paragraphs: int
    kind: str


@dataclass(frozen=True)
class Speaker:
    name: str | None
    text: str
    role: str
    organisation: str | None


@cache
def conf() -> dict:
    c = statement_rules.load().as_dict()
    verbs = c["speech_verbs"]
    out = {
        **c,
        "verb": re.compile(rf"\b(?:{verbs})\b", re.I),
        "verb_fast": _Lowered(rf"\b(?:{verbs})\b", _words_fast(verbs)),
        "intro": re.compile(rf"(?P<who>[^.!?:]+?)\s+(?:{verbs})\b(?P<rest>[^:]*?)[:,]\s*$", re.I),
        "after_verb_first": re.compile(rf"^\s*[,.]?\s*(?:{verbs})\s+(?P<who>[^.,;:“”\"]+)", re.I),
        "after_who_first": re.compile(
            rf"^\s*,?\s*(?P<who>[^.,;:“”\"]{{1,80}}?(?:,[^.,;:“”\"]{{1,60}}?)*?),?\s+(?:{verbs})\b", re.I
        ),
        # (and one verb after the pronoun: "said they hope (continued scrutiny …)", where the
        # speech verb after it is a participle before a noun)
        "verb_pronoun": re.compile(
            rf"\s+(?:{verbs})\s+(?:that\s+)?(?:{c['pronouns']})(?:\s+(?:{c['pronoun_stance_verbs']}))?\s*$", re.I
        ),
        "intro_subject": re.compile(rf"(?P<who>[A-Z][^.,;:“”\"]{{1,60}}?)(?:,[^,]{{1,60}},)?\s+(?:{verbs})\b", re.I),
        "according": re.compile(rf"\b(?:{c['according_phrases']}) (?P<who>[^.,;:“”\"]+)", re.I),
        "statement_from": re.compile(c["statement_from"], re.I),
        "possessive_kin": re.compile(c["possessive_kin"]),
        "trailing": re.compile(c["speaker_trailing"], re.I),
        "leading": re.compile(c["speaker_leading"]),
        "scare": re.compile(c["scare_quote_before"], re.I),
        "title_quote": re.compile(c["title_quote_before"], re.I),
        "label_term_set": frozenset(c["label_terms"].split("|")),
        "function_word_set": frozenset(c["function_words"].split("|")),
        "term_articles": frozenset(c["label_term_articles"].split("|")),
        "label_term_spoken": re.compile(
            rf"\b(?:{verbs})\s+that\s+(?:[\w’'-]+\s+){{0,{c['label_term_spoken_words']}}}$", re.I
        ),
        # a category right after a grading verb, its object and "as": "graded the call as a"
        "label_quote": re.compile(
            rf"\b(?:{c['label_verbs']})\s+(?:[\w’'-]+\s+){{0,4}}?as(?:\s+(?:{c['description_determiners']}))?\s*$", re.I
        ),
        "boundary": re.compile(c["clause_boundary"], re.I),
        "formula": re.compile(c["formula_paragraph"]),
        "pronoun": re.compile(rf"^(?:{c['pronouns']})$", re.I),
        "spokes": re.compile(rf"\b(?:{c['spokes']})\b", re.I),
        "anaphor": re.compile(c["oversight_anaphor"], re.I),
        "quoted_title_small": frozenset(c["quoted_title_small_words"].split("|")),
        "roles": {role: rules.compile_any(tuple(cues)) for role, cues in c["roles"].items()},
    }
    for key in ("verb_pronoun",):
        out[f"{key}_needs"] = _Needs(out[key])
    # (its tail is tried first: the verbs would be tried at every position)
    out["label_quote_needs"] = _Needs(out["label_quote"], guard=rf"\bas(?:\s+(?:{c['description_determiners']}))?\s*$")
    out["roles_lowered"] = {role: lowered_pattern(p.pattern) for role, p in out["roles"].items()}
    out["role_rank"] = {role: i for i, role in enumerate(out["roles"])}  # codebook order
    return out


# --------------------------------------------------------------------------- quotations


def find_quotes(doc: Document) -> list[Quote]:
    """Every quotation in the article paragraphs of ``doc``, bounded by
    paragraphs, with block quotations ("X said:" and text without marks) and
    the single-quoted words of a headline."""
    quotes = _marked_quotes(doc)
    c = conf()
    extra = (_block_quotes(doc, quotes) if c["block_quotations"] else []) + (
        _headline_quotes(doc, quotes) if c["headline_quotations"] else []
    )
    quotes = sorted(quotes + extra, key=lambda q: q.start) if extra else quotes
    head = _headline_index(doc)
    return [
        Quote(q.start, q.end, q.text, q.paragraph, q.paragraphs, "partial")
        if q.paragraph == head and q.kind == "full"
        else q
        for q in quotes
    ]


_LAST_HEADLINE: list = [None, None]  # the last document asked about and its headline (asked three times)


def _headline_index(doc: Document) -> int | None:
    """The headline: the first article paragraph, short and without a full stop."""
    if _LAST_HEADLINE[0] is doc:
        return _LAST_HEADLINE[1]
    first = next((i for i, p in enumerate(doc.paragraphs) if p.kind == "article"), None)
    if first is not None:
        line = doc.text[doc.paragraphs[first].start : doc.paragraphs[first].end].rstrip()
        most = conf()["headline_max_words"]
        # (a bounded split: more than ``most`` words whatever follows)
        if line.endswith((".", "!", "?", ":", "”", '"')) or len(line.split(None, most)) > most:
            first = None
    _LAST_HEADLINE[:] = [doc, first]
    return first


_HEADLINE_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\S)(?P<body>[^‘’'\n]+?)(?<=\S)[’'](?!\w)")


def _headline_quotes(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """Quoted words in the headline (the first article paragraph, short and
    without a full stop) are partial statements; single marks count there."""
    first = _headline_index(doc)
    if first is None:
        return []
    para = doc.paragraphs[first]
    line = doc.text[para.start : para.end]
    out = []
    for m in _HEADLINE_QUOTE.finditer(line):
        start, end = para.start + m.start(), para.start + m.end()
        if not any(q.start < end and start < q.end for q in quotes) and _WORD_CHAR.search(m.group("body")):
            out.append(Quote(start, end, m.group("body").strip(), first, 1, "partial"))
    return out + _crosshead_quotes(doc, quotes, first)


def _crosshead_quotes(doc: Document, quotes: list[Quote], head: int) -> list[Quote]:
    """Single-quoted words in a crosshead or caption (a later short line
    without a full stop: ‘Mum help me’, ‘unsuitable force’) are partial
    statements when a quotation of the body holds the same words; otherwise
    they are labels (‘Tragic outcome’)."""
    if not quotes:
        return []
    bodies: list[str] = []
    out = []
    longest = conf()["crosshead_max_chars"]  # a longer paragraph is no crosshead
    for i, para in enumerate(doc.paragraphs):
        if i <= head or para.kind != "article" or para.end - para.start > longest:
            continue
        line = doc.text[para.start : para.end].rstrip()
        if "‘" not in line and "'" not in line:
            continue
        bodies = bodies or [f" {_norm_words(q.text)} " for q in quotes]
        if line.endswith((".", "!", "?", ":")) or len(line.split()) > conf()["headline_max_words"]:
            continue
        for m in _HEADLINE_QUOTE.finditer(line):
            start, end = para.start + m.start(), para.start + m.end()
            words = _norm_words(m.group("body"))
            if (
                words
                and not any(q.start < end and start < q.end for q in quotes)
                and any(f" {words} " in b for b in bodies)  # whole words: see _repeated_words
            ):
                out.append(Quote(start, end, m.group("body").strip(), i, 1, "partial"))
    return out


def _block_quotes(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """ "X said:" ending a paragraph before one without quotation marks, or
    "X said: At a time …" in mid-paragraph with no mark after the colon."""
    a = aconf()
    out, paras, text = [], doc.paragraphs, doc.text
    taken = {q.paragraph for q in quotes} | {q.paragraph + k for q in quotes for k in range(q.paragraphs)}
    article = [i for i, p in enumerate(paras) if p.kind == "article"]
    position = {i: k for k, i in enumerate(article)}
    starts = [p.start for p in paras]
    with_colon = []  # the article paragraphs holding a colon, found from one colon to the next
    at = text.find(":")
    while at >= 0:
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < paras[i].end:
            if i in position:
                with_colon.append(i)
            at = text.find(":", paras[i].end)
        else:
            at = text.find(":", at + 1)
    for i in with_colon:
        k, para = position[i], paras[i]
        chunk = text[para.start : para.end].rstrip()
        if (
            chunk.endswith(":")
            and k + 1 < len(article)
            and article[k + 1] not in taken
            and (a["block_end"].search(chunk) or _speaker_label(chunk))
        ):
            nxt = paras[article[k + 1]]
            body = text[nxt.start : nxt.end].strip()
            if body[:1].isupper() and not _OPEN.search(body) and len(body.split()) >= conf()["block_min_words"]:
                out.append(
                    Quote(
                        nxt.start, nxt.start + len(text[nxt.start : nxt.end].rstrip()), body, article[k + 1], 1, "full"
                    )
                )
        elif i not in taken and (m := _block_mid(chunk)) and not _OPEN.search(chunk, m.end()):
            body = chunk[m.end() :].strip()
            if len(body.split()) >= conf()["block_min_words"]:
                start = para.start + m.end()
                out.append(Quote(start, para.start + len(chunk), body, i, 1, "full"))
    return out


def _block_mid(chunk: str) -> re.Match[str] | None:
    """``block_mid.search(chunk)``, tried only around the colons of ``chunk`` (every match
    ends at a colon and holds none before it, so the first colon with a match holds the
    leftmost match): the pattern opens with a run of verbs tried at every position."""
    pattern = aconf()["block_mid"]
    at = chunk.find(":")
    while at >= 0:
        if m := pattern.search(chunk, max(0, at - 120), at + 60):
            return m
        at = chunk.find(":", at + 1)
    return None


def _police_cue(window: str) -> bool:
    """A police role cue in ``window`` (the lowered cues on lowered text where that is exact)."""
    if not _FOLD_TRAPS.isdisjoint(window):
        return bool(conf()["roles"]["police"].search(window))
    low = window.lower() if window.isascii() else lower_same_length(window)
    return bool(conf()["roles_lowered"]["police"].search(low))


def _speaker_label(chunk: str) -> bool:
    """A paragraph that only names a speaker before a colon ("Carolynn Gallwey,
    family’s solicitor, Bhatt Murphy:"): a person or a role, no sentence, no quotation."""
    return (
        len(chunk) <= conf()["speaker_label_max_chars"]
        and not _SENTENCE_END.search(chunk)
        and not _OPEN.search(chunk)
        and not conf()["verb_fast"].search(chunk)
        and _label(chunk) is not None
    )


def _marked_quotes(doc: Document) -> list[Quote]:
    quotes = _quotes_in_marks(doc, "double")
    if not conf()["single_quotation_marks"]:
        return quotes
    if not quotes:
        return [q for q in _single_quotes(doc) if _spoken_in_single_marks(doc, q)]
    if not conf()["single_beside_double"] or not _opens_single(doc):
        return quotes  # (one search of the text: most pages open no single mark)
    # British news style: double marks for speech, single ones for the words a report
    # or a speaker is quoted as using ("branded the decision a 'travesty of justice'")
    starts = [q.start for q in quotes]
    singles = [
        q
        for q in _single_quotes(doc)
        if q.paragraphs == 1
        and count_words(q.text) <= conf()["single_partial_words"]
        and not _inside(starts, quotes, q)
        and _spoken_in_single_marks(doc, q, always_verb=True)
    ]
    if not singles:
        return quotes
    return sorted(
        quotes + [Quote(q.start, q.end, q.text, q.paragraph, 1, "partial") for q in singles], key=lambda q: q.start
    )


_LAST_SINGLES: list = [None, None]  # the last document asked about and its single-mark quotations (asked twice)
_LAST_OPENS_SINGLE: list = [None, False]  # the last document asked about and whether it opens a single mark


def _opens_single(doc: Document) -> bool:
    """Does ``doc`` open a single quotation mark (``_MARKS["single"][0]``)?
    Worked out once per document (asked twice), and without the search when
    the text holds a "‘" (which opens one) or no "'" (which no opening lacks):
    the search is ~11 µs on a page, and most pages open none."""
    if _LAST_OPENS_SINGLE[0] is not doc:
        text = doc.text
        opens = "‘" in text or ("'" in text and _MARKS["single"][0].search(text) is not None)
        _LAST_OPENS_SINGLE[:] = [doc, opens]
    return _LAST_OPENS_SINGLE[1]


def _single_quotes(doc: Document) -> list[Quote]:
    """``_quotes_in_marks(doc, "single")``, worked out once per document."""
    if _LAST_SINGLES[0] is not doc:
        _LAST_SINGLES[:] = [doc, _quotes_in_marks(doc, "single")]
    return _LAST_SINGLES[1]


def _inside(starts: list[int], quotes: list[Quote], q: Quote) -> bool:
    """``q`` overlaps one of ``quotes`` (sorted, their ``starts``): nested marks."""
    i = bisect_right(starts, q.start) - 1
    return (i >= 0 and quotes[i].end > q.start) or (i + 1 < len(quotes) and quotes[i + 1].start < q.end)


def _spoken_in_single_marks(doc: Document, quote: Quote, always_verb: bool = False) -> bool:
    """Single marks also serve for labels, elisions and scare terms (a
    ‘Domestic Abuse – standard’ flag, a mobile ‘phone, referred to as a
    ‘subject’): a body holding another opening ‘ is not speech, and a short
    one is speech only with a speech verb in its sentence."""
    if "‘" in quote.text:
        return False
    if not always_verb and len(re.findall(r"[A-Za-z]+", quote.text)) > conf()["single_short_words"]:
        return True
    para = doc.paragraphs[quote.paragraph]
    before = _sentence_before(doc.text[max(para.start, quote.start - conf()["sentence_window"]) : quote.start])
    after = re.split(r"(?<=[.!?])\s", doc.text[quote.end : para.end])[0]
    if always_verb:  # beside double marks: the words reported by a speech verb before them
        return bool(conf()["verb_fast"].search(before) or conf()["according"].search(before))
    return bool(
        conf()["verb_fast"].search(before) or conf()["verb_fast"].search(after) or conf()["according"].search(before)
    )


def _quotes_in_marks(doc: Document, marks: str) -> list[Quote]:
    """The quotations opened by ``marks`` in the article paragraphs, in order.

    The text is searched for opening marks from one to the next (not paragraph
    by paragraph); each one found is checked within its paragraph's bounds, so
    the result is that of searching every article paragraph on its own."""
    opening = _MARKS[marks][0]
    text, paras, quotes = doc.text, doc.paragraphs, []
    if not paras:
        return quotes
    starts = [p.start for p in paras]
    pos, n = paras[0].start, len(paras)
    while (m := opening.search(text, pos)) is not None:
        at = m.start()
        i = bisect_right(starts, at) - 1
        if i < 0:  # (never: the search starts inside the first paragraph)
            pos = max(at + 1, paras[0].start)
            continue
        para = paras[i]
        if para.kind != "article" or at >= para.end:
            if i + 1 >= n:
                break
            pos = paras[i + 1].start  # a non-article paragraph, or between paragraphs
            continue
        if not (m := opening.match(text, at, para.end)):  # (its context must lie in the paragraph)
            pos = at + 1
            continue
        if _is_formula(text, para):  # a spreadsheet cell, not prose: its quoted arguments are no speech
            if i + 1 >= n:
                break
            pos = paras[i + 1].start
            continue
        quote, last, end = _close(doc, i, m.start(), m.end(), marks)
        if quote is not None:
            quotes.append(quote)
        if last != i:  # it continued into later paragraphs: the search goes on after them
            if last + 1 >= n:
                break
            pos = paras[last + 1].start
        else:
            pos = end
    return quotes


def _is_formula(text: str, para: Paragraph) -> bool:
    """``para`` is a spreadsheet formula (``formula_paragraph``: ``=HYPERLINK("…","…")``),
    tried on its opening characters only (asked for a paragraph holding a quotation mark)."""
    return conf()["formula"].match(text[para.start : min(para.end, para.start + 80)]) is not None


def _close(
    doc: Document, first: int, open_at: int, content_at: int, marks: str = "double"
) -> tuple[Quote | None, int, int]:
    """The quotation opened at ``open_at`` (None for a scare quote or an empty
    one), the index of its last paragraph and the offset after it.  It closes
    in its paragraph, continues into following paragraphs that open with a
    quotation mark, or is cut at the end of its last paragraph."""
    paras, text = doc.paragraphs, doc.text
    pieces, i, start = [], first, content_at
    while True:
        close = _MARKS[marks][1].search(text, start, paras[i].end)
        if close:
            pieces.append(text[start : close.start()])
            end = close.end()
            break
        pieces.append(text[start : paras[i].end].rstrip())
        nxt = i + 1
        if (
            nxt < len(paras)
            and paras[nxt].kind == "article"
            and (m := _MARKS[marks][2].match(text, paras[nxt].start, paras[nxt].end))
        ):
            i, start = nxt, m.end()
            continue
        end = paras[i].start + len(text[paras[i].start : paras[i].end].rstrip())
        break
    body = "\n\n".join(p.strip() for p in pieces).strip()
    if not _WORD_CHAR.search(body) or _is_scare_quote(text, paras[first], open_at, body):
        return None, i, end
    # what opens the quotation: the text before it in its paragraph, read from the end
    reach = conf()["quote_lead_chars"]
    lead = text[max(paras[first].start, open_at - reach) : open_at]
    if not lead.strip() and open_at - reach > paras[first].start:  # only blanks in the window
        lead = text[paras[first].start : open_at]
    kind = _kind(lead, body)
    return Quote(open_at, end, body, first, i - first + 1, kind), i, end


_TERM_STRIP = re.compile(r"^[^\w]+|[^\w]+$|[,;:]")


def _is_scare_quote(text: str, para: Paragraph, open_at: int, body: str) -> bool:
    """A one-word name ("known as the “engage” process") or a title in
    capitals after "see", "entitled" … (“Misconduct Findings”)."""
    c = conf()
    before = text[max(para.start, open_at - c["scare_quote_chars"]) : open_at]  # the cues end right before the mark
    # (a long body is not split to its end: one more token than a title may hold tells enough)
    tokens = body.split(None, c["title_max_words"])
    if len(tokens) == 1 and c["scare"].search(before):
        return True
    if len(short := body.split(None, c["label_max_words"])) <= c["label_max_words"]:
        if c["label_quote_needs"].search(before):
            return True  # a category: a call "graded as a ‘concern for safety’"
        # (round eleven) a term of the field, wherever it stands: “Discreditable Conduct”, ‘barred list’
        words = [w for w in (_TERM_STRIP.sub("", t.lower()) for t in short) if w]
        if words and words[0] in c["term_articles"]:
            words = words[1:]
        if " ".join(words) in c["label_term_set"] and not c["label_term_spoken"].search(before):
            return True
    small = c["quoted_title_small"]
    return (
        len(tokens) <= c["title_max_words"]
        and all(t[:1].isupper() or t in small for t in tokens)
        and bool(c["title_quote"].search(before[-c["title_quote_chars"] :]))
    )


def _kind(before: str, body: str) -> str:
    """``full`` when the quotation is a statement of its own, else ``partial``."""
    before = before.rstrip()
    opens_statement = not before or before.endswith((":", ".", "!", "?", ","))
    return "full" if opens_statement and body[:1].isupper() else "partial"


# --------------------------------------------------------------------------- attribution


_CAP = r"[A-Z][\w’'-]+"  # a capitalised word (of a name)


@cache
def aconf() -> dict:
    """The patterns of entity-centric attribution (``rules/statements.yaml``)."""
    c = statement_rules.load().as_dict()
    verbs, svs, nouns = c["speech_verbs"], c["statement_verbs"], c["statement_nouns"]
    det = rf"(?:(?:{c['statement_determiners']})\s+)?"
    heard = rf"(?:{c['heard_verbs']})"  # what an inquest or court is
    # "X said:", "X told the BBC:" (a verb, or a verb and its addressee, before the colon)
    perfect = rf"(?:(?:{c['perfect_auxiliaries']})\s+)?"  # "has issued"
    source = rf"(?:{c['statement_source_prepositions']})"  # "a statement from X"
    block_intro = rf"{c['block_intro_verbs']}|(?:{c['block_addressee_verbs']}) [^:]{{1,{c['block_addressee_chars']}}}"
    a = {
        "statement_intro": re.compile(
            rf"(?P<who>[^.!?:]+?)\s+{perfect}(?:(?:{c['statement_adverbs']})\s+)?"
            rf"(?:{svs})\s+{det}(?:[\w’'-]+\s+){{0,3}}?(?:{nouns})s?\b(?P<rest>[^:]*?)[:,]?\s*$",
            re.I,
        ),
        "statement_of": re.compile(
            rf"^(?:(?:{c['statement_of_determiners']})\s+)?(?:[\w’'-]+\s+){{0,2}}?(?:{nouns})s?\s+"
            rf"(?:(?:{c['statement_of_verbs']})\s+)?{source}\s+(?P<who>.+)$",
            re.I,
        ),
        "statement_read": re.compile(
            rf"(?P<who>[^.!?:]+?)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{nouns})s?\s+(?:{c['statement_read_relatives']})\s+"
            rf"(?:{c['statement_read_verbs']})\s*:\s*$",
            re.I,
        ),
        "statement_noun": re.compile(rf"\b(?:{nouns})", re.I),
        "in_a_statement": re.compile(
            rf"^\s*In\s+(?:{c['in_a_statement_determiners']})\s+(?:[\w’'-]+\s+)?(?:{nouns})s?"
            # ("In a statement to the Guardian, Medford’s family welcomed …": an addressee or a source)
            rf"(?:\s+(?:{c['statement_source_prepositions']}|to)\s+[^,.;:“”\"]{{1,60}})?,\s*"
            rf"(?P<who>(?:the\s+)?[A-Z][\w’'&-]*(?:[^\S\n]+(?:of\s+|and\s+)?[A-Z][\w’'&-]*){{0,5}}"
            rf"(?:(?<=[’'])\s+[a-z][\w-]*|(?<=[’']s)\s+[a-z][\w-]*)?)\s+[a-z]"  # ("Medford’s family")
        ),
        "descriptor_word": re.compile(
            "|".join(
                [f"(?:{p})" for cues in c["roles"].values() for p in cues]
                + [c["gender"]["female"], c["gender"]["male"]]
            ),
            re.I,
        ),
        "statement_verb": re.compile(rf"\b(?:{svs}|{c['statement_edit_verbs']})\b", re.I),
        "on_behalf": re.compile(c["on_behalf"], re.I),
        "family_label": re.compile(
            rf"(?:(?:{c['family_label_determiners']})\s+)?(?P<who>(?:[\w’'-]+\s+){{0,3}}?famil(?:y|ies)(?:[’']s?)?)\s+(?:{nouns}):?"
            rf"|(?:{nouns})\s+{source}\s+(?P<who2>.+?):?",
            re.I,
        ),
        "authored_intro": re.compile(
            rf"^\s*(?P<who>(?:{c['authored_intro_determiners']})\s+(?:[\w’'-]+\s+)?(?:{c['authored_nouns']}))\s+"
            rf"(?:{c['authored_speech_verbs']})\b[^:]*:?\s*$",
            re.I,
        ),
        "issued_before_noun": re.compile(
            rf"\s+{perfect}(?:(?:{c['issued_adverbs']})\s+)?"
            rf"(?:{svs})\s+(?:{c['issued_determiners']})\s+(?:[\w’'-]+\s+){{0,2}}$",
            re.I,
        ),
        "the_force": re.compile(rf"^(?:the\s+)?(?:{c['force_nouns']})$", re.I),
        "not_description": re.compile(
            rf"\b(?:{c['not_description_verbs']})\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*"
        ),
        "media_person": re.compile(rf"\b(?:{c['media_occupations']})\b", re.I),
        "empty": frozenset(c["empty_speakers"].split("|")),
        "not_speaker": re.compile(rf"\b(?:{c['not_speaker_words']})\b", re.I),
        "authored": re.compile(rf"^(?:{c['authored_determiners']})\s+(?:{c['authored_nouns']})$", re.I),
        "authored_by": re.compile(
            rf"\b(?:{c['authored_nouns']})\s+(?:(?:{c['complaint_verbs']})\s+)?(?:{c['author_prepositions']})\s+"
            rf"(?P<who>[^.,;:“”\"()]{{2,60}}?)(?=\s*[.,;:()]|\s+(?:{c['authored_by_followers']})\b)"
        ),
        "group": re.compile(rf"\b(?:{c['group_nouns']})\b", re.I),
        "female": re.compile(c["gender"]["female"], re.I),
        "male": re.compile(c["gender"]["male"], re.I),
        "canonical": [(name, re.compile(p, re.I)) for name, p in c["canonical_speakers"].items()],
        "block_end": re.compile(rf"\b(?:{block_intro})\s*:\s*$", re.I),
        "block_mid": re.compile(rf"\b(?:{block_intro})\s*:\s+(?=[A-Z])", re.I),
        "passive_by": re.compile(
            rf"\bby\s+(?P<who>(?:(?:{c['passive_agent_determiners']})\s+)?[^.,;:“”\"]{{2,60}}?)"
            rf"(?=\s*[.,;:“”\"]|\s*$|\s+(?:{c['passive_agent_followers']})\b)",
            re.I,
        ),
        "article": re.compile(rf"^(?:{c['description_determiners']})\s+(?=[a-z])", re.I),
        "adverb_lead": re.compile(rf"^(?:(?:{c['adverbs']})\s+)+(?=\S)"),
        "adverb_tail": re.compile(rf"(?<=\S)(?:\s+(?:{c['adverbs']}))+$"),
        "possessive_title": re.compile(rf"^(?:{c['possessive_titles']})\s", re.I),
        # a finite verb in a candidate (not a participle after a determiner: "the alleged assault")
        "clause_verb": re.compile(
            rf"(?<!\bthe )(?<!\ban )(?<!\ba )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )"
            rf"\b(?:{c['clause_verbs']})\b"
        ),
        # an auxiliary or modal, finite wherever it stands (lower case: not "Will", "May")
        "finite_auxiliary": re.compile(rf"\b(?:{c['finite_auxiliaries']})\b"),
        # "A damning report by an independent panel", "A statement read out by the foreman of the jury":
        # a document whose author is named after "by" (the author speaks)
        "thing_by": re.compile(
            rf"^(?:(?:{c['description_determiners']})\s+)?(?:[a-z][\w-]*\s+){{0,2}}"
            rf"(?:{c['authored_nouns']}|{c['report_nouns']})\s+(?:(?:{c['read_by_verbs']})(?:\s+out)?\s+)?by\s+"
            rf"(?P<who>(?:(?:{c['passive_agent_determiners']})\s+)?[^,;:]{{2,80}})$",
            re.I,
        ),
        "verb_at_end": re.compile(rf"\b(?:{verbs})\W*$", re.I),
        "short_form_title_set": frozenset(c["short_form_titles"].split("|")),
        "short_form": re.compile(
            # no leading \b (checked by the caller): the engine then skips to the titles' first letters
            rf"(?P<title>{c['short_form_titles']})\.?\s+(?P<surname>[A-Z][\w’'-]+)\b(?!\s+[A-Z][a-z])"
        ),
        "harmed_before": re.compile(
            rf"\b(?:(?:{c['harm_nouns']})\s+(?:{c['harm_noun_prepositions']})\s+(?:(?:{c['harmed_titles']})\.?\s+)?|(?:{c['harmed_adjectives']})\s+(?:[a-z][\w-]*,?\s+)?"
            rf"|(?:{c['harmed_object_verbs']})\s+(?:(?:{c['harmed_titles']})\.?\s+)?)$",
            re.I,
        ),
        # (round fifteen) the person the sentence is about, harmed as "he" or "she" later in it
        # ("X was trying to help officers but it was claimed that he was then tasered")
        "harmed_pronoun_after": re.compile(
            rf"^[^.!?\n“”\"]{{0,160}}?\b(?:he|she)\s+(?:(?:{c['harmed_auxiliaries']})\s+)?(?:{c['harmed_verbs']})\b",
            re.I,
        ),
        # (adverbs inside the verb group dropped first: "he was then tasered")
        "harmed_adverbs": re.compile(r"\b(?:then|later|also|allegedly|repeatedly|subsequently|reportedly)\s+", re.I),
        "harmed_after": re.compile(
            rf"^(?:[’']s?\s+(?:{c['harm_nouns']})\b|\s*(?:\(\d+\))?,?\s*(?:\d+,\s*)?"
            # (round fourteen) an apposition may stand before the relative ("X, a 39-year-old
            # factory worker, who died …"), not one that names another person ("X, the mother of
            # Tom, who died": Tom may have died; "X, Tom’s mother, who …")
            rf"(?:(?:{c['description_determiners']})\s+(?:(?!\bof\b|[’']s\b)[^,.;:“”\"()]){{1,60}},\s*who\s+|who\s+"
            # (round fifteen) or an apposition or a relative clause closed by a comma before the
            # main verb ("X, 23, who was described by his family as …, died in custody"; "X, a
            # father of two, died"): the main verb's subject is X
            rf"|(?:{c['description_determiners']})\s+[^,.;:“”\"()\n]{{1,60}},\s*|who\s+[^.;\n]{{1,160}}?,\s*)?"
            rf"(?:(?:{c['harmed_auxiliaries']})\s+)?(?:{c['harmed_verbs']})\b)",
            re.I,
        ),
        "person_noun_last": re.compile(rf"\b(?:{c['person_nouns']})$", re.I),
        "represents": re.compile(rf"(?:who\s+)?(?:{c['represents_verbs']})\b", re.I),
        # "Darren’s mother Carol, 53, and brother Louis": a second relative of the same owner
        "kin_and_first_name": re.compile(
            rf",?\s*(?:\d+,\s*)?(?:and|,)\s+(?:(?:{c['kin_owner_determiners']})\s+)?"
            rf"(?P<kin>{c['kin_after_nouns']}),?\s+(?P<first>[A-Z][a-z]+)\b(?![^\S\n]+[A-Z]|[’'-])"
        ),
        # "His son James said": a relative named by a first name after a possessive pronoun
        "kin_pronoun_tail": re.compile(
            rf"(?:^|\s)(?i:{c['kin_owner_determiners']})\s+(?:(?:{c['kin_late_adjectives']})\s+)?"
            rf"(?P<kin>(?i:{c['kin_after_nouns']})),?\s+(?P<first>[A-Z][a-z]+)$"
        ),
        # a speaker described as "His son James", "Mr Bennett's brother Daniel": the relative
        # "family of a man", "the parents of a teenager": relatives of someone not yet named
        "kin_of_someone": re.compile(
            rf"^(?:the\s+)?(?P<noun>famil(?:y|ies)|relatives|(?:{c['kin_group_nouns']}))\s+of\s+(?:a|an)\s+", re.I
        ),
        "will_verb": re.compile(rf"\b(?:{c['will_verbs']})\s+to\s+[a-z]"),
        "report_words": re.compile(rf"(?:{c['report_nouns']}|{c['statement_nouns']})", re.I),
        "report_time_owner": re.compile(rf"(?:{c['report_time_owners']})", re.I),
        "courtesy": re.compile(rf"(?:{c['courtesy_titles']})\.?"),
        "kin_tail": re.compile(rf"(?:^|\s)(?P<kin>(?i:{c['kin_after_nouns']})),?\s+(?P<first>[A-Z][a-z]+)$"),
        "kin_first_name": re.compile(
            rf"[’'](?<=[A-Za-z].)s?\s+(?:(?:{c['kin_late_adjectives']})\s+)?"
            rf"(?P<kin>{c['kin_after_nouns']}),?\s+(?P<first>[A-Z][a-z]+)\b(?![^\S\n]+[A-Z]|[’'-])"
        ),
        # "Ms Cole's parents, Peter and Ann Hale": a group of relatives named
        # (the names capitalised: "his parents, mother and father" names no one)
        "named_group": re.compile(
            rf"(?:\b(?P<owner>(?:(?:{c['courtesy_titles']})\s+)?[A-Z][\w-]*(?:[’']s|[’'])|(?i:{c['kin_owner_determiners']}))\s+)"
            rf"(?P<noun>{c['kin_group_nouns']}),\s+(?P<names>{_CAP}(?:,\s+{_CAP})*\s+and\s+"
            rf"{_CAP}(?:\s+{_CAP}){{0,2}})(?=\s*[,.;]|\s+(?:{verbs})\b)"
        ),
        "group_description": re.compile(
            rf"^(?:the\s+)?(?P<owner>(?:(?:{c['courtesy_titles']})\s+)?[A-Z][\w-]*(?:[’']s|[’'])|(?:{c['kin_owner_determiners']}))?\s*"
            rf"(?P<noun>{c['kin_group_nouns']})$",
            re.I,
        ),
        "kin_group_pronoun_owners": frozenset(("", *c["kin_owner_determiners"].split("|"))),
        "kin_after": re.compile(
            rf"^[^.;:!?“”\"\n]{{0,60}}?\b(?:{c['kin_owner_determiners']})\s+(?:(?:{c['kin_adjectives']})\s+)?"
            rf"(?P<kin>{c['kin_after_nouns']})\b",
            re.I,
        ),
        "force_spokes": re.compile(
            rf"^(?:(?:{c['force_spokes_determiners']})\s+)?(?:{c['force_spokes_heads']})\s+(?P<noun>{c['spokes']})$|"
            rf"^(?:(?:{c['force_spokes_determiners']})\s+)?(?P<noun2>{c['spokes']})\s+"
            rf"(?:{c['force_spokes_prepositions']})\s+the\s+(?:{c['force_spokes_nouns']})$",
            re.I,
        ),
        "senior_officer": re.compile(rf"\b(?:{c['senior_officer_words']})\b", re.I),
        "kin_converse": {
            noun: re.compile(
                rf"\b(?:{c['kin_converse_owners']})\s+(?:(?:{c['kin_late_adjectives']})\s+)?"
                rf"(?:{'|'.join(map(re.escape, kin))})\b",
                re.I,
            )
            for noun, kin in c["kin_converse"].items()
        },
        "adverbs": frozenset(c["adverbs"].split("|")),
        "officer_nouns": frozenset(w.lower() for w in c["officer_nouns"].split("|")),
        "scrutiny_context": re.compile(c["scrutiny_context"], re.I),
        "scrutiny_subject": re.compile(rf"\b(?:{c['scrutiny_subject']})\b", re.I),
        # (round eleven, session 9) the person as the object of scrutiny ("allegations
        # surrounding X", "the court heard that X"), and what is done to a senior rank
        "scrutiny_object": re.compile(c["scrutiny_object"], re.I),
        # (round eleven) an office's complement ("Commissioner for Wales", "Director of Operations")
        "title_complement": re.compile(rf"\s+(?:{c['title_relative_prepositions']})\s+(?=\S)", re.I),
        "scrutiny_passive": re.compile(
            rf"^\s*(?:has\s+|had\s+|have\s+)?(?:{c['passive_auxiliaries']})\s+(?:\w+\s+)?(?:{c['scrutiny_subject']})\b",
            re.I,
        ),
        "scrutiny_leading": re.compile(
            rf"^(?:(?:{c['noun_determiners']})\s+)?(?:former\s+)?(?:{c['scrutiny_subject']})\s", re.I
        ),
        "scrutiny_before_title": re.compile(rf"\b(?:{c['scrutiny_subject']})\s+(?:[\w’'-]+\s+){{0,3}}$", re.I),
        # (round ten, session 8) a place after it and a relative pronoun before the verb:
        # "The High Court in Leeds, which heard …", "the hearing, which was told …"
        "institution_heard": re.compile(
            rf"(?P<who>(?:(?:{c['institution_determiners']})\s+)?(?:[A-Z][\w’'-]*\s+){{0,3}}(?:{c['institutions']}))"
            rf"(?:\s+(?:in|at)\s+[A-Z][\w’'-]+)?(?:\s*,\s*which)?\s+(?:(?:{c['institution_auxiliaries']})\s+)?{heard}\b",
            re.I,
        ),
        # "…”, the inquest heard." / "‘…’, inquest hears": the institution closing the sentence
        "institution_closing": re.compile(
            rf",\s*(?P<who>(?:(?:{c['institution_determiners']})\s+)?(?:[A-Z][\w’'-]*\s+){{0,3}}(?:{c['institutions']}))"
            rf"\s+(?:(?:{c['institution_auxiliaries']})\s+)?{heard}\b[^,;:“”\"]{{0,40}}?\s*[.!?]?\s*$",
            re.I,
        ),
        # "It heard he …": "it" as the subject of a verb of hearing is an institution named before
        "institution_pronoun": re.compile(
            rf"\bit\s+(?:(?:{c['institution_auxiliaries']})\s+)?(?:also\s+)?{heard}\b", re.I
        ),
        "institution_mention": re.compile(rf"\b(?:{c['institutions']})\b", re.I),
        # A family noun phrase opening a clause: "The family", "His bereaved mother", "Members of
        # Ann Lee's family", "Relatives of the Smith family" (callers check what follows it)
        "family_subject": re.compile(
            rf"(?P<who>(?:(?i:{c['family_lead_openers']})\s+)?(?:(?i:{c['family_subject_determiners']})\s+)?"
            rf"(?:(?:[A-Z][\w’'-]+\s+){{0,2}}[A-Z][\w’'-]+[’']s?\s+)?"
            rf"(?:(?:[A-Z][\w’'-]+|(?i:{c['family_subject_adjectives']}))\s+)?"
            rf"(?:^(?i:{c['family_subject_nouns']})|(?:{c['family_subject_nouns']})))\b"  # "Mother whose …", not "The Family"
        ),
        "preposition_split": re.compile(rf"\b(?:{c['prepositions']})\s+", re.I),
        "co_speaker": re.compile(rf",?\s+(?:{c['co_speaker_phrases']})\s+.*$", re.I),
        "lawyer_of": re.compile(
            rf"^(?:the\s+)?(?P<owner>.+?)[’']s?\s+(?:{c['lawyer_of_nouns']})$",
            re.I,
        ),
        "investigator_voice": re.compile(c["investigator_voice"], re.I),
        "investigator_own": re.compile(c["investigator_own"], re.I),
        # (not one with an organisation of its own: "director of INQUEST", "Director of Public Prosecutions")
        "investigator_title": re.compile(rf"\b(?:{c['investigator_titles']})\b(?!\s+of\b)", re.I),
        "represented_by": re.compile(c["represented_by"], re.I),
        "office_nouns": frozenset(c["office_nouns"].split("|")),
        "title_words": frozenset(c["title_words"].split("|")),
        "title_relative_prepositions": frozenset(c["title_relative_prepositions"].split("|")),
        "kin_description_not_names": frozenset(c["kin_description_not_names"].split("|")),
        "official_roles": frozenset(c["official_roles"].split("|")),
        "lawyer_client_roles": c["lawyer_client_roles"],
        "personal_pronouns": frozenset(c["personal_pronouns"].split("|")),
        "bare_spokes": re.compile(c["bare_spokes"], re.I),
        "bare_commissioner": re.compile(c["bare_commissioner"]),
        "commissioner_bodies": re.compile(c["commissioner_bodies"]),
        "commissioner_forces": re.compile(c["commissioner_forces"]),
        "pronoun_lawyer": re.compile(rf"^(?P<pronoun>{c['lawyer_owner_pronouns']})\s+(?:{c['lawyer_nouns']})\b", re.I),
        "lawyer_word": re.compile(rf"\b(?:{c['lawyer_nouns']})\b"),
        "lawyer_of_named": re.compile(
            rf"(?P<owner>[A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*){{0,3}})[’']s?\s+(?:{c['lawyer_nouns']})\b"
        ),
        "office_word": re.compile(rf"(?:{c['office_words']})", re.I),
        "subordinate_clause": re.compile(rf"^(?:{c['subordinate_openers']})\b[^,]*,\s*", re.I),
        "subordinate": re.compile(rf"^(?:{c['subordinate_openers']})\b", re.I),
        "subordinate_word": re.compile(rf"^(?:{c['subordinate_openers']})\s+", re.I),
        "relative_opener": re.compile(rf"^(?:{c['relative_openers']})\s+", re.I),
        "verb_phrase": re.compile(c["verb_phrase"]),
        "finite_verb": re.compile(c["finite_verb"]),
        "report_head": re.compile(
            rf"^(?:(?:{c['report_head_determiners']})\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{c['report_nouns']})$",
            re.I,
        ),
        "report_noun": re.compile(rf"\b(?:{c['report_nouns']})s?\b", re.I),
        # "the panel’s report", "The IPCC report", "The Independent Police Complaints Commission
        # (IPCC) report": the document's owner before its noun (a possessive or a name)
        "owned_report": re.compile(
            rf"^(?:(?:{c['report_head_determiners']})\s+)?(?P<owner>[^,;:“”\"]{{2,80}}?)(?:[’']s|[’'])?"
            rf"\s+(?:{c['report_nouns']}|{c['statement_nouns']})$",
            re.I,
        ),
        # (searched in the words before a report noun, which it must end at)
        "in_det": re.compile(rf"\bin\s+(?:{c['in_det_determiners']})\s+(?:[\w’'-]+\s+){{0,5}}$", re.I),
        # the module's small-word patterns
        "new_subject_end": re.compile(
            rf"(?:,\s*(?:{c['new_subject_conjunctions']})|;)\s+(?:{c['new_subject_determiners']})\s+"
            r"(?:[a-z][\w-]*\s+)?[a-z][\w-]*\s*$"
        ),
        "participle_apposition_end": re.compile(c["participle_apposition_end"]),
        "shared_head_and": re.compile(
            rf"((?:^|[,;:]\s*)\s*(?i:{c['shared_head_determiners']})\s+[a-z]+) and (?=[a-z]+\b(?!\s+(?i:{c['shared_head_determiners']})\b))"
        ),
        "participle_split": re.compile(rf"\b[a-z]+ing\s+(?=(?:{c['participle_determiners']})\b)"),
        "description_opening": re.compile(
            r"\s*(?:"
            + "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in c["description_openers"].split("|"))
            + r"|[A-Z][\w’'-]+[’']s?)\s"
        ),
        "apposition": re.compile(
            rf"\s+(?:(?:{c['apposition_verbs']})\s+|,\s*who\s+(?:{c['apposition_verbs']})\s+)"
            rf"((?:{c['apposition_determiners']})\s+[^,.;:\n“”\"()]{{1,60}})"
        ),
        "organisation_article": re.compile(rf"^(?:{c['organisation_leading_words']})\s+"),
        "the_head": re.compile(rf"^(?:{c['the_head_determiners']})\s+(?P<head>[a-z]+)$", re.I),
        "spokes_for": re.compile(rf"\b(?:{c['spokes_for_prepositions']})\s+(?:the\s+)?(?P<head>[a-z]+)$", re.I),
        "recipient": re.compile(rf"\s+(?:{c['recipient_prepositions']})\s+(?:the\s+)?"),
        "definite_head": re.compile(
            rf"^(?:(?:{c['definite_head_determiners']}|[A-Z][\w’'-]+[’']s?)\s+)?(?:[\w-]+\s+){{0,2}}?(?P<head>[a-z]+)$",
            re.I,
        ),
        "complement_of_end": re.compile(rf"\b(?:{c['complement_of_prepositions']})\s+(?:the\s+)?$"),
        "title_run_breakers": frozenset(c["title_run_breakers"].split("|")),
        # a document named by a capitalised name ending in one of these ("The Anthony Grainger
        # Public Inquiry", "the Serious Case Review")
        "named_document": re.compile(rf"\b(?:[A-Z][\w’'-]*[^\S\n]+){{1,5}}(?:{c['named_document_nouns']})\b"),
        "possessor": re.compile(
            rf"\b(?:(?:{c['possessor_titles']})\.?\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*[’']s?\b(?=\s)"
        ),
        "definite_person": re.compile(
            rf"^(?:{c['definite_person_determiners']})\s+(?:\d{{1,3}}-year-old\s+)?(?:[a-z][\w-]*\s+){{0,2}}?"
            r"(?P<noun>[A-Za-z]+)$",
            re.I,
        ),
        "spokes_of_named": re.compile(
            rf"\s+(?:{c['spokes_of_prepositions']})\s+(?:the\s+)?"
            rf"(?P<org>[A-Z][\w’'&-]*(?:\s+(?:{c['organisation_name_joiners']}|[A-Z][\w’'&-]*))*"
            rf"(?:(?<=[’']s)\s+(?:{c['organisation_office_nouns']}))?)$"
        ),
        "apposed_end_cue": re.compile(
            rf",\s*(?P<name>[A-Z][\w’'-]+(?:[^\S\n]+[A-Z][\w’'-]+){{1,3}}),\s*(?P<desc>[^,;:“”\"]{{1,90}}),\s*"
            rf"(?:{verbs})\b[^,;:“”\"]{{0,120}}[.!?]?\s*$",
            re.I,
        ),
        "sentence_end_cue": re.compile(
            rf",\s*(?:(?P<who>[^,;:“”\"]{{1,70}}?)\s+(?:{verbs})|(?:{verbs})\s+(?P<who2>[^,;:“”\"]{{1,70}}?))"
            rf"(?:\s+(?:{c['speaker_end_followers']})\b[^,;:“”\"]{{0,40}})?\s*[.!?]?\s*$",
            re.I,
        ),
    }
    aux = c["passive_auxiliaries"]
    a["passive_as"] = re.compile(rf"\b(?:{aux})\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+(?:as\s+)?$")
    a["people_group"] = re.compile(rf"\b(?:{c['people_group_nouns']})$", re.I)  # "they", never "it"
    a["passive_end"] = re.compile(rf"\b(?:{aux})\s+(?:\w+ly\s+)?$")
    # a passive verb of its own ending a text: "the car was rammed " (its "by" is that verb's)
    a["passive_verb_end"] = re.compile(rf"\b(?:{aux})\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ght|t)\s+$")
    a["determiner_end"] = re.compile(rf"\b(?:{c['noun_determiners']})\s+$", re.I)
    a["possessive_end"] = re.compile(c["possessive_end"], re.I)
    # a relative clause whose pronoun is its subject ("a man who died"), not one with its own
    # subject after the pronoun ("the inquiry, in which the Chairman said")
    a["relative_subject"] = re.compile(
        rf"(?<=[a-z])\s+(?:{c['subject_relative_pronouns']})\s+(?!(?:{c['subject_determiners']})\b|[A-Z])\w+[^,;:]*$"
    )
    a["courtesy_name"] = re.compile(rf"(?:{c['courtesy_titles']})\.?\s+([A-Z][\w’'-]+)")  # "Mr Lewis"
    a["courtesy_name_end"] = re.compile(rf"(?:{c['courtesy_titles']})\.?\s+[A-Z][\w’'-]+$")
    a["preposition_set"] = frozenset(w.lower() for w in c["prepositions"].split("|"))
    a["date_lead"] = re.compile(rf"^(?:{c['date_phrase']}),?\s+(?=[A-Z])")  # "February 12 Mr Williams"
    a["date_only"] = re.compile(rf"(?:(?:on|by|between|and|until|since)\s+)?(?:{c['date_phrase']})")
    a["adverb_set"] = frozenset(c["adverbs"].split("|"))
    a["the_report"] = re.compile(rf"^(?:(?:{c['report_head_determiners']})\s+)?(?:{c['report_nouns']})$", re.I)
    a["pronoun_opening"] = re.compile(rf"(?:{c['pronouns']})\b", re.I)  # "He said:", "It added:"
    a["pronoun_clause"] = re.compile(rf"(?:{c['pronouns']})\s+[a-z]", re.I)  # "It comes", "She visited her GP"
    relative = c["relative_clause_pronouns"]
    a["relative_end"] = re.compile(rf",\s+(?:{relative})\b[^,]*,\s*$")  # "X, who …, said" → X
    a["non_restrictive"] = re.compile(rf",\s+(?:{relative})\b.*")
    a["relative_start"] = re.compile(rf"^(?:{relative})\b.*")
    a["relative_tail"] = re.compile(rf",?\s+(?:{c['relative_tail_openers']})\b.*")
    a["name_relative"] = re.compile(rf"(?P<keep>.*\b[A-Z][\w’'-]+)\s+(?:{c['name_relative_pronouns']})\s+\S.*$")
    a["name_relative_probes"] = tuple(f" {w}" for w in c["name_relative_pronouns"].split("|"))  # (a fast test first)
    reach = c["harmed_pronoun_chars"]  # the first pronoun after a mention of the person harmed
    a["pronoun_after"] = re.compile(
        rf"[^.!?\n]{{0,{reach}}}?\b(?:(?P<m>he|his|him)|(?P<f>she|her))\b"
        rf"|[^.!?\n]{{0,{reach}}}[.!?]\s+(?:(?P<m2>He|His)|(?P<f2>She|Her))\b"
    )
    # "The IOPC released a statement from the family (following …):": the source speaks
    a["statement_source"] = re.compile(
        rf"^\s*(?:{c['author_prepositions']})\s+(?P<who>[^,;:]{{2,60}}?)(?:\s+(?:{c['statement_source_followers']})\b[^,;:]*)?\s*[:,]?\s*$"
    )
    # an apposition that is an event ("Sean Holt, 40, died at …") or says what the person did
    # ("X, who apologised to …", "X, speaking to reporters"), not what the person is
    a["event_apposition"] = re.compile(rf"(?:{c['event_apposition_verbs']})\b")
    a["not_description_apposition"] = re.compile(
        rf"who\s+(?!(?:{c['description_relative_verbs']})\b)|\w+ing\b|(?:{c['apposition_speech_verbs']})\b"
    )
    a["complement_split"] = re.compile(rf"\s+(?:{c['complement_prepositions']})\s+")
    a["read_by"] = re.compile(rf",\s*(?:{c['read_by_verbs']})\b.*$", re.I)
    a["relative_probes"] = tuple(f" {w} " for w in c["subject_relative_pronouns"].split("|"))  # (a fast test first)
    institutions = rf"(?:{c['institutions']})"
    a["institution_words"] = re.compile(rf"\b{institutions}$", re.I)  # a candidate that is an institution
    a["not_speaker_needs"] = _Needs(a["not_speaker"])
    a["institution_needs"] = _Needs(
        a["institution_heard"],
        institutions,
        heard,
        guard=rf"{institutions}(?:\s+(?:in|at)\s+[\w’'-]+)?(?:\s*,\s*which)?\s+(?:(?:{c['institution_auxiliaries']})\s+)?{heard}\b",
    )
    a["institution_pronoun_needs"] = _Needs(a["institution_pronoun"], heard)
    a["statement_intro_needs"] = _Needs(
        a["statement_intro"],
        rf"(?:{svs})\s+",
        rf"(?:{nouns})",
        guard=rf"(?:{svs})\s+{det}(?:[\w’'-]+\s+){{0,3}}?(?:{nouns})s?\b[^:]*?[:,]?\s*$",
    )
    a["statement_read_needs"] = _Needs(
        a["statement_read"],
        rf"(?:{nouns})",
        rf"\s+(?:{c['statement_read_relatives']})\s+",
        rf"(?:{c['statement_read_verbs']})",
    )
    return a


_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+")
_QUOTE_MARK = re.compile(r"[“”\"]")


def _sentence_before(text: str) -> str:
    """The part of ``text`` after its last sentence end (empty when ``text``
    ends with one: the quotation then opens a sentence)."""
    return _SENTENCE_END.split(text)[-1]


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _clean(who: str) -> str:
    c = conf()
    who = who.strip(' ,;:—–-\n\t“”"‘’')
    if _DIGIT.search(who):  # every age pattern holds a digit
        who = _AGE_MID.sub(", ", _AGE.sub("", _AGE_PAREN.sub("", who)))  # (and "Kyle Stark (27), Dean Stark (25)")
    who = aconf()["relative_opener"].sub("", who)  # "to which Mrs Begley (replied)"
    for _ in range(3):
        done = who
        who = aconf()["date_lead"].sub("", c["leading"].sub("", who).strip())
        who = c["trailing"].sub("", who).strip(" ,")
        # a sentence adverb beside the verb is no part of the speaker ("now the watchdog", "The family still")
        who = aconf()["adverb_tail"].sub("", aconf()["adverb_lead"].sub("", who))
        if who == done:  # a further round would change nothing either
            break
    return who


_FIRST_NAME_ONLY = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_LOWER_LEAD = re.compile(r"^(?:[a-z][\w’'-]*\s+)+(?=[A-Z])")


def _passive(text: str) -> bool:
    return bool(aconf()["passive_end"].search(text))


_AGE = re.compile(r",?\s*\(?\b\d{1,3}\)?\s*,?\s*$")  # "Mrs Marsh, 61"
_AGE_MID = re.compile(r"(?<=\w),\s*\d{1,3},\s*(?=\w)")  # "Mr Alam, 40, whose marriage" → "Mr Alam, whose marriage"
_DIGIT = re.compile(r"\d")
_AGE_PAREN = re.compile(r"\s*\(\d{1,3}\)(?=[\s,])")
_AND_IN_NAME = re.compile(r"(\b[A-Z][\w’']*) and (?=[A-Z])")
PASSIVE = ""  # a passive speech verb with no agent ("they were told …"): no speaker named


_CAPITAL_END = re.compile(r"\b[A-Z][\w’'-]*\s*$")
_APPOSED_NAME = re.compile(r",\s*(?P<name>[A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*){1,3})\s*(?:,|[.!?]|$)")
_CLOSING_NAME = re.compile(
    r",\s*(?P<name>[A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*){1,3})(?:,\s*\d{1,3})?\s*(?:[.!?]|$|,\s+[a-z])"
)  # (an age after the name: "…,” added his mother, Sarah Smith, 52."; a phrase after it:
# "…,” said her father, Ken Chambers, on behalf of her family.")
_WHO_END = re.compile(r",?\s+who\s+$")
_CONJUNCTIONS = frozenset(("and", "or", "&"))  # (a fact of English) a noun phrase never ends with one
_AND_END = re.compile(r"(?:\s+and|,?\s+but)\s*$")  # (a fact of English: the coordinating words)
_BRACKETED = re.compile(r"\([^()]*\)")


_CAPITAL_LAST_WORD = re.compile(r"\s[A-Z][a-z]+$")
_RELATIVE_SUBJECT_END = re.compile(
    r"\b(?:in|by|of|to|with|from|after)?\s*(?:which|whom)\s+(?P<who>[^,;:“”\"]{1,60}?)\s*$"
)
_PARTICIPLE_OPENING = re.compile(r"[A-Z][a-z]+ing\s+[a-z]")  # "Speaking from …", "Paying tribute"


def _subject_of_verb(before: str, after: str = "") -> str | None:
    """The noun phrase before the last speech verb of reported speech; for a
    passive verb ("has been asked to …", "was described as … by his
    mother") the agent after "by", else None."""
    c = conf()
    determiner_end, reach = aconf()["determiner_end"], c["noun_determiner_chars"]
    possessive_end = aconf()["possessive_end"]
    verbs = [
        v
        for v in c["verb_fast"].finditer(before)
        if not determiner_end.search(before, max(0, v.start() - reach), v.start())
        and not (
            (
                before[v.start() - 3 : v.start() - 1] in ("’s", "'s")
                or before[v.start() - 2 : v.start() - 1] in ("’", "'")
            )
            and possessive_end.search(before, max(0, v.start() - reach), v.start())
        )
    ]
    if not verbs:  # ("The claims have been dismissed": a noun after a determiner)
        return None
    if aconf()["new_subject_end"].search(before, verbs[-1].end()):
        # "she told a nurse she feared …, but this disclosure “produced no action …”": a clause
        # of its own, with its own subject, after the speech verb's clause
        return None
    if _passive(before[: verbs[-1].start()]):
        rest = before[verbs[-1].end() :] + " " + re.split(r"(?<=[.!?])\s", after)[0]
        m = aconf()["passive_by"].search(rest)
        if m and not aconf()["passive_verb_end"].search(rest, 0, m.start()):
            # (not the agent of a passive of its own in the clause reported: "The jury was told
            # the car was rammed by a police van")
            return _clean(m.group("who"))
        if (
            len(verbs) > 1
            and (chain := _subject_of_verb(before[: verbs[-2].end()] + " "))
            and aconf()["institution_words"].search(chain)
        ):
            # "Jurors found the threshold had been met and that it had been agreed the plan was
            # the “safest option”": a passive with no agent inside an institution's finding is its
            return chain
        return PASSIVE
    head = _WHO_END.sub("", before[: verbs[-1].start()])  # "X, who said" → X
    if (
        ("which" in head or "whom" in head)
        and (rel := _RELATIVE_SUBJECT_END.search(head))
        and (conf()["pronoun"].match(inner := _clean(rel.group("who"))) or _plausible(inner))
    ):
        # "He released a statement in which he said", "the report, which the IOPC said": the
        # subject of the relative clause the speech verb is in; a pronoun there is the
        # subject of the clause the sentence opens with ("The misconduct panel was scathing
        # about the IPCC, whom it accused of …" → the misconduct panel)
        if conf()["pronoun"].match(inner) and (main := _clause_subject(head[: rel.start()])):
            return main
        return inner
    # "…, and Tom Reid, for the officer, representing him, said": a participle phrase set
    # off by commas before the verb is no subject
    head = aconf()["participle_apposition_end"].sub(", ", head)
    if (
        any(probe in head for probe in aconf()["relative_probes"])
        and (rel := aconf()["relative_subject"].search(head))
        and rel.start() > 0
        and "," not in head[rel.start() :]
    ):
        # "The sister of a man who died in police custody has claimed": the subject is before "who"
        head = head[: rel.start()]
    if verbs[-1].group().lower().endswith("ing") and not head.rstrip().endswith(","):
        # a participle's subject is the noun phrase right before it ("concerns about her
        # ex-partner threatening to …"); after a comma it is the sentence's subject
        near = _clean(aconf()["preposition_split"].split(c["boundary"].split(head)[-1])[-1])
        near = (
            _clean(aconf()["participle_split"].split(near)[-1]) or near
        )  # "weapons containing a note saying" → a note
        if near and _plausible(near) and not c["pronoun"].match(near):
            return near
    if len(verbs) > 1 and verbs[-1].group().lower().endswith("ing") and head.rstrip().endswith(","):
        # "Ben’s family paid tribute to him, saying he was …": after a comma the participle's
        # subject is that of the sentence's speech verb before it
        return _subject_of_verb(head.rstrip().rstrip(","))
    if m := c["verb_pronoun_needs"].search(head):  # "The family said they felt": the subject of the first verb
        head = head[: m.start()]
    if (
        (m := _AND_END.search(head))
        and not _SENTENCE_END.search(head)
        and (
            shared := _subject_of_verb(head[: m.start()])
            if len(verbs) > 1
            else _clause_subject(c["boundary"].split(head[: m.start()])[-1]) or _clause_subject(head[: m.start()])
        )
    ):
        # "X’s family welcomed the decision and said they felt …", "At a hearing, the panel
        # considered the sanctions and agreed that …": a verb coordinated with the verb before it
        # shares that verb's subject, the subject of the clause the "and" closes first ("…, after the
        # boy refused to open the door and told the officer")
        return shared
    head = _BRACKETED.sub("", head)  # "X (HMICFRS), which …, announced" → X
    head = aconf()["relative_end"].sub(" ", head)
    head = _AND_IN_NAME.sub("\\1 \x00 ", head)  # "Constabulary and Fire & Rescue Services" is one name
    # "The male and female PCs", "His mother and father": two words sharing a determiner and a head are one subject
    if " and " in head:
        head = aconf()["shared_head_and"].sub("\\1 \x00 ", head)
    raw_parts = [p for p in c["boundary"].split(head) if p.strip()]
    while len(raw_parts) > 1 and "\x00" in raw_parts[-1] and _CAPITAL_END.search(raw_parts[-2]):
        # "Relatives of the former Aston Villa, Sheffield Wednesday and Ipswich Town star said":
        # the comma is a list's, inside one noun phrase
        raw_parts[-2:] = [raw_parts[-2] + "," + raw_parts[-1].replace("\x00", "and", 1)]
    parts = [w for p in raw_parts if (w := _clean(p.replace("\x00", "and")))]
    if len(parts) > 1 and _PARTICIPLE_OPENING.match(parts[0]):
        # "Speaking from their home this week, Tom’s mother Ann, 53, and brother Ben said":
        # an opening participle phrase is no subject
        parts.pop(0)
    if not parts:
        return None
    if len(parts) > 1 and _adverbs_only(parts[-1]) and _plausible(parts[-2]):
        parts.pop()  # "The family's solicitor, Jane Dyson, today described": the adverb is no subject
    # the noun phrase right before the verb ("Their mother, Pauline Marsh, described"),
    # else the sentence's subject ("The family of a man who died after being restrained … have said")
    if head.rstrip().endswith(",") and len(parts) >= 2:
        # an apposition of a name and a description, in either order: the name speaks
        # ("Mina Smallman, mother of the two victims, said", "Mr Alam's solicitor, Chris Eyres, who …, said")
        bare = [p for p in parts[:2] if _is_bare_name(p)]
        if len(bare) == 1 and ", and " not in head and len(_people(head)) <= 2:  # not a list of names
            return bare[0]
        if (
            len(parts) == 2
            and _FIRST_NAME_ONLY.fullmatch(parts[1])
            and aconf()["descriptor_word"].search(parts[0])
            and _plausible(parts[0])
        ):
            return f"{parts[0]}, {parts[1]}"  # "His partner, Karen, said": the description names her role
    if head.rstrip().endswith(",") and (words := [w for w in c["boundary"].finditer(head) if w.group()[0].isalpha()]):
        # "… hours after police watchdog, the IOPC, concluded": the subject lies in the clause
        # after the last subordinating word, a noun phrase and its apposition
        tail = [t for p in head[words[-1].end() :].split(",") if (t := _clean(p))]
        if len(tail) == 2 and all(_plausible(t) for t in tail):
            if _is_bare_name(tail[0]) and not _people(tail[1]):
                return tail[0]  # "…, and Tom Reid, chairman of the Kent Police Federation, said": the name
            if any(_organisations_in(tail[1])):
                return tail[1]  # the organisation named in apposition
            if _people(tail[1]):
                return f"{tail[0]}, {tail[1]}"
    if head.rstrip().endswith(",") and len(parts) > 2 and (_plausible(parts[0]) or aconf()["authored"].match(parts[0])):
        return parts[0]  # "Jurors at the inquests into the deaths of A, 23, B, 22, and C, concluded"
    return parts[-1] if _plausible(parts[-1]) or len(parts) == 1 or not _plausible(parts[0]) else parts[0]


def _adverbs_only(part: str) -> bool:
    """A part of adverbs only ("The family's solicitor, Jane Dyson, today described"): no noun phrase."""
    return part.islower() and all(w in aconf()["adverb_set"] for w in part.split())


def _is_bare_name(part: str) -> bool:
    """A part that is one person's name and nothing else ("Chris Eyres", "Mrs Holt")."""
    names = _people(part)
    return (
        len(names) == 1 and names[0][1] == len(part) - len(names[0][0]) and strip_title(part) == names[0][0]
    ) or bool(_short_form(part))


_AND_WORD = re.compile(r"\s+and\s+")


def _intro(text: str) -> str | None:
    """The speaker of "X said:" / "X, …, said on behalf of Y:" / "X has
    issued a statement (regarding …):" ending ``text``."""
    a = aconf()
    has_noun = bool(a["statement_noun"].search(text))  # cheap test before the two long patterns
    m = a["statement_intro_needs"].search(text) if has_noun else None
    if (
        not m and has_noun and (r := a["statement_read_needs"].search(text))
    ):  # "the officer had changed a statement which read:"
        return _leading_phrase(conf()["boundary"].split(r.group("who"))[-1])
    m = m or conf()["intro"].search(text)
    if not m:
        return None
    # "on behalf of the family" anywhere in the introduction makes the statement the family's
    # ("In a statement read on behalf of the family by their solicitor, X, they said:")
    behalf = aconf()["on_behalf"].search(m.group("rest")) or aconf()["on_behalf"].search(text, 0, m.start("rest"))
    who = _clean(m.group("who"))
    if has_noun and (source := aconf()["statement_source"].match(m.group("rest"))):
        # "The IOPC released a statement from the family:": the statement's source speaks
        who = _clean(source.group("who"))
    if (
        conf()["verb_fast"].search(m.group("rest"))
        and (last := _subject_of_verb(text.rstrip(" :,")))
        and last != who
        and _plausible(last)
        and not conf()["pronoun"].match(last)
    ):
        # "Mrs Kay told the court that she … heard the officer say:" — the last speech verb's subject
        who = last
    if (
        who.endswith(("and", "but"))  # (a literal test first)
        and (coordinated := _AND_END.search(who))
        and (shared := _clause_subject(who[: coordinated.start()]))
    ):
        # "Mr Ayling declined to discuss …, but said:": a verb coordinated with the verb before
        # it shares that verb's subject
        who = shared
    if " and " in who and not _plausible(who):
        # (round eleven) "The hearing took place before a panel … and Sussex Police said:": the
        # subject of the last coordinated clause, never the clause before it (the first "and"
        # whose tail is a speaker: "… at Truro and Devon and Cornwall Police")
        for cut in _AND_WORD.finditer(who):
            tail = who[cut.end() :]
            if tail[:1].isupper() and _plausible(tail) and not _plausible(who[: cut.start()]):
                who = tail
                break
    if _subordinate(who):  # "When the operator asked if …, she replied:" → she; "When asked by X, …" → X
        if (agent := aconf()["passive_by"].match(m.group("rest").lstrip())) and not agent.group("who").startswith(
            ("the way", "a way")
        ):
            return _clean(agent.group("who"))
        main = text[m.end("who") :].rsplit(",", 1)
        return _intro(main[1]) if len(main) == 2 and main[1].strip(" :") else None
    return who + (f", {behalf.group().strip()}" if behalf and who else "")


def _subordinate(who: str) -> bool:
    """A candidate that opens with a subordinating word or a preposition
    ("When the operator", "During the murder trial", "By Rebecca Black"):
    a clause, not the speaker."""
    return bool(aconf()["subordinate"].match(who))


def _after(body: str, after: str) -> str | None:
    """ "…,” said X" / "…,” she said" right after the quotation (not a new sentence)."""
    c = conf()
    head = after.lstrip()[:1]
    if not (head.islower() or head == "," or body.rstrip().endswith(",")):
        return None
    for pattern in ("after_verb_first", "after_who_first"):
        if m := c[pattern].match(after):
            who = m.group("who")
            if pattern == "after_who_first" and _passive(who + " "):
                return None  # "…,” but the inquiry has not yet been concluded": a passive, no speaker
            if pattern == "after_verb_first" and (app := _CLOSING_NAME.match(after, m.end())):
                who += ", " + app.group("name")  # "…,” said his sister, Tasha Clarke.
            return _clean(who)
    return None


def _sentence_end_cue(after: str, pronoun: bool = False) -> str | None:
    """ ", X said." / ", said X." closing the sentence the quotation is in
    ("A “full file” was passed to the CPS, an IOPC spokesperson said.",
    "‘had knife’, mother says"); with ``pronoun``, ", she said." too (the
    pronoun is resolved like any other)."""
    sentence = _SENTENCE_END.split(after, maxsplit=1)[0]
    # (no comma follows the cue's comma: a match can only start at the sentence's last comma)
    comma = sentence.rfind(",")
    if comma < 0 or "“" in sentence or '"' in sentence or not conf()["verb_fast"].search(sentence[comma:]):
        return None
    m = aconf()["sentence_end_cue"].match(sentence, comma)
    who = _clean(m.group("who") or m.group("who2")) if m else None
    if who and aconf()["authored"].match(who):
        return who  # ", the report found.": resolved to what it refers to
    if pronoun and who and conf()["pronoun"].match(who):
        return who
    if who and _plausible(who) and not conf()["pronoun"].match(who) and not _subordinate(who):
        return who
    # "…”, Samantha Broadfoot, the assistant coroner for …, said in a report to …": a name
    # and its apposition before the verb (the name's comma is at most two commas back)
    start = sentence.rfind(",", 0, sentence.rfind(",", 0, comma))
    if start >= 0 and (m := aconf()["apposed_end_cue"].match(sentence, start)):
        return _clean(f"{m.group('name')}, {m.group('desc')}")
    return None


_QUOTED_SPAN = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def _closing_cue(text: str, start: int, end: int, after: str, pronoun: bool = False) -> str | None:
    """The cue closing the sentence after a quotation (``after``: up to the
    next quotation), or, when the next quotation lies in the same sentence,
    the one closing the sentence after it: "The jury found “…” that led to
    “…”, she said." — the attribution governs every quotation of its sentence
    (the later quotations stand as one word; ``text[start:end]``: the rest of
    the paragraph)."""
    if end - start > len(after) and not _SENTENCE_END.search(after):
        return _sentence_end_cue(_QUOTED_SPAN.sub("quotation", text[start:end]), pronoun)
    return _sentence_end_cue(after, pronoun)


def _agent_after(before: str, after: str) -> str | None:
    """ "… have been dismissed as “inaccurate” by the Scottish Police
    Federation": a passive verb before the quotation, its agent right after it."""
    if not aconf()["passive_as"].search(before, max(0, len(before) - conf()["passive_lookback_chars"])) or not (
        m := aconf()["passive_by"].match(after.lstrip())
    ):
        return None
    who = _clean(m.group("who"))
    return who if _plausible(who) else None


def _institution(before: str) -> str | None:
    """ "The inquest heard …", "Birmingham Crown Court was told …": the
    inquest, court or hearing is the speaker of words it heard with no other
    speaker ("inquest", role other)."""
    m = aconf()["institution_needs"].search(before)
    if not m:
        return None
    who = _clean(m.group("who"))
    who = _LOWER_LEAD.sub("", who)  # "(was jailed) after Birmingham Crown Court (heard)"
    low = " " + who.lower()  # "(Jo Hart did) not attend the hearing(, which was told)": from its determiner
    if (cut := max(low.rfind(" the "), low.rfind(" an "), low.rfind(" a "))) > 0:
        who = who[cut:]
    return aconf()["article"].sub("", who)


def _institution_closing(after: str) -> str | None:
    """ "Officers had “broken the rules”, the inquest heard.", "‘…’, inquest hears": an
    inquest, court or hearing closing the sentence with a verb of hearing (round ten)."""
    sentence = _SENTENCE_END.split(after, maxsplit=1)[0]
    comma = sentence.rfind(",")
    if comma < 0 or "“" in sentence or '"' in sentence:
        return None
    tail = sentence[comma:].lower()
    if "hear" not in tail and "told" not in tail:  # (a literal gate: every verb of hearing holds one)
        return None
    m = aconf()["institution_closing"].match(sentence, comma)
    return aconf()["article"].sub("", _clean(m.group("who"))) if m else None


def _institution_pronoun(text: str, at: int, before: str) -> str | None:
    """ "The hearing began on Monday. It heard he …": "it" hearing is the inquest,
    court or hearing named last in the `sentence_window` characters before (round ten)."""
    if not aconf()["institution_pronoun_needs"].search(before):
        return None
    start = at - len(before)
    window = text[max(0, start - conf()["sentence_window"]) : start]
    found = [m.group(0) for m in aconf()["institution_mention"].finditer(window)]
    return found[-1].lower() if found else None


def _according(text: str) -> str | None:
    """ "according to X" (with a name in apposition: "according to the family’s solicitor, Ruth Brander,")."""
    m = conf()["according"].search(text)
    if not m:
        return None
    who = m.group("who")
    if app := _APPOSED_NAME.match(text, m.end()):
        who += ", " + app.group("name")
    return _clean(who)


def _empty(who: str | None) -> bool:
    """No speaker left: "and added:" after a quotation in the same sentence."""
    return not who or who.lower() in aconf()["empty"]


@dataclass
class _State:
    previous: Quote | None = None
    speaker: Speaker | None = None


def attribute(doc: Document, quote: Quote, state: _State, until: int = 1 << 62) -> tuple[str | None, str]:
    """The speaker of ``quote`` as written in the text (None when unknown) and
    how it was found: ``cue`` (in its sentence, right after it, or the
    sentence or paragraph before), ``continuation`` (the previous quotation's
    speaker) or ``none``."""
    text, para = doc.text, doc.paragraphs[quote.paragraph]
    prev = state.previous
    same_para = prev is not None and prev.paragraph + prev.paragraphs - 1 == quote.paragraph and prev.end <= quote.start
    lead = text[max(prev.end if same_para else para.start, quote.start - conf()["sentence_window"]) : quote.start]
    before = _sentence_before(lead)
    # up to the next quotation in the paragraph (every cue after a quotation stops at a quotation mark)
    after = text[quote.end : min(doc.paragraphs[quote.paragraph + quote.paragraphs - 1].end, until)]
    continues = state.speaker is not None and state.speaker.name is not None
    if quote.kind == "partial":
        subject = _subject_of_verb(before, after)
        para_end = doc.paragraphs[quote.paragraph + quote.paragraphs - 1].end
        # the cue's comma inside the marks: "A bag found in his stomach “had ruptured,” the inquest found."
        inner_cue = _after(quote.text, after) if quote.text.rstrip().endswith(",") else None
        if subject and (end_cue := _closing_cue(text, quote.end, para_end, after, pronoun=True) or inner_cue):
            # "The police came quickly, but failed to speak to …, who was “…”, the report says.":
            # the attribution closing the sentence governs all of it
            subject = end_cue
        elif subject and _fragment(subject):
            subject = None  # a clause is never a speaker: the fallbacks below decide
        if subject and subject.lower() == "it" and (heard_by := _institution_pronoun(text, quote.start, before)):
            subject = heard_by  # "It was told …": the inquest, court or hearing named before
        who = (
            subject
            or _agent_after(before, after)
            or _according(after)
            or _according(before)
            or _institution(before)
            or _institution_pronoun(text, quote.start, before)
            or (_sentence_end_cue(after) or inner_cue or _institution_closing(after) if subject is None else None)
        )  # after a passive verb: the reporting chain
        if who:
            return who, "cue"
        if (
            same_para
            and continues
            and (_empty(_clean(before)) or not (_SENTENCE_END.search(lead) or conf()["verb_fast"].search(before)))
        ):  # "… “long overdue” and that … “let down”"
            return None, "continuation"
        if (
            subject is None
            and not conf()["verb_fast"].search(before)
            and (who := _introduced_before(doc, quote.paragraph))
        ):
            return who, "cue"  # no speech verb: the speaker the paragraph before introduced
        if continues and prev is not None and quote.paragraph - (prev.paragraph + prev.paragraphs - 1) <= 1:
            return None, "continuation"
        return None, "none"
    if before.strip():
        who = _intro(before) or _according(before) or _subject_of_verb(before, after) or _label(before)
        if who and _fragment(who):  # a clause before the quotation: the cue closing its sentence
            who = _sentence_end_cue(after) or who
        if not _empty(who):
            return who, "cue"
        if same_para and continues:
            return None, "continuation"
    if who := (_after(quote.text, after) or _according(after)):
        return who, "cue"
    if same_para and continues:  # "“…,” she said. “…”"
        return None, "continuation"
    if lead.strip() and (who := _sentence_subject(lead)):  # the sentence before in the paragraph
        return who, "cue"
    if not lead.strip() and not continues and (who := _next_sentence_speaker(after)):
        return who, "cue"  # "“We are heartbroken.” Mrs Holt said the family …"
    if lead.strip():
        return (None, "continuation") if continues else (None, "none")
    gap = quote.paragraph - (prev.paragraph + prev.paragraphs) if prev else 99
    if continues and gap == 0:
        return None, "continuation"
    if who := _introduced_before(doc, quote.paragraph):
        return who, "cue"
    if continues and gap < conf()["continuation_paragraphs"] and not _someone_between(doc, prev, quote):
        return None, "continuation"
    return None, "none"


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _fragment(who: str) -> bool:
    """A candidate that is a clause with no speaker in it: not a name or a
    description, not a pronoun or a document ("the report"), and holding no
    reporting clause whose subject speaks."""
    if _plausible(who) or conf()["pronoun"].match(who) or aconf()["authored"].match(who) or _outer_subject(who):
        return False
    # "Mrs Begley could be (heard telling …)": a clause that opens with a person is that person's
    lead = _leading_phrase(aconf()["subordinate_clause"].sub("", who))
    return not (lead and (_people(lead) or _short_form(lead)))


def _label(before: str) -> str | None:
    """ "The statement read:" (→ its author) or a speaker named before a bare
    colon ("Nasrit Ullah, sister of Habib Ullah: ‘…’")."""
    if m := aconf()["authored_intro"].match(before):
        return m.group("who")
    if m := aconf()["family_label"].fullmatch(before.strip()):  # "Family statement:", "Statement by the family:"
        return _clean(m.group("who") or m.group("who2"))
    m = re.fullmatch(r"\s*(?:[•*–-]\s*)?(?P<who>[^.!?:“”\"]{2,80}?)\s*:\s*", before)
    if m and (_people(m.group("who")) or role_of(m.group("who"))) and _plausible(m.group("who")):
        return _clean(m.group("who"))
    return None


def _sentence_subject(lead: str) -> str | None:
    """The speaker introduced by the sentence before the quotation in its
    paragraph ("Ms Holt spoke outside court. “…”", "X said:")."""
    sentences = [s for s in _SENTENCE_END.split(lead.strip()) if s.strip()]
    if not sentences or _OPEN.search(sentences[-1]):
        return None
    last = sentences[-1].strip()
    return (_intro(last) if last.endswith(":") else None) or _subject_of_verb(last) or _narrative_subject(last)


def _next_sentence_speaker(after: str) -> str | None:
    """The subject of a speech verb opening the sentence right after a
    quotation (in its paragraph), when nothing else names the speaker."""
    nxt = after.lstrip()
    if not nxt[:1].isupper() or _OPEN.match(nxt):
        return None
    sentence = _SENTENCE_END.split(nxt)[0]
    m = conf()["intro_subject"].match(sentence)
    if not m:
        return None
    who = _clean(m.group("who"))
    return who if (_people(who) or role_of(who) or _short_form(who)) and _plausible(who) else None


def _narrative_subject(sentence: str) -> str | None:
    """A person named at the start of a sentence without speech ("Louise
    Brookes, whose brother died, summed up her feelings.")."""
    lead = _lead_person(sentence)
    if lead and len(lead[1].split()) <= conf()["narrative_subject_lead_words"] and not _OPEN.search(lead[1]):
        return _bare(lead[0])
    # "The family welcomed the decision." / "His mother has campaigned for years." then “…”
    text = sentence.strip()
    m = aconf()["family_subject"].match(text)
    return _clean(m.group("who")) if m and _LOWER_NEXT.match(text, m.end()) else None


def _lead_person(sentence: str) -> tuple[str, str] | None:
    """The first person named in a sentence's opening, and the words before the name."""
    names = _people(sentence[: conf()["narrative_subject_chars"]])
    return (names[0][0], sentence[: names[0][1]]) if names else None


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def _someone_between(doc: Document, prev: Quote, quote: Quote) -> bool:
    """A speech verb with a subject in the paragraphs between two quotations."""
    for p in doc.paragraphs[prev.paragraph + prev.paragraphs : quote.paragraph]:
        if p.kind == "article" and conf()["verb_fast"].search(doc.text[p.start : p.end]):
            return True
    return False


def _introduced_before(doc: Document, index: int) -> str | None:
    """ "X said:" or "Statement from X:" in the paragraph before, or the
    subject of "The IOPC said …" there when the quotation stands alone."""
    c = conf()
    prev = next((doc.paragraphs[i] for i in range(index - 1, -1, -1) if doc.paragraphs[i].kind == "article"), None)
    if prev is None:
        return None
    text = doc.text[prev.start : prev.end].strip()
    if m := c["statement_from"].search(text):
        return _clean(m.group("who"))
    last = _sentence_before(text) or text
    last = _SENTENCE_END.split(text)[-1] or text
    if last.endswith(":"):
        return _intro(last) or _label(last)
    if not _OPEN.search(text):
        if not text.endswith((".", "!", "?", "”", '"')) and not c["verb_fast"].search(text):
            if len(text) <= conf()["family_label_max_chars"] and (m := aconf()["family_label"].fullmatch(text)):
                return _clean(m.group("who") or m.group("who2"))  # a crosshead "Family statement"
            return None  # a caption or a crosshead ("Faruk Ali" under a photograph), not an introduction
        return _subject_of_verb(last) or _narrative_subject(last) or _issuer(last) or _in_a_statement(last)
    return None


def _issuer(sentence: str) -> str | None:
    """The one who issues or reads out a statement in a sentence of its own
    ("Outside court, the family’s solicitor read a statement on their behalf."):
    the speaker of the quotation after it."""
    a = aconf()
    if (
        len(sentence)
        > conf()["issuing_sentence_max_chars"]  # (a sentence that only says who issues a statement is short)
        or not a["statement_noun"].search(sentence)
        or not (m := a["statement_intro_needs"].search(sentence))
    ):
        return None
    who = _clean(m.group("who"))
    behalf = a["on_behalf"].search(m.group("rest"))
    return (who + (f", {behalf.group().strip()}" if behalf else "")) if who and _plausible(who) else None


def _in_a_statement(sentence: str) -> str | None:
    """ "In a statement, Scotland Yard defended its handling of the case.": the
    organisation or person named right after the opening (the statement's author)."""
    m = aconf()["in_a_statement"].match(sentence)
    return _clean(m.group("who")) if m else None


# --------------------------------------------------------------------------- entities


def role_of(text: str, skip: tuple[str, ...] = ()) -> str | None:
    """The first role (codebook order) with a cue in ``text``."""
    return _role_of_short(text, skip) if len(text) <= 300 else _role_of(text, skip)


@lru_cache(maxsize=8192)
def _role_of_short(text: str, skip: tuple[str, ...]) -> str | None:
    return _role_of(text, skip)


def _role_of(text: str, skip: tuple[str, ...] = ()) -> str | None:
    if _FOLD_TRAPS.isdisjoint(text):  # the lowered cues on lowered text: the same matches, faster
        low = text.lower() if text.isascii() else lower_same_length(text)
        for role, pattern in conf()["roles_lowered"].items():
            if role not in skip and pattern.search(low):
                return role
        return None
    for role, pattern in conf()["roles"].items():
        if role not in skip and pattern.search(text):
            return role
    return None


_CLAUSE_END = re.compile(r"[.;:!?\n“”\"]")


def _client_role(described: str) -> str | None:
    """The role of one who speaks as a named person's lawyer ("Child Q’s
    solicitor", "Mr Alam's solicitor, Chris Eyres"): an officer's lawyer
    speaks for the officer under scrutiny, anyone else's for the family."""
    if not aconf()["lawyer_word"].search(described):  # (cheap test first)
        return None
    m = aconf()["lawyer_of_named"].search(described)
    if not m:
        return None
    client = role_of(m.group("owner"))
    return aconf()["lawyer_client_roles"].get("unknown" if client is None else client)


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _gender(text: str) -> str | None:
    """The gender the words give, not that of a possessor ("Mr Holt's
    mother" is a woman)."""
    a = aconf()
    if "’" in text or "'" in text:
        text = aconf()["possessor"].sub(" ", text)
    f, m = a["female"].search(text), a["male"].search(text)
    if f and m:
        return "f" if f.start() < m.start() else "m"
    return "f" if f else "m" if m else None


@lru_cache(maxsize=1024)
def _word_gender(word: str) -> str | None:
    """:func:`_gender` of a title or first word ("Mrs", "Sir"): a few words, asked again and again."""
    return _gender(word)


class Entity:
    """A person the document names, with what it says about them: worked
    out from the person's first mentions when first asked."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text
        self.spans: list[tuple[int, int]] = []
        self._described = False
        self._descriptors: list[str] = []
        self._gender: str | None = None
        self._role: str | None = None
        self.organisation: str | None = None
        self.mention_starts: list[int] = []  # offsets of the mentions outside quotations, sorted
        self.gender_hint: str | None = None  # from a titled short form ("Ms Holm")
        self.gender_conflict = False  # "Mr X" and "Mrs X" both used for the one X named in full
        self.kin_of: str | None = None  # shares the surname of the person harmed
        self.kin_word: str | None = None  # introduced by a first name after this kinship noun
        self._harmed: bool | None = None

    @property
    def harmed(self) -> bool:
        """Introduced as the one who died or was harmed: "the murder of X",
        "X, 23, died in hospital", "X, who was killed"."""
        if self._harmed is None:
            self._harmed, a, c = False, aconf(), conf()
            reach_before, reach_after = c["harmed_before_chars"], c["harmed_after_chars"]
            for s, e in self.spans[: c["describe_mentions"]]:
                before = _CLAUSE_END.split(self.text[max(0, s - reach_before) : s])[-1]
                after = self.text[e : e + reach_after]
                if (
                    a["harmed_before"].search(before)
                    or a["harmed_after"].match(after)
                    or a["harmed_pronoun_after"].match(a["harmed_adverbs"].sub("", after))
                ):
                    self._harmed = True
                    break
        return self._harmed

    def _describe(self) -> None:
        self._described = True
        for s, e in self.spans[: conf()["describe_mentions"]]:  # a person is described at the first mentions
            title, after = _descriptors(self.text, s, e)
            self._descriptors += [d for d in (title, after) if d]
            # "The family are represented by … Kate Maynard of Hickman and Rose": speaks for them
            clause = _CLAUSE_END.split(self.text[max(0, s - conf()["represented_by_chars"]) : s])[-1]
            if "represent" in clause and (rep := aconf()["represented_by"].search(clause)):
                self._descriptors.append(f"lawyer for the {rep.group('client').lower()}")
            if self._gender is None:
                pre = self.text[max(0, s - conf()["gender_title_chars"]) : s]
                self._gender = _gender(pre + " " + title) or _gender(aconf()["relative_start"].sub("", after))
        if self.kin_word and not any(self.kin_word in d for d in self._descriptors):
            self._descriptors.append(self.kin_word)
            self._gender = self._gender or _word_gender(self.kin_word)
        # the role from every description of the person, in codebook order
        # ("IPCC Commissioner" is an oversight body; "the victim's mother" family)
        described = aconf()["not_description"].sub("", " ; ".join(self._descriptors))
        self._role = role_of(described)
        if self._role == "family" and self.harmed:
            # (round fourteen) the person harmed is the victim, even when a description names
            # the person's relatives ("Ms Cole, her husband and their son moved …")
            self._role = "victim_or_witness"
        if self._role == "media" and not aconf()["media_person"].search(described):  # a person near a paper's name
            self._role = role_of(described, skip=("media",))
        if self._role != "family" and (client := _client_role(described)):
            self._role = client
        if self._role is None and self.kin_of:
            self._role = "family"
            self._descriptors.append(f"relative of {self.kin_of}")
        elif self._role is None and self.harmed:
            self._role = "victim_or_witness"
        elif self._role == "police" and _commissioner_of_oversight(described, self.text):
            self._role = "oversight_body"
        self._gender = self._gender or self.gender_hint

    @property
    def descriptors(self) -> list[str]:
        if not self._described:
            self._describe()
        return self._descriptors

    @property
    def gender(self) -> str | None:
        if not self._described:
            self._describe()
        return self._gender

    @property
    def role(self) -> str | None:
        if not self._described:
            self._describe()
        return self._role


def _commissioner_of_oversight(described: str, text: str) -> bool:
    """(round fourteen) "Commissioner Kate Frame" on a page that names the PIRC or the IPCC
    and no force led by a Commissioner (the Met) nor a Police and Crime Commissioner: the
    oversight body's head, not a police chief."""
    a = aconf()
    parts = [p.strip() for p in described.split(";")]
    return bool(
        any(p.endswith("Commissioner") for p in parts)
        and all(a["bare_commissioner"].match(p) and (p != p.lower() or role_of(p) is None) for p in parts)
        and a["commissioner_bodies"].search(text)
        and not a["commissioner_forces"].search(text)
    )


def _title_run(before: str) -> str:
    """The words right before a name that describe it ("IOPC Regional
    Director", "Leon’s sister", "Inspector of constabulary"), not a verb
    ("officers told")."""
    a = aconf()
    tokens = before.split()
    keep: list[str] = []
    for t in reversed(tokens):
        bare = t.strip("()")
        if bare.lower() in a["title_run_breakers"]:
            break  # "the mother of Nicole Smallman and Bibaa Henry": a list, not a title
        if (
            bare[:1].isupper()
            or bare.lower() in a["title_words"]
            or a["descriptor_word"].search(bare)
            or a["office_word"].fullmatch(bare)
        ):
            keep.append(t)
        else:
            break
    if keep and keep[0].lower() in aconf()["title_relative_prepositions"]:  # "the mother of Leon": Leon is the relative
        return ""
    while keep and keep[-1].lower() in aconf()["title_words"]:
        keep.pop()
    return " ".join(reversed(keep))


def _descriptors(text: str, start: int, end: int) -> tuple[str, str]:
    """The title before a name and the apposition after it."""
    before = _CLAUSE_END.split(text[max(0, start - 80) : start])[-1]
    segs = before.split(", ")
    title = _title_run(segs[-1])
    courtesy = ""
    if (
        len(segs) > 1
        and 0 < len(segs[-1]) <= 8  # (a cheap test first: "Mrs ", "Dr ")
        and (tokens := segs[-1].split())
        and all(aconf()["courtesy"].fullmatch(t) for t in tokens)
    ):
        # "The Police Ombudsman, Mrs Marie Anderson,", "His mother, Mrs Jane Smith": a courtesy
        # title between the comma and the name leaves the description before the comma hers
        courtesy, segs = segs[-1].strip(), [*segs[:-1], ""]
    if (
        not segs[-1].strip()
        and len(segs) > 1
        and len(segs[-2].split()) <= 6
        and aconf()["description_opening"].match(segs[-2])
    ):  # "His mother, Jane Smith", "Mr Alam's solicitor, Chris Eyres", "Mr Alam's solicitor, Chris Eyres"
        title = f"{segs[-2].strip()} {courtesy}".rstrip()
    elif (
        not segs[-1].strip()
        and len(segs) > 1
        and (run := _title_run(segs[-2]))
        and aconf()["office_word"].fullmatch(aconf()["title_complement"].split(run, maxsplit=1)[0].split()[-1])
    ):
        # (round eleven) the head before its complement: "IPCC Commissioner for Wales, Jan Williams"
        # a title set off by a comma before the name ("according to Police Ombudsman Chief
        # Executive, Hugh Hume"; "said barrister, Jude Bunting"): an office word heads it
        title = f"{run} {courtesy}".rstrip()
    elif courtesy:
        title = courtesy
    rest = text[end : end + 120]
    if m := conf()["possessive_kin"].match(rest):
        kin = next((w for w in m.groups() if w and role_of(w) == "family"), None)
        if kin:
            return title, f"whose {kin}"  # "Jane Smith’s son Leon", "Ann’s 18-year-old son": a relative
    if m := aconf()["apposition"].match(rest):
        return title, m.group(1)  # "Ajibola Lewis is the mother of Seni Lewis"
    after = ""
    m = re.match(r"\s*(?:\(\d+\))?,\s*(?:\d+,\s*)?([^,.;:\n“”\"()]{0,90})", rest)
    if m:
        after = m.group(1)
        if aconf()["event_apposition"].match(after):
            after = ""  # "Sean Holt, 40, died at Brixton police station": an event, not a description
        elif aconf()["represents"].match(after):
            pass  # "X, who represents the family", "X, acting for Mr Alam": whom X speaks for
        elif aconf()["not_description_apposition"].match(after):
            after = ""  # "X, who apologised to the family", "X, speaking to reporters": not what X is
    if not after and (m := aconf()["kin_after"].match(rest)):
        after = f"whose {m.group('kin')}"  # "Ann Reid said her son had been failed": a parent
    return title, after


_NOT_LETTERS = re.compile(r"[^a-z]+")


def _owner_key(owner: str) -> str:
    """A possessor compared by its last word's letters ("Ms Cole's", "Cole’s" → "coles")."""
    return _NOT_LETTERS.sub("", owner.split()[-1].lower()) if owner.strip() else ""


class Ledger:
    """The people a document names: fullest names, titles, appositions,
    kinship, gender, role and organisation, and where each is mentioned."""

    def __init__(self, doc: Document, quotes: list[Quote]):
        self.doc = doc
        text = doc.text
        self.spelled = spelled_names(text)
        starts = [q.start for q in quotes]
        ends = [q.end for q in quotes]
        self.entities: dict[str, Entity] = {}
        self.mentions: list[tuple[int, Entity]] = []
        self._by_noun: dict[str, list[tuple[Entity, list[str]]]] = {}
        self._orgs: dict[str, list[tuple[int, str]]] = {}
        self._family: list[Entity] | None = None
        names = [(b, s, s + len(b)) for n, s, _ in _people(text) for b in (_bare(n),)]
        kin_names = _kin_first_names(text, {n for n, _, _ in names})
        names = sorted(names + [(n, s, e) for n, s, e, _ in kin_names], key=lambda n: n[1])
        names = sorted(names + _orphan_short_forms(text, names), key=lambda n: n[1])
        by_last: dict[str, list[tuple[set[str], Entity]]] = {}
        for name in sorted({n for n, _, _ in names}, key=lambda n: (-len(n.split()), n)):
            tokens = set(name.split())
            same = by_last.setdefault(name.split()[-1], [])
            owner = next((e for toks, e in same if tokens <= toks), None)
            if owner is None:
                owner = Entity(name, text)
                same.append((tokens, owner))
            self.entities[name] = owner
        self.people = list({id(e): e for e in self.entities.values()}.values())  # each entity once
        self.kin_names: dict[tuple[str, str], set[str]] = {}  # (kinship noun, first name) → the relatives
        for n, _, _, kin in kin_names:  # "Mr Holt's mother, Mina": a mother, whatever else is said
            self.entities[n].kin_word = self.entities[n].kin_word or kin
            self.kin_names.setdefault((kin, n.split()[0]), set()).add(self.entities[n].name)
        for name, s, e in names:
            ent = self.entities[name]
            ent.spans.append((s, e))
            i = bisect_right(starts, s) - 1
            if i < 0 or s >= ends[i]:  # not inside a quotation
                self.mentions.append((s, ent))
        self.aliases: dict[str, list[Entity]] = {}
        titles = aconf()["short_form_title_set"]
        for ent in self.people:
            tokens = ent.name.split()
            for key in {tokens[0], tokens[-1]} - titles:  # ("Ms Joel", named by no full name: Joel)
                self.aliases.setdefault(key, []).append(ent)
            if tokens[0] in titles and len(tokens) == 2:
                ent.gender_hint = ent.gender_hint or _word_gender(tokens[0])
        self._short_mentions(starts, ends)
        self._kin_by_surname()
        for pos, ent in self.mentions:  # sorted by offset
            ent.mention_starts.append(pos)
        self._ages: dict[str, list[Entity]] | None = None

    @cached_property
    def _force_starts(self) -> dict[str, list[int]]:
        """Where the document names each police force (its canonical name as written): found when first asked."""
        text = self.doc.text
        return {f: [m.start() for m in re.finditer(re.escape(f), text)] for f in forces(text)}

    @cached_property
    def _body_index(self) -> tuple[list[int], list[tuple[int, str]], list[tuple[int, str]]]:
        """The oversight bodies' mentions: their ends, (start, name) in the order of the
        ends, and (start, name) sorted: found when first asked."""
        text = self.doc.text
        bodies = sorted(
            (m.end(), m.start(), name)
            for name, pattern in body_patterns().items()
            if pattern.search(text)
            for m in pattern.finditer(text)
        )
        by_end = [(s, name) for _, s, name in bodies]
        return [e for e, _, _ in bodies], by_end, sorted(by_end)

    @cached_property
    def _authored_index(self) -> tuple[list[int], list[tuple[int, str]]]:
        """Every "complaints from X" of the document: ends and (start, X), found when first asked."""
        found = [(m.end(), m.start(), _clean(m.group("who"))) for m in aconf()["authored_by"].finditer(self.doc.text)]
        return [e for e, _, _ in found], [(s, who) for _, s, who in found]

    def sole_family_owner(self) -> Entity | None:
        """The one person the document names as harmed, else the one person whose family
        it names ("Carl Maynard's family", "the family of Carl Maynard"): whose family "the
        family of a man who died …" is."""
        harmed = [e for e in self.people if e.harmed]
        if len(harmed) == 1:
            return harmed[0]
        if harmed:
            return None
        text = self.doc.text
        owners = [
            e
            for e in self.people
            if re.search(
                rf"\b{re.escape(e.name)}[’']s?\s+(?:family|relatives)\b|\b(?:family|relatives)\s+of\s+{re.escape(e.name)}\b",
                text,
            )
        ]
        return owners[0] if len(owners) == 1 else None

    def office_holder(self, noun: str, at: int) -> Entity | None:
        """The person whose titles hold the office ``noun`` ("coroner",
        "commissioner") mentioned last before ``at``: whom "the coroner said" means."""
        key = f"office:{noun}"
        if key not in self._by_noun:  # found once per noun and document
            word = re.compile(rf"\b{re.escape(noun)}\b", re.I)
            self._by_noun[key] = [(e, []) for e in self.people if any(word.search(d) for d in e.descriptors)]
        holders = [(last, e) for e, _ in self._by_noun[key] if (last := _last_before(e.mention_starts, at)) >= 0]
        return max(holders, key=lambda h: h[0])[1] if holders else None

    def aged(self, age: str) -> Entity | None:
        """The one person the document gives this age ("Sue Cole, 54," or "the 54-year-old
        Sue Cole"): whom "the 54-year-old said" refers to."""
        if self._ages is None:  # found once per document, when first asked
            self._ages = {}
            text, c = self.doc.text, conf()
            for ent in self.people:
                for s, e in ent.spans[: c["describe_mentions"]]:
                    m = _AGE_AFTER.match(text, e) or _AGE_BEFORE.search(text, max(0, s - c["age_before_chars"]), s)
                    if m and ent not in self._ages.setdefault(m.group("age"), []):
                        self._ages[m.group("age")].append(ent)
        found = self._ages.get(age, [])
        return found[0] if len(found) == 1 else None

    @cached_property
    def _officers(self) -> list[Entity]:
        """The officers the document names (police or officer_subject, not a senior rank or a spokesperson)."""
        senior, text, c = aconf()["senior_officer"], self.doc.text, conf()
        mentions, reach_before, reach_after = (
            c["officer_cue_mentions"],
            c["officer_cue_before_chars"],
            c["officer_cue_after_chars"],
        )
        found = []
        for e in self.people:
            if (
                e.mention_starts
                # (a cheap look at the words around the first mentions before describing anyone)
                and any(_police_cue(text[max(0, s - reach_before) : e_ + reach_after]) for s, e_ in e.spans[:mentions])
                and e.role in ("police", "officer_subject")
                and not senior.search(" ".join([e.name, *e.descriptors]))
            ):
                found.append(e)
                if len(found) > 1:
                    break  # (two officers: no description refers to one of them)
        return found

    def sole_officer(self, at: int) -> Entity | None:
        """The one officer the document names, when it names only one and before
        ``at``: whom "the 21-year-old officer" or "the constable" refers to."""
        found = self._officers
        return found[0] if len(found) == 1 and found[0].mention_starts[0] < at else None

    def named_organisation(self, word: str, at: int) -> str | None:
        """The organisation whose capitalised name ends with ``word`` named
        last before ``at`` (else first after it): what "the federation" or
        "the court" refers to."""
        if word not in self._orgs:  # found once per head word and document
            pattern = re.compile(rf"(?:[A-Z][\w’'&-]*[^\S\n]+(?:(?:of|and|for)[^\S\n]+)?){{1,5}}{re.escape(word)}\b")
            self._orgs[word] = [
                (m.start(), name)
                for m in pattern.finditer(self.doc.text)
                if (name := aconf()["organisation_article"].sub("", m.group())) != word
            ]
        found = self._orgs[word]
        if not found:
            return None
        i = bisect_right(found, (at, ""))
        return found[i - 1][1] if i else found[0][1]

    def last_force(self, at: int) -> str | None:
        """The police force named last before ``at`` (what "the force" refers to)."""
        named = [
            (starts[i - 1], f)
            for f, starts in self._force_starts.items()
            if (i := bisect_right(starts, at - len(f))) > 0
        ]
        return max(named)[1] if named else None

    def last_body(self, at: int) -> str | None:
        """The oversight body named last before ``at`` (what "the watchdog" refers to)."""
        ends, bodies, _ = self._body_index
        i = bisect_right(ends, at)
        return max(bodies[:i][-8:])[1] if i else None

    def first_body_start(self, at: int) -> tuple[int, str] | None:
        """The offset and name of the oversight body named first after ``at``."""
        starts = self._body_index[2]
        i = bisect_right(starts, (at, ""))
        return starts[i] if i < len(starts) else None

    def first_body_after(self, at: int) -> str | None:
        """The oversight body named first after ``at`` ("… by a watchdog." then "HMICFRS announced")."""
        return first[1] if (first := self.first_body_start(at)) else None

    def authored_before(self, at: int) -> list[tuple[int, str]]:
        """The last "complaints from X" (its offset and X) ending before ``at``."""
        ends, authored = self._authored_index
        i = bisect_right(ends, at)
        return [max(authored[:i][-conf()["authored_lookback"] :])] if i else []

    def _short_mentions(self, starts: list[int], ends: list[int]) -> None:
        """ "Ms Holm", "Mrs Begley", "Commander Brogden": a title and a surname
        the ledger knows are mentions of that person (the title gives the
        gender), so that pronouns and descriptions see them.  When "Mr Holt"
        and "Mrs Holt" both point at the one Holt named in full, the pronoun
        after that name decides whose gender it is ("Sean Holt died … his
        mother"); the other title is someone else (a relative)."""
        if not self.aliases:
            return  # nobody named: no short form can refer to anyone
        text = self.doc.text
        found_by: list[tuple[int, int, str | None, Entity]] = []
        genders: dict[int, set[str]] = {}
        for m in aconf()["short_form"].finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue  # inside a word
            found = self.aliases.get(m.group("surname"), [])
            if len(found) != 1:
                continue
            gender = _word_gender(m.group("title"))
            found_by.append((m.start("surname"), m.end(), gender, found[0]))
            if gender:
                genders.setdefault(id(found[0]), set()).add(gender)
        for ent in self.people:
            seen = genders.get(id(ent), set())
            if seen and ent.spans and (len(seen) > 1 or ent.harmed):
                # the person harmed, or both titles: the pronoun after the full name decides
                # (after the first mentions: a headline seldom holds a pronoun)
                pron = next(
                    (p for _, e in ent.spans[: conf()["gender_mentions"]] if (p := _pronoun_after(text, e))), None
                )
                ent.gender_hint = (
                    ("m" if pron.group("m") or pron.group("m2") else "f")
                    if pron
                    else (next(iter(seen)) if len(seen) == 1 else None)
                )
                ent.gender_conflict = len(seen) > 1 or ent.gender_hint not in seen
            elif len(seen) == 1:
                ent.gender_hint = next(iter(seen))
        added = False
        for s, e, gender, ent in found_by:
            if gender and ent.gender_hint not in (None, gender):
                continue  # "Mrs Holt" when Sean Holt is a man: his mother, not him
            if any(a <= s < b for a, b in ent.spans):
                continue
            ent.spans.append((s, e))
            i = bisect_right(starts, s) - 1
            if i < 0 or s >= ends[i]:
                self.mentions.append((s, ent))
                added = True
        if added:
            self.mentions.sort(key=lambda m: m[0])
        for ent in self.people:
            ent.spans.sort()

    def last_full_name(self, at: int, reach: int) -> Entity | None:
        """The person named in full (two words or more) last before ``at``, within ``reach`` characters."""
        i = bisect_right(self.mentions, at, key=lambda m: m[0]) - 1
        while i >= 0 and (pos := self.mentions[i][0]) >= at - reach:
            ent = self.mentions[i][1]
            if len(ent.name.split()) > 1 and self.doc.text.startswith(ent.name, pos):
                return ent
            i -= 1
        return None

    def kin_by_surname(self, who: str) -> bool:
        """A titled short form that is not the person harmed but shares their
        surname ("Mrs Holt" beside the late Sean Holt) is a relative."""
        surname = _short_form(who)
        return bool(surname) and any(e.harmed for e in self.aliases.get(surname, []))

    def _kin_by_surname(self) -> None:
        """A person with no role of their own who shares a surname with the
        person who died or was harmed (another first name) is family: "Jordan
        Begley, 23, died …" — "Dorothy Begley said …"."""
        people_ = self.people
        surnames = Counter(e.name.split()[-1] for e in people_)
        # only a surname two people share can make one of them kin (``harmed`` is worked out when asked)
        harmed = {e.name.split()[-1]: e for e in people_ if surnames[e.name.split()[-1]] > 1 and e.harmed}
        for ent in people_:
            other = harmed.get(ent.name.split()[-1])
            if other is not None and other is not ent and ent.name.split()[0] != other.name.split()[0]:
                ent.kin_of = other.name

    def organisation(self, ent: Entity) -> str | None:
        """The first oversight body or force in the person's descriptions (found when first asked)."""
        if ent.organisation is None:
            ent.organisation = next((o for d in ent.descriptors if (o := _organisation(self.spelled, d))), "")
        return ent.organisation or None

    def named(self, who: str, at: int) -> Entity | None:
        """The entity a name or short form ("Ms Holt", "Mary", "Sir John") refers to."""
        if who in self.entities:
            return self.entities[who]
        tokens = strip_title(who).split()
        if len(tokens) > 1:
            full = " ".join(tokens)
            return self.entities.get(full)
        if not tokens:
            return None
        gender = _word_gender(who.split()[0]) if len(who.split()) > 1 else None
        found = [e for e in self.aliases.get(tokens[0], []) if not gender or e.gender in (None, gender)]
        if gender and found and all(e.harmed and e.gender_conflict and e.gender != gender for e in found):
            return None  # "Mrs Holt" and "Mr Holt" for the one Holt who died, and no pronoun to tell
        if gender and any(e.gender == gender for e in found):  # "Mrs Smith": the woman, not her son
            found = [e for e in found if e.gender == gender]
        if len(found) > 1 and any(not e.harmed for e in found):
            # (round fifteen) "Mr Longhorn said" beside Hannah Longhorn, who was found hanging, and
            # Matthew Longhorn: the person harmed is not the one a short form quotes
            found = [e for e in found if not e.harmed]
        if len(found) > 1:  # the one mentioned last before the quotation
            found.sort(key=lambda e: _last_before(e.mention_starts, at))
        return found[-1] if found else None

    def described(self, description: str, at: int) -> Entity | None:
        """The named person a description refers to ("the mother of Leon
        Smith", "Leon’s sister", "Mother"): one whose descriptors hold the
        same kinship or role noun (and the same relative's name, if given)."""
        m = conf()["roles"]["family"].search(description)
        if not m:
            return None
        noun = m.group().lower()
        if aconf()["group"].fullmatch(noun):  # "the family" is a group, not one relative
            return None
        names = [
            t
            for t in re.findall(r"\b[A-Z][\w-]+", description)
            if t.lower() not in aconf()["kin_description_not_names"] and t.lower() != noun
        ]
        if noun not in self._by_noun:  # worked out once per noun and document
            # (not "whose mother": a person who has one, not one)
            word = re.compile(rf"(?<!whose )(?<!whose late )\b{re.escape(noun)}\b(?![’']s)", re.I)
            self._by_noun[noun] = [
                (ent, hits) for ent in self.people if (hits := [d for d in ent.descriptors if word.search(d)])
            ]
        found = [
            ent
            for ent, hits in self._by_noun[noun]
            if not names or ent.name in names or any(n in d for d in hits for n in names)
        ]  # ("his sister Marcia": the relative of that name)
        if (
            not found
            and not names
            and (converse := aconf()["kin_converse"].get(noun))
            and converse.search(self.doc.text)  # (one search of the text before describing everyone)
        ):
            # "Mary Holt, whose son died in custody" is the one "the grieving mother" means:
            # the kinship said from the other side, of a compatible gender
            gender = _word_gender(noun)
            found = [
                ent
                for ent in self.people
                if ent.gender in (None, gender) and not ent.harmed and any(converse.search(d) for d in ent.descriptors)
            ]  # (before or after: "A mother whose son died has said …", Margaret Briggs named next)
        if not found and not names:
            # "The sister of a man who died …" in the lede, the sister named further on
            # (Kadi Johnson, "her brother"): the one relative named first after it
            gender = _word_gender(noun)
            found = [ent for ent in self.family_named_after(at) if ent.gender in (None, gender) or gender is None][:1]
        return found[0] if len(found) == 1 else None

    @cached_property
    def _named_groups(self) -> list[tuple[str, str, str]]:
        """Relatives named as a group in apposition ("Ms Cole's parents, Peter and Ann
        Hale"): (possessor, plural kinship noun, the names), worked out
        once per document and only when a speaker is such a description."""
        found = []
        for m in aconf()["named_group"].finditer(self.doc.text):
            owner = m.group("owner") or ""
            found.append((_owner_key(owner), m.group("noun").lower(), m.group("names")))
        return found

    def named_group(self, description: str) -> str | None:
        """The names of the relatives a plural kinship description refers to ("Ms
        Cole's parents", "her parents") when the document names one such group
        with that noun (and that possessor, when a name is given) in apposition."""
        m = aconf()["group_description"].match(description)
        if not m:
            return None
        noun, owner = m.group("noun").lower(), _owner_key(m.group("owner") or "")
        named_owner = owner not in aconf()["kin_group_pronoun_owners"]
        found = {
            names
            for o, n, names in self._named_groups
            if n == noun and (not named_owner or o == owner or o in aconf()["kin_group_pronoun_owners"])
        }
        return found.pop() if len(found) == 1 else None

    def family_named_after(self, at: int) -> list[Entity]:
        """The relatives (role family, not the person harmed) first named after ``at``, when there is only one."""
        if self._family is None:
            # (a lawyer speaking for the family is no relative: "the family's lawyer, X")
            self._family = [
                e
                for e in self.people
                if e.role == "family"
                and not e.harmed
                and e.mention_starts
                and not any(aconf()["lawyer_word"].search(d) for d in e.descriptors)
            ]
        later = [e for e in self._family if e.mention_starts[0] > at]
        return later if len(later) == 1 and len(self._family) == 1 else []

    def last_person(
        self, at: int, gender: str | None, anyone: bool = False, recent: int = 1 << 62
    ) -> tuple[int, Entity] | None:
        """The person named last before ``at`` whom a pronoun can mean: of
        the pronoun's gender, or an official of unknown gender, or anybody
        named from offset ``recent`` on (the paragraph before the quotation),
        or anybody at all (``anyone``) when no one has been quoted yet."""
        mentions, official = self.mentions, aconf()["official_roles"]
        i = bisect_right(mentions, at, key=lambda m: m[0]) - 1
        unknown_near = None
        while i >= 0:
            pos, ent = mentions[i]
            if gender and ent.gender == gender:
                return pos, ent
            if ent.gender is None and (anyone or pos >= recent) and unknown_near is None:
                unknown_near = (pos, ent)  # unless someone of the right gender is named nearby too
            if pos < recent and unknown_near is not None:
                return unknown_near
            if ent.role in official and ent.gender in (None, gender):
                return unknown_near or (pos, ent)
            i -= 1
        return unknown_near


_OWNER_ONE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_OWNER_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][\w-]+(?:[^\S\n]+[A-Z][\w-]+){1,3}$")


def _matches_at(text: str, literals: tuple[str, ...], pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` (which opens with one of ``literals``) in offset order:
    tried only where ``str.find`` finds a literal, the same matches as ``finditer``
    (the pattern cannot overlap itself) at a tenth of its cost on a document."""
    found = []
    for literal in literals:
        i = text.find(literal)
        while i >= 0:
            if m := pattern.match(text, i):
                found.append(m)
            i = text.find(literal, i + 1)
    return sorted(found, key=lambda m: m.start())


_NAME_LIST_AFTER = re.compile(r",?[^\S\n]+(?:and[^\S\n]+)?[A-Z][a-z]|,[A-Z]")


def _orphan_short_forms(text: str, names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(round fifteen) A title and a surname that no full name in the text ends with ("Ms Joel
    rejected the apology", her full name never given as a name): a person of their own, named by the
    short form, so that pronouns and later mentions can refer to them. Not a possessive ("Mr
    Holt's mother": the owner, seldom the one who speaks)."""
    known = {t for n, _, _ in names for t in n.split()}  # (a first name too: "Sir John" for John Reed)
    stop = _person_stop()
    found = []
    for m in aconf()["short_form"].finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue  # inside a word
        surname = m.group("surname")
        if re.search(r"[’']s?$", surname) or text.startswith(("’s", "'s"), m.end()):
            continue  # a possessive names an owner ("Mr Holt's mother"), seldom the one who speaks
        if surname in known or surname in stop or not surname[1:].islower():
            continue
        end = m.start("surname") + len(surname)
        found.append((f"{m.group('title')} {surname}", m.start(), end))
    return found


def _kin_first_names(text: str, known: set[str]) -> list[tuple[str, int, int, str]]:
    """Relatives introduced by a first name after a kinship noun. A named
    person's relative takes that person's surname, the owner being named in
    full or by a title and surname ("Leon Briggs' mother Margaret", "Mr
    Bennett's brother Daniel": Margaret Briggs, Daniel Bennett), by the first
    name of a name given in full ("Darren’s mother Carol" after Darren Neville:
    Carol Neville); a second relative coordinated with the first has the same owner ("Darren’s mother
    Carol, 53, and brother Louis"). Otherwise ("Faruk’s brother Kodor") they
    are a person of that first name alone, so that "Kodor told …" later is
    them (unless the first name is part of a name the document gives in full).
    Offsets of the first name, and the kinship noun."""
    found: list[tuple[str, int, int, str]] = []
    tokens: set[str] | None = None
    stop = _person_stop()

    def alone(m: re.Match[str]) -> None:
        nonlocal tokens
        if tokens is None:
            tokens = {t for n in known for t in n.split()}
        first = m.group("first")
        # (only a first name the text uses again: "Kodor told …" later; one mention needs no entity)
        if first not in tokens and first not in stop and text.find(first, m.end("first")) >= 0:
            found.append((first, m.start("first"), m.end("first"), m.group("kin").lower()))

    def kin_name(m: re.Match[str], surname: str) -> None:
        # the fullest name the text gives the relative: that surname, unless the first
        # name is part of another name given in full ("Tom's aunt Ann" after Ann Cole)
        first = m.group("first")
        name = f"{first} {surname}"
        if _NAME_LIST_AFTER.match(text, m.end("first")):
            alone(m)  # "Her sisters, Jo, Kim and Lee Cole": a list of names, the named group's
            return
        if name in known or not any(first in n.split()[:-1] and n.split()[-1] != surname for n in known):
            found.append((name, m.start("first"), m.end("first"), m.group("kin").lower()))
        else:
            alone(m)
        if more := aconf()["kin_and_first_name"].match(text, m.end("first")):
            kin_name(more, surname)

    if "’" in text or "'" in text:
        surnames: set[str] | None = None
        owner_reach, owner_word_reach = conf()["kin_owner_chars"], conf()["kin_owner_word_chars"]
        for m in _matches_at(text, ("’", "'"), aconf()["kin_first_name"]):
            # the owner: the capitalised words right before the possessive, a full name or a
            # title and the surname of one ("Mr Smith's widow, Karen"), or one word of a name
            if o := _OWNER_BEFORE.search(text, max(0, m.start() - owner_reach), m.start()):
                owner = o.group()
                if surnames is None:
                    surnames = {n.split()[-1] for n in known}
                if (owner in known or (_short_form(owner) in surnames)) and len(owner.split()) > 1:
                    kin_name(m, owner.split()[-1])
                else:
                    alone(m)
            elif one := _OWNER_ONE.search(text, max(0, m.start() - owner_word_reach), m.start()):
                full = {n for n in known if len(n.split()) > 1 and n.split()[0] == one.group()}
                if len(full) == 1:
                    kin_name(m, next(iter(full)).split()[-1])
                else:
                    alone(m)
    return found


def _pronoun_after(text: str, at: int) -> re.Match[str] | None:
    """A pronoun in the rest of the sentence after ``at``, or opening the next
    one ("Sean Holt, 40, died in 2008. His sister …"): the gender of who was named."""
    return aconf()["pronoun_after"].match(text, at)


_POSSESSIVE_END = re.compile(r"[’']s?$")


def _bare(name: str) -> str:
    """A name without a possessive ("Jane Smith’s" → "Jane Smith")."""
    return _POSSESSIVE_END.sub("", name)


_OF_BEFORE = re.compile(r"\s+of\s+")
_NOUN_AFTER = re.compile(r"\s*[a-z]")
_LIST_TAIL = re.compile(r"^(?:(?:,|,?\s*\band)\s+(?:[A-Z][\w’'-]*(?:[^\S\n]+|(?=[,\s])))+)+")
_NAME_LIST = re.compile(r",\s*[A-Z][\w’'-]*\s+and\s+[A-Z]")  # "Paul, Kenroy, Elaine and Otis"
_FIRST_NAME = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*")


def _complement(before: str, after: str) -> bool:
    """A name modifying a noun inside the "of" complement of a description
    ("Relatives of the former Aston Villa, Sheffield Wednesday and Ipswich
    Town star"): the description opens with a role word, an "of" comes before
    the name and a lower-case noun after it."""
    if not _NOUN_AFTER.match(_LIST_TAIL.sub("", after)):  # (past the rest of a list of names)
        return False
    m = _OF_BEFORE.search(before)
    return bool(m) and role_of(before[: m.start()]) is not None and not _people(before[: m.start()])


def _apposed_name(who: str) -> str | None:
    """The name in a comma-separated apposition, when no full name is there:
    a first name alone ("Mr Lewis’s mother, Ajibola, a lawyer" → Ajibola) or
    a title and surname ending a part ("father-of-two Mr Alam, whose
    marriage …" → Mr Alam)."""
    if "," not in who or _NAME_LIST.search(who):
        return None
    stop = _person_stop()
    for part in (p.strip() for p in aconf()["relative_tail"].sub("", who).split(",")):
        if m := aconf()["courtesy_name_end"].search(part):
            return m.group()
        if _FIRST_NAME.fullmatch(part) and part not in stop and not role_of(part) and not _gender(part):
            return part
    return None


@cache
def _person_stop() -> frozenset[str]:
    r = entity_rules.load()
    return r.not_person_words | r.titles


def _short_form(who: str) -> str | None:
    m = aconf()["courtesy_name"].fullmatch(who)
    return m.group(1) if m else None


@lru_cache(maxsize=4096)
def _organisations_in(text: str) -> tuple[list[str], list[str]]:
    return oversight_bodies(text), forces(text)


def spelled_names(text: str) -> frozenset[str]:
    """The organisations' full names (``long_names``) a document spells out: worked out once per document."""
    return frozenset(full for full in conf()["long_names"].values() if full in text)


def _organisation(spelled: frozenset[str], text: str, long: bool = True) -> str | None:
    """The oversight body or force named in ``text``, in the document's fullest
    form (``spelled``: the full names the document spells, :func:`spelled_names`)."""
    bodies, forces_named = _organisations_in(text)
    if bodies:
        full = conf()["long_names"].get(bodies[0], bodies[0])
        return full if long and full in spelled else bodies[0]
    return forces_named[0] if forces_named else None


_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _plausible(who: str) -> bool:
    """A name, a title or a description ("The mother of one of the
    victims", "A witness who saw the arrest"), not a clause fragment."""
    core = aconf()["relative_tail"].sub("", who)
    if (
        aconf()["verb_phrase"].match(core)
        or aconf()["finite_verb"].search(core)
        or aconf()["pronoun_clause"].match(core)
    ):
        # "failed to speak to the neighbour": a verb phrase, its subject elided;
        # "The trial followed the inquiry": a clause (a past tense before its object)
        return False
    if aconf()["finite_auxiliary"].search(core):
        return False  # "one of the young men is heard": a clause, even after the complement's "of"
    core = aconf()["complement_split"].split(core)[0]
    if aconf()["not_speaker_needs"].search(core) or aconf()["authored"].match(core) or _subordinate(core):
        return False
    if conf()["verb_fast"].search(core) or aconf()["clause_verb"].search(core):
        return False  # "Mr Dance said he", "Kent Police accepted failures": a clause
    if not _LETTER.search(core) or aconf()["date_only"].fullmatch(core):
        return False  # "2021", "21/09/2016", "15 March 2018": a date, not a speaker
    if _adverbs_only(core):
        return False  # "…, instead saying:": an adverb, not a speaker
    words = core.lower().split()
    if words and all(w in conf()["function_word_set"] for w in words):
        return False  # (round fifteen) "but", "for her", "another": no name, person or organisation
    return 0 < len(core.split()) <= conf()["max_speaker_words"]


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _outer_subject(who: str) -> str | None:
    """A candidate holding a speech verb is a clause ("Mr Dance said he (had
    found …)", "she told a nurse she (feared …)"): the speaker is the subject of
    its first speech verb, the outermost reporting clause (a name, a
    description or a pronoun), else None."""
    m = conf()["verb_fast"].search(who)
    if not m or m.start() == 0:
        return None
    lead = aconf()["adverb_lead"].sub("", _clean(who[: m.start()]))  # "(But) now the watchdog (has …)"
    if lead and lead != who and (conf()["pronoun"].match(lead) or _plausible(lead)):
        return lead
    if lead and m.group().lower().endswith("ing") and (opener := aconf()["subordinate_word"].match(lead)):
        # "despite police guidance at the time saying": a participle's subject is the noun phrase
        # before it, the object of the preposition, without its complements
        noun = _clean(aconf()["complement_split"].split(lead[opener.end() :].strip())[0])
        if noun and _plausible(noun) and not conf()["pronoun"].match(noun):
            return noun
    return None


@lru_cache(maxsize=8192)  # a pure function of a short text, asked again and again
def _is_group(name: str | None) -> bool:
    """An organisation or a group (they/we/it), not one person: "the family",
    "the CPS" — but "A CPS spokesman" (a singular person noun last) is a person."""
    return (
        bool(name)
        and not _people(name)
        and bool(aconf()["group"].search(name))
        and not aconf()["person_noun_last"].search(name)
    )


def _person_like(self: Resolver, sp: Speaker) -> bool:
    """A speaker he/she can refer to: a named person, or a description with a
    person noun or a role ("A CPS spokesman", "the coroner"), not a thing ("a
    handwritten note")."""
    name = sp.name or ""
    return bool(
        name in self.ledger.entities
        or _people(name)
        or aconf()["person_noun_last"].search(name)
        or role_of(name)
        or _gender(name)
        or _short_form(name)
    )


@lru_cache(maxsize=8192)  # a pure function of a short text, asked for every speaker
def _owned_document(who: str) -> bool:
    """A report or statement with an owner's slot ("the panel’s report", "the report")."""
    return bool(aconf()["owned_report"].match(who) or aconf()["the_report"].match(who))


class Resolver:
    """Speakers of one document's quotations, resolved against its ledger."""

    def __init__(self, doc: Document, quotes: list[Quote]):
        self.doc = doc
        self.ledger = Ledger(doc, quotes)
        self.history: list[tuple[int, Speaker]] = []
        self.spoken_until = -1  # end of the paragraph of the last quotation with a speaker
        self.quote_end: int | None = None  # end of the quotation being resolved
        self._client_lookup = False  # resolving the pronoun of "her solicitor" (no nested lookup)
        self._article_starts = [p.start for p in doc.paragraphs if p.kind == "article"]
        self._para_starts = [p.start for p in doc.paragraphs]
        self._article_ends = [p.end for p in doc.paragraphs if p.kind == "article"]

    def resolve(self, who: str | None, at: int, how: str, state: _State) -> tuple[Speaker, str]:
        """The speaker attributed ``who`` (as written) at offset ``at``, and how it was decided."""
        if how == "continuation" and state.speaker is not None:
            return state.speaker, "continuation"
        if not who:
            return Speaker(None, "", "other", None), "none"
        c = conf()
        if c["pronoun"].match(who):
            sp, basis = self._pronoun(who, at)
            if (
                sp.role == "police"
                and (ent := self.ledger.entities.get(sp.name or "")) is not None
                and self._under_scrutiny(ent.name, ent, at)
            ):  # (round eleven) "he said" after the officer the case is about: officer_subject
                sp = Speaker(sp.name, sp.text, "officer_subject", sp.organisation)
            return sp, basis
        if (
            (m := aconf()["the_head"].match(who))
            and m.group("head").lower() in aconf()["office_nouns"]
            and (holder := self.ledger.office_holder(m.group("head").lower(), at))
        ):
            # "The coroner said" after "assistant coroner Mary Hassell": the person of that office
            sp, _ = self._named_or_described(holder.name, at, who)
            return Speaker(sp.name, who, sp.role, sp.organisation), "descriptor"
        head = (
            aconf()["complement_split"].split(who, maxsplit=1)[0]
            if aconf()["report_words"].search(who)  # (only a document's head is looked at)
            else who
        )
        if (
            head != who
            and _owned_document(head)
            and not aconf()["the_report"].match(head)
            and (owner := self._report_owner(head, at))
        ):
            # "A Police Ombudsman investigation into the death of Katie Simpson has found": the
            # owner of the document the head noun phrase names (not a person of its complement)
            sp, basis = self._named_or_described(owner, at, owner)
            return Speaker(sp.name, who, sp.role, sp.organisation), basis
        if _owned_document(who) and (owner := self._report_owner(who, at)):
            # "The panel’s report said", "The IPCC report says", and "The report added" after one:
            # the report's owner speaks (an organisation, an institution or a person the text names)
            sp, basis = self._named_or_described(owner, at, owner)
            return Speaker(sp.name, who, sp.role, sp.organisation), basis
        if (m := aconf()["the_head"].match(who)) and (earlier := self._earlier_speaker(m.group("head"))):
            # "the report found" after "A report to the Home Office into the killing has revealed":
            # the fullest description of the same thing quoted before
            return Speaker(earlier.name, who, earlier.role, earlier.organisation), "cue"
        if (by := aconf()["thing_by"].match(who)) and _plausible(agent := _clean(by.group("who"))):
            # "A damning report by an independent panel found": the author speaks
            sp, basis = self._named_or_described(agent, at, who)
            return Speaker(sp.name, who, sp.role, sp.organisation), basis
        if not _plausible(who):
            if outer := _outer_subject(who):  # "Mr Dance said he" → Mr Dance
                sp, basis = self.resolve(outer, at, how, state)
                return Speaker(sp.name, who, sp.role, sp.organisation), basis
            if (
                (aux := aconf()["finite_auxiliary"].search(who))
                and (subject := _clean(who[: aux.start()]))
                and _plausible(subject)
                and not _subordinate(subject)
            ):
                # "one of the young men is heard (saying:)": the noun phrase before the finite verb
                sp, basis = self.resolve(subject, at, how, state)
                return Speaker(sp.name, who, sp.role, sp.organisation), basis
            m = re.search(rf"\b({c['pronouns']})$", who, re.I)
            if m:
                return self._pronoun(m.group(1), at, fallback=who[: m.start()])
            if aconf()["authored"].match(who) or aconf()["authored"].match(
                who.split(" ")[0] + " " + who.split(" ")[-1]
            ):
                owner = self._author(at)
                if owner:
                    sp, basis = self._named_or_described(owner, at, "")
                    return Speaker(sp.name, who, sp.role, sp.organisation), basis
                if aconf()["report_head"].match(who):
                    # "…, the report said." with no author named: the document quoted last, else itself
                    earlier = self._earlier_report()
                    if earlier is not None:
                        return Speaker(earlier.name, who, earlier.role, earlier.organisation), "cue"
                    return Speaker(aconf()["article"].sub("", who), who, "other", None), "cue"
            # "Mrs Begley could be heard (telling …)": the person the clause opens with
            lead = _leading_phrase(aconf()["subordinate_clause"].sub("", who))
            if lead and (_people(lead) or _short_form(lead) or self.ledger.named(lead, at)):
                sp, basis = self._named_or_described(lead, at, who)
                return Speaker(sp.name, who, sp.role, sp.organisation), basis
            return Speaker(None, who, "other", None), "none"
        return self._named_or_described(who, at, who)

    def _spelled_short(self, who: str) -> str | None:
        """The short name of the body or force ``who`` names, for "X spokesperson": an acronym
        ("IOPC spokeswoman", written or not) or a name the document writes; else the body's name
        as the document spells it: a canonical key of several words that no page writes is never
        a speaker ("PSNI Ombudsman" for "a spokesman for the Police Ombudsman" → "Police
        Ombudsman spokesman")."""
        short = _organisation(self.ledger.spelled, who, long=False)
        if short is None or " " not in short or short in self.doc.text:
            return short
        return _organisation(self.ledger.spelled, who)

    def _report_owner(self, who: str, at: int) -> str | None:
        """The owner of the report ``who`` names ("the panel’s report" → the panel,
        "The IPCC report" → IPCC), or, for a bare "the report", the owner of the
        last report named with its owner before ``at``; None when no owner is
        named (an adjective or a date is none: "today’s report", "the 345-page
        report")."""
        m = aconf()["owned_report"].match(who)
        if m is not None:
            owner = self._owner(m.group("owner"), at)
            modifier = m.group("owner").split()
            bare = (
                bool(aconf()["the_report"].match(who))
                or (
                    # "the final report", "the 345-page report": an adjective, no owner (not "the coroner's")
                    len(modifier) == 1 and modifier[0].islower() and not who[m.end("owner") :].startswith(("’", "'"))
                )
                or bool(aconf()["report_time_owner"].fullmatch(m.group("owner")))  # "today's report"
            )
            if owner or not bare:
                return owner
        elif not aconf()["the_report"].match(who):  # ("A report": no owner's slot, a bare report)
            return None
        text, lo = self.doc.text, max(0, at - conf()["author_window"])
        last = None
        for noun in aconf()["report_noun"].finditer(text, lo, at):
            if found := self._owner_named_with(noun, lo):
                last = found
        # no owner named with any report before: the oversight body the text names last (within
        # the author window), whose report a page about its findings quotes
        if last is None and (body := self.ledger.last_body(at)) and body in text[lo:at]:
            last = body
        if last is not None or self._author(at):
            return last  # (an author named before: "X said in a Prevention of Future Deaths report")
        if named_docs := [m.group() for m in aconf()["named_document"].finditer(text, lo, at)]:
            return named_docs[-1]  # "The Anthony Grainger Public Inquiry was concluded …" then "The report found"
        # a report in the headline or lede, its owner named only after it ("A REPORT has
        # revealed a “…”" then "Rachel Cerfontyne, of the IPCC, said …"): the first report
        # named with its owner after ``at``, else the first oversight body named after it
        hi = min(len(text), at + conf()["author_window"])
        for noun in aconf()["report_noun"].finditer(text, at, hi):
            if found := self._owner_named_with(noun, at):
                return found
        if (first := self.ledger.first_body_start(at)) and first[0] < hi:
            spelled = body_patterns()[first[1]].search(text, first[0])
            return spelled.group() if spelled else first[1]  # (as the text spells it: "Police Ombudsman")
        return None

    def _owner_named_with(self, noun: re.Match[str], lo: int) -> str | None:
        """The owner named just before a report noun in its own sentence ("the panel’s report"),
        the sentence cut at ``lo``, a quotation mark and a paragraph's end (a headline)."""
        text = self.doc.text
        sentence = _SENTENCE_END.split(_QUOTE_MARK.split(text[max(lo, noun.start() - 100) : noun.end()])[-1])[-1]
        sentence = sentence.rsplit("\n", 1)[-1]
        if before := aconf()["owned_report"].search(sentence.split(",")[-1].strip()):
            return self._owner(before.group("owner"), noun.start())
        return None

    def _owner(self, owner: str, at: int) -> str | None:
        """``owner`` when it names an organisation, an institution or a person the ledger knows."""
        owner = _clean(owner)
        if (lead := conf()["according"].match(owner)) and lead.end() == len(owner):
            owner = lead.group("who")  # "According to the panel’s report": the panel
        if (
            not owner
            or len(owner.split()) > conf()["report_owner_max_words"]  # a noun phrase, not a clause
            or owner.split()[-1].lower() in aconf()["preposition_set"]  # "to report that …": a verb
            or owner.split()[-1].lower() in _CONJUNCTIONS  # "(the Police Investigations and) Review Commissioner"
            or not _plausible(owner)
            or conf()["pronoun"].match(owner)
        ):
            return None
        if (
            last_mentions(owner)
            or aconf()["institution_words"].search(owner)
            or self.ledger.named(owner, at)
            or (_is_group(owner) and role_of(owner))  # "the family statement": the family's
        ):
            return owner
        return None

    def _earlier_speaker(self, head: str) -> Speaker | None:
        """The last speaker quoted whose name is a longer description with the
        same head noun ("report" → "report to the Home Office into the killing")."""
        word = re.compile(rf"^(?:(?:the|an?)\s+)?(?:[\w-]+\s+){{0,2}}?{re.escape(head)}\s+\S", re.I)
        for _, sp in reversed(self.history[-conf()["pronoun_lookback"] :]):
            if sp.name and word.match(sp.name) and sp.name not in self.ledger.entities:
                return sp
        return None

    def _earlier_report(self) -> Speaker | None:
        """The last speaker quoted that is a document ("domestic homicide review")."""
        for _, sp in reversed(self.history[-conf()["pronoun_lookback"] :]):
            if sp.name and sp.name not in self.ledger.entities and aconf()["report_head"].match(sp.name):
                return sp
        return None

    def _author(self, at: int) -> str | None:
        """Who wrote "the complaints" / "the statement": the last "complaints
        from X" or "X issued a statement" before ``at``."""
        text = self.doc.text
        found = self.ledger.authored_before(at)
        for noun in aconf()["statement_noun"].finditer(text, max(0, at - conf()["author_window"]), at):
            # "X (has) issued a statement": the verb and determiner right before the noun
            window = text[max(0, noun.start() - conf()["issuer_lookback_chars"]) : noun.start()]
            sentence = re.split(r"[.!?:“”\"\n]", window)[-1]
            opened = max(text.rfind("\n", 0, noun.start()), text.rfind(". ", 0, noun.start())) + 1
            if (lead := aconf()["in_a_statement"].match(text[opened : noun.end() + 200])) and (
                who := _clean(lead.group("who"))
            ):
                found.append((noun.start(), who))  # "In a statement to the Guardian, X welcomed …"
            elif m := aconf()["issued_before_noun"].search(sentence):
                # (the part before the verb: "The family’s solicitor, Ruth Brander, read a statement")
                who = _clean(
                    next((p for p in reversed(conf()["boundary"].split(sentence[: m.start()])) if p.strip()), "")
                )
                if who and _plausible(who):
                    found.append((noun.start(), who))
        lo = max(0, at - conf()["author_window"])
        for noun in aconf()["report_noun"].finditer(text, lo, at):
            # "X, the assistant coroner, said in a Prevention of Future Deaths report": X wrote it
            window_start = max(lo, noun.start() - conf()["report_author_det_chars"])
            if not (m := aconf()["in_det"].search(text, window_start, noun.start())):
                continue
            seg_start = max(lo, m.start() - conf()["report_author_verb_chars"])
            if not (verb := aconf()["verb_at_end"].search(text, seg_start, m.start())):
                continue
            verb_at = verb.start()
            sentence = _SENTENCE_END.split(
                text[max(lo, verb_at - conf()["report_author_sentence_chars"]) : verb.end()]
            )[-1]
            who = _subject_of_verb(_QUOTE_MARK.split(sentence)[-1])
            if who and _plausible(who) and not conf()["pronoun"].match(who):
                found.append((verb_at, who))
        return max(found)[1] if found else None

    def _named_or_described(self, who: str, at: int, context: str) -> tuple[Speaker, str]:
        c, doc = conf(), self.doc
        behalf = aconf()["on_behalf"].search(who)
        who_core = who[: behalf.start()].rstrip(" ,") if behalf else who
        who_core = aconf()["co_speaker"].sub("", who_core) or who_core  # "X, …, along with Y": X speaks
        m = aconf()["statement_of"].match(who_core)
        if m:
            # "A statement from Ben’s family, read outside court by their lawyer": the family's
            who_core = _clean(aconf()["read_by"].sub("", m.group("who")))
        if c["anaphor"].match(who_core):
            body = self.ledger.last_body(at) or self.ledger.first_body_after(at)
            if body:
                name = _organisation(self.ledger.spelled, body)
                return Speaker(name, who, "oversight_body", name), "cue"
        if aconf()["the_force"].match(who_core) and (force := self.ledger.last_force(at)):
            return Speaker(force, who, "police", force), "cue"
        if (fs := aconf()["force_spokes"].match(who_core)) and (force := self.ledger.last_force(at)):
            return Speaker(f"{force} {(fs.group('noun') or fs.group('noun2')).lower()}", who, "police", force), "cue"
        if (
            (head := aconf()["definite_head"].match(who_core))
            and (word := c["organisation_heads"].get(head.group("head").lower()))
            and (named_org := self.ledger.named_organisation(word, at))
        ):
            # "The federation" → the Scottish Police Federation; "Monk’s trial was told" → Birmingham Crown Court
            return Speaker(
                named_org, who, role_of(named_org) or "other", _organisation(self.ledger.spelled, named_org)
            ), "cue"
        for name, pattern in aconf()["canonical"]:
            if pattern.search(who_core):
                return Speaker(name, who, role_of(name) or "other", None), "cue"
        organisation = _organisation(self.ledger.spelled, who_core)
        role = role_of(aconf()["recipient"].split(who_core, maxsplit=1)[0])  # not "(a report) to the Home Office"
        if role is not None and aconf()["institution_words"].search(who_core) and not _people(who_core):
            role = "other"  # an institution named by its head: "the Metropolitan Police Service panel"
        basis = "cue"
        entity = None
        named = [
            (n, s, e)
            for n, s, e in _people(who_core)
            if who_core[e : e + 2] not in ("’s", "'s")
            and not aconf()["complement_of_end"].search(who_core[:s])
            and not _complement(who_core[:s], who_core[e:])
        ]
        if named:
            entity = self.ledger.named(named[-1][0], at)
            name = entity.name if entity else named[-1][0]
        elif (
            (capital_last := _CAPITAL_LAST_WORD.search(who_core))  # (a cheap test first)
            and (kin := aconf()["kin_tail"].search(who_core, max(0, capital_last.start() - 40)))
            and len(rel := self.ledger.kin_names.get((kin.group("kin").lower(), kin.group("first")), ())) == 1
        ):
            # "Mr Bennett's brother Daniel said" → Daniel Bennett, the relative the ledger named so
            entity = self.ledger.entities[next(iter(rel))]
            name, basis = entity.name, "descriptor"
        elif (
            capital_last and (kin := aconf()["kin_pronoun_tail"].search(who_core, max(0, capital_last.start() - 60)))
        ) and (owner := self.ledger.last_full_name(at, conf()["kin_pronoun_owner_chars"])):
            # "Eileen Ashley said …" then "His son James said": the person named in full last
            # before owns the relative, who takes that surname (James Ashley)
            name, role, basis = f"{kin.group('first')} {owner.name.split()[-1]}", "family", "descriptor"
        elif _short_form(who_core) or (
            len(who_core.split()) <= 2 and who_core[:1].isupper() and self.ledger.named(who_core, at)
        ):
            entity = self.ledger.named(who_core, at)
            name = entity.name if entity else who_core
        elif (aged := _AGED.match(who_core)) and (entity := self.ledger.aged(aged.group("age"))):
            name, basis = entity.name, "descriptor"  # "the 54-year-old said" → Sue Cole, 54
        elif (
            (desc := aconf()["definite_person"].match(who_core))
            and desc.group("noun").lower() in aconf()["officer_nouns"]
            and (entity := self.ledger.sole_officer(at))
        ):
            name, basis = entity.name, "descriptor"  # "The 21-year-old officer told jurors" → PC Edward Gordon
        elif (apposed := _apposed_name(who_core)) is not None:
            # "Mr Lewis’s mother, Ajibola, 63, a lawyer", "father-of-two Mr Alam, whose …": the name in apposition
            entity = self.ledger.named(apposed, at)
            name = entity.name if entity else apposed
        elif role == "family" and (entity := self.ledger.described(who_core, at)):
            name = entity.name
            basis = "descriptor"
        elif role == "family" and (group := self.ledger.named_group(who_core)):
            name, basis = group, "descriptor"  # "Ms Cole's parents" → Peter and Ann Hale
        elif organisation and (spokes := c["spokes"].search(who_core)):
            short_org = self._spelled_short(who_core)
            name = short_org if spokes.group() == "statement" else f"{short_org} {spokes.group()}"
        elif organisation and len(who_core.split()) <= conf()["organisation_speaker_max_words"] and role != "family":
            name = organisation  # "The IOPC", "the force"
        elif role is None and aconf()["bare_spokes"].match(who_core) and (org := _last_organisation(doc.text, at)):
            # "A spokesperson said" after the force or body the story is about
            organisation, role = org, role_of(org)
            name = f"{self._spelled_short(org) or org} {c['spokes'].search(who_core).group()}"
        elif (
            (spokes := c["spokes"].search(who_core))
            and (of := aconf()["spokes_for"].search(who_core))
            and (word := c["organisation_heads"].get(of.group("head").lower()))
            and (named_org := self.ledger.named_organisation(word, at))
        ):
            # "A spokesman for the federation" → Scottish Police Federation spokesman
            name, role = f"{named_org} {spokes.group().lower()}", role or role_of(named_org)
        else:
            # a description without a non-restrictive relative clause ("The man, who has
            # not been named, said" → man); its role from all its words
            name = aconf()["non_restrictive"].sub("", who_core) or who_core
            if not aconf()["possessive_title"].match(name):  # "His Majesty’s Inspectorate …" keeps "His"
                name = aconf()["article"].sub("", name)
            if any(probe in name for probe in aconf()["name_relative_probes"]) and (
                named_rel := aconf()["name_relative"].match(name)
            ):
                name = named_rel.group("keep")  # "Lawyer Pádraig Ó Muirigh who represents two …": the name
            if (spokes := c["spokes"].search(name)) and (
                org_of := aconf()["spokes_of_named"].match(name, spokes.end())
            ):
                # "spokesperson from the Justice4Jean Campaign" → Justice4Jean Campaign spokesperson
                name = f"{org_of.group('org')} {spokes.group()}"
            if len(name.split()) > c["max_speaker_words"]:
                # "An inquest into a concerning restraint related death of …": its head noun phrase
                name = aconf()["complement_split"].split(name, maxsplit=1)[0]
            if (
                role == "family"
                and (kin_of := aconf()["kin_of_someone"].match(name))
                and (harmed := self.ledger.sole_family_owner())
            ):
                # "The family of a man who died in custody say …": the family of the one person
                # the document names as harmed, or the one whose family it names ("Carl Maynard's
                # family"), by the fullest name (the family of Carl Maynard)
                name, basis = f"{kin_of.group('noun')} of {harmed.name}", "descriptor"
        if entity is not None:
            if role is None and entity.role:
                basis = "descriptor" if basis == "cue" else basis
            if (
                role == "other"
                and entity.role in ("family", "officer_subject", "victim_or_witness")
                and aconf()["lawyer_word"].search(who_core)
            ):  # "Leslie Thomas KC", described as the family's barrister: speaks for the client
                role, basis = entity.role, "descriptor"
            if (
                role is not None
                and entity.role
                and role != entity.role
                and (rank := conf()["role_rank"]).get(entity.role, 99) < rank.get(role, 99)
            ):
                # the role belongs to the person: the first role in codebook order over the
                # speaker text and all the person's descriptions ("Amy Smith, who campaigned
                # for an inquest into her brother's death" is family, not other; "Jane Brown,
                # a former police officer" described as his mother is family)
                role, basis = entity.role, "descriptor" if basis == "cue" else basis
            role = role or entity.role
            organisation = organisation or self.ledger.organisation(entity)
        if behalf and role != "family":
            return Speaker("family", who, "family", None), basis
        if behalf:
            role = "family"
        if entity is None and role is None and self.ledger.kin_by_surname(who_core):
            role, basis = "family", "descriptor"
        if (
            entity is None
            and role is None
            and _FIRST_NAME_ONLY.fullmatch(who_core)
            and re.search(rf"\b{re.escape(who_core)}[’']s?\s+(?:late\s+)?(?:{c['kin_after_nouns']})\b", doc.text)
        ):
            role, basis = "family", "descriptor"  # "Susan said" where "Susan's daughter was 15 when …"
        if role in (None, "other") and (m := aconf()["lawyer_of"].match(who_core)):
            owner, _ = self._named_or_described(m.group("owner"), at, "")
            if owner.role in ("family", "victim_or_witness"):
                role = owner.role  # "Mrs Holt’s lawyer": speaks for the family
        if role in (None, "other") and not self._client_lookup and (m := aconf()["pronoun_lawyer"].match(who_core)):
            # "Her solicitor, Ruth Brander, added:": the lawyer of the person "her" refers to
            self._client_lookup = True
            try:
                owner, _ = self._pronoun(_POSSESSIVE_PRONOUN[m.group("pronoun").lower()], at)
            finally:
                self._client_lookup = False
            if owner.role in ("family", "victim_or_witness", "officer_subject"):
                role, basis = owner.role, "descriptor"
        if role != "family" and (client := _client_role(who_core)):
            role = client  # "Child Q’s solicitor Chanel Dolcy", "PC Dale's lawyer Ian Mott"
        if role == "police" and self._under_scrutiny(who_core, entity, at):
            role = "officer_subject"
        return Speaker(name, who, role or "other", organisation), basis

    def _under_scrutiny(self, who: str, entity: Entity | None, at: int) -> bool:
        """An officer (not a senior one or a spokesperson) who speaks to a
        hearing, an inquest or a court about their own conduct: "PC Tom Kerr,
        who denies gross misconduct, told the hearing: …"; or any officer the
        case is about: "allegations surrounding Chief Constable X", "Chief
        Constable X was dismissed"."""
        a = aconf()
        described = " ".join([who, *(entity.descriptors if entity else [])])
        senior = bool(a["senior_officer"].search(described))
        if not senior:
            i = bisect_right(self._para_starts, at) - 1
            para = self.doc.paragraphs[i] if i >= 0 and at < self.doc.paragraphs[i].end else None
            sentence = (
                _sentence_before(self.doc.text[max(para.start, at - conf()["sentence_window"]) : at]) if para else ""
            )
            if a["scrutiny_context"].search(sentence) or a["scrutiny_context"].search(described):
                return True
            # "“I was scared,” PC Jim Bell told the hearing.": the attribution after the quotation
            if self.quote_end is not None and a["scrutiny_context"].search(
                _SENTENCE_END.split(
                    self.doc.text[self.quote_end : self.quote_end + conf()["scrutiny_after_chars"]], maxsplit=1
                )[0]
            ):
                return True
        if a["scrutiny_leading"].match(who):
            return True  # "the suspended chief of Cleveland Police said", "the sacked officer added"
        # the clause that introduces the officer: "PC Keith Hart, who was jailed for …", "the sacked PC"
        text, c = self.doc.text, conf()
        reach_before, reach_after = c["scrutiny_clause_before_chars"], c["scrutiny_clause_after_chars"]
        for s, e in entity.spans[: c["scrutiny_mentions"]] if entity else []:
            before = _CLAUSE_END.split(text[max(0, s - reach_before) : s])[-1]
            after = re.split(r"[.;!?\n“”\"]", text[e : e + reach_after])[0]
            clause = before + text[s:e] + after
            if a["scrutiny_object"].search(_CLAUSE_END.split(text[max(0, s - c["scrutiny_object_chars"]) : s])[-1]):
                return True  # "allegations surrounding X", "the court heard that X"
            if not senior and a["scrutiny_subject"].search(clause):
                return True
            if senior and (a["scrutiny_passive"].match(after) or a["scrutiny_before_title"].search(before)):
                return True  # "Chief Constable X was dismissed", "the suspended chief constable X"
        return False

    def _recent(self, at: int) -> int:
        """Start of the article paragraph before the one holding ``at``."""
        i = bisect_right(self._article_starts, at)
        return self._article_starts[i - 2] if i > 1 else (self._article_starts[0] if i else 0)

    def _gender_of(self, sp: Speaker) -> str | None:
        ent = self.ledger.entities.get(sp.name or "")
        return ent.gender if ent else _gender(sp.text or "")

    def _reported_speaker(self, at: int) -> tuple[int, Speaker] | None:
        """The named person whose speech the sentence before the one holding
        ``at`` reports without quotation marks ("X said he was determined …")."""
        i = bisect_right(self._article_starts, at) - 1
        if i < 1 and not self._article_starts:
            return None
        # the person must be named (outside quotations) in this paragraph or the one before
        mentions = self.ledger.mentions
        lo = self._article_starts[i - 1] if i > 0 else (self._article_starts[0] if i == 0 else 0)
        j = bisect_right(mentions, at, key=lambda m: m[0])
        if j == 0 or mentions[j - 1][0] < lo:
            return None
        last = next((sp.name for _, sp in reversed(self.history[-conf()["pronoun_lookback"] :]) if sp.name), None)
        k = j
        while k > 0 and mentions[k - 1][0] >= lo and mentions[k - 1][1].name == last:
            k -= 1
        if k == 0 or mentions[k - 1][0] < lo:  # only the last speaker is named there: nothing new
            return None
        if i < 0:
            return None
        text = self.doc.text
        sentences = _SENTENCE_END.split(text[max(self._article_starts[i], at - 2 * conf()["sentence_window"]) : at])
        # "X said there was …, but she said …": the subject of the sentence's first speech verb
        if (
            (m := conf()["intro_subject"].match(sentences[-1]))
            and not conf()["pronoun"].match(who := _clean(m.group("who")))
            and _plausible(who)
            and not _OPEN.search(m.group())
        ):
            sp, _ = self._named_or_described(who, at, who)
            if sp.name in self.ledger.entities:
                return at - len(sentences[-1]), sp
        if len(sentences) >= 2:
            sentence, pos = sentences[-2], at - len(sentences[-1]) - len(sentences[-2])
        elif i > 0:
            para = text[self._article_starts[i - 1] : self._article_ends[i - 1]].rstrip()
            sentence = _SENTENCE_END.split(para)[-1]
            pos = self._article_starts[i - 1] + len(para) - len(sentence)
        else:
            return None
        # (reported speech may hold a partial quotation: "X said the force “accepted” the
        # findings"; the speech verb comes before it)
        head = _OPEN.split(sentence, maxsplit=1)[0]
        if not head.strip() or not (verb := conf()["verb_fast"].search(head)):
            return None
        who = _subject_of_verb(head)
        if not who and conf()["verb_fast"].search(head[verb.end() :]):
            # "X said police failed to …, and no record of the call can be found.": a later verb of
            # the clause reported ("found", passive) leaves the first speech verb's subject the speaker
            who = _subject_of_verb(head[: verb.end()])
        if not who or conf()["pronoun"].match(who) or not _plausible(who):
            return None
        sp, _ = self._named_or_described(who, at, who)
        return (pos, sp) if sp.name in self.ledger.entities else None

    def _previous_sentence(self, at: int) -> tuple[int, str] | None:
        """The sentence before the one holding ``at`` (in its article paragraph,
        else the last of the article paragraph before) and its offset."""
        i = bisect_right(self._article_starts, at) - 1
        if i < 0:
            return None
        text, window = self.doc.text, conf()["sentence_window"]
        lo = max(self._article_starts[i], at - window)
        sentences = _SENTENCE_END.split(text[lo:at])
        if len(sentences) >= 2:
            return at - len(sentences[-1]) - len(sentences[-2]), sentences[-2]
        if i == 0 or lo > self._article_starts[i]:
            return None
        para = text[self._article_starts[i - 1] : self._article_ends[i - 1]].rstrip()
        sentence = _SENTENCE_END.split(para)[-1]
        return self._article_starts[i - 1] + len(para) - len(sentence), sentence

    def _prior_subject(self, at: int, since: int, gender: str | None) -> Speaker | None:
        """Centering: the description a pronoun refers back to is the subject the
        sentence before opens with ("But the man told a detective working for
        Ombudsman X …" then "He called the penalty “…”"; "The parents of X were at a
        memorial." then "They had called the delay “…”"), when no one was quoted since
        (``since``: the last quotation's offset): for he/she a description of that
        gender ("the man", "his mother"), for they/it a group or an organisation.
        Named people are the ledger's to resolve."""
        prior = self._previous_sentence(at)
        if prior is None or prior[0] <= since or _OPEN.search(prior[1]):
            return None
        lead = _leading_phrase(prior[1])
        if not lead or conf()["pronoun"].match(lead):
            return None
        head = aconf()["complement_split"].split(lead, maxsplit=1)[0]  # "The family (of X)"
        if _people(head):
            return None
        if gender is None and not _is_group(head):
            return None
        if gender is not None and (_is_group(head) or _gender(head) != gender):
            return None
        sp, _ = self._named_or_described(lead, at, lead)
        return sp if sp.name else None

    def _centred_subject(self, at: int, personal: bool, gender: str | None, since: int) -> Speaker | None:
        """Centering: the subject the sentence before opens with, when the pronoun
        being resolved opens its own sentence ("He said:", "It added:") and
        that sentence came after the last quotation (``since``): for he/she a
        described person of a compatible gender whose speech it reports ("A
        Police Scotland spokesman said …", "The foreman of the jury said …"),
        for it/they an organisation the sentence opens with ("The IOPC started
        an investigation after a referral from South Wales Police."). Named
        people are the ledger's to resolve (:meth:`_reported_speaker`)."""
        i = bisect_right(self._para_starts, at) - 1
        if i < 0:
            return None
        own = _sentence_before(self.doc.text[max(self._para_starts[i], at - conf()["sentence_window"]) : at])
        if not aconf()["pronoun_opening"].match(own.lstrip()):
            return None  # ("…, and he said:": a pronoun inside a sentence follows its own clause)
        prior = self._previous_sentence(at)
        if prior is None or prior[0] <= since:
            return None
        head = _OPEN.split(prior[1], maxsplit=1)[0]
        if personal:
            if not conf()["verb_fast"].search(head):
                return None
            who = _subject_of_verb(head)
            if not who or conf()["pronoun"].match(who) or not _plausible(who) or _people(who) or _short_form(who):
                return None
            sp, _ = self._named_or_described(who, at, who)
            if (
                not sp.name
                or sp.name in self.ledger.entities
                or _is_group(sp.name)
                or not _person_like(self, sp)
                or (gender and _gender(sp.name) not in (None, gender))
            ):
                return None
            return sp
        lead = _clause_subject(head) or _leading_phrase(head)
        if not lead or conf()["pronoun"].match(lead) or not (named := last_mentions(lead)):
            return None
        name = min(named)[1]  # the organisation the subject names first
        org = _organisation(self.ledger.spelled, name) or name
        return Speaker(org, lead, role_of(org) or "other", org)

    def _reported_subject(self, at: int) -> str | None:
        """The subject of the speech verb of the sentence before the one holding
        ``at`` (in its paragraph, else the last of the article paragraph before)."""
        i = bisect_right(self._article_starts, at) - 1
        if i < 0:
            return None
        text = self.doc.text
        sentences = _SENTENCE_END.split(text[max(self._article_starts[i], at - conf()["sentence_window"]) : at])
        if len(sentences) >= 2:
            sentence = sentences[-2]
        elif i > 0:
            sentence = _SENTENCE_END.split(text[self._article_starts[i - 1] : self._article_ends[i - 1]].rstrip())[-1]
        else:
            return None
        head = _OPEN.split(sentence, maxsplit=1)[0]
        if not conf()["verb_fast"].search(head):
            return None
        who = _subject_of_verb(head)
        return who if who and not conf()["pronoun"].match(who) and not _fragment(who) else None

    def _sentence_group(self, at: int) -> str | None:
        """The group of people the sentence holding ``at`` opens with ("Jurors saw …")."""
        i = bisect_right(self._para_starts, at) - 1
        if i < 0:
            return None
        sentence = _sentence_before(self.doc.text[max(self._para_starts[i], at - conf()["sentence_window"]) : at])
        part = conf()["boundary"].split(sentence, maxsplit=1)[0]  # (up to its first clause boundary)
        lead = _leading_phrase(part) or _clean(part)
        if not lead or conf()["pronoun"].match(lead):  # (a pronoun is what is being resolved)
            return None
        return (
            lead
            if _plausible(lead) and _is_group(lead) and len(lead.split()) <= conf()["group_lead_max_words"]
            else None
        )

    def _organisation_named(self, at: int, since: int) -> str | None:
        """The force or oversight body named last in the paragraph before
        ``at`` or the one before it, after offset ``since`` (as a speaker)."""
        start = max(self._recent(at), since + 1)
        if start >= at:
            return None
        named = last_mentions(self.doc.text[start:at])
        if not named:
            return None
        name = max(named)[1]
        return _organisation(self.ledger.spelled, name) or name

    def _pronoun(self, who: str, at: int, fallback: str = "") -> tuple[Speaker, str]:
        """He/she/I → whichever comes later: the last person quoted or the
        last person named (of the same gender, outside quotations);
        they/we/it → the last group or organisation quoted, else the last speaker."""
        personal = who.lower() in aconf()["personal_pronouns"]
        c_lookback = conf()["pronoun_lookback"]
        gender = {"he": "m", "she": "f"}.get(who.lower())  # (the gendered pronouns: a fact of English)
        spoken = [
            (pos, sp)
            for pos, sp in self.history[-c_lookback:]
            if sp.name
            and _is_group(sp.name) != personal
            and (not gender or self._gender_of(sp) in (None, gender))
            and (not personal or _person_like(self, sp))
        ]
        if who.lower() == "it":
            # "it" is an organisation or a document, never a group of people ("the family")
            spoken = [
                (pos, sp)
                for pos, sp in self.history[-c_lookback:]
                if sp.name
                and (_is_group(sp.name) or aconf()["report_noun"].search(sp.name))
                and not aconf()["people_group"].search(aconf()["complement_split"].split(sp.name, maxsplit=1)[0])
                and sp.role != "family"
            ]
        if (subject := self._centred_subject(at, personal, gender, spoken[-1][0] if spoken else -1)) is not None:
            # "The IOPC started an investigation after a referral from South Wales Police." then
            # "It said: “…”"; "A Police Scotland spokesman said the force would …" then "He said:":
            # the subject of the sentence before, not a noun named after it, nor one quoted earlier
            return Speaker(subject.name, who, subject.role, subject.organisation), "pronoun"
        if not personal and (
            org := self._organisation_named(at, max(self.spoken_until, spoken[-1][0] if spoken else -1))
        ):
            # "While Staffordshire Police is questioning a man, they said …": the force or
            # body named since the last group quoted (in this paragraph or the one before)
            return Speaker(org, who, role_of(org) or "other", org), "pronoun"
        if not spoken and not personal and (group := self._sentence_group(at)):
            # "Jurors … were told to acquit if they believed he “…”": the group the sentence opens with
            sp, _ = self._named_or_described(group, at, group)
            return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
        if not spoken and not personal:
            spoken = [
                (pos, sp)
                for pos, sp in self.history[-c_lookback:]
                if sp.name and (who.lower() != "it" or (sp.role != "family" and not _person_like(self, sp)))
            ]  # (round ten) "it" is still never a family nor a person ("the new chief constable")
        if (
            personal
            and (reported := self._reported_speaker(at))
            and (not gender or self._gender_of(reported[1]) in (None, gender))
            and (not spoken or reported[0] > spoken[-1][0])
        ):
            # "X, the family's solicitor, said he was determined …" then "He said: “…”":
            # the speech the sentence before reports is the antecedent
            sp = reported[1]
            return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
        # (round fourteen b) no step back past the last speaker of unknown gender to an earlier one
        # of the pronoun's gender: "She added …" after an official of unknown gender is the official
        last_pos, last = spoken[-1] if spoken else (-1, None)
        if gender and (prior := self._prior_subject(at, last_pos, gender)):
            return Speaker(prior.name, who, prior.role, prior.organisation), "pronoun"
        recent = self._recent(at) if last is None or self._gender_of(last) not in (None, gender) else 1 << 62
        if (
            personal
            and (named := self.ledger.last_person(at, gender, anyone=last is None, recent=recent))
            and named[0] > last_pos
            and not (gender and named[1].gender != gender and last is not None and self._gender_of(last) == gender)
        ):
            # (a woman quoted before beats a person of unknown gender named since, for "she")
            ent = named[1]
            return Speaker(ent.name, who, ent.role or "other", self.ledger.organisation(ent)), "pronoun"
        if (
            gender
            and (last is None or self._gender_of(last) != gender)
            and aconf()["female" if gender == "f" else "male"].search(
                self.doc.text, max(0, at - conf()["gender_cue_chars"]), at
            )
            and (subject := self._reported_subject(at))
            and _gender(subject) == gender
        ):
            # "… but the girl's mother has criticised the force." then "“…,” she said": the
            # described person of that gender whose words the sentence before reports
            sp, _ = self.resolve(subject, at, "cue", _State())
            if sp.name:
                return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
        if last is None:
            if fallback and (lead := _leading_phrase(fallback)):
                sp, _ = self._named_or_described(lead, at, "")
                return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
            if not personal and (subject := self._reported_subject(at)):
                # "The report, compiled for …, said there was …" then "But it added: “…”"
                sp, _ = self.resolve(subject, at, "cue", _State())
                if sp.name and (not _person_like(self, sp) or _is_group(sp.name)):
                    # (or a group: "Leon’s family have paid tribute." then "“…,” they said")
                    return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
            if not personal and (prior := self._prior_subject(at, -1, None)):
                return Speaker(prior.name, who, prior.role, prior.organisation), "pronoun"
            if not personal and (owner := self._author(at)):
                # "X read a statement outside court." then "“…,” it said": its author
                sp, _ = self._named_or_described(owner, at, "")
                return Speaker(sp.name, who, sp.role, sp.organisation), "pronoun"
            return Speaker(None, who, "other", None), "none"
        return Speaker(last.name, who, last.role, last.organisation), "pronoun"


# a relative clause after a name, without its comma
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they"}  # (a fact of English)


def _last_organisation(text: str, at: int) -> str | None:
    """The force or oversight body named last before ``at``."""
    named = last_mentions(text[max(0, at - conf()["organisation_window"]) : at])
    return max(named)[1] if named else None


_AGE_AFTER = re.compile(r",?\s*\(?(?P<age>\d{1,3})\)?(?=[,.;\s])")
_AGE_BEFORE = re.compile(r"\b(?P<age>\d{1,3})-year-old\s+$")
_AGED = re.compile(r"^(?:the\s+)?(?P<age>\d{1,3})-year-old(?:\s+[a-z]+)?$", re.I)


def _last_before(starts: list[int], at: int) -> int:
    """The last of the sorted offsets ``starts`` before ``at`` (-1 for none)."""
    i = bisect_right(starts, at - 1)
    return starts[i - 1] if i else -1


def _leading_phrase(text: str) -> str | None:
    """The noun phrase a sentence opens with, up to its first verb
    ("Police watchdog staff are being investigated …" → "Police watchdog staff")."""
    cuts = [
        m.start()
        for p in (
            aconf()["not_speaker_needs"],
            conf()["verb_fast"],
            aconf()["statement_verb"],
            aconf()["finite_auxiliary"],
        )
        if (m := p.search(text))
    ]
    lead = _clean(text[: min(cuts)] if cuts else "")
    return lead if lead and _plausible(lead) else None


def _clause_subject(text: str) -> str | None:
    """The noun phrase a clause opens with, up to its first verb, a past tense
    before its object included ("At a hearing, the panel considered the …" →
    "the panel"); None unless it is a plausible speaker."""
    cuts = [
        m.start()
        for p in (
            aconf()["not_speaker_needs"],
            conf()["verb_fast"],
            aconf()["finite_verb"],
            aconf()["clause_verb"],
            aconf()["will_verb"],
        )
        if (m := p.search(text))
    ]
    if not cuts:
        return None
    lead = _clean(text[: min(cuts)])
    return lead if lead and _plausible(lead) and not conf()["pronoun"].match(lead) else None


# --------------------------------------------------------------------------- rows


def extract_statements(doc: Document) -> list[dict]:
    """Every quotation of ``doc`` with speaker, role, kind and offsets."""
    quotes = find_quotes(doc)
    if not quotes:
        return []
    rows: list[dict] = []
    resolver = Resolver(doc, quotes)
    state = _State()
    roles_of: dict[str | None, Speaker] = {}  # the first role-bearing speaker of each named person
    for k, quote in enumerate(quotes):
        who, how = attribute(doc, quote, state, quotes[k + 1].start if k + 1 < len(quotes) else len(doc.text))
        resolver.quote_end = quote.end
        speaker, basis = resolver.resolve(who, quote.start, how, state)
        if speaker.name in resolver.ledger.entities:
            # the role belongs to the person: "Ms Jones’s sister, Lorna Ward, said" makes
            # a later "“…,” Mrs Ward said" family too
            known = roles_of.get(speaker.name)
            if known is None or (known.role == "other" and speaker.role != "other"):
                roles_of[speaker.name] = known = speaker
            if speaker.role == "other" and known.role != "other":
                speaker, basis = Speaker(speaker.name, speaker.text, known.role, known.organisation), "descriptor"
        resolver.history.append((quote.start, speaker))
        if speaker.name:
            resolver.spoken_until = doc.paragraphs[quote.paragraph + quote.paragraphs - 1].end
        state = _State(quote, speaker)
        rows.append(
            {
                "doc_id": doc.doc_id,
                "case_id": None,
                "statement_id": f"{doc.doc_id}:s{len(rows)}",
                "speaker": speaker.name,
                "speaker_text": speaker.text or None,
                "role": speaker.role,
                "organisation": speaker.organisation,
                "quote": quote.text,
                "kind": quote.kind,
                "paragraphs": quote.paragraphs,
                "n_words": count_words(quote.text),
                "start": quote.start,
                "end": quote.end,
                "attribution": basis,
            }
        )
    _repeated_words(rows)
    _headline_speakers(doc, quotes, rows, resolver.ledger)
    _crosshead_speakers(doc, quotes, rows)
    _sole_oversight_body(doc, rows, resolver)
    _investigators(doc, rows, resolver.ledger)
    if nested := _nested_quotes(doc, quotes):
        _nested_statements(doc, quotes, nested, rows, resolver)
    return rows


def _nested_quotes(doc: Document, quotes: list[Quote]) -> list[tuple[int, Quote]]:
    """Single marks inside a double-quoted statement around the words a speaker
    the statement reports is quoted as using ("… Tom Reid, for the officer, said
    that he had taken a ‘sensible view’ …"): (the outer quotation's index, the
    words), when a speech verb comes before them in their sentence inside the
    outer quotation (a term in single marks, "a ‘fast-track’ procedure", has none)."""
    c = conf()
    if not c["single_beside_double"] or not _opens_single(doc):
        return []
    starts = [q.start for q in quotes]
    found = []
    for q in _single_quotes(doc):
        i = bisect_right(starts, q.start) - 1
        if i < 0 or quotes[i].end < q.end or quotes[i].start == q.start or quotes[i].kind == "partial":
            continue
        if q.paragraphs != 1 or "‘" in q.text or count_words(q.text) > c["single_partial_words"]:
            continue
        before = _sentence_before(doc.text[quotes[i].start + 1 : q.start])
        if c["verb_fast"].search(before):
            found.append((i, Quote(q.start, q.end, q.text, q.paragraph, 1, "partial")))
    return found


def _nested_statements(
    doc: Document, quotes: list[Quote], nested: list[tuple[int, Quote]], rows: list[dict], resolver: Resolver
) -> None:
    """Each nested quotation is a statement of the subject of the speech verb
    before it inside the outer quotation, when that subject is a speaker other
    than the outer quotation's (a pronoun or none: the words stay the outer
    statement's)."""
    for i, q in nested:
        outer = rows[i]
        before = _sentence_before(doc.text[quotes[i].start + 1 : q.start])
        who = _subject_of_verb(before)
        speaker = None
        if who and who is not PASSIVE and not conf()["pronoun"].match(who) and _plausible(who):
            sp, basis = resolver.resolve(who, q.start, "cue", _State())
            if sp.name:
                speaker = sp
        if speaker is None or speaker.name == outer["speaker"]:
            continue  # ("We called it ‘unacceptable’": the speaker's own words, part of the statement)
        rows.append(
            {
                "doc_id": doc.doc_id,
                "case_id": None,
                "statement_id": "",
                "speaker": speaker.name,
                "speaker_text": speaker.text or None,
                "role": speaker.role,
                "organisation": speaker.organisation,
                "quote": q.text,
                "kind": q.kind,
                "paragraphs": 1,
                "n_words": count_words(q.text),
                "start": q.start,
                "end": q.end,
                "attribution": basis,
            }
        )
    rows.sort(key=lambda r: r["start"])
    for k, row in enumerate(rows):
        row["statement_id"] = f"{doc.doc_id}:s{k}"


def _investigators(doc: Document, rows: list[dict], ledger: Ledger) -> None:
    """A named person with no role of their own who speaks of "our
    investigation", whose title is an investigating office with no
    organisation ("Director for Wales"), or whose investigation the text
    calls theirs ("X said his investigation showed"), in a document that
    names one oversight body (and no other) speaks for that body
    ("Operations Manager Catherine Hall said: “Following our investigation I
    have now decided …”" on an IPCC page)."""
    a = aconf()

    def investigates(row: dict) -> bool:
        if a["investigator_voice"].search(row["quote"]):
            return True
        ent = ledger.entities[row["speaker"]]
        if any(a["investigator_title"].search(d) for d in ent.descriptors):
            return True
        reach = conf()["sentence_window"]
        return any(
            a["investigator_own"].search(_SENTENCE_END.split(doc.text[e : e + reach], maxsplit=1)[0])
            for _, e in ent.spans[: conf()["describe_mentions"]]
        )

    loose = [
        r
        for r in rows
        if r["role"] == "other" and r["organisation"] is None and r["speaker"] in ledger.entities and investigates(r)
    ]
    if not loose:
        return
    bodies = oversight_bodies(doc.text)
    if len(bodies) != 1:
        return
    full = conf()["long_names"].get(bodies[0], bodies[0])
    name = full if full in ledger.spelled else bodies[0]
    for row in loose:
        row.update(role="oversight_body", organisation=name)


def _headline_speakers(doc: Document, quotes: list[Quote], rows: list[dict], ledger: Ledger) -> None:
    """Quoted words of the headline are the body's quotation that holds them
    (or that they hold, two words or more: ‘We were let down’ and "had been
    “let down”"), and take its speaker when the headline names nobody in full
    ("Family of man who died in custody say police ‘failed him’" → the family
    of Tom Hale; "Mother speaks" → Lisa Grant)."""
    head = _headline_index(doc)
    if head is None:
        return
    heads = [i for i, q in enumerate(quotes) if q.paragraph == head and rows[i]["speaker"] not in ledger.entities]
    if not heads:
        return
    body = [
        (k, f" {_norm_words(rows[k]['quote'])} ")
        for k, q in enumerate(quotes)
        if q.paragraph != head and rows[k]["speaker"] is not None and rows[k]["attribution"] != "repeat"
    ]
    for i in heads:
        words = f" {_norm_words(rows[i]['quote'])} "
        if words == "  ":
            continue
        match = next(
            (k for k, b in body if words in b or (b in words and len(b.split()) >= 2)),
            None,
        )
        if match is None and len(tokens := words.split()) >= (n := conf()["headline_shared_words"]):
            # a paraphrase ("‘The public must see punishment’" for "… the public must see they
            # will be punished"): the first body quotation sharing a run of n words with it
            runs = {f" {' '.join(tokens[j : j + n])} " for j in range(len(tokens) - n + 1)}
            match = next((k for k, b in body if any(r in b for r in runs)), None)
        if match is not None and rows[match]["speaker"] != rows[i]["speaker"]:
            _take_speaker(rows[i], rows[match])


def _crosshead_speakers(doc: Document, quotes: list[Quote], rows: list[dict]) -> None:
    """A crosshead's quoted words (a later short line without a full stop:
    ‘Cycle of abuse’, kept only because a body quotation holds the same words)
    take the speaker of the first body quotation holding them, not that of the
    quotation before the crosshead."""
    head = _headline_index(doc)
    longest = conf()["crosshead_max_chars"]
    for i, q in enumerate(quotes):
        para = doc.paragraphs[q.paragraph]
        if q.kind != "partial" or q.paragraph == head or para.end - para.start > longest:
            continue
        line = doc.text[para.start : para.end].rstrip()
        if line.endswith((".", "!", "?", ":")) or q.start - para.start > 1 or q.end < para.start + len(line) - 1:
            continue  # (the quoted words are the whole line)
        words = f" {_norm_words(q.text)} "
        if words == "  ":
            continue
        match = next(
            (
                k
                for k, other in enumerate(quotes)
                if k != i
                and other.paragraph != q.paragraph
                and rows[k]["speaker"] is not None
                and words in f" {_norm_words(other.text)} "
            ),
            None,
        )
        if match is not None and rows[match]["speaker"] != rows[i]["speaker"]:
            _take_speaker(rows[i], rows[match])


def _sole_oversight_body(doc: Document, rows: list[dict], resolver: Resolver) -> None:
    """A partial quotation nobody is named for, in a document that names one
    oversight body (and no other), quotes that body's findings
    ("Staffordshire Police has been told to make changes after “failures” …"
    on a page about an IOPC investigation) — unless its sentence opens with a
    relative or the family, whose words they are (:func:`_family_opening`)."""
    loose = [r for r in rows if r["speaker"] is None and r["kind"] == "partial"]
    if not loose:
        return
    bodies = oversight_bodies(doc.text)
    if len(bodies) != 1:
        return
    full = conf()["long_names"].get(bodies[0], bodies[0])
    spelled = resolver.ledger.spelled
    name = full if full in spelled else bodies[0]  # the body's own name, not a force's inside it ("PSNI Ombudsman")
    starts = [p.start for p in doc.paragraphs]
    for row in loose:
        para = doc.paragraphs[max(0, bisect_right(starts, row["start"]) - 1)]
        sentence = _sentence_before(doc.text[para.start : row["start"]])
        if (family := _family_opening(sentence, row["start"], resolver)) is not None:
            row.update(
                speaker=family.name,
                speaker_text=family.text,
                role="family",
                organisation=family.organisation,
                attribution="descriptor",
            )
            continue
        row.update(speaker=name, role="oversight_body", organisation=name, attribution="descriptor")


def _family_opening(sentence: str, at: int, resolver: Resolver) -> Speaker | None:
    """(round twelve) The relative or family a sentence with no speech verb opens with, as
    its subject: "Father Tom Reid met the force on Monday to “learn …”", "Members of Ann's
    family reacted to the report with “anger”", "Mother whose son died ‘heartbroken’"; None
    when the sentence opens with anyone else ("Murder victim Ann Cole ‘failed by …’")."""
    text = sentence.strip()
    if not text:
        return None
    m = aconf()["family_subject"].match(text)
    if m:
        lead: str | None = _clean(m.group("who"))  # "Members of Ann Lee's family": the family, not Ann Lee
    elif (person := _lead_person(text)) and (not (before := person[1].strip()) or role_of(before) == "family"):
        lead = person[0]  # "Father Tom Reid met …", "Tom Reid met …": the relative named first
    else:
        return None  # ("Following an Old Bailey trial her father …": a name not the subject)
    sp, _ = resolver.resolve(lead, at, "cue", _State())
    return sp if sp.name and sp.role == "family" else None


def _take_speaker(row: dict, other: dict) -> None:
    """``row`` takes the speaker, role and organisation of ``other``, quoting it again (``repeat``)."""
    row.update(speaker=other["speaker"], role=other["role"], organisation=other["organisation"], attribution="repeat")


_ALNUM_RUN = re.compile(r"[a-z0-9]+")


def _norm_words(text: str) -> str:
    return " ".join(_ALNUM_RUN.findall(text.lower()))


def _repeated_words(rows: list[dict]) -> None:
    """A quotation with no speaker (a headline's ‘failures’, a partial) whose
    words another attributed quotation of the document holds takes that
    quotation's speaker (``attribution`` = ``repeat``): the first such
    quotation in the document, its words a run of whole words of the other
    (normalised words are runs of ``[a-z0-9]``).

    Linear in the words of the document: the attributed quotations' runs of
    one, two and three words are indexed once, and a quotation without a
    speaker is compared only with those holding its first words."""
    loose = [
        (i, words) for i, row in enumerate(rows) if row["speaker"] is None and (words := _norm_words(row["quote"]))
    ]
    if not loose:
        return
    sources = [k for k, row in enumerate(rows) if row["speaker"] is not None and row["attribution"] != "repeat"]
    padded: dict[int, str] = {}

    def words_of(k: int) -> str:  # worked out when first needed
        if k not in padded:
            padded[k] = f" {_norm_words(rows[k]['quote'])} "
        return padded[k]

    if len(loose) * len(sources) <= conf()["repeat_pairs_direct"]:  # few: compare every pair (the same result)
        for i, words in loose:
            needle = f" {words} "
            if (k := next((k for k in sources if needle in words_of(k)), None)) is not None:
                _take_speaker(rows[i], rows[k])
        return
    index: dict[str, list[int]] = {}
    for k in sources:
        tokens = words_of(k).split()
        for n in (1, 2, 3):
            for j in range(len(tokens) - n + 1):
                found = index.setdefault(" ".join(tokens[j : j + n]), [])
                if not found or found[-1] != k:
                    found.append(k)
    for i, words in loose:
        key = " ".join(words.split()[:3])
        needle = f" {words} "
        k = next((k for k in index.get(key, ()) if needle in padded[k]), None)
        if k is not None:
            _take_speaker(rows[i], rows[k])
