# Two commands do everything: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LOCK   := requirements.lock

.PHONY: report test lint extract clean lock lock-check

# Install exactly the locked versions (every package with its hashes), then the
# package itself without resolving anything again. Fails first when
# pyproject.toml's dependency lines changed since the lock was compiled.
$(STAMP): pyproject.toml $(LOCK) requirements-pip.lock
	$(PYTHON) -m oversight_research.provenance check
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:  ## recompile requirements.lock and environment.yml from pyproject.toml (UPGRADE=1: newest versions), then install
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -c "import uv, packaging" 2>/dev/null || $(BIN)/python -m pip install --quiet "uv>=0.5" packaging
	$(BIN)/python -m oversight_research.provenance lock $(if $(UPGRADE),--upgrade)
	$(MAKE) $(STAMP)

lock-check:  ## fails when pyproject.toml, requirements.lock and environment.yml disagree
	$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) -m oversight_research.provenance check

report: $(STAMP)  ## raw articles -> data/processed -> notebooks -> reports/report.html
	$(BIN)/oversight-research all --raw data/raw --processed data/processed --report reports/report.html

test: lint  ## lint, format check, types, then the test suite (executes the notebooks once)
	$(BIN)/python -m pytest -q

lint: $(STAMP)  ## ruff check, ruff format --check and mypy (strict on the core: pyproject.toml [tool.mypy])
	$(BIN)/ruff check oversight_research tests benchmarks
	$(BIN)/ruff format --check oversight_research tests benchmarks
	$(BIN)/mypy

extract: $(STAMP)
	$(BIN)/oversight-research extract data/raw --out data/processed

clean:
	rm -rf reports/executed reports/report.html data/processed/*.csv data/processed/*.parquet data/processed/datapackage.json data/processed/generation.json data/processed/.cache
