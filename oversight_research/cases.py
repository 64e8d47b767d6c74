"""Group documents into cases.

Rule (documented in docs/codebook.md): two documents belong to the same case
when they share an oversight-body reference number, or a named person who is
mentioned in a sentence about harm (a victim or the person who harmed them —
officials who comment on many cases are not case keys).  Groups are the
connected components of that relation.  ``data/raw/cases.csv`` (doc_id,
case_id) overrides the rule for the documents it lists.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from . import entities
from .ingest import Document, read_cases_file, sentence_spans
from .rules import statements as statement_rules
from .text import WordPattern, lower_same_length
from .timeline import cues, cues_by_kind


def case_keys(doc: Document) -> dict[str, Any]:
    """What a document contributes to case grouping (a pure function)."""
    text = "\n".join(doc.text[p.start : p.end] for p in doc.article_paragraphs(("article", "caption")))
    victims: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for _, _, span in sentence_spans(doc, ("article", "caption")):
        sentence = doc.text[span.start : span.end]
        found = entities.people(sentence)
        if not found:  # no name, no victim
            continue
        named.update(n for n, _, _ in found)
        narration = _QUOTED.sub(" ", sentence)  # the harm a quotation mentions is the speaker's comment
        if _about_harm(lower_same_length(narration)):
            if narration != sentence:  # a quotation removed: its names go with it
                found = entities.people(narration)
            victims.update(n for n, _, end in found if not _speaks(narration, end))
    return {
        "doc_id": doc.doc_id,
        "title": doc.metadata.title or "",
        "reference": doc.metadata.reference or "",
        "victims": sorted(victims, key=lambda v: (-_mentions(text, v), v)),
        "people": sorted(named),
        "top_person": named.most_common(1)[0][0] if named else "",
        "forces": entities.forces(text),
        "oversight_bodies": entities.oversight_bodies(text),
    }


def case_key_row(doc: Document, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The document's case keys with the first and last date of its events."""
    dates = sorted(e["date"] for e in events if e["date"])
    return {**case_keys(doc), "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None}


# A quotation, closed or running to the sentence end: its words are not the narrator's.
_QUOTED = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)")


@cache
def _speech_verb() -> re.Pattern[str]:
    """A speech verb right after a name: "X said", "X, 45, told …" (rules/statements.yaml speech_verbs)."""
    return re.compile(rf"^(?:,[^,]{{1,40}},)?\s+(?:{statement_rules.load().cues['speech_verbs']})\b")


def _speaks(sentence: str, end: int) -> bool:
    """Is the person named up to ``end`` the speaker of the sentence (who comments, not a victim)?"""
    return bool(_speech_verb().match(sentence[end:]))


def _about_harm(lowered: str) -> bool:
    """Does the (lower-cased) sentence describe harm: a fatal cue or a harm event cue?"""
    fatal, _ = cues()
    # the harm cues' own regex, without their literal pre-test: a sentence that names someone
    # holds one of its 98 literals (" by ", "over", "down", …) about every other time, so the
    # test cost more than the searches it saved (it only ever skips text the regex cannot match)
    return bool(fatal.search(lowered) or cues_by_kind()["harm"].holds_match(lowered))


def _mentions(text: str, name: str) -> int:
    """How often the name's surname occurs: the case's subject is named most."""
    return sum(1 for _ in WordPattern(rf"\b{re.escape(name.split()[-1])}\b").finditer(text))


def read_overrides(raw_dir: Path) -> dict[str, str]:
    """``cases.csv`` (doc_id, case_id) in the raw folder, if any (read like the
    manifest: :func:`ingest.read_cases_file`)."""
    return read_cases_file(raw_dir)[0]


def _components(keys: list[dict[str, Any]]) -> list[list[str]]:
    parent = {k["doc_id"]: k["doc_id"] for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for k in keys:
        for key in [f"ref:{k['reference']}"] * bool(k["reference"]) + [f"person:{v}" for v in k["victims"]]:
            if key in owner:
                parent[find(k["doc_id"])] = find(owner[key])
            else:
                owner[key] = k["doc_id"]
    groups: dict[str, list[str]] = {}
    for doc_id in sorted(parent):
        groups.setdefault(find(doc_id), []).append(doc_id)
    return sorted(groups.values())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "case"


def group(keys: list[dict[str, Any]], overrides: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Cases table rows and the doc_id → case_id mapping (keys carry each
    document's first and last event date, so no event list is needed)."""
    by_doc = {k["doc_id"]: k for k in keys}
    fixed: dict[str, list[str]] = {}
    for doc_id, case_id in overrides.items():
        if doc_id in by_doc:
            fixed.setdefault(case_id, []).append(doc_id)
    free = [k for k in keys if k["doc_id"] not in overrides]
    named_groups: list[tuple[str | None, list[str]]] = [
        (case_id, sorted(docs)) for case_id, docs in sorted(fixed.items())
    ]
    for docs in _components(free):
        named_groups.append((None, docs))
    rows: list[dict[str, Any]] = []
    doc_case: dict[str, str] = {}
    used: set[str] = set()
    for given, docs in named_groups:
        members = [by_doc[d] for d in docs]
        label = _label(members)
        if given is None:
            case_id = _slug(label)
            while case_id in used:
                case_id = f"{case_id}-{len(used)}"
        else:
            case_id = given
        used.add(case_id)
        dates = sorted(d for m in members for d in (m.get("first_date"), m.get("last_date")) if d)
        rows.append(
            {
                "case_id": case_id,
                "label": label,
                "forces": ";".join(sorted({f for m in members for f in m["forces"]})),
                "oversight_bodies": ";".join(sorted({b for m in members for b in m["oversight_bodies"]})),
                "people": ";".join(sorted({p for m in members for p in m["people"]})),
                "doc_ids": ";".join(docs),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
            }
        )
        doc_case.update(dict.fromkeys(docs, case_id))
    rows.sort(key=lambda r: str(r["case_id"]))
    return rows, doc_case


def _label(members: list[dict[str, Any]]) -> str:
    for member in members:
        if member["victims"]:
            victim: str = member["victims"][0]
            return victim
    titles: list[str] = [m["title"] for m in members if m["title"]]
    first: str = titles[0] if titles else members[0]["doc_id"]
    return first
