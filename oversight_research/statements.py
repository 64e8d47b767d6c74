"""Statements: every quotation, who said it, and in which role.

Three steps per document (rules in ``rules/statements.yaml``):

1. **Quotations** (:func:`find_quotes`) — curly or straight double quotes.  A
   quotation never runs past its paragraph unless the next paragraph opens
   with a quotation mark (the British multi-paragraph style, where only the
   last paragraph closes), so an unbalanced mark cannot swallow the article.
   ``kind`` is ``full`` for a quoted statement (the quotation opens its
   paragraph, or follows ``said:`` or a full stop, and starts with a capital)
   and ``partial`` for a phrase quoted inside reported speech.  One-word
   scare quotes after "known as", "so-called" … are names, not speech.
2. **Attribution** (:func:`attribute`) — "X said:", "X added:", "said X",
   "“…,” she said", "according to X", "A spokesman for the Met said:", an
   introduction in the paragraph before ("X said:", "Statement from X:"),
   and for partial quotations the subject of the speech verb before it
   ("Ms Ball said officers did not show “…”").  A quotation with no
   attribution continues the statement of the paragraph before.
3. **Speaker and role** — pronouns go to the last speaker (or the last
   official named before the quotation); "Ms Ball" to the fullest name the
   document gives ("Helen Ball"); an organisation's spokesperson to the
   organisation's name.  The role comes from the speaker as written, then
   from the titles the document gives the same person elsewhere
   ("Assistant Commissioner Helen Ball"); no cue → ``other``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from . import rules
from .entities import forces, is_official, last_oversight_body, oversight_bodies, people
from .ingest import Document, Paragraph
from .text import count_words

# Opening: “, or " after a space, bracket or dash and before a non-space.
# Closing: ”, or " after a non-space.  Each alternative starts with its quotation
# mark (the context is checked after it, looking back) so that the engine can skip
# straight to quotation marks instead of trying every position.
_OPEN = re.compile(r"“|\"(?<=(?<![^\s(\[—–-])\")(?=\S)")
_CLOSE = re.compile(r"”|\"(?<=\S\")")
_CONTINUES = re.compile(r"\s*(?:“|\")")


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
    c = rules.load("statements")
    verbs = c["speech_verbs"]
    return {
        **c,
        "verb": re.compile(rf"\b(?:{verbs})\b", re.I),
        "intro": re.compile(rf"(?P<who>[^.!?:]+?)\s+(?:{verbs})\b(?P<rest>[^:]*?)[:,]\s*$", re.I),
        "after_verb_first": re.compile(rf"^\s*[,.]?\s*(?:{verbs})\s+(?P<who>[^.,;:“”\"]+)", re.I),
        "after_who_first": re.compile(rf"^\s*,?\s*(?P<who>[^.,;:“”\"]{{1,80}}?)\s+(?:{verbs})\b", re.I),
        "according": re.compile(r"\baccording to (?P<who>[^.,;:“”\"]+)", re.I),
        "statement_from": re.compile(c["statement_from"], re.I),
        "trailing": re.compile(c["speaker_trailing"], re.I),
        "leading": re.compile(c["speaker_leading"]),
        "scare": re.compile(c["scare_quote_before"], re.I),
        "boundary": re.compile(c["clause_boundary"], re.I),
        "pronoun": re.compile(rf"^(?:{c['pronouns']})$", re.I),
        "spokes": re.compile(rf"\b(?:{c['spokes']})\b", re.I),
        "anaphor": re.compile(c["oversight_anaphor"], re.I),
        "roles": {role: rules.compile_any(tuple(cues)) for role, cues in c["roles"].items()},
    }


# --------------------------------------------------------------------------- quotations

def find_quotes(doc: Document) -> list[Quote]:
    """Every quotation in the article paragraphs of ``doc``, bounded by paragraphs."""
    paras, quotes, i = doc.paragraphs, [], 0
    while i < len(paras):
        pos, following = paras[i].start, i + 1
        while paras[i].kind == "article" and (m := _OPEN.search(doc.text, pos, paras[i].end)):
            quote, last, pos = _close(doc, i, m.start(), m.end())
            if quote is not None:
                quotes.append(quote)
            if last != i:  # it continued into later paragraphs
                following = last + 1
                break
        i = following
    return quotes


def _close(doc: Document, first: int, open_at: int, content_at: int) -> tuple[Quote | None, int, int]:
    """The quotation opened at ``open_at`` (None for a scare quote or an empty
    one), the index of its last paragraph and the offset after it.  It closes
    in its paragraph, continues into following paragraphs that open with a
    quotation mark, or is cut at the end of its last paragraph."""
    paras, text = doc.paragraphs, doc.text
    pieces, i, start = [], first, content_at
    while True:
        close = _CLOSE.search(text, start, paras[i].end)
        if close:
            pieces.append(text[start:close.start()])
            end = close.end()
            break
        pieces.append(text[start:paras[i].end].rstrip())
        nxt = i + 1
        if nxt < len(paras) and paras[nxt].kind == "article" and (
                m := _CONTINUES.match(text, paras[nxt].start, paras[nxt].end)):
            i, start = nxt, m.end()
            continue
        end = paras[i].start + len(text[paras[i].start:paras[i].end].rstrip())
        break
    body = "\n\n".join(p.strip() for p in pieces).strip()
    if not re.search(r"\w", body) or _is_scare_quote(text, paras[first], open_at, body):
        return None, i, end
    kind = _kind(text[paras[first].start:open_at], body)
    return Quote(open_at, end, body, first, i - first + 1, kind), i, end


def _is_scare_quote(text: str, para: Paragraph, open_at: int, body: str) -> bool:
    return len(body.split()) == 1 and bool(conf()["scare"].search(text[para.start:open_at]))


def _kind(before: str, body: str) -> str:
    """``full`` when the quotation is a statement of its own, else ``partial``."""
    before = before.rstrip()
    opens_statement = not before or before.endswith((":", ".", "!", "?", ","))
    return "full" if opens_statement and body[:1].isupper() else "partial"


# --------------------------------------------------------------------------- attribution

def _sentence_before(text: str) -> str:
    """The part of ``text`` after its last sentence end."""
    return re.split(r"(?<=[.!?])\s+(?=[“\"A-Z])", text)[-1]


def _clean(who: str) -> str:
    c = conf()
    who = who.strip(" ,;:—–-\n\t")
    for _ in range(3):
        who = c["leading"].sub("", who).strip()
        who = c["trailing"].sub("", who).strip(" ,")
    return who


def _subject_of_verb(before: str) -> str | None:
    """The noun phrase before the last speech verb of reported speech; None
    for a passive verb ("has been asked to …" names the addressee)."""
    c = conf()
    verbs = list(c["verb"].finditer(before))
    if not verbs or re.search(r"\b(?:been|be|being|is|are|was|were)\s+$", before[:verbs[-1].start()]):
        return None
    head = re.sub(r",?\s+who\s+$", "", before[:verbs[-1].start()])  # "X, who said" → X
    parts = c["boundary"].split(head)
    who = _clean(parts[-1])
    if not who and len(parts) > 1:  # "Jurors at the inquests into …, concluded"
        who = _clean(parts[0])
    return who or None


def _intro(text: str) -> str | None:
    """The speaker of "X said:" / "X, …, said on behalf of Y:" ending ``text``."""
    m = conf()["intro"].search(text)
    if not m:
        return None
    behalf = re.search(r"\bon behalf of .+", m.group("rest"))
    return _clean(m.group("who")) + (f", {behalf.group().strip()}" if behalf else "")


def _after(body: str, after: str) -> str | None:
    """"…,” said X" / "…,” she said" right after the quotation (not a new sentence)."""
    c = conf()
    head = after.lstrip()[:1]
    if not (head.islower() or head == "," or body.rstrip().endswith(",")):
        return None
    for pattern in ("after_verb_first", "after_who_first"):
        if m := c[pattern].match(after):
            return _clean(m.group("who"))
    return None


def attribute(doc: Document, quote: Quote, previous: tuple[Quote, str | None] | None) -> str | None:
    """The speaker of ``quote`` as written in the text (None when unknown).

    ``previous`` is the quotation before it with its speaker: a quotation that
    has no attribution of its own, in the paragraph right after, continues it.
    """
    text, para = doc.text, doc.paragraphs[quote.paragraph]
    before = _sentence_before(text[para.start:quote.start])
    after = text[quote.end:doc.paragraphs[quote.paragraph + quote.paragraphs - 1].end]
    if quote.kind == "partial":
        return _subject_of_verb(before) or _according(after) or _according(before)
    if before.strip():
        return _intro(before) or _according(before) or _subject_of_verb(before)
    if who := (_after(quote.text, after) or _according(after)):
        return who
    if previous and previous[0].paragraph + previous[0].paragraphs == quote.paragraph:
        return previous[1]
    return _introduced_before(doc, quote.paragraph)


def _according(text: str) -> str | None:
    m = conf()["according"].search(text)
    return _clean(m.group("who")) if m else None


def _introduced_before(doc: Document, index: int) -> str | None:
    """"X said:" or "Statement from X:" in the paragraph before, or the
    subject of "The IOPC said …" there when the quotation stands alone."""
    c = conf()
    prev = next((p for p in reversed(doc.paragraphs[:index]) if p.kind == "article"), None)
    if prev is None:
        return None
    text = doc.text[prev.start:prev.end].strip()
    if m := c["statement_from"].search(text):
        return _clean(m.group("who"))
    last = _sentence_before(text)
    if last.endswith(":"):
        return _intro(last)
    if not _OPEN.search(text):
        return _subject_of_verb(last)
    return None


# --------------------------------------------------------------------------- speakers

def role_of(text: str) -> str | None:
    """The first role (codebook order) with a cue in ``text``."""
    for role, pattern in conf()["roles"].items():
        if pattern.search(text):
            return role
    return None


def _short_form(who: str) -> str | None:
    m = re.fullmatch(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+([A-Z][\w’'-]+)", who)
    return m.group(1) if m else None


@lru_cache(maxsize=64)
def _officials(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every person introduced as an official, in text order."""
    return [(s, n) for n, s, e in people(text) if is_official(text, s, e)]


@lru_cache(maxsize=64)
def _fullest_names(text: str) -> dict[str, str]:
    """Surname → the longest name ending in it ("Ball" → "Helen Ball")."""
    out: dict[str, str] = {}
    for name, _, _ in people(text):
        surname = name.split()[-1]
        if len(name) > len(out.get(surname, "")):
            out[surname] = name
    return out


def _titles_of(doc: Document, name: str) -> str:
    """The words before and after each mention of ``name`` ("Assistant
    Commissioner Helen Ball", "Helen Ball, the Met's assistant commissioner")."""
    return _titles_in(doc.text, name)


@lru_cache(maxsize=256)
def _titles_in(text: str, name: str) -> str:
    out = []
    for m in islice(re.finditer(re.escape(name), text), 20):  # titles are given at the first mentions
        before = re.split(r"[.;:!?\n“”\"]|, ", text[max(0, m.start() - 60):m.start()])[-1]
        after = re.match(r",\s*([^,.;:\n“”\"]{0,60})", text[m.end():m.end() + 70])
        out.append(f"{before} {after.group(1) if after else ''}")
    return " ".join(out)


def _organisation(doc: Document, text: str, long: bool = True) -> str | None:
    """The oversight body or force named in ``text``, in the document's fullest form."""
    bodies, forces_named = oversight_bodies(text), forces(text)
    if bodies:
        full = conf()["long_names"].get(bodies[0], bodies[0])
        return full if long and full in doc.text else bodies[0]
    return forces_named[0] if forces_named else None


def resolve(doc: Document, who: str | None, at: int, history: list[tuple[int, Speaker]]) -> Speaker:
    """The speaker of a quotation at offset ``at`` attributed to ``who`` (as written)."""
    c = conf()
    if not who:
        return Speaker(None, "", "other", None)
    if c["pronoun"].match(who):
        return _pronoun(doc, who, at, history)
    if c["anaphor"].match(who) and (body := last_oversight_body(doc.text[:at])):
        name = _organisation(doc, body)
        return Speaker(name, who, "oversight_body", name)
    organisation = _organisation(doc, who)
    role = role_of(who)
    if short := _short_form(who):
        name = _fullest_names(doc.text).get(short, who)
    elif named := [n for n, _, e in people(who) if who[e:e + 2] not in ("’s", "'s")]:
        name = named[-1]
    elif organisation and (spokes := c["spokes"].search(who)):
        short_org = _organisation(doc, who, long=False)
        name = short_org if spokes.group() == "statement" else f"{short_org} {spokes.group()}"
    elif organisation and len(who.split()) <= 4:
        name = organisation  # "The IOPC", "the force"
    else:
        name = who
    if people(name):
        titles = _titles_of(doc, name)
        role = role or role_of(titles)
        organisation = organisation or _organisation(doc, titles)
    return Speaker(name, who, role or "other", organisation)


def _pronoun(doc: Document, who: str, at: int, history: list[tuple[int, Speaker]]) -> Speaker:
    """He/she → whichever comes later: the last named speaker or the last
    official named in the text ("Assistant Commissioner X apologised.");
    it/they/we → the last speaker."""
    personal = who.lower() in ("he", "she", "i")
    spoken = [(pos, sp) for pos, sp in history if sp.name and (not personal or people(sp.name))]
    last_pos, last = spoken[-1] if spoken else (-1, None)
    if personal:
        officials = _officials(doc.text)
        i = bisect_right(officials, (at, "")) - 1
        if i >= 0 and officials[i][0] > last_pos:
            name = officials[i][1]
            titles = _titles_of(doc, name)
            return Speaker(name, who, role_of(titles) or "other", _organisation(doc, titles))
    if last is None:
        return Speaker(None, who, "other", None)
    return Speaker(last.name, who, last.role, last.organisation)


# --------------------------------------------------------------------------- rows

def extract_statements(doc: Document) -> list[dict]:
    """Every quotation of ``doc`` with speaker, role, kind and offsets."""
    rows: list[dict] = []
    history: list[tuple[int, Speaker]] = []
    previous: tuple[Quote, str | None] | None = None
    for quote in find_quotes(doc):
        who = attribute(doc, quote, previous)
        speaker = resolve(doc, who, quote.start, history)
        history.append((quote.start, speaker))
        previous = (quote, who)
        rows.append({
            "doc_id": doc.doc_id, "case_id": None, "statement_id": f"{doc.doc_id}:s{len(rows)}",
            "speaker": speaker.name, "speaker_text": speaker.text or None, "role": speaker.role,
            "organisation": speaker.organisation, "quote": quote.text, "kind": quote.kind,
            "paragraphs": quote.paragraphs, "n_words": count_words(quote.text),
            "start": quote.start, "end": quote.end,
        })
    return rows
