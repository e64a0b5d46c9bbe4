package io.waspada.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Drives a running alert-producer over HTTP against its broker and prints: accepted events/s for single posts
 * (N concurrent clients) and for batches, latency percentiles, the raw idempotent {@code acks=all} producer rate
 * for the same record size on the same machine, and the ratios; with CPU seconds per process when pids are given.
 * Run by {@code alert-producer/bench.sh}, which starts a broker and the service; see README.
 */
public final class IngestBenchmark {

    private static final String EVENT = """
            {"kind": "SIGHTING", "eventId": "__EVENT_ID__", "agency": "IMMIGRATION", "observedAt": "__OBSERVED__",
             "location": {"lat": 6.4300, "lon": 100.4200, "country": "MY", "region": "KEDAH", "site": "BUKIT_KAYU_HITAM"},
             "subjects": [
               {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "sex": "F", "ageBand": "MINOR",
                "identifiers": [{"scheme": "PASSPORT", "value": "C1234567", "issuer": "ID"}]},
               {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "+62 812-3456-7890"}]},
               {"type": "VESSEL", "identifiers": [{"scheme": "MMSI", "value": "525012345"}]}],
             "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY", "UNACCOMPANIED_MINOR"],
             "direction": "INBOUND", "notes": "Travelling with an adult who is not a relative",
             "handling": "H2", "sourceReliability": "B", "informationAccuracy": 2}""";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("--url", "http://localhost:8081");
        // The broker's connection: --bootstrap, and its security settings from the environment (KAFKA_SASL_USERNAME, ...).
        KafkaConnection kafka = KafkaConnection.fromEnvironment(System.getenv(), o.getOrDefault("--bootstrap", "localhost:9092"));
        String bootstrap = kafka.bootstrapServers();
        String agency = o.getOrDefault("--agency", "IMMIGRATION");
        int clients = Integer.parseInt(o.getOrDefault("--clients", "32"));
        int batchClients = Integer.parseInt(o.getOrDefault("--batch-clients", "4"));
        int batchSize = Integer.parseInt(o.getOrDefault("--batch-size", "1000"));
        Duration phase = Duration.ofSeconds(Long.parseLong(o.getOrDefault("--seconds", "15")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("--warmup", "5")));
        String key = new ObjectMapper().readTree(Path.of(o.get("--credentials")).toFile()).path("agencies").path(agency).asText();
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("benchmark", ProcessHandle.current().pid());
        if (o.containsKey("--service-pid")) {
            pids.put("service", Long.parseLong(o.get("--service-pid")));
        }
        if (o.containsKey("--broker-pid")) {
            pids.put("broker", Long.parseLong(o.get("--broker-pid")));
        }
        CpuMeter cpu = new CpuMeter(pids);
        String observed = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String template = EVENT.replace("__OBSERVED__", observed);
        boolean plain = !"jdk".equals(o.getOrDefault("--http", "plain"));
        HttpLoad load = new HttpLoad(url, key, plain);
        HttpLoad.BodyMaker single = n -> HttpLoad.fresh(template);
        HttpLoad.BodyMaker batch = n -> {
            StringBuilder body = new StringBuilder(n * (template.length() + 2) + 16).append("{\"events\": [");
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append(HttpLoad.fresh(template));
            }
            return body.append("]}").toString();
        };

        System.out.printf("Ingest benchmark: %s, broker %s, %d cores, phases of %s (warm-up %s), %s HTTP client%n", url,
                bootstrap, Runtime.getRuntime().availableProcessors(), phase, warmup, plain ? "plain keep-alive" : "JDK");
        load.run("/api/v1/sightings", clients, warmup, 1, single);
        load.run("/api/v1/events/batch", batchClients, warmup, batchSize, batch);

        var before = cpu.read();
        HttpLoad.Result singles = load.run("/api/v1/sightings", clients, phase, 1, single);
        String singlesCpu = CpuMeter.delta(before, cpu.read(), singles.events());
        before = cpu.read();
        HttpLoad.Result batches = load.run("/api/v1/events/batch", batchClients, phase, batchSize, batch);
        String batchesCpu = CpuMeter.delta(before, cpu.read(), batches.events());

        int recordBytes = averageValueBytes(kafka);
        before = cpu.read();
        double raw = RawProducerRate.measure(kafka, recordBytes, phase);
        String rawCpu = CpuMeter.delta(before, cpu.read(), (long) (raw * phase.toSeconds()));

        System.out.println();
        System.out.printf(Locale.ROOT, "single posts  %d clients: %,.0f events/s  (%d requests, %d failed)  %s%n",
                clients, singles.eventsPerSecond(), singles.requests(), singles.failures(), singles.latencies().summary());
        System.out.printf(Locale.ROOT, "  cpu:%s%n", singlesCpu);
        System.out.printf(Locale.ROOT, "batches of %d, %d clients: %,.0f events/s  (%d requests, %d failed)  per batch %s%n",
                batchSize, batchClients, batches.eventsPerSecond(), batches.requests(), batches.failures(),
                batches.latencies().summary());
        System.out.printf(Locale.ROOT, "  cpu:%s%n", batchesCpu);
        System.out.printf(Locale.ROOT, "raw producer (idempotent, acks=all, %d-byte values + 36-byte keys): %,.0f records/s%n",
                recordBytes, raw);
        System.out.printf(Locale.ROOT, "  cpu:%s%n", rawCpu);
        System.out.printf(Locale.ROOT, "ratio batch/raw %.1f%%   single/raw %.1f%%%n",
                100 * batches.eventsPerSecond() / raw, 100 * singles.eventsPerSecond() / raw);
    }

    /** The mean size of the Avro values the service wrote (the last records of each sightings partition). */
    private static int averageValueBytes(KafkaConnection kafka) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGHTINGS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.endOffsets(partitions).forEach((tp, end) -> consumer.seek(tp, Math.max(0, end - 50)));
            long bytes = 0;
            int count = 0;
            for (int polls = 0; polls < 20 && count < 200; polls++) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.value().length;
                    count++;
                }
            }
            return count == 0 ? 550 : (int) (bytes / count);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--credentials")) {
            throw new IllegalArgumentException("usage: IngestBenchmark --credentials agency-keys.json [--url ..] [--bootstrap ..] "
                    + "[--clients 32] [--batch-clients 4] [--batch-size 1000] [--seconds 15] [--warmup 5] [--http plain|jdk] [--service-pid N] [--broker-pid N]");
        }
        return options;
    }
}
