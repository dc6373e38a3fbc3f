# The two commands: `make report` (set up, build the sample report) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SOURCES := $(wildcard source_sheets/*.xlsx source_sheets/baseline/*.xlsx)
TEMPLATES := $(wildcard templates/*/report.docx)
PACKAGE := $(wildcard ctpdoc/*.py)

.PHONY: report pdf test bench lint clean

report: build/.report

build/.report: $(STAMP) $(SOURCES) $(TEMPLATES) $(PACKAGE)
	$(BIN)/ctpdoc build
	@touch $@

pdf: build/.pdf

build/.pdf: $(STAMP) $(SOURCES) $(TEMPLATES) $(PACKAGE)
	$(BIN)/ctpdoc build --pdf
	@touch build/.report $@

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_import.py

lint: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,dev]'
	$(BIN)/python -m ruff check ctpdoc tests
	$(BIN)/python -m mypy ctpdoc

clean:
	rm -rf build
