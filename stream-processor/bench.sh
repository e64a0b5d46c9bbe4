#!/usr/bin/env bash
# The correlation benchmark: pre-loads N events into fresh topics and measures how fast the production topology
# drains them, next to an identity topology and a plain consumer. From the repository root:
#   stream-processor/bench.sh                     # 1,000,000 events, broker in its own JVM
#   stream-processor/bench.sh --events 100000     # a quick run
#   stream-processor/bench.sh --bootstrap 127.0.0.1:9092   # against ./waspada kafka
#   stream-processor/bench.sh --brokers 3 --instances 2    # 3 Kafka nodes; also drain with 2 correlation instances
#   BENCH_JFR=1 stream-processor/bench.sh ...     # also records stream-processor/target/bench.jfr (a profile)
#   BENCH_JAVA_OPTS=-Dkafka-streams.commit.interval.ms=1000 stream-processor/bench.sh   # try another setting
#   stream-processor/bench.sh --rotation overlap  # every identifier as during a key rotation's overlap (links)
#   stream-processor/bench.sh --rules java-vs-data [--rounds 2]   # only: the five built-in rules as Java and as data
#                                                  # (alternating which goes first); both rates and the ratio
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
./mvnw -B -q process-test-classes -pl stream-processor -am -DskipTests
JFR=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
  JFR=(-XX:StartFlightRecording=filename=stream-processor/target/bench.jfr,settings=profile)
fi
# The stream processor's own heap budget: the figure the benchmark reports must fit in it.
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} "${JFR[@]}" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "stream-processor/target/test-classes:stream-processor/target/classes:$(cat stream-processor/target/bench-classpath.txt)" \
  io.waspada.correlation.bench.CorrelationBenchmark "$@"
