#!/usr/bin/env bash
# Build (if needed) and start the Neo4j test service in the background, wait until Bolt
# answers, write NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD (shell syntax) to <state dir>/env.
# Usage: start.sh [state dir]  (default: .neo4j at the root of the repository); `stop.sh
# [state dir]` stops it. Settings: NEO4J_TEST_HEAP (default 2g), NEO4J_TEST_PAGECACHE_MB
# (default 1024). The tests start more of these (smaller) for tests that need an empty graph.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="$(mkdir -p "${1:-$root/.neo4j}" && cd "${1:-$root/.neo4j}" && pwd)"

if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null && [ -f "$state/env" ]; then
  echo "neo4j test service already running (pid $(cat "$state/pid")); $state/env"
  exit 0
fi

# Jars from Maven Central into lib/ (once per pom.xml), the launcher compiled into classes/.
if [ ! -f "$here/lib/.stamp" ] || [ "$here/pom.xml" -nt "$here/lib/.stamp" ]; then
  rm -rf "$here/lib"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/lib" \
    -DincludeScope=runtime
  touch "$here/lib/.stamp"
fi
if [ ! -f "$here/classes/Neo4jTestService.class" ] \
   || [ "$here/src/Neo4jTestService.java" -nt "$here/classes/Neo4jTestService.class" ]; then
  mkdir -p "$here/classes"
  javac -d "$here/classes" -cp "$here/lib/*" "$here/src/Neo4jTestService.java"
fi

java_bin=java
[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] && java_bin=/usr/lib/jvm/java-17-openjdk-amd64/bin/java

# A state folder that `stop.sh --keep` left (data, password, port) restarts as it was.
rm -f "$state/ready" "$state/env"
umask 077
if [ ! -d "$state/data" ] || [ ! -f "$state/port" ] || [ ! -s "$state/password" ]; then
  rm -rf "$state/data"; echo 0 > "$state/port"
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$state/password"
fi
# the catalog's CATALOG_SECRET_KEY for this graph (required on Neo4j): a Fernet key
[ -s "$state/secret_key" ] || head -c 32 /dev/urandom | base64 | tr '+/' '-_' > "$state/secret_key"
"$java_bin" -Xms256m -Xmx"${NEO4J_TEST_HEAP:-2g}" -XX:+UseParallelGC \
  -cp "$here/lib/*:$here/classes" Neo4jTestService \
  "$state/data" "$state/password" "${NEO4J_TEST_PAGECACHE_MB:-1024}" "$state/ready" \
  "$(cat "$state/port")" \
  > "$state/neo4j.log" 2>&1 &
echo $! > "$state/pid"

for _ in $(seq 1 180); do
  if [ -f "$state/ready" ]; then break; fi
  if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    echo "neo4j test service exited; its log:" >&2; tail -40 "$state/neo4j.log" >&2; exit 1
  fi
  sleep 0.5
done
[ -f "$state/ready" ] || { echo "neo4j test service did not start in 90 s; see $state/neo4j.log" >&2; exit 1; }
port="$(cat "$state/ready")"
echo "$port" > "$state/port"
cat > "$state/env" <<ENV
NEO4J_URI=bolt://127.0.0.1:$port
NEO4J_USER=neo4j
NEO4J_PASSWORD=$(cat "$state/password")
CATALOG_SECRET_KEY=$(cat "$state/secret_key")
ENV
echo "neo4j test service on bolt://127.0.0.1:$port (pid $(cat "$state/pid")); $state/env"
