"""Notebook parameters are checked before papermill runs anything."""

from __future__ import annotations

import pytest
from conftest import ROOT

from oversight_research.notebooks import NotebookError, check_parameters, declared_parameters

TIMELINES = ROOT / "notebooks" / "01_missed_opportunity_timelines.ipynb"


def test_every_notebook_declares_processed_dir():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert "processed_dir" in declared_parameters(path), path.name


def test_unknown_parameter_names_notebook_and_allowed_ones():
    with pytest.raises(NotebookError, match=r"01_missed_opportunity_timelines.ipynb: unknown parameter 'min_precison'.*min_precision"):
        check_parameters(TIMELINES, {"min_precison": "day"})


def test_mistyped_parameter_is_refused():
    with pytest.raises(NotebookError, match="should be str"):
        check_parameters(TIMELINES, {"min_precision": 3})
    check_parameters(TIMELINES, {"min_precision": "day", "case_id": "some-case"})
