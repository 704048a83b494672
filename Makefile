# One command to set up and run newsdesk (`make run`), one to run the tests (`make test`).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup run test es-start es-stop bench lint

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: setup  ## start Elasticsearch, ingest seeds/, serve the API on http://127.0.0.1:8000
	$(BIN)/newsdesk es start
	$(BIN)/newsdesk ingest seeds/
	$(BIN)/newsdesk serve

test: setup  ## start Elasticsearch if needed, then run every test against it
	$(BIN)/newsdesk es start
	$(BIN)/python -m pytest $(PYTEST_ARGS)

es-start: setup
	$(BIN)/newsdesk es start

es-stop: setup
	$(BIN)/newsdesk es stop

lint: setup
	$(BIN)/ruff check plugins search_api tests
	$(BIN)/mypy plugins search_api
