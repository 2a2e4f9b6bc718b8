#!/usr/bin/env bash
# The figures of issue 18 at one scale on one engine, one benchmark after another, each output
# in .bench/results/<scale>-<engine>/ (run it with nothing else on the machine).
# Usage: bash tests/benchmarks/run_scale.sh embedded|neo4j [full|xl] [steps...]
#   steps (default all): load lineage search openlineage
set -uo pipefail
cd "$(dirname "$0")/../.."
engine="${1:?engine: embedded or neo4j}"; scale="${2:-full}"; shift $(( $# < 2 ? $# : 2 ))
steps="${*:-load lineage search openlineage}"
out=".bench/results/$scale-$engine"; mkdir -p "$out"
py=.venv/bin/python
heap=3g; [ "$scale" = xl ] && heap=6g  # the engine's heap (ArcadeDB) or the test service's
run() {
  local name="$1"; shift
  echo "== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" | tee "$out/$name.txt"
  "$py" -m "$@" --engine "$engine" 2>&1 | grep -v "WARNING neo4j" | tee -a "$out/$name.txt"
}
for step in $steps; do
  case "$step" in
    load) run load tests.benchmarks.load_catalog --scale "$scale" --heap "$heap" ;;
    lineage) run lineage tests.benchmarks.lineage_latency --scale "$scale" --heap "$heap" --runs 60 ;;
    search) run search tests.benchmarks.search --scale "$scale" --from-store --store-only ;;
    openlineage) run openlineage tests.benchmarks.openlineage_ingest --catalog "$scale" \
                   --heap "$heap" --events 20000 --replay 20000 ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
echo "done $(date -u +%H:%M:%S)"
