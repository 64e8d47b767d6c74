"""Command line: ``oversight-research fetch|extract|review|evaluate|check-gold|validate-sentiment|run|report|all``.

The CLI only parses arguments; every command calls a library function
(:mod:`workflow`, :mod:`evaluate`, :mod:`goldcheck`, :mod:`sentiment_validation`).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Callable
from pathlib import Path

from .engines import ENGINES
from .errors import DiskFull, FolderBusy, InputError, NothingReadable, OversightError, Terminated
from .workflow import Settings

DEFAULTS = Settings()
# Exit codes (README "Bad input, and nothing lost"): 0 done, 1 no document could
# be read, 2 any other error, 3 the disk filled, 4 the folder is in use by
# another run, 130 Ctrl-C, 143 SIGTERM.
EXIT_CODES: dict[type[OversightError], int] = {NothingReadable: 1, DiskFull: 3, FolderBusy: 4}


def _notebooks(folder: Path) -> Path:
    """The notebooks folder: the one given if it holds notebooks; for the
    default (``notebooks`` in the current folder) when it does not, the
    notebooks beside the installed package (a checkout's ``notebooks/``);
    else a one-line error that says the notebooks are missing."""
    if any(folder.glob("*.ipynb")):
        return folder
    beside = Path(__file__).resolve().parents[1] / "notebooks"
    if folder == DEFAULTS.notebooks and any(beside.glob("*.ipynb")):
        return beside
    why = "does not exist" if not folder.is_dir() else "holds no .ipynb notebook"
    raise InputError(
        f"notebooks missing: {folder.resolve()} {why}; pass --notebooks DIR (the project's notebooks/ folder)"
    )


def _folder(text: str) -> Path:
    """An existing folder (``--corrections``), else a usage error."""
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text} is not a folder")
    return Path(text)


def _jobs(text: str) -> int:
    """A number of worker processes (1 or more), else a usage error."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of worker processes (1 or more)")
    return value


def _seconds(lowest: float, above: bool) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds from (or above) ``lowest``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < lowest or (above and value == lowest):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number of seconds {'above' if above else 'from'} {lowest:g}"
            )
        return value

    return parse


def _count(text: str) -> int:
    """An argparse type: a whole number from 0 (``--retries``)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0")
    return value


def _settings(args: argparse.Namespace, **overrides: object) -> Settings:
    """The :class:`Settings` the parsed arguments describe."""
    given = {
        name: getattr(args, name)
        for name in (
            "raw",
            "processed",
            "notebooks",
            "executed",
            "report",
            "gold",
            "sentiment_data",
            "jobs",
            "engine",
            "scheduler",
            "with_code",
            "corrections",
        )
        if getattr(args, name, None) is not None
    }
    if "notebooks" in given:
        given["notebooks"] = _notebooks(given["notebooks"])
    if hasattr(args, "no_cache"):
        given["cache"] = not args.no_cache
    given["progress"] = not getattr(args, "quiet", False)
    given["parameters"] = _parameters(getattr(args, "param", None))
    given["only"] = tuple(getattr(args, "only", None) or ())
    given["force"] = bool(getattr(args, "force", False))
    return Settings(**{**given, **overrides})


def _parameters(items: list[str] | None) -> dict[str, object]:
    params: dict[str, object] = {}
    for item in items or []:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise InputError(f"-p {item!r}: a parameter is NAME=VALUE (a JSON value: 3, true, null, '\"text\"')")
        name = name.strip()
        try:
            params[name] = json.loads(value)
        except json.JSONDecodeError:
            params[name] = value
    return params


def _print_summary(summary) -> None:
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(summary.line())
    if summary.problems and summary.unreadable < summary.documents:
        print(
            f"warning: {summary.problems} document(s) with problems; see the status and problems "
            f"columns of {summary.out_dir / 'articles.csv'}",
            file=sys.stderr,
        )


def _cmd_extract(args: argparse.Namespace) -> int:
    from .workflow import run_extract

    run_extract(_settings(args, raw=args.raw_dir, processed=args.out), on_extract=_print_summary)
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from .fetch import Fetcher, fetch_urls

    def show(outcome) -> None:
        if outcome.result in ("failed", "disallowed"):
            print(f"warning: {outcome.url}: {outcome.detail}", file=sys.stderr)

    fetcher = Fetcher(delay=args.delay, timeout=args.timeout, retries=args.retries)
    summary = fetch_urls(args.url_list, args.raw, fetcher, on_outcome=show)
    print(summary.line(args.raw))
    return 1 if summary.outcomes and summary.count("saved") + summary.count("skipped") == 0 else 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .workflow import run

    settings = _settings(args)
    print(f"{len(run(settings))} notebooks executed into {settings.executed} (unchanged ones kept; --force runs all)")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .workflow import report

    print(f"report written to {report(_settings(args, report=args.out))}")
    return 0


def _cmd_all(args: argparse.Namespace) -> int:
    from .workflow import run_all, skipped_steps

    settings = _settings(args)
    result = run_all(settings, on_extract=_print_summary)
    for note in skipped_steps(settings):
        print(f"note: {note}", file=sys.stderr)
    print(f"{len(result.executed)} notebooks executed into {args.executed}")
    print(f"report written to {result.report}")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from .review import apply_sheet, write_sheet

    if args.apply:
        folder = args.corrections or Path("data/corrections")
        added = apply_sheet(args.apply, folder)
        for table, n in added.items():
            print(f"{n} new correction(s) added to {folder / table}.csv")
        # extract finds them only beside its raw folder: a corpus elsewhere needs the folder named
        print(
            f"re-run extract (or make report) to apply them: extract reads <raw folder>/../corrections, "
            f"so for a raw folder elsewhere give --corrections {folder}"
        )
        return 0
    if not args.table:
        raise InputError("review needs --table TABLE (to write a sheet) or --apply FILLED.csv")
    page, sheet, n = write_sheet(
        args.table,
        args.tables,
        args.out,
        args.case,
        args.doc,
        corrections_dir=args.corrections or Path("data/corrections"),
        raw_dirs=(DEFAULTS.raw, *DEFAULTS.evaluation_corpora),
    )
    print(f"{n} rows to review: {page} (open in a browser) and {sheet} (fill in, then review --apply)")
    return 0


def _gold_folder(gold: Path) -> None:
    """:class:`InputError` unless ``gold`` is a folder (``--gold``)."""
    if not gold.is_dir():
        why = "is a file, not a folder" if gold.exists() else "does not exist"
        raise InputError(f"gold annotations folder {gold} {why} (--gold DIR)")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import agreement_summary, evaluate_to_files, evaluation_summary
    from .tables import has_table, read_table
    from .workflow import check_gold_readable, has_gold

    _gold_folder(args.gold)
    if not has_table("articles", args.tables):
        raise InputError(f"no tables in {args.tables}: run `oversight-research extract` first (--tables DIR)")
    if not has_gold(args.gold):
        print(f"nothing to score: no gold annotation (*.json) in {args.gold}", file=sys.stderr)
        return 1
    check_gold_readable(args.gold)
    scores = evaluate_to_files(args.gold, args.tables)
    if scores.empty:
        if has_table("review_agreement", args.tables):
            print(agreement_summary(read_table("review_agreement", args.tables)))
        print(f"nothing to score: no document in {args.gold} was extracted into {args.tables}", file=sys.stderr)
        return 1
    print(evaluation_summary(scores, args.tables))
    print(f"evaluation written to {args.tables / 'evaluation.csv'}, evaluation_errors.csv and evaluation_confusion.csv")
    return 0


def _cmd_check_gold(args: argparse.Namespace) -> int:
    from .goldcheck import check_gold, gold_files
    from .workflow import check_gold_readable

    _gold_folder(args.gold)
    if missing := [str(r) for r in args.raw if not r.is_dir()]:
        raise InputError(f"documents folder {', '.join(missing)} does not exist (--raw DIR ...)")
    check_gold_readable(args.gold, only_shape=True)
    problems = check_gold(args.gold, args.raw)
    for problem in problems:
        print(problem)
    n = len(gold_files(args.gold))
    folders = ", ".join(map(str, args.raw))
    print(f"{n} gold file(s) checked against {folders}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def _cmd_validate_sentiment(args: argparse.Namespace) -> int:
    from .rules import sentiment as sentiment_rules
    from .sentiment_validation import validate_to_files

    try:
        frame, tuned = validate_to_files(args.data, args.out)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        frame[
            ["lexicon", "sentences", "n", "pearson", "pearson_low", "pearson_high", "spearman", "sign_agreement"]
        ].to_string(index=False)
    )
    stored = sentiment_rules.load().vader_weight
    print(f"combined: VADER weight {stored} (rules/sentiment.yaml); the tuning half picks {tuned}")
    print(f"validation written to {args.out / 'sentiment_validation.csv'}")
    return 0


def _os_error(exc: OSError) -> str:
    """One line for an OSError: a file where a folder is wanted (an output
    folder that is a file, or inside one) is named as such, not "File exists"."""
    if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename:
        path = Path(exc.filename)
        if blocking := next((p for p in (path, *path.parents) if p.is_file()), None):
            return f"{blocking} is a file, not a folder: give a folder (or move the file)"
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oversight-research", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--quiet", action="store_true", help="no progress bars")

    def engine_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", type=_jobs, default=1, help="worker processes (1 or more)")
        p.add_argument(
            "--engine",
            choices=tuple(ENGINES),
            default=DEFAULTS.engine,
            help="map documents with a process pool or with dask.bag",
        )
        p.add_argument("--scheduler", metavar="ADDRESS", help="dask.distributed scheduler (with --engine dask)")
        p.add_argument("--no-cache", action="store_true", help="re-extract every document (ignore <out>/.cache)")
        p.add_argument(
            "--corrections",
            metavar="DIR",
            type=_folder,
            help="researchers' corrections folder (<table>.csv); default <raw>/../corrections if it exists",
        )

    def run_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--processed", type=Path, default=DEFAULTS.processed, help="tables folder")
        p.add_argument("--notebooks", type=Path, default=DEFAULTS.notebooks, help="notebooks folder")
        p.add_argument("--executed", type=Path, default=DEFAULTS.executed, help="executed notebooks folder")

    def rerun_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--only",
            action="append",
            metavar="NOTEBOOK",
            help="execute only this notebook (e.g. 02_sanction_outcomes); repeatable",
        )
        p.add_argument(
            "--force",
            action="store_true",
            help="execute every notebook, even those whose inputs, parameters and code are unchanged",
        )

    p = sub.add_parser("fetch", help="download a list of URLs into a raw folder (politely; resumable)")
    p.add_argument("url_list", type=Path, help="text file of URLs, one a line (# comments allowed)")
    p.add_argument("--raw", type=Path, default=DEFAULTS.raw, help="raw folder to save pages and manifest.csv in")
    p.add_argument("--delay", type=_seconds(0, False), default=2.0, help="seconds between two requests to one host")
    p.add_argument("--timeout", type=_seconds(0, True), default=20.0, help="seconds to wait for a response")
    p.add_argument("--retries", type=_count, default=3, help="retries of a timeout, 429 or 5xx (back-off doubles)")
    p.set_defaults(func=_cmd_fetch)

    p = sub.add_parser("extract", help="parse raw articles into tables")
    p.add_argument("raw_dir", type=Path, help="folder of .txt/.html articles")
    p.add_argument("--out", type=Path, default=DEFAULTS.processed, help="output folder for the tables")
    engine_opts(p)
    common(p)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("run", help="execute every notebook with papermill")
    run_opts(p)
    p.add_argument(
        "-p",
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="notebook parameter (JSON value); checked against each notebook's parameters cell",
    )
    rerun_opts(p)
    common(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("report", help="render executed notebooks into one HTML report")
    run_opts(p)
    p.add_argument("--out", type=Path, default=DEFAULTS.report, help="HTML file to write")
    p.add_argument("--with-code", action="store_true", help="keep code cells in the report")
    common(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("all", help="extract, evaluate, run and report (what `make report` calls)")
    p.add_argument("--raw", type=Path, default=DEFAULTS.raw, help="folder of raw articles")
    run_opts(p)
    p.add_argument("--gold", type=Path, default=DEFAULTS.gold, help="gold annotations folder")
    p.add_argument("--sentiment-data", type=Path, default=DEFAULTS.sentiment_data, help="human-rated sentences folder")
    p.add_argument("--report", type=Path, default=DEFAULTS.report, help="HTML file to write")
    engine_opts(p)
    p.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="notebook parameter")
    p.add_argument("--with-code", action="store_true", help="keep code cells in the report")
    rerun_opts(p)
    common(p)
    p.set_defaults(func=_cmd_all)

    p = sub.add_parser("review", help="write a review sheet of one table, or turn a filled sheet into corrections")
    p.add_argument("--table", help="events, missed_opportunities, outcomes or statements")
    p.add_argument("--case", help="only this case's rows")
    p.add_argument("--doc", help="only this document's rows")
    p.add_argument("--tables", type=Path, default=DEFAULTS.processed, help="extracted tables folder")
    p.add_argument("--out", type=Path, default=Path("reports/review"), help="folder for the HTML page and CSV sheet")
    p.add_argument("--apply", type=Path, metavar="FILLED.csv", help="add a filled sheet's decisions to the corrections")
    p.add_argument(
        "--corrections",
        type=Path,
        metavar="DIR",
        help="corrections folder --apply writes to, and where a sheet's decisions are looked for before it is "
        "written again (default data/corrections)",
    )
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("evaluate", help="score the tables against gold annotations")
    p.add_argument("--gold", type=Path, default=DEFAULTS.gold, help="gold annotations folder")
    p.add_argument("--tables", type=Path, default=DEFAULTS.processed, help="extracted tables folder")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("check-gold", help="check gold annotations: schema values and exact substrings")
    p.add_argument("--gold", type=Path, default=DEFAULTS.gold, help="gold annotations folder")
    p.add_argument(
        "--raw",
        type=Path,
        nargs="+",
        default=[DEFAULTS.raw, *DEFAULTS.evaluation_corpora],
        help="folders of the annotated documents (default: data/raw and data/gathered/raw)",
    )
    p.set_defaults(func=_cmd_check_gold)

    p = sub.add_parser("validate-sentiment", help="check every lexicon against human-rated news sentences")
    p.add_argument("--data", type=Path, default=DEFAULTS.sentiment_data, help="folder of the validation set")
    p.add_argument("--out", type=Path, default=DEFAULTS.processed, help="folder for sentiment_validation.csv")
    p.set_defaults(func=_cmd_validate_sentiment)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return args.func(args)
    except OversightError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return next((code for kind, code in EXIT_CODES.items() if isinstance(exc, kind)), 2)
    except OSError as exc:  # a folder that cannot be written, a path that is a folder: one line, not a traceback
        if args.debug:
            raise
        print(f"error: {_os_error(exc)}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Terminated) as exc:  # cleanup has run; the previous tables are as they were
        if args.debug:
            raise
        print(
            f"interrupted ({'SIGTERM' if isinstance(exc, Terminated) else 'Ctrl-C'}); nothing half-written was kept",
            file=sys.stderr,
        )
        return 143 if isinstance(exc, Terminated) else 130


if __name__ == "__main__":
    sys.exit(main())
