# Set-up and checks. `make demo` and `make test` each create .venv if missing and
# install the project with the pinned versions in constraints.txt first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint typecheck pytest install clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt tools/cypher-lint/package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt torch
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,falkordb,mcp,langgraph]'
	npm ci --prefix tools/cypher-lint --no-audit --no-fund
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/graphmem --user demo demo

lint: $(STAMP)
	$(VENV)/bin/ruff check graphmem tests benchmarks
	$(VENV)/bin/ruff format --check graphmem tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(VENV)/bin/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
