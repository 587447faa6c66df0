# saylau: two commands on a fresh machine.
#   make run   - install, migrate, load the demo region if the database is empty, serve on :8000
#   make test  - ruff, mypy and the whole pytest suite
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .uv/bin/uv
VENV := .venv
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run test lint typecheck pytest pytest-pg pytest-spark browser clean bench

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet "uv==$(UV_VERSION)"

# The committed uv.lock pins every package; --frozen refuses to drift from it.
install: $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --python $(PYTHON) --quiet
	@$(VENV)/bin/saylau --version

run: install
	$(VENV)/bin/saylau serve --demo --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check saylau/law saylau/lists
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy saylau

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# The whole suite on PostgreSQL 15, started in a throw-away cluster (what .ci/run does).
pytest-pg: install
	bash .ci/with-postgres $(VENV)/bin/pytest $(PYTEST_ARGS)

# The Spark engine's tests (pyspark in the optional `spark` group; Java 17 on the machine).
pytest-spark: $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --group spark --python $(PYTHON) --quiet
	VENV_PY=$(VENV)/bin/python bash .ci/with-spark-cluster $(VENV)/bin/pytest -m spark tests/lists $(PYTEST_ARGS)

# Debian's Chromium for the browser tests (never a downloaded browser).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

bench: install
	$(VENV)/bin/python -m benchmarks

clean:
	rm -rf .venv .uv var .pytest_cache .mypy_cache .ruff_cache
