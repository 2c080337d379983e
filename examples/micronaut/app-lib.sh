# Shared by startup-time.sh and smoke-test.sh (sourced, not run): start the example's jar on a free loopback port and
# wait until it answers. Sets APP_PID, APP_PORT, APP_LOG.
APP_JAR="$(dirname "${BASH_SOURCE[0]}")/target/ticket-triage-micronaut.jar"

start_app() {   # $1: log file
  [[ -f "$APP_JAR" ]] || { echo "missing $APP_JAR: mvn -B -q -pl examples/micronaut -am package -DskipTests" >&2; return 1; }
  APP_LOG="$1"
  APP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PORT="$APP_PORT" java -jar "$APP_JAR" >"$APP_LOG" 2>&1 &
  APP_PID=$!
}

wait_ready() {   # $1: timeout in seconds
  local deadline=$((SECONDS + $1))
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/api/stats"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $APP_LOG" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "the app was not ready after $1 s; see $APP_LOG" >&2; return 1; }
    sleep 0.02
  done
  grep -q "Server Running: http://localhost:$APP_PORT" "$APP_LOG" || { echo "port $APP_PORT answered, but not this app" >&2; return 1; }
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
}
