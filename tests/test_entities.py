"""Forces are counted once, under one name (rules/entities.yaml `force_places`)."""

from __future__ import annotations

import pytest

from oversight_research.entities import forces, last_mentions, oversight_bodies, people


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Metropolitan Police said, and the Metropolitan Police Service added.", ["Metropolitan Police Service"]),
        ("Lancashire Police and Lancashire Constabulary", ["Lancashire Constabulary"]),
        ("Officers from Kent Police and Essex Police attended.", ["Essex Police", "Kent Police"]),
        ("Hampshire Police, later Hampshire Constabulary", ["Hampshire and Isle of Wight Constabulary"]),
        (
            "Avon and Somerset Constabulary and Devon and Cornwall Police",
            ["Avon and Somerset Police", "Devon and Cornwall Police"],
        ),
        ("Gotham Police", ["Gotham Police"]),  # a place not listed keeps its name
    ],
)
def test_one_name_per_force(text, expected):
    assert forces(text) == expected


def test_an_official_commenting_on_a_death_is_not_the_case_victim():
    from conftest import make_doc

    from oversight_research.cases import case_keys

    doc = make_doc(
        "Peter Long died in police custody in Middlesbrough on 3 May.",
        "IOPC Regional Director Emily Barry said: “This was a tragic incident in which a man has died.”",
        "“Our thoughts are with the family of a man who died,” said Chief Inspector Anne Hale.",
    )
    assert case_keys(doc)["victims"] == ["Peter Long"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("While Staffordshire Police is questioning a man", ["Staffordshire Police"]),  # a sentence's first word
        ("The Scottish Police Federation said", []),  # the officers' association, not a force
    ],
)
def test_a_force_name_without_its_sentence_word_or_an_association(text, expected):
    assert forces(text) == expected


def test_mc_and_mac_surnames_are_names():
    from oversight_research.entities import people

    assert [n for n, _, _ in people("Leeds coroner Kevin McLoughlin said. Gerry MacLeod spoke.")] == [
        "Kevin McLoughlin",
        "Gerry MacLeod",
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Zoë Müller said", "Zoë Müller"),  # accented letters
        ("Sinéad Ní Bhriain spoke", "Sinéad Ní Bhriain"),
        ("Grace O’Malley-Kumar died", "Grace O’Malley-Kumar"),  # O’ opening a surname
        ("Sergeant John A. Smith said", "John A. Smith"),  # a middle initial
        ("Omar Hale’s mother, Rosa, said", "Omar Hale"),  # a possessive ends the name
        ("Anna Cole's son spoke", "Anna Cole"),
        ("Ruth O’Sullivan’s lawyer spoke", "Ruth O’Sullivan"),
    ],
)
def test_names_with_accents_apostrophes_and_initials(text, name):
    from oversight_research.entities import people

    assert [n for n, _, _ in people(text, tail=True)] == [name]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Police Complaints Authority supervised the inquiry.", ["PCA"]),
        ("A PCA report was published in 1998.", ["PCA"]),
        ("The Police Investigations and Review Commissioner examined the death.", ["PIRC"]),
        ("The Police Investigations & Review Commissioner (PIRC) examined it.", ["PIRC"]),
        ("The IPCC replaced the Police Complaints Authority in 2004.", ["IPCC", "PCA"]),
        ("The Independent Office of Police Conduct (sic) opened an inquiry.", ["IOPC"]),
    ],
)
def test_the_older_and_scottish_oversight_bodies(text, expected):
    assert oversight_bodies(text) == expected


def test_last_mentions_find_organisations_by_their_patterns():
    text = "The Independent Office for Police Conduct wrote to Lancashire Police. Later the IOPC wrote again."
    assert sorted(last_mentions(text)) == [(51, "Lancashire Constabulary"), (80, "IOPC")]


@pytest.mark.parametrize(
    "text",
    [
        "The jury sat at Loughborough Town Hall for three weeks.",
        "She lived near Salford City Library.",
        "The vigil was held at St Mary Church on Sunday.",
        "He was found in Brook Gardens.",
    ],
)
def test_a_place_is_not_a_person(text):
    from oversight_research.entities import people

    assert people(text) == [] and people(text, tail=True) == []


@pytest.mark.parametrize(
    "text, name",
    [
        # round nine (session 7): a kinship noun used as a title at a sentence's start is the
        # relation, not part of the name ("mother Jane Cole" in mid-sentence is the same)
        ("Father Tom Reid met the force on Monday.", "Tom Reid"),
        ("Mother Jane Cole said she was let down.", "Jane Cole"),
        ("Widow Ann Lee wept.", "Ann Lee"),
        ("Sister Kim Lee and brother Ben Lee spoke.", "Kim Lee"),
    ],
)
def test_a_kinship_title_is_no_part_of_a_name(text, name):
    assert people(text)[0][0] == name
