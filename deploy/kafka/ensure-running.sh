#!/usr/bin/env bash
# Makes sure an Apache Kafka broker answers on 127.0.0.1:${KAFKA_PORT:-9092} for the tests, without
# Docker (jars from Maven Central, one KRaft process); safe to call concurrently (flock).
# How it works, its settings and its files: README.md beside this script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$HERE/.work"
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-512m}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
AUTO_CREATE="${KAFKA_AUTO_CREATE_TOPICS:-false}"

answers() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

# The broker of the pid file runs (a pid reused by another program after a reboot does not count).
alive() {
  local pid
  [[ -f "$WORK/kafka.pid" ]] || return 1
  pid="$(cat "$WORK/kafka.pid")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *kafka.Kafka* ]]
}

# Ready = the port answers and this start logged "Kafka Server started" (KRaft logs it once the
# broker has caught up with the metadata log and is unfenced, i.e. it accepts produce requests).
ready() {
  answers && grep -q 'Kafka Server started' "$WORK/kafka.log" 2>/dev/null
}

# Up = the port answers and, if this script started the broker, that start has finished.
up() {
  answers && { ! alive || ready; }
}

if up; then
  echo "kafka: answering on $HOST:$PORT"
  exit 0
fi

mkdir -p "$WORK"
exec 9>"$WORK/lock"
if ! flock -w $((TIMEOUT + 300)) 9; then
  echo "kafka: could not get the lock $WORK/lock" >&2
  exit 1
fi

# Another caller may have started it while this one waited for the lock.
if up; then
  echo "kafka: answering on $HOST:$PORT"
  exit 0
fi

started_at=$(date +%s)

if ! alive; then
  if ! compgen -G "$WORK/lib/kafka_2.13-*.jar" >/dev/null; then
    echo "kafka: fetching jars from Maven Central"
    command -v mvn >/dev/null 2>&1 || {
      echo "kafka: mvn (Apache Maven) is needed to fetch the broker's jars" >&2
      exit 1
    }
    mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies 9>&-
    echo "kafka: jars in $WORK/lib ($(find "$WORK/lib" -name '*.jar' | wc -l) files)"
  fi

  cat >"$WORK/server.properties" <<EOF
# Written by deploy/kafka/ensure-running.sh on every start; edit that script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/data
num.partitions=1
auto.create.topics.enable=$AUTO_CREATE
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=168
EOF

  cat >"$WORK/log4j2.properties" <<'EOF'
# Everything to stdout, which ensure-running.sh sends to .work/kafka.log.
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF

  if [[ ! -f "$WORK/data/meta.properties" ]]; then
    [[ -s "$WORK/cluster-id" ]] ||
      head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$WORK/cluster-id"
    echo "kafka: formatting $WORK/data (cluster $(cat "$WORK/cluster-id"))"
    java -cp "$WORK/lib/*" -Dlog4j2.configurationFile="$WORK/log4j2.properties" \
      kafka.tools.StorageTool format -c "$WORK/server.properties" \
      -t "$(cat "$WORK/cluster-id")" --ignore-formatted 9>&- >"$WORK/format.log" 2>&1 || {
      cat "$WORK/format.log" >&2
      exit 1
    }
  fi

  [[ -f "$WORK/kafka.log" ]] && mv -f "$WORK/kafka.log" "$WORK/kafka.log.1"
  echo "kafka: starting the broker on $HOST:$PORT (log: $WORK/kafka.log)"
  # setsid + nohup: the broker outlives this script and the test process that called it; fd 9
  # (the lock) is closed for it, or the lock would be held for as long as the broker runs.
  setsid nohup java "-Xms${HEAP}" "-Xmx${HEAP}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$WORK/log4j2.properties" \
    -cp "$WORK/lib/*" kafka.Kafka "$WORK/server.properties" \
    </dev/null >"$WORK/kafka.log" 2>&1 9>&- &
  echo $! >"$WORK/kafka.pid"
else
  echo "kafka: broker pid $(cat "$WORK/kafka.pid") is starting; waiting for it"
fi

deadline=$((started_at + TIMEOUT))
until ready; do
  if ! alive; then
    echo "kafka: the broker exited while starting; last lines of $WORK/kafka.log:" >&2
    tail -n 40 "$WORK/kafka.log" >&2 || true
    rm -f "$WORK/kafka.pid"
    exit 1
  fi
  if (($(date +%s) >= deadline)); then
    echo "kafka: not ready after ${TIMEOUT} s; last lines of $WORK/kafka.log:" >&2
    tail -n 40 "$WORK/kafka.log" >&2 || true
    exit 1
  fi
  sleep 0.5
done
echo "kafka: started on $HOST:$PORT in $(($(date +%s) - started_at)) s (pid $(cat "$WORK/kafka.pid"))"
