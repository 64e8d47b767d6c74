"""Round fifteen (session 15): event-type rules read on gathered/vault9 and vault10
(docs/codebook.md, "Round fifteen (session 15)"). Invented sentences, none copied from a document."""

from __future__ import annotations

import pytest
from conftest import doc_events
from conftest import typed as _typed


# 1. Telling a force named by its place is a report to the police; a referral received from a force is not
@pytest.mark.parametrize(
    ("sentence", "date_text", "expected"),
    [
        (
            "His father told Kent police in March 2019 – a month before the killing – that he feared for him.",
            "March 2019",
            "warning_sign",
        ),
        ("She told Greater Manchester Police on 4 May that the man had a knife.", "4 May", "warning_sign"),
        # a referral received from a force starts an investigation; a report received stays a warning
        ("We received the referral from the force on 22 November 2019.", "22 November 2019", "investigation"),
        ("On 14 January 2023, we received a report of two dogs off their lead.", "14 January 2023", "warning_sign"),
        # the police are the subject of what is told: no report to them
        ("On 4 May the coroner told the inquest police had acted properly.", "4 May", "inquiry"),
    ],
)
def test_report_or_referral(sentence, date_text, expected):
    assert _typed(sentence, date_text) == expected


# 2. Harm verbs: a stabbing's other verb, a vehicle's loss of control, a person found slumped
@pytest.mark.parametrize(
    ("sentence", "date_text"),
    [
        ("The two boys were knifed at their home in 2008.", "2008"),
        ("The car failed to negotiate a bend on 18 October 2018 and left the road.", "18 October 2018"),
        ("He was found “slumped” in a doorway on 30 September 2021.", "30 September 2021"),
    ],
)
def test_harm_wording(sentence, date_text):
    assert _typed(sentence, date_text) == "harm"


# 3. A death in custody: the arrest hours before it opens the custody (police action), even for an
# offence; an arrest before a death elsewhere over violence stays an earlier separate contact.
@pytest.mark.parametrize(
    ("death", "expected"),
    [
        ("Jo Hart died in a cell at Lowtown police station on 31 May 2015.", "police_action"),
        ("Jo Hart died in police custody on 31 May 2015.", "police_action"),
        ("Jo Hart was stabbed to death at her home on 31 May 2015.", "warning_sign"),
    ],
)
def test_arrest_before_a_custody_death(tmp_path, death, expected):
    text = f"{death}\n\nOfficers had arrested Jo Hart's partner on 29 May after a report that he had assaulted a neighbour.\n"
    if "custody" in death or "cell" in death:
        text = f"{death}\n\nJo Hart had been arrested on 30 May after a report that she had assaulted a neighbour.\n"
    rows = {r["date_text"]: r["event_type"] for r in doc_events(text, tmp_path)}
    arrest = "30 May" if "30 May" in text else "29 May"
    assert rows[arrest] == expected


# 4. A date told weeks or years back beside a harm is an earlier episode: a warning sign
@pytest.mark.parametrize(
    ("second", "date_text", "expected"),
    [
        (
            "He had tried to take his own life in police custody four years earlier.",
            "four years earlier",
            "warning_sign",
        ),
        ("She said he had been involved in an incident two weeks earlier.", "two weeks earlier", "warning_sign"),
        # a later date is no earlier episode
        ("He was charged two weeks later.", "two weeks later", "proceedings"),
    ],
)
def test_earlier_episode(tmp_path, second, date_text, expected):
    rows = {
        r["date_text"]: r["event_type"]
        for r in doc_events(f"Sam Lee died in custody on 3 May 2015.\n\n{second}\n", tmp_path)
    }
    assert rows[date_text] == expected


def test_earlier_episode_needs_another_harm(tmp_path):
    rows = {
        r["date_text"]: r["event_type"] for r in doc_events("The officer met the woman two years earlier.\n", tmp_path)
    }
    assert rows.get("two years earlier") != "warning_sign"
