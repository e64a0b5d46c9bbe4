#!/usr/bin/env bash
# Ingest benchmark: starts a real Kafka broker (its own process) and the packaged alert-producer on this machine,
# runs io.waspada.ingest.bench.IngestBenchmark against them over HTTP, prints the figures, stops both.
# Usage: alert-producer/bench.sh [--seconds 15] [--warmup 5] [--clients 32] [--batch-clients 4] [--batch-size 1000]
# BENCH_SERVICE_JAVA_OPTS adds JVM options to the service (e.g. a JFR recording). Ports (default: free ones):
# BENCH_KAFKA_PORT, BENCH_KAFKA_CONTROLLER_PORT, BENCH_HTTP_PORT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
# A port nobody listens on (other builds on this machine may run their own brokers).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
KAFKA_PORT=${BENCH_KAFKA_PORT:-$(free_port)}
CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-$(free_port)}
HTTP_PORT=${BENCH_HTTP_PORT:-$(free_port)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/waspada-bench.XXXXXX")
PIDS=()

say() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
  local i
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    wait "${PIDS[$i]}" 2>/dev/null || true
  done
  rm -rf "$WORK/kafka"
  say "logs: $WORK"
}
trap cleanup EXIT INT TERM

wait_until() { # seconds, description, command...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { say "$what not ready after the deadline"; exit 1; }
    sleep 0.5
  done
}

if [ ! -f "$HERE/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$HERE/target/test-classes/io/waspada/ingest/bench" ] \
   || [ ! -f "$ROOT/kafka-local/target/kafka-local.jar" ]; then
  say "building (./mvnw package -DskipTests -pl alert-producer -am) ..."
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl alert-producer -am)
fi
APP_CP="$HERE/target/quarkus-app/app/*:$HERE/target/quarkus-app/lib/main/*"

say "starting Kafka on 127.0.0.1:$KAFKA_PORT"
java -Xmx1g -Dlog4j2.configurationFile=waspada-kafka-log4j2.xml \
  -cp "$ROOT/kafka-local/target/kafka-local.jar:$ROOT/kafka-local/target/lib/*" \
  io.waspada.kafka.local.StandaloneKafka --data-dir "$WORK/kafka" --port "$KAFKA_PORT" \
  --controller-port "$CONTROLLER_PORT" >"$WORK/kafka.log" 2>&1 &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
wait_until 90 "Kafka" grep -q "Kafka ready" "$WORK/kafka.log"

java -cp "$APP_CP" io.waspada.ingest.auth.DemoCredentials "$WORK/credentials" IMMIGRATION >&2
say "starting alert-producer on http://localhost:$HTTP_PORT"
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
KAFKA_SASL_USERNAME=alert-producer KAFKA_SASL_PASSWORD="$(cat "$WORK/kafka/principals/alert-producer.password")" \
WASPADA_AUTH_API_KEYS_FILE="$WORK/credentials/api-keys.properties" \
WASPADA_PSEUDONYMISATION_KEY="$(head -c 32 /dev/urandom | base64)" \
QUARKUS_HTTP_PORT="$HTTP_PORT" \
  java -Xmx512m ${BENCH_SERVICE_JAVA_OPTS:-} -jar "$HERE/target/quarkus-app/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
PIDS+=("$SERVICE_PID")
wait_until 120 "alert-producer" curl -fs "http://localhost:$HTTP_PORT/q/health/ready"

# The benchmark's own clients (the raw producer, the record-size probe) connect as the broker's admin.
KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$(cat "$WORK/kafka/admin.password")" \
java -Xmx512m -cp "$HERE/target/test-classes:$APP_CP" io.waspada.ingest.bench.IngestBenchmark \
  --url "http://localhost:$HTTP_PORT" --bootstrap "127.0.0.1:$KAFKA_PORT" \
  --credentials "$WORK/credentials/agency-keys.json" --agency IMMIGRATION \
  --service-pid "$SERVICE_PID" --broker-pid "$BROKER_PID" "$@"
