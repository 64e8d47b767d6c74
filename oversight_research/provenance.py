"""The locked environment: where the lock is, its hash, and whether it still
matches ``pyproject.toml``.

``requirements.lock`` pins every package the project installs (the runtime
dependencies, the ``test`` extra and the build backend), each with its
sha256 hashes, as ``uv pip compile --generate-hashes`` writes it.  Its header
carries a fingerprint of the dependency sections of ``pyproject.toml`` it was
compiled from, so a changed dependency line without ``make lock`` is caught
without the network (:func:`check`).

    python -m oversight_research.provenance lock     # recompile the lock and environment.yml (make lock)
    python -m oversight_research.provenance check    # exit 1 when pyproject.toml and the lock disagree
    python -m oversight_research.provenance sha256   # the lock's hash (the report's provenance)

``environment.yml`` is written from the lock too (:func:`environment_yml`):
the same packages at the same versions from conda-forge, under their
conda-forge names (:data:`CONDA_NAMES`), for CPython on Linux (Binder's
platform), and pip installs only the package itself (``-e .``).

Only the standard library is needed for ``lock``, ``sha256`` and the
fingerprint part of ``check``, so they run before the virtual environment
exists; the check that every requirement is satisfied by its pin uses
``packaging`` when it is importable.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = "requirements.lock"
# Extras installed by `make test` / `make report`, and so locked.
LOCKED_EXTRAS = ("test",)
# The Python the lock is resolved for (the project's CI and Binder version).
PYTHON_VERSION = "3.11"
FINGERPRINT = "# pyproject-dependencies-sha256:"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def lock_path(root: Path | None = None) -> Path:
    """The lock file of the checkout at ``root`` (default: this package's checkout)."""
    return Path(root or ROOT) / LOCK


def lock_sha256(path: Path | None = None) -> str | None:
    """sha256 (hex) of the lock file's bytes, or None when there is no lock
    (an install from a wheel, outside the checkout)."""
    path = Path(path) if path else lock_path()
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dependency_inputs(pyproject: Path | None = None) -> dict:
    """What the lock is compiled from: the dependency sections of ``pyproject.toml``."""
    data = tomllib.loads(Path(pyproject or ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data.get("project", {})
    extras = project.get("optional-dependencies", {})
    return {
        "python": PYTHON_VERSION,
        "requires-python": project.get("requires-python", ""),
        "build-system": sorted(data.get("build-system", {}).get("requires", [])),
        "dependencies": sorted(project.get("dependencies", [])),
        "extras": {name: sorted(extras.get(name, [])) for name in LOCKED_EXTRAS},
    }


def inputs_sha256(pyproject: Path | None = None) -> str:
    """A fingerprint of :func:`dependency_inputs` (order of lines does not matter)."""
    text = json.dumps(dependency_inputs(pyproject), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(name: str) -> str:
    """A package name in its PEP 503 normal form (``PyYAML`` -> ``pyyaml``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path | None = None) -> dict[str, str]:
    """Normalised package name -> pinned version, for every package in the lock."""
    found = {}
    for line in Path(path or lock_path()).read_text(encoding="utf-8").splitlines():
        if match := _PIN.match(line):
            found[normalise(match.group(1))] = match.group(2)
    return found


def recorded_fingerprint(path: Path | None = None) -> str | None:
    for line in Path(path or lock_path()).read_text(encoding="utf-8").splitlines():
        if line.startswith(FINGERPRINT):
            return line.removeprefix(FINGERPRINT).strip()
    return None


def requirements(pyproject: Path | None = None) -> list[str]:
    """Every requirement line the lock must satisfy."""
    inputs = dependency_inputs(pyproject)
    return [
        *inputs["build-system"],
        *inputs["dependencies"],
        *(r for name in LOCKED_EXTRAS for r in inputs["extras"][name]),
    ]


def check(root: Path | None = None) -> list[str]:
    """Problems between ``pyproject.toml`` and the lock, in words (empty: they agree)."""
    root = Path(root or ROOT)
    lock, pyproject = lock_path(root), root / "pyproject.toml"
    if not lock.is_file():
        return [f"{lock.name} is missing: run `make lock`"]
    problems = []
    recorded = recorded_fingerprint(lock)
    if recorded != inputs_sha256(pyproject):
        problems.append(
            f"{lock.name} was compiled from other dependency lines than pyproject.toml has now "
            "(fingerprint differs): run `make lock`"
        )
    locked = pins(lock)
    text = lock.read_text(encoding="utf-8")
    if "--hash=sha256:" not in text:
        problems.append(f"{lock.name} has no hashes: run `make lock`")
    try:
        from packaging.requirements import Requirement
    except ImportError:  # before the venv exists: the fingerprint is the check
        return problems
    environment = root / ENVIRONMENT
    if environment.is_file() and environment.read_text(encoding="utf-8") != environment_yml(root):
        problems.append(f"{ENVIRONMENT} does not list the lock's packages and versions: run `make lock`")
    for line in requirements(pyproject):
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate({"python_version": PYTHON_VERSION}):
            continue
        version = locked.get(normalise(req.name))
        if version is None:
            problems.append(f"{req.name} ({line}) is not in {lock.name}")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} in {lock.name} does not satisfy {line!r}")
    return problems


def compile_command(root: Path | None = None, upgrade: bool = False) -> list[str]:
    """The ``uv pip compile`` command that writes the lock (the build backend comes on stdin)."""
    root = Path(root or ROOT)
    command = [
        sys.executable,
        "-m",
        "uv",
        "pip",
        "compile",
        str(root / "pyproject.toml"),
        "-",
        "--generate-hashes",
        "--universal",
        "--python-version",
        PYTHON_VERSION,
        "--no-header",
        "--quiet",
    ]
    for extra in LOCKED_EXTRAS:
        command += ["--extra", extra]
    return command + (["--upgrade"] if upgrade else [])


def compile_lock(root: Path | None = None, upgrade: bool = False) -> Path:
    """Recompile the lock from ``pyproject.toml`` (needs the package index), with
    the build backend (``[build-system] requires``) pinned in it too.  The
    versions already locked are kept where they still satisfy ``pyproject.toml``
    (uv reads them from the previous lock) unless ``upgrade``."""
    import shutil
    import tempfile

    root = Path(root or ROOT)
    path = lock_path(root)
    build = "\n".join(dependency_inputs(root / "pyproject.toml")["build-system"]) + "\n"
    with tempfile.TemporaryDirectory() as scratch:
        previous = Path(scratch) / LOCK
        if path.is_file():
            shutil.copy(path, previous)
        result = subprocess.run(
            [*compile_command(root, upgrade), "-o", str(previous)],
            input=build,
            capture_output=True,
            text=True,
            cwd=root,
        )
        if result.returncode:
            raise SystemExit(f"uv pip compile failed:\n{result.stderr}")
        body = previous.read_text(encoding="utf-8").replace(str(root) + "/", "")
    extras = ",".join(LOCKED_EXTRAS)
    header = (
        f"# The locked environment of oversight-research: pyproject.toml's dependencies, the [{extras}]\n"
        "# extra and the build backend, every package pinned with its hashes, for Python "
        f"{PYTHON_VERSION}.\n"
        "# Written by `make lock` (uv pip compile --generate-hashes --universal); do not edit by hand.\n"
        f"{FINGERPRINT} {inputs_sha256(root / 'pyproject.toml')}\n"
    )
    path.write_text(header + body, encoding="utf-8")
    return path


# PyPI name -> conda-forge name, where they differ (the rest keep their PyPI name).
CONDA_NAMES = {
    "dask": "dask-core",  # conda-forge's `dask` also pulls bokeh and more; `distributed` is listed on its own
    "matplotlib": "matplotlib-base",  # without a Qt backend
    "msgpack": "msgpack-python",
    "fastjsonschema": "python-fastjsonschema",
    "tzdata": "python-tzdata",  # conda-forge's `tzdata` is the system time-zone database
    "typing-extensions": "typing_extensions",
    "jupyter-client": "jupyter_client",
    "jupyter-core": "jupyter_core",
    "jupyterlab-pygments": "jupyterlab_pygments",
    "stack-data": "stack_data",
    "pure-eval": "pure_eval",
    "mypy-extensions": "mypy_extensions",
    "lxml-html-clean": "lxml_html_clean",
}
# The platform environment.yml is resolved for (markers of the lock evaluated there).
CONDA_MARKERS = {
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
    "platform_machine": "x86_64",
}
# The Python patch release markers are evaluated at (conda-forge's python=3.11 is its latest 3.11.x).
CONDA_PYTHON_FULL = "3.11.14"
ENVIRONMENT = "environment.yml"


def locked_packages(path: Path | None = None, environment: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised name -> version of the lock's packages that apply on ``environment``
    (marker variables; default: CPython 3.11 on Linux)."""
    from packaging.markers import Marker

    env = {
        **CONDA_MARKERS,
        "python_version": PYTHON_VERSION,
        "python_full_version": CONDA_PYTHON_FULL,
        **(environment or {}),
    }
    found = {}
    for line in Path(path or lock_path()).read_text(encoding="utf-8").splitlines():
        if not (match := _PIN.match(line)):
            continue
        marker = line.split(";", 1)[1].rstrip(" \\") if ";" in line else ""
        if marker and not Marker(marker).evaluate(env):
            continue
        found[normalise(match.group(1))] = match.group(2)
    return found


def conda_name(name: str) -> str:
    return CONDA_NAMES.get(normalise(name), normalise(name))


def environment_yml(root: Path | None = None) -> str:
    """The text of ``environment.yml`` for the lock of the checkout at ``root``."""
    root = Path(root or ROOT)
    packages = sorted((conda_name(n), v) for n, v in locked_packages(lock_path(root)).items())
    lines = [
        "# The conda environment of oversight-research: every package of requirements.lock at its locked",
        "# version, from conda-forge; pip installs only the package itself.  Written by `make lock` from the",
        "# lock (python -m oversight_research.provenance lock); do not edit by hand.",
        "#   conda env create -f environment.yml && conda activate oversight-research",
        "# Binder (repo2docker) builds from this file: the local `-e .` is installed once the repository is in.",
        f"# lock sha256: {lock_sha256(lock_path(root))}",
        "name: oversight-research",
        "channels:",
        "  - conda-forge",
        "  - nodefaults",
        "dependencies:",
        f"  - python={PYTHON_VERSION}",
        "  - pip",
        *(f"  - {name}=={version}" for name, version in packages),
        "  - pip:",
        "      - -e .",
    ]
    return "\n".join(lines) + "\n"


def write_environment(root: Path | None = None) -> Path:
    root = Path(root or ROOT)
    path = root / ENVIRONMENT
    path.write_text(environment_yml(root), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command == "lock":
        print(compile_lock(upgrade="--upgrade" in args))
        print(write_environment())
        return 0
    if command == "sha256":
        digest = lock_sha256()
        print(digest or "no lock")
        return 0 if digest else 1
    if command == "check":
        problems = check()
        for problem in problems:
            print(f"lock check: {problem}", file=sys.stderr)
        if not problems:
            print(f"{LOCK} matches pyproject.toml (sha256 {lock_sha256()})")
        return 1 if problems else 0
    print("usage: python -m oversight_research.provenance [lock [--upgrade]|check|sha256]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
