#!/usr/bin/env bash
# Every benchmark on one engine, one after another, each output in .bench/results/<engine>/
# (run it with nothing else on the machine: the figures are worthless otherwise).
# Usage: bash tests/benchmarks/run_all.sh embedded|neo4j [scale, default full]
set -uo pipefail
cd "$(dirname "$0")/../.."
engine="${1:?engine: embedded or neo4j}"; scale="${2:-full}"
out=".bench/results/$engine"; mkdir -p "$out"
py=.venv/bin/python
run() {
  local name="$1"; shift
  echo "== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" | tee "$out/$name.txt"
  "$py" -m "$@" --engine "$engine" 2>&1 | grep -v "WARNING neo4j" | tee -a "$out/$name.txt"
}
run lineage tests.benchmarks.lineage_latency --scale "$scale"
cp ".bench/catalog-$scale$([ "$engine" = neo4j ] && echo -neo4j)/bench-loaded.json" "$out/load.json" 2>/dev/null
run search tests.benchmarks.search --scale "$scale" --from-store --store-only
run openlineage tests.benchmarks.openlineage_ingest --events 20000 --replay 20000
run openlineage-nofeed tests.benchmarks.openlineage_ingest --events 20000 --replay 0 --single 0 --fresh 0 --no-feed
run database tests.benchmarks.ingest_database --tables 2000 --columns 20
run feedlag tests.benchmarks.feed_lag --seconds 60
run load-medium tests.benchmarks.load_catalog --scale medium
run load-medium-nofeed tests.benchmarks.load_catalog --scale medium --no-feed
echo "done $(date -u +%H:%M:%S)"
