# Two commands set everything up on a fresh machine with Python 3.10+:
#   make serve   installs into .venv, (re)builds quotes.db from seeds/ if needed, serves it
#   make test    installs into .venv and runs the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: serve test install index benchmark browser fuzz crash lint

$(BIN)/quotes: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/quotes

index: install
	$(BIN)/quotes index seeds --db quotes.db

serve: install
	$(BIN)/quotes serve quotes.db --build seeds --host $(HOST) --port $(PORT)

# Style (ruff) and types (mypy), as CI runs them through make test.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install browser lint
	$(BIN)/python -m pytest -q

# The property test of the whole indexing path (tests/test_fuzz.py) with many more examples
# than the test suite runs, new ones each time: make fuzz FUZZ_EXAMPLES=10000
FUZZ_EXAMPLES ?= 2000
fuzz: install
	QUOTES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py
# Kill quotes index at many random moments and check the index each time (the suite does 3).
crash: install
	QUOTES_CRASH_RUNS=$${QUOTES_CRASH_RUNS:-30} $(BIN)/python -m pytest -q tests/test_interrupt.py -k kill

# The browser test (tests/test_browser.py) drives Debian's Chromium; install it if missing.
# That needs root (CI runs as root); elsewhere the test is skipped without it.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else \
			echo "Chromium is missing: the browser test will be skipped (apt-get install chromium chromium-driver)"; \
		fi; \
	fi
