package io.waspada.notifier.ops;

import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark, not a test (surefire skips {@code *Benchmark}): what one ops sample costs against the real broker with
 * {@code bench.groups} consumer groups each committed on every partition of the sightings and interceptions topics
 * and {@code bench.records} records on them. Prints the time of the cluster part of a sample (Admin questions and
 * arithmetic) p50/p95/max over {@code bench.samples} samples, and of reading the DLQ tail. Asserts nothing about time.
 * <pre>
 * ./mvnw -B -o verify -pl notifier-service -am -Dtest=OpsSamplerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.groups=200 -Dbench.samples=30 -Dbench.records=20000
 * </pre>
 */
@Timeout(600)
class OpsSamplerBenchmark {

    @Test
    void measure() throws Exception {
        int groups = Integer.getInteger("bench.groups", 200);
        int samples = Integer.getInteger("bench.samples", 30);
        int records = Integer.getInteger("bench.records", 20000);
        KafkaConnection kafka = SharedKafka.connection();
        produce(kafka, records);
        try (Admin admin = Admin.create(kafka.clientConfig());
                DlqTail dlq = new DlqTail(kafka, Topics.DLQ.name(), 10)) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            for (Topic<?, ?> topic : List.of(Topics.SIGHTINGS, Topics.INTERCEPTIONS)) {
                for (int p = 0; p < topic.spec().partitions(); p++) {
                    committed.put(new TopicPartition(topic.name(), p), new OffsetAndMetadata(0));
                }
            }
            for (int g = 0; g < groups; g++) {
                admin.alterConsumerGroupOffsets("bench-group-" + g, committed).all().get();
            }
            List<String> problems = new ArrayList<>();
            BrokerQueries broker = new BrokerQueries(admin, Duration.ofSeconds(10), problems::add);
            ClusterSampler cluster = new ClusterSampler(Topics.ALL.stream().map(Topic::name).toList());
            long[] millis = new long[samples];
            ClusterSampler.Figures figures = null;
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                figures = cluster.sample(broker, Instant.now());
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            long dlqStart = System.nanoTime();
            int reasons = dlq.latest(figures.earliest(), figures.ends(), Duration.ofSeconds(10)).size();
            long dlqMillis = (System.nanoTime() - dlqStart) / 1_000_000;
            Arrays.sort(millis);
            System.out.printf("%nOPS SAMPLER BENCHMARK: %d groups (%d committed partitions each), %d records, %d samples%n",
                    figures.groups().size(), committed.size(), records, samples);
            System.out.printf("  cluster sample: p50 %d ms, p95 %d ms, max %d ms (first sample included)%n",
                    millis[samples / 2], millis[(int) Math.ceil(samples * 0.95) - 1], millis[samples - 1]);
            System.out.printf("  DLQ tail (%d reasons of %d records): %d ms; problems: %s%n%n", reasons,
                    figures.held().getOrDefault(Topics.DLQ.name(), 0L), dlqMillis, problems);
        }
    }

    private static void produce(KafkaConnection kafka, int records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.with(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                // Load data only: plain retries are enough, and no sequence bookkeeping slows the fill.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.LINGER_MS_CONFIG, 5)), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                Topic<?, ?> topic = i % 2 == 0 ? Topics.SIGHTINGS : Topics.INTERCEPTIONS;
                producer.send(new ProducerRecord<>(topic.name(), ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[200]));
            }
            for (int i = 0; i < 50; i++) {
                ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DLQ.name(), null, new byte[50]);
                letter.headers().add("waspada.dlq.reason", "LATE_BEYOND_GRACE".getBytes(StandardCharsets.UTF_8));
                letter.headers().add("waspada.dlq.detail", ("late " + i).getBytes(StandardCharsets.UTF_8));
                producer.send(letter);
            }
            producer.flush();
        }
    }
}
