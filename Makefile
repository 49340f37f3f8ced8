# The two commands of the README: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test test-fast lint messages bench serve clean

$(BIN)/povej: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/povej setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/povej
	$(BIN)/povej build

serve: $(BIN)/povej
	$(BIN)/povej serve

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(VENV)/.test-deps
	./scripts/install-system-deps
	$(MAKE) node_modules/.package-lock.json
	$(BIN)/ruff check site tests
	$(BIN)/mypy
	$(BIN)/pytest

# The unit layer alone (front matter, Markdown, rules, views through Flask's test client, catalogues): no site
# build and no browser, about a second; for the edit-and-test loop. `make test` runs everything.
FAST_TESTS := tests/test_schema.py tests/test_markup.py tests/test_rules.py tests/test_source.py \
	tests/test_catalogues.py tests/test_views.py
test-fast: $(VENV)/.test-deps
	$(BIN)/pytest -q $(FAST_TESTS)

# Re-extract interface strings after changing a template, then translate the new ones in translations/sl/.
messages: $(BIN)/povej
	$(BIN)/pybabel extract -F babel.cfg -o translations/messages.pot --no-location --sort-output \
	  --project Povej --version 0.1 site/povej
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap

clean:
	rm -rf build .build.* $(VENV)
