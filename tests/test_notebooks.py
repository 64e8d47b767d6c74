"""Notebook parameters are checked before papermill runs anything."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from oversight_research.notebooks import NotebookError, check_parameters, declared_parameters

TIMELINES = ROOT / "notebooks" / "01_missed_opportunity_timelines.ipynb"


def test_every_notebook_declares_processed_dir():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert "processed_dir" in declared_parameters(path), path.name


def test_unknown_parameter_names_notebook_and_allowed_ones():
    with pytest.raises(
        NotebookError, match=r"01_missed_opportunity_timelines.ipynb: unknown parameter 'min_precison'.*min_precision"
    ):
        check_parameters(TIMELINES, {"min_precison": "day"})


def test_mistyped_parameter_is_refused():
    with pytest.raises(NotebookError, match="should be str"):
        check_parameters(TIMELINES, {"min_precision": 3})
    check_parameters(TIMELINES, {"min_precision": "day", "case_id": "some-case"})


def _notebook(path, *sources):
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('processed_dir = "x"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_failing_notebook_is_named_with_cell_and_error_and_kept(tmp_path, capsys):
    from oversight_research.cli import main

    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    _notebook(notebooks / "10_broken.ipynb", 'print("first cell ran")', 'raise KeyError("no such column")')
    code = main(
        [
            "run",
            "--notebooks",
            str(notebooks),
            "--executed",
            str(tmp_path / "exec"),
            "--processed",
            str(tmp_path),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "10_broken.ipynb failed in cell" in err and "KeyError" in err and "no such column" in err
    assert "Traceback" not in err
    kept = (tmp_path / "exec" / "10_broken.ipynb").read_text(encoding="utf-8")
    assert "first cell ran" in kept  # the partial notebook is there to inspect


def test_unknown_parameter_on_the_command_line_is_one_clear_error(tmp_path, capsys):
    from oversight_research.cli import main

    code = main(
        [
            "run",
            "--notebooks",
            str(ROOT / "notebooks"),
            "--executed",
            str(tmp_path),
            "-p",
            "min_precison=day",
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "unknown parameter 'min_precison'" in err and err.count("\n") == 1


def test_notebooks_run_in_their_folder_without_moving_this_process(tmp_path, monkeypatch):
    """Two notebooks run at once in threads of one process, so nothing may
    move the process to another folder (papermill's ``cwd`` did, and with a
    relative output folder `make report` then failed); each kernel still
    starts in its notebook's folder."""
    import json
    import os

    from oversight_research.notebooks import run_notebooks

    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    for name in ("10_a", "20_b", "30_c"):
        _notebook(notebooks / f"{name}.ipynb", "import json, os; print(json.dumps(os.getcwd()))")
    monkeypatch.chdir(tmp_path)
    moves: list[Path] = []
    real_chdir = os.chdir
    monkeypatch.setattr(os, "chdir", lambda path: (moves.append(Path(path)), real_chdir(path)))
    outputs = run_notebooks(Path("nbs"), Path("reports/executed"), {}, progress=False)
    # papermill's file handler may re-enter a remembered folder around each read
    # and write (it restores it after); what broke runs was moving into the notebooks'
    assert notebooks.resolve() not in {p.resolve() for p in moves} and Path.cwd() == tmp_path
    for out in outputs:
        cells = json.loads((tmp_path / out).read_text(encoding="utf-8"))["cells"]
        printed = cells[-1]["outputs"][0]["text"]
        assert Path(json.loads("".join(printed))) == notebooks.resolve()


def test_a_folder_papermill_remembers_from_an_earlier_run_moves_nothing(tmp_path, monkeypatch):
    """papermill's file handler is shared by every thread and can be left
    remembering the folder of an earlier run (two threads restoring it out of
    order); the next run, from another folder, must neither move this process
    there nor resolve its notebooks against it (CI failed once exactly so:
    ``FileNotFoundError: <earlier folder>/nbs/30_c.ipynb``)."""
    import os

    from papermill.iorw import papermill_io

    from oversight_research.notebooks import run_notebooks

    earlier = tmp_path / "earlier"
    (earlier / "nbs").mkdir(parents=True)
    here = tmp_path / "here"
    (here / "nbs").mkdir(parents=True)
    for name in ("10_a", "20_b", "30_c"):
        _notebook(here / "nbs" / f"{name}.ipynb", "x = 1")
    monkeypatch.chdir(here)
    handler = papermill_io.get_handler("local")
    handler.cwd(str(earlier))  # what a run in `earlier` can leave behind
    moves: list[Path] = []
    real_chdir = os.chdir
    monkeypatch.setattr(os, "chdir", lambda path: (moves.append(Path(path)), real_chdir(path)))
    outputs = run_notebooks(Path("nbs"), Path("out"), {}, progress=False)
    assert earlier not in moves and Path.cwd() == here
    assert [p.name for p in outputs] == ["10_a.ipynb", "20_b.ipynb", "30_c.ipynb"]
    assert all((here / p).is_file() for p in outputs)
    assert handler.cwd(None) is None  # and the run leaves no folder behind either


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")), ids=lambda p: p.name
)
def test_notebooks_are_stored_without_outputs_and_with_parameters(path):
    cells = nbformat.read(path, as_version=4).cells
    code = [c for c in cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert any("parameters" in c.metadata.get("tags", []) for c in code)


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")), ids=lambda p: p.name
)
def test_notebooks_show_figures_with_alt_text_and_save_them(path):
    """Every figure goes through display.show_figure (alt text from its data, a
    PNG/SVG/CSV file in figures_dir); a bare plt.show() would embed the
    placeholder alt text and write no file."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert "figures_dir" in declared_parameters(path)
    assert "plt.show()" not in source
    if "plot_" in source:
        assert source.count("show_figure(") >= 1


def test_run_only_and_the_rerun_cache(tmp_path, capsys):
    """`run` executes only notebooks whose source, parameters, tables or code
    changed since they last ran; `--only NAME` runs just that one; `--force` all."""
    from oversight_research.cli import main
    from oversight_research.workflow import Settings, run

    notebooks, processed = tmp_path / "nbs", tmp_path / "processed"
    notebooks.mkdir()
    processed.mkdir()
    for name in ("10_a", "20_b"):
        _notebook(notebooks / f"{name}.ipynb", f'print("{name}")')
    settings = Settings(notebooks=notebooks, executed=tmp_path / "exec", processed=processed, progress=False)

    def ran(**changes):
        return sorted(p.stem for p in run(Settings(**{**settings.__dict__, **changes})))

    assert ran() == ["10_a", "20_b"]
    assert ran() == []  # nothing changed
    _notebook(notebooks / "20_b.ipynb", 'print("changed")')
    assert ran() == ["20_b"]
    (processed / "evaluation.csv").write_text("x\n", encoding="utf-8")  # an input every notebook may read
    assert ran() == ["10_a", "20_b"]
    assert ran(only=("10_a",)) == ["10_a"] and ran(only=("20_b.ipynb",)) == ["20_b"]
    assert ran(force=True) == ["10_a", "20_b"]
    (tmp_path / "exec" / "10_a.ipynb").unlink()  # a missing executed notebook always runs
    assert ran() == ["10_a"]
    code = main(
        [
            "run",
            "--notebooks",
            str(notebooks),
            "--executed",
            str(tmp_path / "exec"),
            "--processed",
            str(processed),
            "--only",
            "30_missing",
            "--quiet",
        ]
    )
    assert code == 2 and "no notebook '30_missing'" in capsys.readouterr().err


def _outputs(path: Path) -> str:
    """Every text and HTML output of an executed notebook, joined."""
    nb = nbformat.read(path, as_version=4)
    return "\n".join(
        str(value)
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for kind, value in output.get("data", {}).items()
        if kind in ("text/markdown", "text/html", "text/plain")
    )


def test_a_corpus_with_nothing_to_score_says_so_and_draws_no_empty_figure(tmp_path):
    """One document with no outcome and no quotation: no "r = nan", no ladder of 0 categories."""
    from oversight_research.notebooks import run_notebooks
    from oversight_research.pipeline import extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Police station opens new canteen\n\nThe canteen serves tea.\n", encoding="utf-8")
    extract(raw, tmp_path / "tables", progress=False, cache=False)
    wanted = {"02_sanction_outcomes", "03_statement_sentiment"}
    ran = run_notebooks(
        ROOT / "notebooks",
        tmp_path / "exec",
        {"processed_dir": str(tmp_path / "tables"), "figures_dir": str(tmp_path / "figures")},
        progress=False,
        keep=lambda path, given: path.stem in wanted,
    )
    text = {p.stem: _outputs(p) for p in ran}
    assert "r = nan" not in text["03_statement_sentiment"] and "nan%" not in text["03_statement_sentiment"]
    assert "Nothing to score" in text["03_statement_sentiment"]
    assert "0 categories" not in text["02_sanction_outcomes"] and "No outcome to draw" in text["02_sanction_outcomes"]


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ('event_types=["nonsense"]', "unknown event type"),
        ('extractor="bogus"', "extractor must be one of"),
        ('roles={"family": "family"}', "at least two groups"),
    ],
)
def test_a_bad_parameter_value_stops_run_with_what_is_wrong(tmp_path, capsys, param, message):
    from oversight_research.cli import main
    from oversight_research.pipeline import extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Police station opens new canteen\n\nThe canteen serves tea.\n", encoding="utf-8")
    extract(raw, tmp_path / "tables", progress=False, cache=False)
    name = param.partition("=")[0]
    only = {"event_types": "01_missed_opportunity_timelines", "extractor": "90_extraction_quality"}
    code = main(
        [
            "run",
            "--notebooks",
            str(ROOT / "notebooks"),
            "--processed",
            str(tmp_path / "tables"),
            "--executed",
            str(tmp_path / "exec"),
            "--only",
            only.get(name, "03_statement_sentiment"),
            "-p",
            param,
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "ValueError" in err and message in err


def test_a_range_papermill_can_read_is_declared_and_enforced(tmp_path, caplog):
    """docs/adapting.md's range comments: ``(range from N)`` / ``(range up to N)``
    are read by ``run`` and leave papermill's own parameter reader no second ``=``."""
    import logging

    from papermill.translators import PythonTranslator

    from oversight_research.notebooks import declared_ranges

    nb = nbformat.v4.new_notebook()
    source = 'processed_dir = "x"  # tables\nmin_year = 2000  # earliest year (range from 1900)\nshare = 0.5  # (range up to 1)'
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    path = tmp_path / "10_years.ipynb"
    nbformat.write(nb, path)
    assert declared_ranges(path) == {"min_year": (1900.0, None), "share": (None, 1.0)}
    with pytest.raises(NotebookError, match="must be at least 1900"):
        check_parameters(path, {"min_year": 1800})
    with pytest.raises(NotebookError, match="must be at most 1"):
        check_parameters(path, {"share": 2})
    with caplog.at_level(logging.WARNING):
        names = [p.name for p in PythonTranslator.inspect(cell)]
    assert names == ["processed_dir", "min_year", "share"] and "Unable to parse" not in caplog.text


def test_a_parameter_without_a_value_is_refused_as_such(tmp_path, capsys):
    from oversight_research.cli import main

    code = main(["run", "--notebooks", str(ROOT / "notebooks"), "--executed", str(tmp_path), "-p", "max_rows"])
    err = capsys.readouterr().err
    assert code == 2 and "NAME=VALUE" in err and err.count("\n") == 1


def test_all_says_which_steps_it_skipped_for_want_of_their_folder(tmp_path):
    from oversight_research.workflow import Settings, skipped_steps

    notes = skipped_steps(Settings(gold=tmp_path / "gold", sentiment_data=tmp_path / "ratings"))
    assert len(notes) == 2 and "not evaluated" in notes[0] and "--gold" in notes[0] and "--sentiment-data" in notes[1]
    defaults = Settings()
    assert skipped_steps(Settings(gold=ROOT / defaults.gold, sentiment_data=ROOT / defaults.sentiment_data)) == []


def test_run_on_a_folder_without_tables_stops_before_any_notebook(tmp_path, capsys):
    from oversight_research.cli import main

    args = ["run", "--processed", str(tmp_path / "nope"), "--executed", str(tmp_path / "exec"), "--quiet"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "no tables in" in err and "extract" in err and err.count("\n") == 1
    assert not (tmp_path / "exec").exists()  # no notebook was started


def test_evaluate_without_gold_or_tables_is_one_clear_error(tmp_path, capsys):
    from oversight_research.cli import main

    assert main(["evaluate", "--gold", str(tmp_path / "nope"), "--tables", str(tmp_path)]) == 2
    assert "gold annotations folder" in capsys.readouterr().err
    (tmp_path / "gold").mkdir()
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--tables", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "no tables in" in err and "Traceback" not in err
    tables = tmp_path / "tables"
    (tables / "articles.csv").parent.mkdir()
    (tables / "articles.csv").write_text("doc_id\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--tables", str(tables)]) == 1  # was an ArrowTypeError
    assert "nothing to score: no gold annotation" in capsys.readouterr().err


def test_running_a_notebook_prints_no_kernel_start_up_warning(tmp_path, capfd):
    """Each kernel logged "Kernel is running over TCP without encryption" on stderr,
    five alarming lines per run that were no problem of the user's."""
    from oversight_research.notebooks import run_notebooks

    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    _notebook(notebooks / "10_a.ipynb", 'print("ran")')
    run_notebooks(notebooks, tmp_path / "exec", {}, progress=False)
    assert "without encryption" not in capfd.readouterr().err
    assert "ran" in (tmp_path / "exec" / "10_a.ipynb").read_text(encoding="utf-8")
