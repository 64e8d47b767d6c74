"""Reproducible by anyone, later: the lock, the conda environment, the data
package, the sources and licences of the corpus, the citation file.

``tests/data/cff-1.2.0.schema.json`` is the Citation File Format 1.2.0 JSON
schema (CC-BY-4.0, citation-file-format.github.io), as shipped in the
cffconvert 2.0.0 wheel: cffconvert itself cannot be installed beside
frictionless (it caps jsonschema below 4), so the file is validated against
its schema with jsonschema, as ``cffconvert --validate`` does.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess

import jsonschema
import pytest
import yaml
from conftest import GOLD, RAW, ROOT

from oversight_research import __version__, provenance
from oversight_research.cli import main
from oversight_research.descriptor import FOREIGN_KEYS, PRIMARY_KEYS, descriptor
from oversight_research.schema import ALL_TABLES

LOCK = ROOT / "requirements.lock"


# --------------------------------------------------------------------------- the lock


def test_lock_agrees_with_pyproject():
    assert provenance.check(ROOT) == []


def _checkout(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "environment.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_check_fails_when_a_dependency_line_changes_without_make_lock(tmp_path):
    root = _checkout(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"pandas>=2.1,<4"' in text
    pyproject.write_text(text.replace('"pandas>=2.1,<4"', '"pandas>=99"'), encoding="utf-8")
    problems = provenance.check(root)
    assert any("fingerprint" in p for p in problems)
    assert any("pandas==" in p and "does not satisfy" in p for p in problems)


def test_check_fails_on_a_new_dependency_missing_from_the_lock(tmp_path):
    root = _checkout(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace('"scipy>=1.11,<2",', '"scipy>=1.11,<2",\n  "no-such-package-xyz>=1",'), encoding="utf-8"
    )
    assert any("no-such-package-xyz" in p and "not in" in p for p in provenance.check(root))


def test_reordering_dependency_lines_is_not_a_change(tmp_path):
    root2 = _checkout(tmp_path)
    text2 = (root2 / "pyproject.toml").read_text(encoding="utf-8")
    swapped = text2.replace('  "tqdm>=4.66,<5",\n  "ftfy>=6.1,<7",\n', '  "ftfy>=6.1,<7",\n  "tqdm>=4.66,<5",\n')
    assert swapped != text2
    (root2 / "pyproject.toml").write_text(swapped, encoding="utf-8")
    assert provenance.check(root2) == []


def test_check_fails_when_environment_yml_drifts_from_the_lock(tmp_path):
    root = _checkout(tmp_path)
    env = root / "environment.yml"
    env.write_text(re.sub(r"pandas==\S+", "pandas==1.0.0", env.read_text(encoding="utf-8")), encoding="utf-8")
    assert any("environment.yml" in p for p in provenance.check(root))


def _blocks(text: str) -> list[list[str]]:
    """The lock's requirement entries: a pin line and its continuation lines."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if re.match(r"^[A-Za-z0-9]", line):
            blocks.append([line])
        elif line.startswith("    --hash=") and blocks:
            blocks[-1].append(line)
    return blocks


def test_every_locked_package_is_pinned_with_hashes():
    blocks = _blocks(LOCK.read_text(encoding="utf-8"))
    assert len(blocks) > 50
    for block in blocks:
        assert re.match(r"^[A-Za-z0-9._-]+==\S+", block[0]), block[0]
        assert len(block) > 1 and all(re.fullmatch(r"    --hash=sha256:[0-9a-f]{64}( \\)?", h) for h in block[1:]), (
            block[0]
        )
    pins = provenance.pins(LOCK)
    for name in ("pandas", "pyarrow", "matplotlib", "nbconvert", "textblob", "frictionless", "setuptools", "uv"):
        assert name in pins, name  # runtime, test extra and the build backend are all locked


def test_lock_sha256_is_the_hash_of_the_lock_file(tmp_path):
    assert provenance.lock_sha256() == hashlib.sha256(LOCK.read_bytes()).hexdigest()
    assert provenance.lock_sha256(tmp_path / "none.lock") is None
    out = subprocess.run(
        [shutil.which("python") or "python", "-m", "oversight_research.provenance", "sha256"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == provenance.lock_sha256()


def test_make_installs_exactly_the_lock():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "-n", "-B", "test"], capture_output=True, text=True, cwd=ROOT).stdout
    assert "provenance check" in dry
    assert "pip install --quiet --require-hashes -r requirements-pip.lock" in dry  # the installer, pinned, first
    assert dry.index("requirements-pip.lock") < dry.index("-r requirements.lock")
    assert "pip install --quiet --require-hashes -r requirements.lock" in dry
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in dry
    assert 'install --quiet -e ".[test]"' not in dry  # no unlocked resolution
    assert "pytest" in dry
    lock = subprocess.run(["make", "-n", "-B", "lock"], capture_output=True, text=True, cwd=ROOT).stdout
    assert "oversight_research.provenance lock" in lock


# --------------------------------------------------------------------------- conda and Binder


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _is_local(requirement: str) -> bool:
    """repo2docker's reading of a pip line: a path starting with '.' is the repository itself."""
    line = requirement.split("#", 1)[0].strip()
    if line.startswith("-"):
        parts = line.split(None, 1)
        line = parts[1] if len(parts) > 1 else ""
    return line.startswith(".")


def test_environment_yml_is_the_lock_from_conda_forge():
    env = _environment()
    assert env["channels"][0] == "conda-forge"
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda and "pip" in conda
    listed = dict(d.split("==") for d in conda if "==" in d)
    locked = provenance.locked_packages(LOCK)
    assert listed == {provenance.conda_name(n): v for n, v in locked.items()}
    assert {
        "pandas",
        "matplotlib-base",
        "pyarrow",
        "textblob",
        "vadersentiment",
        "trafilatura",
        "pytest",
        "frictionless",
        "dask-core",
        "distributed",
    } <= set(listed)
    assert listed["pandas"] == provenance.pins(LOCK)["pandas"]
    assert "colorama" not in listed and "appnope" not in listed  # Windows/macOS-only pins are left out
    (pip,) = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert pip == ["-e ."]  # pip installs the package only
    assert all(_is_local(line) for line in pip)


def test_the_old_quoted_install_was_not_seen_as_local():
    assert not _is_local('-e ".[test]"')  # why repo2docker tried to install it before copying the repository
    assert _is_local("-e .")


def test_binder_builds_from_the_repository_root():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()  # else root files are ignored
    post = ROOT / "postBuild"
    assert post.is_file()
    text = post.read_text(encoding="utf-8")
    assert "oversight-research extract data/raw --out data/processed" in text
    assert "mybinder.org/v2/gh/" in (ROOT / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- citation


def _cff_errors(data: dict) -> list[str]:
    schema = json.loads((ROOT / "tests" / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    data = {**data, **({"date-released": str(data["date-released"])} if "date-released" in data else {})}
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(data)]


def test_citation_cff_is_valid_and_complete():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert _cff_errors(cff) == []
    assert cff["version"] == __version__
    assert isinstance(cff["date-released"], dt.date)
    assert {"MIT", "OGL-UK-3.0"} <= set(cff["license"])  # code and data
    assert cff["authors"] and cff["abstract"] and cff["keywords"]
    assert _cff_errors({k: v for k, v in cff.items() if k != "authors"})  # the check can fail
    assert _cff_errors({**cff, "license": "Not-A-Licence"})


REPOSITORY_KEYS = ("repository", "source", "source code", "code")


def test_citation_repository_code_is_pyprojects_repository_url():
    """``repository-code`` comes from ``[project.urls]`` (never a placeholder):
    both absent, or both the same real https address."""
    import tomllib

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("urls", {})
    repository = next((url for key, url in urls.items() if key.lower() in REPOSITORY_KEYS), None)
    assert cff.get("repository-code") == repository
    for url in filter(None, (repository, cff.get("repository-code"), cff.get("url"))):
        assert url.startswith("https://") and not re.search(r"[<>{}]|example\.|owner/repo", url), url
    assert _cff_errors({**cff, "repository-code": "not a url"})  # the schema checks the field


# --------------------------------------------------------------------------- sources and licences

SOURCE_COLUMNS = ["doc_id", "source_url", "publisher", "licence", "retrieved"]
LICENCES = {"OGL-UK-3.0", "all-rights-reserved"}


def _sources() -> list[dict]:
    with (RAW / "SOURCES.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == SOURCE_COLUMNS
        return list(reader)


def test_sources_csv_has_one_row_per_raw_document():
    rows = _sources()
    documents = sorted(p.stem for p in RAW.iterdir() if p.suffix in (".txt", ".html"))
    assert [r["doc_id"] for r in rows] == documents
    for row in rows:
        assert row["licence"] in LICENCES, row
        assert row["publisher"], row
        dt.date.fromisoformat(row["retrieved"])
        first = next((RAW / f"{row['doc_id']}.txt").open(encoding="utf-8")).strip()
        if first.startswith("source: "):  # the dev documents: public-body pages
            assert row["source_url"] == first.removeprefix("source: ")
            assert row["licence"] == "OGL-UK-3.0", row
        assert not row["source_url"] or row["source_url"].startswith(("http://", "https://"))


def test_seed_news_articles_are_not_marked_open():
    rows = {r["doc_id"]: r for r in _sources()}
    news = [d for d in rows if d.startswith(("000_", "001_", "003_", "004_"))]
    assert len(news) == 4 and all(rows[d]["licence"] == "all-rights-reserved" for d in news)
    assert rows["002_f3618189f69007e2"]["licence"] == "OGL-UK-3.0"  # the IOPC learning summary


# --------------------------------------------------------------------------- the data package


def test_descriptor_declares_keys_and_only_foreign_keys_it_can_resolve():
    alone = descriptor(["statements"])["resources"][0]
    assert alone["profile"] == "tabular-data-resource"
    assert alone["schema"]["primaryKey"] == ["statement_id"]
    assert "foreignKeys" not in alone["schema"]
    full = {r["name"]: r for r in descriptor(["articles", "cases", "statements", "events"])["resources"]}
    keys = {(tuple(k["fields"]), k["reference"]["resource"]) for k in full["statements"]["schema"]["foreignKeys"]}
    assert keys == {(("doc_id",), "articles"), (("case_id",), "cases")}
    assert (("case_id",), "cases") in {
        (tuple(k["fields"]), k["reference"]["resource"]) for k in full["events"]["schema"]["foreignKeys"]
    }
    for table, key in PRIMARY_KEYS.items():
        assert set(key) <= {f.name for f in ALL_TABLES[table]}, table
    for table, refs in FOREIGN_KEYS.items():
        for fields, target, ref in refs:
            assert set(fields) <= {f.name for f in ALL_TABLES[table]} and set(ref) <= set(PRIMARY_KEYS[target])


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """What `make report` writes into data/processed: tables, scores, sentiment validation."""
    out = tmp_path_factory.mktemp("package")
    assert main(["extract", str(RAW), "--out", str(out), "--quiet"]) == 0
    assert main(["evaluate", "--gold", str(GOLD), "--tables", str(out)]) == 0
    assert (
        main(
            [
                "validate-sentiment",
                "--data",
                str(ROOT / "data" / "external" / "sentiment-validation"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    return out


def _validate(path):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(path))
    return report.valid, [(e.type, getattr(e, "note", "")) for task in report.tasks for e in task.errors] + [
        (e.type, e.note) for e in report.errors
    ]


def test_the_written_package_passes_frictionless_validate(package):
    meta = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in meta["resources"]]
    assert {
        "articles",
        "sentences",
        "events",
        "missed_opportunities",
        "cases",
        "outcomes",
        "statements",
        "evaluation",
        "evaluation_errors",
        "evaluation_confusion",
        "sentiment_validation",
    } <= set(names)
    assert meta["profile"] == "tabular-data-package" and meta["licenses"] and meta["sources"]
    assert all(r["profile"] == "tabular-data-resource" for r in meta["resources"])
    valid, errors = _validate(package / "datapackage.json")
    assert valid, errors[:10]


def test_the_validator_checks_the_foreign_keys(package, tmp_path):
    for path in package.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    statements = tmp_path / "statements.csv"
    lines = statements.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1
    doc_id = lines[1].split(",", 1)[0]
    lines[1] = lines[1].replace(doc_id, '"no-such-document"', 1)
    statements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    valid, errors = _validate(tmp_path / "datapackage.json")
    assert not valid and any(kind == "foreign-key" for kind, _ in errors)


def test_the_written_package_is_byte_identical_across_runs(package, tmp_path):
    assert main(["extract", str(RAW), "--out", str(tmp_path), "--quiet"]) == 0
    again = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert again == descriptor([r["name"] for r in again["resources"]])
    first = (tmp_path / "datapackage.json").read_bytes()
    assert main(["extract", str(RAW), "--out", str(tmp_path), "--quiet", "--no-cache"]) == 0
    assert (tmp_path / "datapackage.json").read_bytes() == first


ARROW_TYPES = {"string": "string", "integer": "int64", "number": "double", "boolean": "bool"}


def _parquet_problems(folder) -> list[str]:
    """Where the Parquet copies in ``folder`` differ from ``datapackage.json``:
    columns, order and types, the rows of the CSV, primary keys unique and never empty."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems = []
    for resource in meta["resources"]:
        name, fields = resource["name"], resource["schema"]["fields"]
        parquet = pq.read_table(folder / resource["x-parquet"])
        if parquet.schema.names != [f["name"] for f in fields]:
            problems.append(f"{name}: columns {parquet.schema.names}")
            continue
        problems += [
            f"{name}.{f['name']}: {parquet.schema.field(f['name']).type} is not {f['type']}"
            for f in fields
            if str(parquet.schema.field(f["name"]).type) != ARROW_TYPES[f["type"]]
        ]
        if parquet.num_rows != pa_csv.read_csv(folder / resource["path"]).num_rows:
            problems.append(f"{name}: {parquet.num_rows} rows, not the CSV's")
        key = resource["schema"].get("primaryKey", [])
        frame = parquet.select(key).to_pandas() if key else None
        if frame is not None and (frame.isna().any().any() or frame.duplicated().any()):
            problems.append(f"{name}: primary key {key} empty or repeated")
    return problems


def test_the_parquet_files_are_described_by_the_datapackage(package):
    """frictionless reads the CSV files only: the Parquet copies are checked here against the same descriptor."""
    meta = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert len(meta["resources"]) >= 10 and all((package / r["x-parquet"]).exists() for r in meta["resources"])
    assert _parquet_problems(package) == []


def test_the_parquet_check_fails_on_a_mistyped_column(package, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for path in package.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)
    events = pq.read_table(tmp_path / "events.parquet")
    i = events.schema.get_field_index("sentence_id")
    pq.write_table(events.set_column(i, "sentence_id", events.column(i).cast(pa.string())), tmp_path / "events.parquet")
    assert _parquet_problems(tmp_path) == ["events.sentence_id: string is not integer"]
