# One-Stop Desk. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-fast lint unit bench clean catalogue i18n

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

test: lint
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

test-fast: lint
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

catalogue: $(STAMP)
	$(BIN)/python tools/build_default_catalogue.py ../shared/data/tthc/catalogue-national.json

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
