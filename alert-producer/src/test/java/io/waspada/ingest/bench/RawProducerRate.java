package io.waspada.ingest.bench;

import io.waspada.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The machine's raw producer rate, like {@code kafka-producer-perf-test}: an idempotent {@code acks=all} producer
 * with the service's batching settings sends records of a given size (eventId key + random value) to a scratch
 * topic with the events topics' partition count, for a duration; records acknowledged per second.
 */
final class RawProducerRate {

    static final String TOPIC = "bench.raw-producer.v1";

    static double measure(KafkaConnection kafka, int valueBytes, Duration duration) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(java.util.List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        byte[] value = new byte[valueBytes];
        new Random(1).nextBytes(value);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // Bounded in-flight records, as perf-test's throughput=-1 run is bounded by buffer.memory.
        Semaphore window = new Semaphore(50_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 65536)), new StringSerializer(), new ByteArraySerializer())) {
            // Warm-up outside the clock: a just-created topic's leaders and the producer id settle first.
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), value)).get();
            }
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                window.acquire();
                producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), value), (metadata, error) -> {
                    window.release();
                    if (error == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            if (failed.get() > 0) {
                System.out.printf("raw producer: %d sends failed%n", failed.get());
            }
            return acked.get() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
