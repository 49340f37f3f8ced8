# The two commands of the README: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test lint messages bench serve clean

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

# Re-extract interface strings after changing a template, then translate the new ones in translations/sl/.
messages: $(BIN)/povej
	$(BIN)/pybabel extract -F babel.cfg -o translations/messages.pot --no-location --sort-output \
	  --project Povej --version 0.1 site/povej
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap

clean:
	rm -rf build .build.* $(VENV)
