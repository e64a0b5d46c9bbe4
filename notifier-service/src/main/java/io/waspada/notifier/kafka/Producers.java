package io.waspada.notifier.kafka;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the notifier's producers the platform way: {@code acks=all}, idempotent, typed by a {@link Topic}. */
public final class Producers {

    private Producers() {
    }

    public static <K, V> KafkaProducer<K, V> idempotent(KafkaConnection kafka, Topic<K, V> topic, String clientId) {
        return new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                // Lifecycle events are small and bursty (one per task force and channel): batch them briefly.
                ProducerConfig.LINGER_MS_CONFIG, 5)),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
