# Two commands do everything on a fresh machine:
#   make serve   set up, then a live preview at http://127.0.0.1:8000
#   make test    set up, then the whole test suite
# Other targets: make check (data/ and docs/), make build (strict build into site/), make bench,
# make schemas / make cms-config (editors' schemas and the web editor's form, from the model),
# make plone (the content as a Plone content tree, into the Plone distribution; make plone-setup: Plone).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export NO_MKDOCS_2_WARNING := 1
# The browser tests drive Debian's chromium-headless-shell: the same Chromium (one Debian source
# package) without the desktop browser around it, as Playwright's own headless mode does, for about
# a quarter less CPU a page (bench/NOTES.md). The web editor's test and Lighthouse drive the full chromium.
# tests/conftest.py reads TEST_BROWSER; each is installed as the Debian package of its name.
export TEST_BROWSER ?= /usr/bin/chromium-headless-shell
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup setup-site setup-test serve build check test bench clean test-browser chromium schemas cms-config format-data properdocs plone plone-setup

# --- set-up (each step runs only when its inputs change) --------------------------------

# pip installs one package, the installer uv at the lock's version; uv installs the rest (the same
# exact versions from PyPI, about four times faster than pip), compiled as pip would, trusting the
# system's certificate store as pip does (a network that inspects TLS adds its authority there).
UV := $(VENV)/bin/uv
UV_INSTALL := $(UV) pip install --quiet --no-deps --compile-bytecode --system-certs
$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps $$(grep -E '^uv==' requirements.lock)
	$(UV_INSTALL) --python $(PY) -r requirements.lock
	$(UV_INSTALL) --python $(PY) -e .  # the `imh` plugin
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's packages, installed when missing (as root, or through sudo).
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

# The full chromium first (the web editor's test, Lighthouse, and the browser tests wherever the
# system has no package of the headless shell, as on Ubuntu and GitHub's runners: tests/conftest.py
# then drives the full chromium). One step after the other: apt-get runs one at a time.
test-browser: chromium
	@[ -x $(TEST_BROWSER) ] || { echo "Installing Debian's $(notdir $(TEST_BROWSER)) (the browser tests' Chromium)…"; \
	  { $(APT_INSTALL) $(notdir $(TEST_BROWSER)); } >/dev/null 2>&1 || echo "No such package here: the tests use chromium"; }
	@command -v java >/dev/null || { $(APT_INSTALL) default-jre-headless >/dev/null; }  # the Nu HTML Checker

chromium:
	@[ -x $(CHROMIUM) ] || { echo "Installing Debian's chromium (the web editor's test, and Lighthouse)…"; \
	  $(APT_INSTALL) chromium >/dev/null; }

setup: $(VENV)/.installed

# Plone 6.2 in its own environment (Python 3.11, as Zope 6.3 needs), from its own exact lock, so the
# site's .venv stays small: ~350 MB, installed once, by the targets that need Plone (make test).
PLONE_PYTHON ?= python3.11
PLONE_VENV := .venv-plone
$(PLONE_VENV)/.installed: plone/requirements.lock | $(VENV)/.installed
	@test -x $(PLONE_VENV)/bin/python || $(PLONE_PYTHON) -m venv $(PLONE_VENV)
	$(UV_INSTALL) --python $(PLONE_VENV)/bin/python -r plone/requirements.lock
	@touch $@

plone-setup: $(PLONE_VENV)/.installed

# The site's build copies the web editor (/admin/) from node_modules (macros/editors/admin.py).
setup-site: setup node_modules/.installed

setup-test: setup-site test-browser

# The set-up steps need nothing from each other (two Python environments, npm, Debian's packages):
# `make serve` and `make test` run them side by side, each one's output kept together.
SIDE_BY_SIDE := -j4 --output-sync=target

# --- everyday commands ------------------------------------------------------------------

# The preview lives at the address below (SITE_URL makes its path `/`). A data problem keeps the
# last good site on show with a banner naming file:line; the terminal prints it too.
serve:
	@$(MAKE) --no-print-directory $(SIDE_BY_SIDE) setup-site
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve -a 127.0.0.1:8000

check: setup
	$(PY) -m macros.editors.check

# Build into a scratch folder, then swap it in: a failed build leaves the last good site/.
# The build validates data/ itself (the imh plugin, macros/plugin.py, before anything is written) and prints
# the same problems and warnings as `make check`, so it does not run the check first.
build: setup-site
	rm -rf .site-new
	$(PY) -m mkdocs build --strict -d .site-new  # not --quiet: it hides the warnings --strict fails on
	rm -rf site && mv .site-new site

# The content as a plone.exportimport content tree, written into the Plone distribution's folder
# (PLONE_TREE, not in git). It checks first, then builds strictly into a scratch folder with the
# plugin writing the tree beside it (macros/outputs/plone.py); only a complete tree replaces the last.
PLONE_TREE := plone/src/imh_pathways_plone/distributions/imh-pathways/content
plone: check setup-site
	rm -rf .plone-site .plone-new
	IMH_PLONE_EXPORT=.plone-new $(PY) -m mkdocs build --strict -d .plone-site
	rm -rf .plone-site $(PLONE_TREE).old
	if [ -d $(PLONE_TREE) ]; then mv $(PLONE_TREE) $(PLONE_TREE).old; fi
	mv .plone-new $(PLONE_TREE) && rm -rf $(PLONE_TREE).old
	@echo "Plone content tree: $(PLONE_TREE) ($$(ls $(PLONE_TREE)/content | grep -vc __metadata__) items)"

# Two workers, each taking whole test files (a file's shared build or browser survey runs once).
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test:
	@$(MAKE) --no-print-directory $(SIDE_BY_SIDE) setup-test plone-setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

# Build with MkDocs and with ProperDocs (the maintained fork) and compare every file.
properdocs: setup
	$(PY) -m pytest -m portable tests/test_portable.py

bench: setup-test
	$(PY) -m bench.run

schemas: setup
	$(PY) -m macros.editors.schema --write
	$(PY) -m macros.editors.cms --write

# The web editor's configuration, macros/editors/web_editor/config.yml, from the same model (also done by `make schemas`).
cms-config: setup
	$(PY) -m macros.editors.cms --write

# Rewrite data/ exactly as the web editor saves it (its field order, its YAML style, no comments),
# so a change made in the editor diffs as that change. Deterministic: run it again after merging.
format-data: node_modules/.installed
	node scripts/format-data.mjs

clean:
	rm -rf site .site-new .pytest_cache .plone-site .plone-new
