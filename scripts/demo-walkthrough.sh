#!/usr/bin/env bash
# The demo walkthrough: one seat from with-vault to ACTIVE, exited and settled on the devnet that
# `./seat-manager demo` runs. Arguments are what the demo printed:
#   scripts/demo-walkthrough.sh BASE_URL TEMPORARY_PASSWORD DEVNET_RPC_URL FILES_DIR
# WALKTHROUGH_NEW_PASSWORD, when set, is the admin's new password. Needs bash and curl only. Devnet only: it fast-forwards the devnet's clock past the vault's
# settlement delay, which no real chain allows.
set -euo pipefail

BASE=${1:?base URL, e.g. http://127.0.0.1:8080}
TEMP_PASSWORD=${2:?the temporary admin password the demo printed}
RPC=${3:?the devnet RPC URL the demo printed}
FILES=${4:?the demo files directory the demo printed}
# shellcheck disable=SC1091
source "$FILES/seat.env"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'walkthrough failed: %s\n' "$*" >&2; exit 1; }

# field NAME: the first "NAME": value of the JSON on stdin (strings and numbers; enough for these replies)
field() { sed -n 's/.*"'"$1"'":"\{0,1\}\([^",}]*\).*/\1/p' | head -n 1; }

# call METHOD PATH [BODY] [extra curl args...]: prints the body, fails on a non-2xx status
call() {
  local method=$1 path=$2 body=${3:-} out status
  shift 3 || shift $#
  local args=(-sS -o "" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json')
  [[ -n ${TOKEN:-} ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ $method == POST ]] && args+=(-H "Idempotency-Key: walkthrough-$RANDOM$RANDOM$RANDOM" --data-binary "$body")
  out=$(mktemp)
  args[2]=$out
  status=$(curl "${args[@]}" "$@" "$BASE$path")
  if [[ $status != 2* ]]; then
    cat "$out" >&2; rm -f "$out"; echo >&2
    return 22
  fi
  cat "$out"; rm -f "$out"
}

login() {
  local reply
  TOKEN=
  reply=$(call POST /v1/auth/login "{\"username\":\"admin\",\"password\":\"$1\"}") || fail "login"
  TOKEN=$(field token <<<"$reply")
  USER_ID=$(sed -n 's/.*"user":{"id":\([0-9]*\).*/\1/p' <<<"$reply")
  [[ -n $TOKEN && -n $USER_ID ]] || fail "login reply: $reply"
}

step_up() { call POST /v1/auth/step-up "{\"password\":\"$PASSWORD\"}" | field stepUpToken; }

state() { call GET "/v1/seats/$SEAT" | field state; }

# wait_for STATE SECONDS
wait_for() {
  local deadline=$((SECONDS + $2)) s
  while :; do
    s=$(state)
    [[ $s == "$1" ]] && { echo "seat $SEAT is $s"; return 0; }
    [[ $s == EXCEPTION ]] && fail "seat $SEAT went to EXCEPTION: $(call GET "/v1/seats/$SEAT")"
    ((SECONDS < deadline)) || fail "seat $SEAT is $s, expected $1 within $2 s"
    sleep 2
  done
}

say "log in as admin and replace the temporary password"
login "$TEMP_PASSWORD"
PASSWORD=${WALKTHROUGH_NEW_PASSWORD:-"Walkthrough-$(date +%s)-$RANDOM-Pw!"}
call POST "/v1/users/$USER_ID/password" "{\"currentPassword\":\"$TEMP_PASSWORD\",\"newPassword\":\"$PASSWORD\"}" >/dev/null
login "$PASSWORD"

say "create a seat with its vault (operator $OPERATOR, beneficiary $BENEFICIARY)"
call POST /v1/seats/with-vault "{\"operatorId\":\"$OPERATOR\",\"beneficiary\":\"$BENEFICIARY\",\"pubkey\":\"$PUBKEY\"}" >/dev/null
deadline=$((SECONDS + 120))
SEAT=
while [[ -z $SEAT ]]; do
  SEAT=$(call GET "/v1/seats?pubkey=$PUBKEY" | field id)
  [[ -n $SEAT ]] && break
  ((SECONDS < deadline)) || fail "the vault deployment did not produce a seat"
  sleep 2
done
wait_for CREATED 60

say "submit the operator's deposit data, then approve (allowlist intent)"
call POST "/v1/seats/$SEAT/deposit-data" "$(cat "$FILES/deposit-data.json")" >/dev/null
wait_for DATA_VERIFIED 30
call POST "/v1/seats/$SEAT/approve" '' >/dev/null
wait_for ALLOWLISTED 120

say "deposit 32 CTN (step-up); the watchers take the seat to ACTIVE"
call POST "/v1/seats/$SEAT/deposit" '' -H "X-Step-Up-Token: $(step_up)" >/dev/null
wait_for DEPOSITED 120
wait_for ACTIVE 300

say "force-exit through the vault (EIP-7002) once the chain allows it"
deadline=$((SECONDS + 300))
until call POST "/v1/seats/$SEAT/force-exit" '' -H "X-Step-Up-Token: $(step_up)" >/dev/null 2>&1; do
  ((SECONDS < deadline)) || fail "force-exit was refused for 300 s: $(call POST "/v1/seats/$SEAT/force-exit" '' -H "X-Step-Up-Token: $(step_up)" 2>&1 || true)"
  sleep 4
done
wait_for EXIT_REQUESTED 120
wait_for EXITED 600

say "settle: propose, fast-forward the devnet past the vault's settlement delay, the executor finalizes"
call POST "/v1/seats/$SEAT/settle" '' -H "X-Step-Up-Token: $(step_up)" >/dev/null
wait_for SETTLING 120
curl -sS -X POST "$RPC" -H 'Content-Type: application/json' \
  --data '{"jsonrpc":"2.0","id":1,"method":"evm_increaseTime","params":[3700]}' >/dev/null
curl -sS -X POST "$RPC" -H 'Content-Type: application/json' \
  --data '{"jsonrpc":"2.0","id":2,"method":"evm_mine","params":[]}' >/dev/null
wait_for SETTLED 180

say "done: seat $SEAT is SETTLED"
call GET "/v1/seats/$SEAT"
echo
