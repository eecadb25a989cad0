# Every target bootstraps what it needs: a fresh machine with Python 3.11+ and make is enough.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: serve site test bench check clean browser java wall-pdf

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Chromium from Debian's packages, for the browser tests (Playwright cannot download one here).
browser:
	@sh tools/ensure-chromium.sh

# Java for the Nu Html Checker (tests/test_a11y_html.py), from Debian's packages when root and missing.
java:
	@sh tools/ensure-java.sh

check: $(STAMP)
	$(PY) -m generator check content

site: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator build

serve: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator serve

test: $(STAMP) $(NODE_STAMP) browser java
	$(PY) -m pytest

# The bench of issue 18 (benchmarks/README.md); BENCH passes options: make bench BENCH=--quick
bench: $(STAMP) $(NODE_STAMP) browser
	$(PY) benchmarks/bench.py $(BENCH)

# The portfolio wall as PDF posters, one per format (A3/A0, landscape/portrait), in build/posters/.
# WALL_PER=thema or WALL_PER=provincie makes one poster per theme or province.
wall-pdf: $(STAMP) browser
	$(PY) -m generator build --no-search --site-dir build/wall-site
	$(PY) -m generator.features.muur.pdf --site-dir build/wall-site --out build/posters $(if $(WALL_PER),--per $(WALL_PER))

clean:
	rm -rf $(VENV) site node_modules .pytest_cache test-artifacts bench-out
