# Two commands on a fresh machine with Python 3.11 and make: `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools/venv
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

# Dagster reads dagster.yaml from $DAGSTER_HOME; its storage goes to .dagster/ (ignored).
export DAGSTER_HOME := $(CURDIR)
export DAGSTER_STORAGE_DIR := $(CURDIR)/.dagster
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: setup run test ui lint clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Re-sync whenever the lock changes; --frozen refuses a lock that disagrees with pyproject.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

setup: $(VENV)/.synced
	@mkdir -p $(DAGSTER_STORAGE_DIR)

run: setup
	$(BIN)/dagster asset materialize -m pipelines.definitions --select '*'

test: setup
	$(BIN)/pytest

ui: setup
	$(BIN)/dagster dev -m pipelines.definitions --host 127.0.0.1 --port $${PORT:-3000}

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(DAGSTER_STORAGE_DIR) data/warehouse.duckdb
