#!/usr/bin/env bash
# Start-up to ready of the Micronaut example: wall time from launching the JVM until GET /api/stats answers 200,
# repeated RUNS times (default 5) on a free loopback port. Build first:
#   mvn -B -q -pl examples/micronaut -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
runs="${RUNS:-5}"
jar=target/ticket-triage-micronaut.jar
[[ -f "$jar" ]] || { echo "missing $jar: build it first (see the comment at the top)" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  PORT="$port" java -jar "$jar" >"target/startup-$i.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/stats"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited; see target/startup-$i.log" >&2; exit 1; }
    sleep 0.02
  done
  grep -q "Server Running: http://localhost:$port" "target/startup-$i.log" || { echo "port $port answered, but not this app" >&2; exit 1; }
  echo "run $i: $(( ($(date +%s%N) - start) / 1000000 )) ms to ready ($(grep -o 'Startup completed in [0-9]*ms' "target/startup-$i.log"))"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
