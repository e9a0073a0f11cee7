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

.PHONY: setup run test ui lint clean inspect export browser bench

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Re-sync whenever the lock changes; --frozen refuses a lock that disagrees with pyproject.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

# The PDF format tests draw Chinese text with Debian's fonts-wqy-zenhei.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc

$(CJK_FONT):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei; \
	else echo "missing $(CJK_FONT): install fonts-wqy-zenhei for the PDF tests"; fi

setup: $(VENV)/.synced | $(CJK_FONT)
	@mkdir -p $(DAGSTER_STORAGE_DIR)

run: setup
	$(BIN)/dagster asset materialize -m pipelines.definitions --select '*'

# The UI test drives Debian's Chromium (Playwright cannot download a browser here); it is
# installed when missing and we may (root with apt-get), otherwise that test skips.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-zenhei; fi

test: setup browser
	$(BIN)/pytest

ui: setup
	$(BIN)/dagster dev -m pipelines.definitions --host 127.0.0.1 --port $${PORT:-3000}

# Long (not part of `make test`): corpora of 1k/10k/100k reports, cached in bench/corpora/.
# BENCH_SIZES=1000,10000 limits the sizes; results land in bench/results/.
bench: setup
	$(BIN)/python -m bench.run

lint: setup
	$(BIN)/ruff check .

# One report parsed and checked, the warehouse untouched: make inspect FILE=data/raw/x.txt
inspect: setup
	@test -n "$(FILE)" || { echo "usage: make inspect FILE=path/to/report"; exit 2; }
	$(BIN)/python -m pipelines.inspect "$(FILE)" $(if $(LINE),--line "$(LINE)")

# Every warehouse table and view as Parquet under data/export/ (EXPORT_DIR to change).
export: setup
	$(BIN)/python -m pipelines.export

clean:
	rm -rf $(DAGSTER_STORAGE_DIR) data/warehouse.duckdb
