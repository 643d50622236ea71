# The README's two commands are `make dev` and `make test`; each sets itself up.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: dev test lint bench messages build clean chromium

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Plein needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change, so a second `make dev` starts at once.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

dev: $(STAMP)
	$(BIN)/plein dev --port $(PORT)

build: $(STAMP)
	$(BIN)/plein build

# Browser tests drive Debian's Chromium (PLEIN_CHROMIUM names another, as in tests/browser).
CHROMIUM := $(or $(PLEIN_CHROMIUM),/usr/bin/chromium)

# Installs it when missing (as root); otherwise says the one command to run.
chromium:
	@sh infra/local/chromium.sh $(CHROMIUM)

test: chromium $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m bench

# Re-extract UI strings from the theme into the catalogs (then translate the new nl entries).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o themes/plein/translations/messages.pot themes/plein/templates
	$(BIN)/pybabel update -i themes/plein/translations/messages.pot -d themes/plein/translations --no-fuzzy-matching

clean:
	rm -rf site .pytest_cache
