"""Forces are counted once, under one name (rules/entities.yaml `force_places`)."""

from __future__ import annotations

import pytest

from oversight_research.entities import forces


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
