# Two commands do everything: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test lint extract clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

report: $(STAMP)  ## raw articles -> data/processed -> notebooks -> reports/report.html
	$(BIN)/oversight-research all --raw data/raw --processed data/processed --report reports/report.html

test: $(STAMP)  ## the test suite (executes the notebooks once)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check oversight_research tests

extract: $(STAMP)
	$(BIN)/oversight-research extract data/raw --out data/processed

clean:
	rm -rf reports/executed reports/report.html data/processed/*.csv data/processed/*.parquet data/processed/datapackage.json data/processed/.cache
