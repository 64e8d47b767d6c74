"""Statements: scored against the gold annotations; each quotation and attribution pattern."""

from __future__ import annotations

import pytest
from conftest import make_doc as doc

from oversight_research.statements import extract_statements, find_quotes


def rows(*paragraphs: str) -> list[tuple]:
    return [(r["speaker"], r["role"], r["kind"], r["paragraphs"], r["quote"][:20])
            for r in extract_statements(doc(*paragraphs))]


def test_offsets_slice_the_quotation_with_its_marks():
    d = doc("Ann Lee said: “It was wrong.”", "More text.")
    (row,) = extract_statements(d)
    assert d.text[row["start"]:row["end"]] == "“It was wrong.”" and row["quote"] == "It was wrong."


def test_curly_and_straight_quotes_with_single_quotes_inside():
    got = rows('Chief Constable Jo Hart said: "We called it \'unacceptable\' at the time."',
               "Jo Hart added: “It’s the ‘right’ decision.”")
    assert [(g[0], g[1], g[4]) for g in got] == [("Jo Hart", "police", "We called it 'unacce"),
                                                 ("Jo Hart", "police", "It’s the ‘right’ dec")]


def test_british_multi_paragraph_quotation_is_one_statement():
    got = rows("Sarah Cole, the victim’s sister, said: “We waited years.", "“Nobody listened to us.",
               "“We want answers.”", "The inquiry continues.")
    assert got == [("Sarah Cole", "family", "full", 3, "We waited years.\n\nNo")]


def test_unbalanced_quote_stops_at_its_paragraph():
    got = rows("Ann Lee said: “This never closes.", "A new paragraph without quotation marks.",
               "Tom Bell said: “Closed.”")
    assert [(g[0], g[3]) for g in got] == [("Ann Lee", 1), ("Tom Bell", 1)]


def test_only_quotation_marks_and_empty_quotes_are_not_statements():
    assert rows("“”“” \"\" “ ”") == []


def test_partial_quotation_inside_reported_speech():
    got = rows("The mother of one of the victims said she had “lost faith” in the force.")
    assert got == [("The mother of one of the victims", "family", "partial", 1, "lost faith")]


def test_scare_quoted_name_is_not_a_statement():
    assert rows("The force is in what is known as the “engage” process.") == []


@pytest.mark.parametrize("paragraphs,speaker,role", [
    (["“We are sorry,” said Deputy Chief Constable Amy Reed."], "Amy Reed", "police"),
    (["“We are sorry,” she said.", "Later, Ms Reed spoke again."], None, "other"),
    (["An IOPC spokesperson said: “We have begun an investigation.”"], "IOPC spokesperson", "oversight_body"),
    (["A spokesman for the Met said: “The officer is suspended.”"], "Metropolitan Police Service spokesman", "police"),
    (["The changes were welcome, according to the Home Secretary, who said “lessons must be learned”."],
     "the Home Secretary", "government"),
    (["Dan Fox, the officers’ solicitor, said: “They acted lawfully.”"], "Dan Fox", "officer_subject"),
    (["A witness who saw the arrest told the BBC: “He was on the ground.”"], "A witness who saw the arrest", "victim_or_witness"),
])
def test_attribution_patterns(paragraphs, speaker, role):
    first = extract_statements(doc(*paragraphs))[0]
    assert (first["speaker"], first["role"]) == (speaker, role)


def test_pronoun_goes_to_the_official_named_before():
    got = rows("Assistant Commissioner Helen Ward apologised to the families.", "She said: “We failed you.”")
    assert got[0][:2] == ("Helen Ward", "police")


def test_short_form_resolves_to_the_fullest_name_and_its_role():
    got = rows("IOPC Regional Director Kate Moss opened the inquiry.", "Ms Moss said: “We will be thorough.”")
    assert got[0][:2] == ("Kate Moss", "oversight_body")


def test_statement_after_an_introduction_paragraph():
    got = rows("IPCC Commissioner Raj Patel said:", "“Our sympathy remains with the family.”")
    assert got[0][:2] == ("Raj Patel", "oversight_body")
    got = rows("Statement from Chief Superintendent Lee Grant following the hearing:", "“We accept the outcome.”")
    assert got[0][:2] == ("Lee Grant", "police")


def test_standalone_quotation_continues_the_speaker_before():
    got = rows("Ms Ball said officers lacked “professional curiosity”.", "“And some inquiries were never made.”")
    assert [g[0] for g in got] == ["Ms Ball", "Ms Ball"]


def test_watchdog_refers_to_the_body_named_before():
    got = rows("HMICFRS published its report on Monday.", "The watchdog said the force “must improve”.")
    assert got[0][:2] == ("HMICFRS", "oversight_body")


def test_every_quote_lies_inside_its_document():
    d = doc("He said “a", "“b”", "c” d “e")
    for q in find_quotes(d):
        assert 0 <= q.start < q.end <= len(d.text)
