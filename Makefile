# Two entry points for a fresh machine with only python3: `make ingest` and `make test`.
# Both bootstrap uv into .tools/ and the locked environment into .venv/ first.
PY ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv

.PHONY: setup ingest test samples lint bench clean server-up server-down nightly-now

setup: $(VENV)/.synced

.tools/bin/uv:
	$(PY) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --system-certs --compile-bytecode --python $(PY)
	touch $@

ingest: setup  ## run the ingest flow over sample_docs/ into warehouse/gyosei.duckdb (+ Parquet, + review site)
	$(VENV)/bin/gyosei ingest sample_docs

test: setup  ## the whole test suite (real-corpus tests skip when ../shared/real is absent)
	$(VENV)/bin/pytest

server-up: setup  ## start a local Prefect server + process worker on 127.0.0.1:4200 and deploy prefect.yaml
	scripts/prefect-up

server-down:  ## stop the worker and the server started by server-up (by their PIDs in .prefect/*.pid)
	scripts/prefect-down

nightly-now:  ## run the nightly deployment now (the server must be up) and watch it to the end
	scripts/nightly-now

samples: setup  ## rebuild the sample PDFs (byte-identical)
	$(VENV)/bin/python -m sample_docs.build

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

clean:
	rm -rf warehouse/gyosei.duckdb warehouse/gyosei.duckdb.wal warehouse/gyosei.parquet warehouse/parquet warehouse/downloads warehouse/review .prefect
