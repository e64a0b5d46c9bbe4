package io.waspada.correlation.streams;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undecodable input goes to the DLQ as it came (raw key and value, original headers) with error headers
 * (source topic, partition, offset, exception), then the stream continues. The DLQ write is acknowledged
 * ({@code acks=all}, idempotent) before the record is skipped; if it cannot be written, the stream stops.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    /** Streams config key naming the dead-letter topic; defaults to the platform's. */
    public static final String DLQ_TOPIC_CONFIG = "waspada.dlq.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    // One producer per cluster for the whole JVM: handlers are created per thread, dead letters are rare.
    private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS = new ConcurrentHashMap<>();

    private KafkaConnection kafka;
    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        // The Streams configuration carries the service's connection: bootstrap servers and security settings.
        this.kafka = KafkaConnection.from(configs);
        Object configured = configs.get(DLQ_TOPIC_CONFIG);
        this.topic = configured == null ? Topics.DLQ.name() : configured.toString();
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, "waspada.dlq.reason", "UNDECODABLE");
        add(headers, "waspada.dlq.topic", record.topic());
        add(headers, "waspada.dlq.partition", Integer.toString(record.partition()));
        add(headers, "waspada.dlq.offset", Long.toString(record.offset()));
        add(headers, "waspada.dlq.exception", exception.getClass().getName());
        add(headers, "waspada.dlq.message", String.valueOf(exception.getMessage()));
        try {
            producer().send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
            LOG.warn("Undecodable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(),
                    record.offset(), topic, exception.getMessage());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (Exception e) {
            LOG.error("Cannot dead-letter {}-{}@{}; stopping rather than losing it", record.topic(),
                    record.partition(), record.offset(), e);
            return DeserializationHandlerResponse.FAIL;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return PRODUCERS.computeIfAbsent(kafka.bootstrapServers(), servers -> new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "waspada-correlation-dlq")),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
