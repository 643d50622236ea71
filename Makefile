# The README's two commands are `make dev` and `make test`; each sets itself up.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: dev test lint bench messages build clean chromium

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Plein needs Python 3.11+"'
	@$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change, so a second `make dev` starts at once.
# pip's chatter (warnings included) goes to a log that is shown only when the install fails.
INSTALL_LOG := $(VENV)/install.log
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Plein's dependencies into $(VENV) (a few minutes the first time)..."
	@{ $(BIN)/python -m pip install --upgrade pip \
	   && $(BIN)/python -m pip install -e '.[test]'; } > $(INSTALL_LOG) 2>&1 \
	 || { cat $(INSTALL_LOG); echo "Installing failed; the full log is $(INSTALL_LOG)."; exit 1; }
	@touch $@
	@echo "Installed (log: $(INSTALL_LOG))."

dev: $(STAMP)
	$(BIN)/plein dev --port $(PORT)

build: $(STAMP)
	$(BIN)/plein build

# checkov pins its own boto3 and packaging, so it lives in a venv of its own.
CHECKOV := $(VENV)/checkov/bin/checkov
$(CHECKOV): | $(BIN)/python
	@echo "Installing checkov into $(VENV)/checkov (it checks the deploy template)..."
	@$(PYTHON) -m venv $(VENV)/checkov
	@$(VENV)/checkov/bin/python -m pip install 'checkov>=3.2,<4' > $(VENV)/checkov-install.log 2>&1 \
		|| { cat $(VENV)/checkov-install.log; exit 1; }

# Browser tests drive Debian's Chromium (PLEIN_CHROMIUM names another, as in tests/browser).
CHROMIUM := $(or $(PLEIN_CHROMIUM),/usr/bin/chromium)

# Installs it when missing (as root); otherwise says the one command to run.
chromium:
	@sh infra/local/chromium.sh $(CHROMIUM)

test: chromium $(STAMP) $(CHECKOV)
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
	rm -rf site .site.cache .pytest_cache
