#!/usr/bin/env bash
# Start-up to ready of the Micronaut example: wall time from launching the JVM until GET /api/stats answers 200,
# repeated RUNS times (default 5) on a free loopback port. Build first:
#   mvn -B -q -pl examples/micronaut -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
source ./app-lib.sh
trap stop_app EXIT
for i in $(seq 1 "${RUNS:-5}"); do
  start=$(date +%s%N)
  start_app "target/startup-$i.log"
  wait_ready 300
  echo "run $i: $(( ($(date +%s%N) - start) / 1000000 )) ms to ready ($(grep -o 'Startup completed in [0-9]*ms' "$APP_LOG"))"
  stop_app
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
