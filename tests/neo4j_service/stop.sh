#!/usr/bin/env bash
# Stop the Neo4j test service started by start.sh (SIGTERM: a clean shutdown), drop its data.
# Usage: stop.sh [--keep] [state dir]  (default: .neo4j at the root of the repository);
# --keep leaves data, password and port, and start.sh restarts it as it was.
set -euo pipefail
keep=0
if [ "${1:-}" = --keep ]; then keep=1; shift; fi
state="${1:-$(cd "$(dirname "$0")/../.." && pwd)/.neo4j}"
if [ -f "$state/pid" ]; then
  pid="$(cat "$state/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  fi
fi
if [ $keep = 1 ]; then rm -f "$state/pid" "$state/ready" "$state/env"; else rm -rf "$state"; fi
echo "neo4j test service stopped"
