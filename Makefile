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
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build test clean validate parity parity-stamp system-deps search-deps node-deps lock bench new-case pdf urls

help:
	@echo "make serve     install (first time) and serve the handbook at http://127.0.0.1:8000/ with live reload"
	@echo "make test      install, build strictly, run every test (unit, build, browser, source policy)"
	@echo "make build     build the site into $(SITE)/"
	@echo "make validate  check every case and data file, listing all problems"
	@echo "make parity    report missing and outdated translations"
	@echo "make new-case SLUG=kuopio-alueraadit   start a new case from the commented template"
	@echo "make bench     measure build time, scaling to 1000 cases, page weight, search cost, Lighthouse (bench/results/)"
	@echo "make urls      add new pages and anchors to urls.txt (links must keep working)"
	@echo "make pdf       print the whole guide to pdf/kumppanuuspoyta-<fi|sv|en>.pdf"
	@echo "make clean     remove the built site and caches"

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

install: $(INSTALLED)

system-deps:
	@bash scripts/ensure-system-deps.sh

# the build indexes Finnish search with Voikko (Debian packages voikko-fi, python3-libvoikko)
search-deps:
	@bash scripts/ensure-system-deps.sh search

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-deps: $(NODE_INSTALLED)

serve: install search-deps
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: install search-deps
	$(BIN)/mkdocs build --strict --clean -d $(SITE)

validate: install
	$(BIN)/kumppanuus validate

parity: install
	$(BIN)/kumppanuus parity

new-case: install
	@$(BIN)/kumppanuus new-case "$(SLUG)"

parity-stamp: install
	$(BIN)/kumppanuus parity-stamp $(FILES)

test: install system-deps node-deps
	$(BIN)/kumppanuus validate
	$(BIN)/kumppanuus parity
	$(MAKE) --no-print-directory build
	$(PYTHON) ../shared/tools/source_policy.py $(SITE)
	SITE_DIR=$(SITE) $(BIN)/python -m pytest

# add this build's pages and heading anchors to urls.txt (the registry of published addresses)
urls: build
	$(BIN)/kumppanuus urls --update --site $(SITE)

# the whole guide as A4 PDFs (pdf/kumppanuuspoyta-fi.pdf, -sv, -en), printed by Chromium
pdf: build system-deps
	$(BIN)/python -m kumppanuus.pdf --site $(SITE) --out pdf

bench: install system-deps search-deps node-deps
	$(BIN)/kumppanuus bench

lock: install
	$(BIN)/python -m pip freeze --exclude-editable | sed '/^kumppanuus/d' > requirements.lock.new
	@{ echo "# Exact versions of every Python package the handbook installs (direct and transitive)."; \
	   echo "# Regenerate with: make lock   (after changing pyproject.toml)"; cat requirements.lock.new; } > requirements.lock
	@rm requirements.lock.new

clean:
	rm -rf $(SITE) .pytest_cache bench/results
	find docs -path '*/tapaukset/*.md' ! -name index.md -delete
