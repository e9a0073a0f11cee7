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
# dg checks that the environment it runs in is the project's.
export VIRTUAL_ENV := $(CURDIR)/$(VENV)

.PHONY: setup run test ui lint clean inspect export browser bench accuracy sql check \
	redis cluster-demo

# The first step on a new machine, so its problems come first and in one line each: the
# lock is for CPython 3.11, and Debian's python3 makes no environment without its venv
# package.
$(UV):
	@command -v $(PYTHON) >/dev/null || { \
	  echo "$(PYTHON) not found: install Python 3.11, or make PYTHON=/path/to/python3.11" >&2; \
	  exit 1; }
	@version=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	  test -n "$$version" || { echo "$(PYTHON) does not run: install Python 3.11, or make \
	PYTHON=/path/to/python3.11" >&2; exit 1; }; \
	  test "$$version" = 3.11 || { echo "$(PYTHON) is Python $$version; this project needs \
	3.11: install it and run make PYTHON=python3.11 ..." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "$(PYTHON) cannot create \
	environments: install the system package python3.11-venv (apt-get install python3.11-venv)" >&2; \
	  exit 1; }
	@echo "installing uv $(UV_VERSION) into $(TOOLS)"
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Re-sync whenever the lock changes; --frozen refuses a lock that disagrees with pyproject.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	@echo "installing the locked environment into $(VENV) (the first time: about a minute)"
	@$(UV) sync --frozen --compile-bytecode --quiet
	@touch $@

# The PDF format tests draw Chinese text with Debian's fonts-wqy-zenhei.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc

$(CJK_FONT):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei; \
	else echo "missing $(CJK_FONT): install fonts-wqy-zenhei for the PDF tests"; fi

# The PDF reader's page reading in C (pdfpage.c), built beside its source (git-ignored): a C
# compiler is all it needs, no PDFium headers nor libraries (it calls the PDFium pypdfium2
# loads). The source's digest goes into the build, so that a stale library is refused.
# Without a compiler, PDF pages are read through ctypes, slower: one line says so.
PDFPAGE := pipelines/parsing/_formats/libpdfpage.so
PDFPAGE_SOURCE := pipelines/parsing/_formats/pdfpage.c

$(PDFPAGE): $(PDFPAGE_SOURCE)
	@$(CC) -O2 -shared -fPIC -ffp-contract=off \
	  -DPDFPAGE_SOURCE='"'$$(sha256sum $< | cut -c1-16)'"' -o $@.tmp $< && mv $@.tmp $@ \
	  || { rm -f $@.tmp; echo "could not build $@ with $(CC): PDF pages are read through \
	ctypes, slower" >&2; }

setup: $(VENV)/.synced $(PDFPAGE) | $(CJK_FONT)
	@mkdir -p $(DAGSTER_STORAGE_DIR)

# Stages and a summary on the console; VERBOSE=1 also prints Dagster's event log (on
# stderr), which is kept in .dagster/ (and shown by `make ui`) either way. Otherwise dg's
# own messages go to .dagster/run.stderr and only their last line is shown, on failure.
RUN_CONFIG = {"loggers": {"console": {"config": {"summary": true, \
  "verbose": $(if $(VERBOSE),true,false)}}}}
RUN_STDERR := $(DAGSTER_STORAGE_DIR)/run.stderr

run: setup
	@export RUN_STARTED_AT=$$(date +%s.%N); $(BIN)/python -m pipelines.preflight || exit 2; \
	$(BIN)/dg launch --assets '*' --config-json '$(RUN_CONFIG)' \
	  $(if $(VERBOSE),,2>$(RUN_STDERR)) || { $(if $(VERBOSE),,\
	  tail -n 1 $(RUN_STDERR) | grep -v '^Error: Materialization failed' >&2; \
	  echo "(dg's own messages: $(RUN_STDERR))" >&2;) exit 1; }

# The definitions load (what `make ui` and the daemon will load).
check: setup
	$(BIN)/dg check defs

# The UI test drives Debian's Chromium (Playwright cannot download a browser here); it is
# installed when missing and we may (root with apt-get), otherwise that test skips.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-zenhei; fi

# The Celery demo's own needs, which `make run` does without: Debian's redis-server (installed
# when missing and we may: root with apt-get) and the `cluster` dependency group
# (dagster-celery). Either one missing: the demo and its test say so in one line and skip.
redis:
	@if ! command -v redis-server >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  { apt-get update -qq && apt-get install -y -qq redis-server; } \
	  || echo "could not install redis-server: the cluster demo skips"; fi

# After the plain sync (which leaves the group out), so a new lock brings the group back.
$(VENV)/.synced-cluster: $(VENV)/.synced
	@$(UV) sync --frozen --compile-bytecode --quiet --group cluster && touch $@ \
	  || echo "could not install the cluster group (dagster-celery): the cluster demo skips"

test: setup browser redis $(VENV)/.synced-cluster
	$(BIN)/pytest

# The ingest job on two Celery workers (Redis on loopback) and on the multiprocess executor,
# over the seeds and a few hundred generated reports and documents: the two warehouses
# compared table by table (bench/cluster_demo.py). Exit 1 on any difference.
cluster-demo: setup redis $(VENV)/.synced-cluster
	$(BIN)/python -m bench.cluster_demo

ui: setup
	$(BIN)/dg dev --host 127.0.0.1 --port $${PORT:-3000}

# Long (not part of `make test`): corpora of 1k/10k/100k reports, cached in bench/corpora/.
# BENCH_SIZES=1000,10000 limits the sizes; results land in bench/results/.
bench: setup
	$(BIN)/python -m bench.run

# Cells, metadata and statuses against the truth, per report: the real development set
# (REALWORLD_DIR, default ../shared/realworld; skipped when absent), the seeds, and a fresh
# synthetic corpus of every layout and damage kind. Fails below the thresholds.
accuracy: setup
	$(BIN)/python -m bench.accuracy

lint: setup
	$(BIN)/ruff check .

# One report parsed and checked, the warehouse untouched: make inspect FILE=data/raw/x.txt
inspect: setup
	@test -n "$(FILE)" || { echo "usage: make inspect FILE=path/to/report"; exit 2; }
	$(BIN)/python -m pipelines.inspect "$(FILE)" $(if $(LINE),--line "$(LINE)")

# Every warehouse table and view as Parquet under data/export/ (EXPORT_DIR to change);
# FORMAT=xlsx: data/warehouse.xlsx, a sheet per analyst view; FORMAT=csv: data/export_csv/,
# a UTF-8 (with BOM) CSV per view. OUT=... to write elsewhere.
export: setup
	$(BIN)/python -m pipelines.export --format $${FORMAT:-parquet} $(if $(OUT),--out "$(OUT)")

# A DuckDB shell, read-only on the warehouse; SQL can be piped in: make sql < query.sql
WAREHOUSE := $(or $(WAREHOUSE_PATH),data/warehouse.duckdb)
sql: setup
	@test -f "$(WAREHOUSE)" || { echo "no warehouse at $(WAREHOUSE): run make run first \
	(or set WAREHOUSE_PATH)" >&2; exit 1; }
	@$(BIN)/duckdb -readonly -init sql/shell.init "$(WAREHOUSE)"

clean:
	rm -rf $(DAGSTER_STORAGE_DIR) $(PDFPAGE) data/warehouse.duckdb data/warehouse.duckdb.hashes.parquet
