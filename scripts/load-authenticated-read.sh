#!/usr/bin/env bash
# Load test for targets.md's "authenticated, database-backed read": GET /v1/seats with a session bearer,
# against the framework ceiling (GET /health, cached, unauthenticated) on the same server.
#   scripts/load-authenticated-read.sh BASE_URL SESSION_TOKEN [SECONDS] [CONNECTIONS]
# Needs wrk (apt-get install wrk). Loopback targets only; bounded in time; stops by itself.
set -euo pipefail
BASE=${1:?base URL, e.g. http://127.0.0.1:8080}
TOKEN=${2:?a session token from POST /v1/auth/login}
SECONDS_PER_RUN=${3:-20}
CONNECTIONS=${4:-32}
case "$BASE" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
run() { # label, then wrk arguments
  local label=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" >/dev/null 2>&1 # warm-up
  echo "== $label"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
}
run "ceiling: GET /health" "$BASE/health"
run "authenticated read: GET /v1/seats" -H "Authorization: Bearer $TOKEN" "$BASE/v1/seats"
