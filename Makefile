# The two commands: `make report` (set up, build the sample report) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SOURCES := $(wildcard source_sheets/*.xlsx source_sheets/baseline/*.xlsx source_sheets/baseline/snapshot.toml source_sheets/baseline/history/*/*.xlsx ctpdoc.toml)
TEMPLATES := $(wildcard templates/*/report.docx)
PACKAGE := $(wildcard ctpdoc/*.py ctpdoc/*/*.py)
REVIEW_PAGE := $(wildcard ctpdoc/review/page.*)

.PHONY: report pdf test test-fast test-windowslike test-oldest bench lint docs clean wheel

report: build/.report

build/.report: $(STAMP) $(SOURCES) $(TEMPLATES) $(PACKAGE) $(REVIEW_PAGE)
	$(BIN)/ctpdoc build
	@touch $@

# A build without --pdf (make report, ctpdoc build) removes the PDFs of the documents it replaces: the stamp
# then says nothing of them, and goes.
pdf:
	@ls build/*.pdf >/dev/null 2>&1 || rm -f build/.pdf
	@$(MAKE) --no-print-directory build/.pdf

build/.pdf: $(STAMP) $(SOURCES) $(TEMPLATES) $(PACKAGE) $(REVIEW_PAGE)
	$(BIN)/ctpdoc build --pdf
	@touch build/.report $@

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	@touch $@

# pytest-xdist spreads the tests over the cores (each worker starts its own LibreOffice when it needs one);
# tests marked xdist_group run in one worker (the big generated inputs, up to 1.5 GB each).
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

# The suite without the tests marked slow (those that start LibreOffice, a browser, or build the wheel and install it
# into a fresh environment, or take a second or more): about a minute, for a quick look while working;
# make test and CI run everything.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup -m "not slow"

# The same suite with Python as Windows has it: no fcntl, resource or os.fork, fewer signals
# (tests/windowslike/sitecustomize.py, in every process the tests start).
test-windowslike: $(STAMP)
	PYTHONPATH="$(CURDIR)/tests/windowslike" $(BIN)/python -m pytest -q -n auto

# The wheel users install (pipx install dist/ctpdoc-*.whl): built by hatchling in a temporary folder, never in build/,
# by pip's isolated build (it fetches hatchling alone), without the venv and its development tools.
wheel:
	$(PYTHON) -m pip wheel --no-deps --quiet --wheel-dir dist .

# The same suite against the lowest versions pyproject.toml allows (constraints/oldest.txt), in a venv of its own.
OLDEST := .venv-oldest
$(OLDEST)/.installed: pyproject.toml constraints/oldest.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/pip install --quiet --upgrade pip
	$(OLDEST)/bin/pip install --quiet -c constraints/oldest.txt -e '.[test]'
	@touch $@

test-oldest: $(OLDEST)/.installed
	$(OLDEST)/bin/python -m pytest -q -n auto --dist loadgroup

bench: $(STAMP)
	$(BIN)/python tools/bench.py
	$(BIN)/python tools/bench_import.py

lint: $(STAMP)
	$(BIN)/python -m ruff check ctpdoc tests tools
	$(BIN)/python -m ruff format --check ctpdoc tests tools
	$(BIN)/python -m mypy --strict ctpdoc
	$(BIN)/python tools/layers.py ctpdoc

# The documentation as a site (site/), in strict mode: a broken link or a page left out fails.
# Not --quiet: it raises MkDocs' log level past warnings, so strict mode would count none and never fail.
docs: $(STAMP)
	$(BIN)/python -m mkdocs build

clean:
	rm -rf build site
