#!/usr/bin/env bash
# Issue 18's scale fixture and benchmark, one command (docs/performance.md, "Scale"):
#   scripts/scale-bench.sh [SECONDS_PER_ROUTE] [CLIENTS]
# Loads 100,000 seats (+ evidence), 1,000,000 chained audit rows, 100,000 operations and 10,000 alerts
# into a fresh database on the tests' embedded PostgreSQL (or into DATABASE_URL, which must be migrated
# or empty and hold no seats/audit rows), prints EXPLAIN (ANALYZE) of each list query, runs the real API
# on it under closed-loop load (session bearer, page of 100), then one GET /v1/audit-logs/verify.
# -Xmx384m on purpose: a verifier that held 1,000,000 rows would not fit.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q -DskipTests test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
# run from a copy of the compiled classes: a build in this tree while the bench runs would recompile them underneath
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r target/classes "$copy/classes" && cp -r target/test-classes "$copy/test-classes"
"$JAVA_HOME/bin/java" -Xmx384m -cp "$copy/test-classes:$copy/classes:$(cat target/cp.txt)" \
  org.centurion.seatmanager.perf.ScaleBench "${1:-10}" "${2:-8}"
