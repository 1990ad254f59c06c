# The handbook's commands. A newcomer needs two: `make serve` and `make test`.
# Every target installs what it needs into .venv (and node_modules) on first use; a second run reinstalls nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE ?= site
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# Material for MkDocs prints a warning on every run that MkDocs 2 will break its plugins. The handbook pins
# mkdocs<2 on purpose (pyproject.toml says why), so the warning tells us nothing new.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The browser of the tests, `make pdf` and `make bench`: CHROMIUM=/path/to/chromium overrides it.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || command -v google-chrome-stable || echo /usr/bin/chromium)
export CHROMIUM
# The editors' folder beside the repository (source documents, their source-policy tool): optional on an
# editor's machine, required in CI (CI=true).
SHARED := ../shared

.PHONY: help install serve build check test clean validate parity parity-stamp system-deps search-deps node-deps \
        lock bench new-case pdf urls source-check source-fingerprints

help:
	@echo "make serve     install (first time) and serve the handbook at http://127.0.0.1:8000/ with live reload"
	@echo "make test      install, build strictly, run every test (unit, build, browser, source check)"
	@echo "make check     the quick check for editors: validation, unit tests, one build (under a minute)"
	@echo "make build     build the site into $(SITE)/"
	@echo "make validate  check every case and data file, listing all problems"
	@echo "make parity    report missing and outdated translations"
	@echo "make new-case SLUG=kuopio-alueraadit   start a new case from the commented template"
	@echo "make bench     measure build time, scaling to 1000 cases, page weight, search cost, Lighthouse (bench/results/)"
	@echo "make urls      add new pages and anchors to urls.txt (links must keep working)"
	@echo "make pdf       print the whole handbook to pdf/kumppanuuspoyta-<fi|sv|en>.pdf"
	@echo "make clean     remove the built site and caches"

$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "$(PYTHON) cannot make a virtual environment: install Python's venv module (Debian/Ubuntu: sudo apt-get install python3-venv) and run make again." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

install: $(INSTALLED)

system-deps:
	@bash scripts/ensure-system-deps.sh

# the build indexes Finnish search with Voikko (Debian/Ubuntu packages voikko-fi, python3-libvoikko)
search-deps:
	@bash scripts/ensure-system-deps.sh search

$(NODE_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm (sudo apt-get install nodejs npm) and run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-deps: $(NODE_INSTALLED)

# A preview needs neither Voikko (search falls back to Pagefind's own stemming, with one warning) nor
# PurgeCSS (the preview keeps Material's whole stylesheet).
serve: install
	@bash scripts/ensure-system-deps.sh serve
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: install search-deps node-deps
	$(BIN)/mkdocs build --strict --clean -d $(SITE)

# every case and data file against its schema and the cross checks; the readability of the summaries and
# the easy-language pages against their limits (kumppanuus.core.readability)
validate: install
	$(BIN)/kumppanuus validate
	$(BIN)/kumppanuus readability

parity: install
	$(BIN)/kumppanuus parity

new-case: install
	@$(BIN)/kumppanuus new-case "$(SLUG)"

parity-stamp: install
	$(BIN)/kumppanuus parity-stamp $(FILES)

# the handbook's own check of a built site: copied runs of the sources (by their hashes) and contact details;
# the editors' fuller tool too when ../shared is beside the repository (required in CI)
source-check:
	$(BIN)/kumppanuus source-check --site $(SITE)
	@if [ -f $(SHARED)/tools/source_policy.py ]; then \
	  echo "$(PYTHON) $(SHARED)/tools/source_policy.py $(SITE)"; $(PYTHON) $(SHARED)/tools/source_policy.py $(SITE); \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "CI: $(SHARED)/tools/source_policy.py is missing: check out the editors' shared repository beside this one." >&2; exit 1; \
	else echo "($(SHARED) is not beside the repository: the editors' source-policy tool was not run)"; fi

# after the sources change: their hashes into data/source-fingerprints.txt
source-fingerprints: install
	$(BIN)/kumppanuus source-fingerprints --seeds $(SHARED)/seeds

# Editors: the quick check (no browser, no extra builds)
check: install search-deps node-deps
	$(MAKE) --no-print-directory validate
	$(BIN)/kumppanuus parity
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory source-check
	SITE_DIR=$(SITE) $(BIN)/python -m pytest -m "not browser and not build" -q

test: install system-deps node-deps
	$(BIN)/kumppanuus validate
	$(BIN)/kumppanuus readability --all
	$(BIN)/kumppanuus parity
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory source-check
	SITE_DIR=$(SITE) $(BIN)/python -m pytest

# add this build's pages and heading anchors to urls.txt (the registry of published addresses)
urls: build
	$(BIN)/kumppanuus urls --update --site $(SITE)

# the whole handbook as A4 PDFs (pdf/kumppanuuspoyta-fi.pdf, -sv, -en), printed by Chromium
pdf: build system-deps
	$(BIN)/python -m kumppanuus.site.pdf --site $(SITE) --out pdf

bench: install system-deps search-deps node-deps
	$(BIN)/kumppanuus bench

lock: install
	$(BIN)/python -m pip freeze --exclude-editable | sed '/^kumppanuus/d' > requirements.lock.new
	@{ echo "# Exact versions of every Python package the handbook installs (direct and transitive)."; \
	   echo "# Regenerate with: make lock   (after changing pyproject.toml)"; cat requirements.lock.new; } > requirements.lock
	@rm requirements.lock.new

clean:
	rm -rf $(SITE) .pytest_cache bench/results
