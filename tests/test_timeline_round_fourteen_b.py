"""Round fourteen, second pass (session 13): a police contact the text orders
before the harm by an offset between the two is an earlier separate contact
(docs/codebook.md, "Round fourteen, second pass (session 13)"). Invented
sentences, none copied from a document."""

from __future__ import annotations

import pytest


def _types(text: str, tmp_path) -> dict[str, str]:
    """Each date expression of ``text`` → the type ``extract_events`` gives it."""
    from oversight_research.ingest import read_document
    from oversight_research.timeline import extract_events

    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    return {str(r["date_text"]): str(r["event_type"]) for r in extract_events(read_document(path, tmp_path, None))}


# The harm dated hours later than a contact of its day told before it: the contact ended first.
@pytest.mark.parametrize(
    ("text", "date_text", "expected"),
    [
        (
            "On 3 March 2019 two constables spoke to a van driver parked on a verge and let him drive on.\n\n"
            "About three hours later he died when the van left the road.\n",
            "3 March 2019",
            "warning_sign",
        ),
        (
            "On 8 October 2020 officers visited a woman at her flat after a neighbour's call.\n\n"
            "Later that evening she was stabbed to death by her partner.\n",
            "8 October 2020",
            "warning_sign",
        ),
        # the harm in their custody: one incident with the arrest
        (
            "On 3 March 2019 officers arrested a man outside a pub.\n\n"
            "Two hours later he was found unresponsive in a cell at the custody suite and died.\n",
            "3 March 2019",
            "police_action",
        ),
        # the harm told by its own clock, not as hours after the contact
        (
            "On 3 March 2019 two constables spoke to a van driver parked on a verge.\n\n"
            "At 11pm on 3 March 2019 he died when the van left the road.\n",
            "3 March 2019",
            "police_action",
        ),
        # contact and harm in one sentence, no offset between two tellings: unchanged
        (
            "On 3 March 2019 two constables spoke to a van driver and about three hours later he died in a crash.\n",
            "3 March 2019",
            "police_action",
        ),
    ],
)
def test_a_contact_the_harm_is_told_hours_after_is_an_earlier_contact(text, date_text, expected, tmp_path):
    assert _types(text, tmp_path)[date_text] == expected


# A contact told back from the harm ("… before he was found dead") is before it by its own words.
@pytest.mark.parametrize(
    ("text", "date_text", "expected"),
    [
        (
            "Officers were sent to the cottage two days before the pensioner was discovered dead on 9 May 2020.\n",
            "two days before",
            "warning_sign",
        ),
        (
            "Police visited the house the day before she was killed on 4 June 2021.\n",
            "the day before she was killed",
            "warning_sign",
        ),
        # the earliest harm told is of the contact's day; the contact is told back from the death
        (
            "Police were called to the flat three days before he was discovered dead on 12 May 2020.\n\n"
            "His brother said he had been badly beaten when he saw him on 9 May 2020.\n",
            "three days before",
            "warning_sign",
        ),
        # a use of force the day before the death: the start of the harm incident
        (
            "Officers restrained him in a police van the day before he died on 9 May 2020.\n",
            "the day before he died",
            "police_action",
        ),
    ],
)
def test_a_contact_told_back_from_the_harm_is_an_earlier_contact(text, date_text, expected, tmp_path):
    assert _types(text, tmp_path)[date_text] == expected


# A report of someone not seen for days: the call that leads to the harm's discovery.
@pytest.mark.parametrize(
    ("text", "date_text", "expected"),
    [
        (
            "On 2 May 2021 a neighbour rang the police, worried at not having seen the pensioner for several days.\n\n"
            "Officers forced the door on 3 May 2021 and found him dead.\n",
            "2 May 2021",
            "police_action",
        ),
        (
            "On 2 May 2021 his landlord called police because he had not been heard from for two weeks.\n\n"
            "He was found dead at the flat on 3 May 2021.\n",
            "2 May 2021",
            "police_action",
        ),
        # an absence with no span of days: a warning of the harm to come
        (
            "On 2 May 2021 the hospital called police to say he had not been seen since he walked out.\n\n"
            "He was found dead in a river on 5 May 2021.\n",
            "2 May 2021",
            "warning_sign",
        ),
    ],
)
def test_a_report_of_someone_not_seen_for_days_is_the_discovery_call(text, date_text, expected, tmp_path):
    assert _types(text, tmp_path)[date_text] == expected
