# Two entry points: `make run` (server with demo data, embedded engine) and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean schema tools

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "$(PY) not found; set PY=python3"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/catalog serve --demo

# docker-compose (Debian's package) validates docker-compose.yml without a Docker engine.
tools:
	@command -v docker-compose >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq docker-compose >/dev/null 2>&1 || \
	      (apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null)) \
	  || echo "docker-compose not installed: its test will be skipped"; }

test: $(STAMP) tools
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

schema: $(STAMP)
	$(BIN)/catalog export-schema > catalog/schema.graphql

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.load_catalog $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .catalog
