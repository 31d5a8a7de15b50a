#!/usr/bin/env bash
# BLS deposit-signature benchmarks of docs/performance.md, ours against the targets.md reference
# (Node + @chainsafe/blst 2.2.0), alternating round by round so that both see the same machine; prints
# every round and the medians.   scripts/bench-bls.sh [ROUNDS]   (default 5)
# Needs node/npm (the reference is installed once under target/bls-reference) and a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
REF=target/bls-reference
if [ ! -d "$REF/node_modules/@chainsafe/blst" ]; then
  mkdir -p "$REF"
  (cd "$REF" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent @chainsafe/blst@2.2.0)
fi
cp scripts/bls-reference/bench.mjs "$REF/bench.mjs"

if [ -z "${JAVA_HOME:-}" ]; then   # the newest JDK under /usr/lib/jvm, as the launcher would pick
  JAVA_HOME=$(for d in /usr/lib/jvm/*/; do
    v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    [ -n "$v" ] && echo "$v ${d%/}"
  done | sort -n | tail -n1 | cut -d' ' -f2)
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/cp.txt)"

OUT=target/bench-bls.txt
: > "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($(uptime | sed 's/.*load average/load average/'))" | tee -a "$OUT"
  node "$REF/bench.mjs" 1 | tee -a "$OUT"
  java --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" \
    org.centurion.seatmanager.deposit.DepositCpuTimeBenchmark 1 2>/dev/null | tee -a "$OUT"
done

echo "== medians over $ROUNDS rounds (items per core-second of process CPU / items per second of wall clock)"
awk '
  /per core-second/ {
    name = $0; sub(/ +(items=| [0-9]+ per core).*/, "", name); gsub(/ +$/, "", name)
    for (i = 1; i <= NF; i++) {
      if ($i !~ /^[0-9.]+$/) continue
      if ($(i+1) == "items/s" && $(i+2) == "per") core[name] = core[name] " " $i
      else if ($(i+1) == "per" && $(i+2) == "core-second") core[name] = core[name] " " $i
      if ($(i+1) == "items/s" && $(i+2) == "wall") wall[name] = wall[name] " " $i
      else if ($(i+1) == "per" && $(i+2) == "second" && $(i+3) == "wall") wall[name] = wall[name] " " $i
    }
  }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END { for (k in core) printf "%-36s %8.0f %8.0f\n", k, median(core[k]), median(wall[k]) }
' "$OUT" | sort
