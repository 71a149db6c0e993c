# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help demo test venv lint format typecheck security pytest e2e openapi messages bench clean

help:
	@echo "make demo   set everything up and serve the demo on http://$(HOST):$(PORT)/ (SQLite)"
	@echo "make test   set everything up and run the whole suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint | typecheck | pytest | e2e | openapi | messages | clean"

$(STAMP): requirements/base.txt requirements/dev.txt requirements/bench.txt pyproject.toml
	@set -e; \
	if [ ! -x "$(BIN)/python" ]; then \
	  py=$$(scripts/find-python); echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV); \
	fi; \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9; \
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install --quiet -r requirements/base.txt -r requirements/dev.txt -r requirements/bench.txt; \
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install --quiet --no-deps -e .; \
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	unset DATABASE_URL; DJANGO_SETTINGS_MODULE=huisverbod.conf.settings.dev $(BIN)/huisverbod demo --address $(HOST):$(PORT)
	@# The deadline worker runs beside the web server and stops with it.
	unset DATABASE_URL; export DJANGO_SETTINGS_MODULE=huisverbod.conf.settings.dev; \
	  $(BIN)/huisverbod worker --interval 15 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/huisverbod runserver $(HOST):$(PORT)

test: $(STAMP) lint typecheck security pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

security: $(STAMP)
	$(BIN)/bandit -q -r src

pytest: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

e2e: $(STAMP)
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

openapi: $(STAMP)
	DJANGO_SETTINGS_MODULE=huisverbod.conf.settings.test $(BIN)/huisverbod spectacular --lang en --validate --file docs/openapi.yaml

messages: $(STAMP)
	cd src/huisverbod && ../../$(BIN)/huisverbod makemessages -l nl -l en --no-obsolete --add-location file
	cd src/huisverbod && ../../$(BIN)/huisverbod compilemessages

bench: $(STAMP)  # needs BENCH_DATABASE_URL: a PostgreSQL database of your own (it is filled)
	$(BIN)/python -m bench.reminders --count 10000 --database-url $(BENCH_DATABASE_URL) --json

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
