# One-Stop Desk. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-fast test-long lint unit-noqt postgres zbar bench clean catalogue i18n dist dist-test screenshots

$(STAMP): requirements.lock pyproject.toml resources/i18n/en/LC_MESSAGES/desk_app.po
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/pybabel -q compile -d resources/i18n -D desk_app
	touch $(STAMP)

# The English catalogue: extract the msgids (the Vietnamese text), merge them into the .po, compile.
i18n: $(STAMP)
	$(BIN)/pybabel -q extract -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
		-o resources/i18n/desk_app.pot desk_app
	$(BIN)/pybabel -q update -i resources/i18n/desk_app.pot -d resources/i18n -D desk_app --width 110
	$(BIN)/pybabel -q compile -d resources/i18n -D desk_app

run: $(STAMP)
	$(BIN)/desk-app

lint: $(STAMP)
	$(BIN)/ruff check desk_app central tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tools/check_file_sizes.py

# The long tests (stateful model, kill loops, fault runs) run on wall-clock budgets with minimum counts,
# so a slower or busier machine runs fewer rounds rather than running out of time (tests/budget.py).
test: lint zbar unit-noqt dist-test postgres
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered --durations=15 $(PYTEST_ARGS)

# What a scheduled job runs: the long tests with six times the budgets and five times the maxima
# (README, "What only the long run checks").
test-long: lint postgres
	DESK_APP_LONG=1 $(BIN)/python -m pytest --durations=15 tests/e2e tests/crash $(PYTEST_ARGS)

# tests/unit again in an environment without PySide6: proves the core, services, printing and CLI
# need no Qt (architecture.md §2).
NOQT := .venv-noqt
$(NOQT)/.installed: requirements.lock pyproject.toml
	test -x $(NOQT)/bin/python || $(PYTHON) -m venv $(NOQT)
	grep -viE '^(pyside6|shiboken6|pytest-qt)' requirements.lock > $(NOQT)/requirements.txt
	$(NOQT)/bin/python -m pip install --quiet --disable-pip-version-check -r $(NOQT)/requirements.txt
	$(NOQT)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

unit-noqt: $(NOQT)/.installed
	! $(NOQT)/bin/python -c "import PySide6" 2>/dev/null
	$(NOQT)/bin/python -m pytest tests/unit -q -m "not slow" -W ignore::pytest.PytestConfigWarning $(PYTEST_ARGS)

test-fast: lint zbar postgres
	DESK_APP_MODEL_SECONDS=30 DESK_APP_MODEL_MINIMUM=20 DESK_APP_MODEL_STEPS=30 \
	  $(BIN)/python -m pytest -m "not slow" --durations=10 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

catalogue: $(STAMP)
	$(BIN)/python tools/build_default_catalogue.py ../shared/data/tthc/catalogue-national.json

# Central's tests start a throwaway cluster from the OS's PostgreSQL binaries; install them when missing.
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && (apt-get install -y -q postgresql >/dev/null 2>&1 || \
	    (apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null)); } || \
	  { echo "central's tests need PostgreSQL: apt-get install postgresql"; exit 1; }

# zbar, the second barcode decoder of the printing tests (pyzbar loads libzbar0 from the OS).
zbar:
	@ls /usr/lib/*/libzbar.so.0 >/dev/null 2>&1 || ls /usr/lib/libzbar.so.0 >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && (apt-get install -y -q libzbar0 >/dev/null 2>&1 || \
	    (apt-get update -q >/dev/null && apt-get install -y -q libzbar0 >/dev/null)); } || \
	  { echo "the barcode tests need zbar: apt-get install libzbar0"; exit 1; }

# The installer bundle (one folder) and its smoke test.
dist: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec

dist-test: dist
	DESK_APP_BUNDLE_TESTS=1 $(BIN)/python -m pytest tests/smoke -q -p no:randomly -s

# Screenshots of every screen under a virtual X server (needs xvfb and Qt's xcb libraries).
screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" env QT_QPA_PLATFORM=xcb $(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) $(NOQT) .mypy_cache .ruff_cache .pytest_cache build dist
