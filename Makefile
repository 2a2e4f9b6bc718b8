# Two entry points: `make run` (server with demo data, embedded engine) and `make test`
# (the machine set-up, then the whole suite on the embedded engine and again on Neo4j).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-embedded test-neo4j services neo4j neo4j-stop lint bench clean schema tools web

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "$(PY) not found; set PY=python3"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/catalog serve --demo

# The machine set-up of the tests: installs what is missing from Debian's packages
# (postgresql, mariadb-server, chromium, docker-compose), starts PostgreSQL and MariaDB on
# 127.0.0.1 and waits for them. Idempotent. Without root, tests needing them skip and say why.
services:
	bash tests/support/services.sh

# Kept for the old name: the tools are part of `services` now.
tools: services

# The Neo4j test service (tests/neo4j_service: Neo4j Community from Maven Central, embedded
# with Bolt): started in the background, its NEO4J_* settings written to .neo4j/env.
neo4j:
	bash tests/neo4j_service/start.sh

neo4j-stop:
	bash tests/neo4j_service/stop.sh

PYTEST_ARGS ?=

test: $(STAMP) services
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory test-embedded
	$(MAKE) --no-print-directory test-neo4j

test-embedded: $(STAMP)
	CATALOG_ENGINE=embedded $(BIN)/pytest -q -rs $(PYTEST_ARGS)

# The Neo4j leg: the test service started for it (or the one `make neo4j` left running).
test-neo4j: $(STAMP)
	@command -v mvn >/dev/null && command -v javac >/dev/null || { \
	  echo "test-neo4j: needs Java 17 and Maven (mvn) to build the Neo4j test service"; exit 1; }
	@if [ -f .neo4j/pid ] && kill -0 "$$(cat .neo4j/pid)" 2>/dev/null; then started=0; \
	else bash tests/neo4j_service/start.sh || exit 1; started=1; fi; \
	set -a; . ./.neo4j/env; set +a; \
	CATALOG_ENGINE=neo4j $(BIN)/pytest -q -rs $(PYTEST_ARGS); code=$$?; \
	[ $$started = 1 ] && bash tests/neo4j_service/stop.sh; exit $$code

lint: $(STAMP)
	$(BIN)/ruff check .

schema: $(STAMP)
	$(BIN)/catalog export-schema > catalog/schema.graphql

# Rebuild the web UI (web/, Node.js + npm) into catalog/web/static, which is committed:
# `make run` and `make test` need no Node.js.
web:
	cd web && npm ci --no-audit --no-fund && npm run build

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.load_catalog $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .catalog
