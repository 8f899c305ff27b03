# Set-up and checks. `make demo` and `make test` each create .venv if missing and
# install the project with the pinned versions in constraints.txt first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint typecheck pytest install clean test-neo4j

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

# Against a live Neo4j 5 (`docker compose up -d`; no Docker engine runs on the development
# machines): the store tests that take a Neo4j, then the benchmarks with --uri. The
# defaults are docker-compose.yml's; override NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
NEO4J_URI ?= neo4j://localhost:7687
NEO4J_USER ?= neo4j
NEO4J_PASSWORD ?= graphmem-dev
LOCOMO ?= ../shared/data/locomo/locomo-dev.json
NEO4J_ENV = NEO4J_URI=$(NEO4J_URI) NEO4J_USER=$(NEO4J_USER) NEO4J_PASSWORD=$(NEO4J_PASSWORD) \
	GRAPHMEM_DB_USER=$(NEO4J_USER) GRAPHMEM_DB_PASSWORD=$(NEO4J_PASSWORD)
RESULTS = benchmarks/results

test-neo4j: $(STAMP)
	$(NEO4J_ENV) $(VENV)/bin/pytest -q -k neo4j tests/contract tests/stores tests/recall tests/test_api.py
	$(NEO4J_ENV) $(VENV)/bin/python benchmarks/search_latency.py --memories 5000 \
		--uri $(NEO4J_URI) --json $(RESULTS)/search_latency.json --md $(RESULTS)/search_latency.md \
		--png $(RESULTS)/search_latency.png
	if [ -f $(LOCOMO) ]; then $(NEO4J_ENV) $(VENV)/bin/python benchmarks/locomo_recall.py \
		--data $(LOCOMO) --uri $(NEO4J_URI) --quiet --json $(RESULTS)/locomo_recall_neo4j.json \
		--md $(RESULTS)/locomo_recall_neo4j.md --png $(RESULTS)/locomo_recall_neo4j.png; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
