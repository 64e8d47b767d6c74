"""Figures a reader can use: alt text from the data, a colour-blind-safe palette,
labels of at least 9 pt at the rendered size, integer ticks for counts, no
overlapping labels, one title per case, and every figure saved as PNG, SVG and CSV."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from oversight_research import analysis, display  # noqa: E402

CASES = pd.DataFrame({"case_id": ["port", "emily"], "label": ["Stephen Port", "Emily Barry"], "forces": ["Met", ""]})


def _events() -> pd.DataFrame:
    rows = [
        ("port", "2014-06-17", "day", "harm", "17 June 2014"),
        ("port", "2014-05-09", "day", "warning_sign", "9 May"),
        ("port", "2014-05-17", "day", "warning_sign", "17 May"),
        ("port", "2015-09", "month", "outcome", "2015"),
        ("emily", "2019-01-02", "day", "harm", "2 January"),
        ("emily", "2018-12-01", "day", "police_action", "x"),
    ]
    frame = pd.DataFrame(rows, columns=["case_id", "date", "precision", "event_type", "date_text"])
    return frame.assign(doc_id=frame["case_id"], start=0, end=1)


def _missed() -> pd.DataFrame:
    """Two warnings eight days apart: their interval labels used to be drawn on one line, over each other."""
    return pd.DataFrame(
        {
            "case_id": ["port", "port"],
            "warning_date": ["2014-05-09", "2014-05-17"],
            "harm_date": ["2014-06-17", "2014-06-17"],
            "interval_days": [39, 31],
            "day_exact": [True, False],
            "doc_id": ["port", "port"],
            "start": [0, 5],
        }
    )


def _counts() -> pd.DataFrame:
    rows = [
        ("port", "investigation_opened", 17),
        ("port", "no_case_to_answer", 8),
        ("port", "performance_failings", 9),
        ("port", "management_action", 7),
        ("port", "learning", 2),
        ("emily", "dismissal", 1),
        ("emily", "investigation_opened", None),
    ]
    frame = pd.DataFrame(rows, columns=["case_id", "category", "count"]).assign(status="actual", mentions=1)
    frame["count"] = frame["count"].astype("Int64")
    return frame.merge(analysis.categories()[["category", "stage", "severity"]], on="category")


def _statements() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    roles = ["family"] * 6 + ["police"] * 6 + ["oversight_body"] * 4
    frame = pd.DataFrame(
        {
            "statement_id": [f"s{i}" for i in range(16)],
            "doc_id": "d",
            "role": roles,
            "case_id": ["port", "emily"] * 8,
            "vader_compound": rng.uniform(-1, 1, 16),
            "subjectivity": rng.uniform(0, 1, 16),
        }
    )
    return frame.assign(
        group=frame["role"].map({"family": "family", "police": "official", "oversight_body": "official"})
    )


def _scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "set": "all",
            "doc_id": "ALL",
            "extractor": ["events", "statements"],
            "measure": ["date value", "role accuracy"],
            "tp": [40, 30],
            "fp": [4, None],
            "fn": [3, 2],
            "precision": [0.91, 0.94],
            "recall": [0.93, 0.94],
            "f1": [0.92, 0.94],
            "documents": [12, 12],
            "f1_low": [0.85, 0.88],
            "f1_high": [0.97, 0.99],
        }
    )


def every_figure():
    articles = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "published": ["2020-01-01", None, "2021-02-02"],
            "publisher": ["IOPC", "BBC", "IOPC"],
            "n_words": [300, 500, 120],
            "boilerplate_lines": [3, 0, 12],
        }
    )
    steps = analysis.flow(_counts())
    figures = {
        "corpus": analysis.plot_corpus(articles),
        "ladder": analysis.plot_ladder(_counts(), CASES),
        "flow": analysis.plot_flow(steps, "port", "Stephen Port"),
        "by role": analysis.plot_by_role(_statements(), "vader_compound", "vader"),
        "by case": analysis.plot_by_case(_statements(), "vader_compound", "vader", {"port": "Stephen Port"}),
        "quality": analysis.plot_overall(_scores()),
    }
    for i, fig in enumerate(
        analysis.plot_timelines(_events(), CASES, _missed(), ["harm", "warning_sign", "outcome", "police_action"])
    ):
        figures[f"timeline {i}"] = fig
    return figures


@pytest.fixture(scope="module")
def figures():
    import matplotlib.pyplot as plt

    yield every_figure()
    plt.close("all")


def _texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


def test_every_figure_has_alt_text_from_its_data(figures):
    for name, fig in figures.items():
        alt = getattr(fig, "alt_text", "")
        assert alt and alt != display.PLACEHOLDER_ALT and any(ch.isdigit() for ch in alt), name
        assert isinstance(fig.data, pd.DataFrame) and not fig.data.empty, name
    assert "39 days" in figures["timeline 0"].alt_text and "31 days (approx.)" in figures["timeline 0"].alt_text
    assert "17 investigation_opened" in figures["flow"].alt_text


def test_labels_are_at_least_9_pt_at_the_rendered_size(figures):
    for name, fig in figures.items():
        assert fig.get_figwidth() <= display.MAX_WIDTH_IN, name  # never shrunk by the report's column
        small = [(t.get_text(), t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() < display.MIN_FONT_PT]
        assert not small, (name, small[:3])


def _rgb(colour) -> tuple[float, float, float]:
    return tuple(round(c, 3) for c in mcolors.to_rgb(colour))


def _used_colours(fig) -> set:
    used = set()
    for ax in fig.axes:
        for coll in ax.collections:
            for rgba in [*coll.get_facecolors(), *coll.get_edgecolors()]:
                if rgba[3] > 0:
                    used.add(_rgb(rgba))
        for patch in ax.patches:
            if patch.get_fill() and patch.get_facecolor()[3] > 0:
                used.add(_rgb(patch.get_facecolor()))
    return used


def test_figures_draw_only_the_colour_blind_safe_palette(figures):
    allowed = {_rgb(c) for c in (*display.PALETTE, *display.NEUTRALS, "white", "black")}
    for name, fig in figures.items():
        assert _used_colours(fig) <= allowed, (name, _used_colours(fig) - allowed)


# Machado, Oliveira & Fernandes (2009), severity 1.0, in linear RGB.
_SIMULATE = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
}


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _linear(colour) -> np.ndarray:
    c = np.array(mcolors.to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def min_distance(colours, deficiency: str) -> float:
    """Smallest CIELAB distance between two colours as a person with ``deficiency`` sees them."""
    seen = [_lab(np.clip(_SIMULATE[deficiency] @ _linear(c), 0, 1)) for c in colours]
    return min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(seen, 2))


@pytest.mark.parametrize("deficiency", sorted(_SIMULATE))
def test_the_palette_stays_distinct_under_colour_blindness(deficiency):
    assert min_distance(display.PALETTE[:7], deficiency) > 10
    # the check bites: tab10's red, green, orange and brown (the flow chart's tab20 holds them) merge
    assert min_distance(("#d62728", "#2ca02c", "#ff7f0e", "#8c564b"), deficiency) < 10


def test_counts_get_integer_ticks(figures):
    for name in ("flow", "corpus"):
        ax = figures[name].axes[0]
        axis = ax.xaxis if name == "flow" else ax.yaxis
        ticks = [t for t in axis.get_ticklocs() if axis.get_view_interval()[0] <= t <= axis.get_view_interval()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks), (name, ticks)


def _overlaps(boxes) -> list:
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_interval_labels_never_overlap(figures):
    fig = figures["timeline 0"]
    renderer = fig.canvas.get_renderer()
    labels = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(fig) if "days" in t.get_text()]
    assert len(labels) == 2 and not _overlaps(labels)


def test_counts_in_the_ladder_sit_inside_their_points(figures):
    ax = figures["ladder"].axes[0]
    numbers = [t for t in ax.texts if t.get_text().isdigit()]
    assert numbers and all(t.get_ha() == "center" for t in numbers)


def test_one_title_per_case(figures):
    titles = [f.axes[0].get_title(loc="left") for n, f in figures.items() if n.startswith("timeline")]
    assert titles == ["Stephen Port", "Emily Barry"]
    assert "Stephen Port" not in figures["flow"].axes[0].get_title(loc="left")  # the heading above names it


def test_show_figure_writes_png_svg_and_csv_and_an_img_with_alt(tmp_path, monkeypatch, figures):
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    fig = figures["flow"]
    display.show_figure(fig, "flow-Stephen Port", tmp_path / "figures")
    stems = {p.suffix for p in (tmp_path / "figures").iterdir()}
    assert stems == {".png", ".svg", ".csv"}
    csv = next((tmp_path / "figures").glob("*.csv")).read_text(encoding="utf-8")
    assert "investigation_opened" in csv and "17" in csv
    html = shown[0].data
    assert '<img src="data:image/png;base64,' in html and 'alt="Stacked bars of the flow of Stephen Port' in html


def test_saved_svg_is_the_same_on_every_run(tmp_path):
    import matplotlib.pyplot as plt

    for run in ("a", "b"):
        display.save_figure(every_figure()["ladder"], "ladder", tmp_path / run)
        plt.close("all")
    assert (tmp_path / "a" / "ladder.svg").read_bytes() == (tmp_path / "b" / "ladder.svg").read_bytes()
    assert (tmp_path / "a" / "ladder.png").read_bytes() == (tmp_path / "b" / "ladder.png").read_bytes()


def test_a_figure_without_alt_text_is_refused():
    import matplotlib.pyplot as plt

    with pytest.raises(ValueError, match="no alt text"):
        display.show_figure(plt.figure(), "bare")


def test_figure_file_names_never_collide():
    assert display.slug("timeline-Stephen Port") != display.slug("timeline-stephen-port")
    assert display.slug("../../etc/passwd").startswith("etc-passwd")


def test_saved_figures_fit_the_report_column_so_labels_keep_their_size(tmp_path, figures):
    """The report's column is 1,100 px; a PNG wider than that (a legend outside the
    axes, a long label) would be shrunk and its 9 pt labels with it."""
    from PIL import Image

    for name, fig in figures.items():
        (png,) = [p for p in display.save_figure(fig, name, tmp_path) if p.suffix == ".png"]
        assert Image.open(png).size[0] <= display.MAX_WIDTH_IN * 100 + 10, name


def test_a_figures_csv_cannot_run_as_a_spreadsheet_formula(tmp_path):
    """The CSV beside a figure holds case labels, titles and file names from the
    documents: formula-like cells get the tables' leading ``'``, nothing else changes."""
    import csv

    import matplotlib.pyplot as plt

    data = pd.DataFrame(
        {
            "case_id": ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "plain", "'=already"],
            "label": ["@SUM(A1)", "-2+3", "ok", None],
            "count": [1, 2, 3, 4],
        }
    )
    fig = display.describe(plt.figure(), "Bar chart of nothing (n = 4)", data)
    (path,) = [p for p in display.save_figure(fig, "hostile", tmp_path) if p.suffix == ".csv"]
    plt.close(fig)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["case_id"] for r in rows] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'+cmd|' /C calc'!A0",
        "plain",
        "''=already",
    ]
    assert [r["label"] for r in rows] == ["'@SUM(A1)", "'-2+3", "ok", ""]
    assert [r["count"] for r in rows] == ["1", "2", "3", "4"]
    assert data["case_id"].iloc[0].startswith("=")  # the figure's own data is left as it was
