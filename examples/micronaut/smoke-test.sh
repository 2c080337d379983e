#!/usr/bin/env bash
# The README's flow against the built jar: start on the embedded defaults, create an angry ticket, read it back
# classified (negative), stop. Exits non-zero on any difference. Build first:
#   mvn -B -q -pl examples/micronaut -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
source ./app-lib.sh
trap stop_app EXIT
start_app target/smoke-test.log
wait_ready 180
base="http://127.0.0.1:$APP_PORT"
loc=$(curl -s -o /dev/null -w '%header{location}' -X POST "$base/api/tickets" -H 'Content-Type: application/json' \
  -d '{"subject":"Charged twice","body":"This is outrageous! You charged me twice and nobody answers."}')
[[ "$loc" == /api/tickets/* ]] || { echo "POST /api/tickets gave no Location header" >&2; exit 1; }
for _ in $(seq 1 300); do
  ticket=$(curl -sf "$base$loc")
  grep -q '"state":"PROCESSED"' <<<"$ticket" && break
  sleep 0.1
done
echo "$ticket"
grep -q '"sentiment":"\(VERY_\)\{0,1\}NEGATIVE"' <<<"$ticket" || { echo "the angry ticket was not classified negative" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/tickets" -H 'Content-Type: application/json' -d '{"body":" "}')
[[ "$code" == 400 ]] || { echo "a blank body answered $code, expected 400" >&2; exit 1; }
echo "smoke test passed"
