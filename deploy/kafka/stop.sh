#!/usr/bin/env bash
# Stops the broker that ensure-running.sh started (by its pid file), waits until it is gone and
# its port is closed. Its data in .work/data stays: the next ensure-running.sh starts on it.
# A broker this script did not start (no pid file) is left alone. Exits 0 when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$HERE/.work"
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"

answers() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

[[ -d "$WORK" ]] || {
  echo "kafka: not started here (no $WORK)"
  exit 0
}
exec 9>"$WORK/lock"
flock -w 300 9 || {
  echo "kafka: could not get the lock $WORK/lock" >&2
  exit 1
}

if [[ ! -s "$WORK/kafka.pid" ]]; then
  echo "kafka: no pid file, nothing to stop"
  exit 0
fi
pid="$(cat "$WORK/kafka.pid")"
# Only the broker: after a reboot the pid may belong to another program.
if ! kill -0 "$pid" 2>/dev/null ||
  ! [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *kafka.Kafka* ]]; then
  echo "kafka: pid $pid is not the broker (not running)"
  rm -f "$WORK/kafka.pid"
  exit 0
fi

echo "kafka: stopping pid $pid"
started_at=$(date +%s)
kill -TERM "$pid"
while kill -0 "$pid" 2>/dev/null; do
  if (($(date +%s) - started_at >= TIMEOUT)); then
    echo "kafka: pid $pid still running after ${TIMEOUT} s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  sleep 0.2
done
rm -f "$WORK/kafka.pid"
for _ in $(seq 1 50); do
  answers || break
  sleep 0.2
done
echo "kafka: stopped in $(($(date +%s) - started_at)) s"
