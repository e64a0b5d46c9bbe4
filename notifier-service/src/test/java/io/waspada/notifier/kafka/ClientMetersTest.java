package io.waspada.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A consumer's Kafka client metrics are published once however often it is bound, and all of them are gone once it
 * is unbound: an intake that closes its consumers and makes new ones leaves no meters of the old ones behind.
 */
class ClientMetersTest {

    @Test
    void bindsAConsumersMetricsOnceAndRemovesEveryOneOnUnbind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClientMeters meters = new ClientMeters(registry);
        // Never connects: a consumer's metrics exist from its construction.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-alerts-meters-test"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            meters.bind(consumer);
            int published = ofConsumer(registry);
            assertThat(published).isPositive();
            assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max")
                    .tag("client.id", "notifier-alerts-meters-test").gauge()).isNotNull();

            meters.bind(consumer);
            assertThat(ofConsumer(registry)).isEqualTo(published);
            assertThat(meters.bound()).isEqualTo(1);

            meters.unbind(consumer);
            assertThat(ofConsumer(registry)).isZero();
            assertThat(meters.bound()).isZero();
        }
    }

    @Test
    void noneBindsNothing() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ClientMeters.NONE.bind(consumer);
            assertThat(ClientMeters.NONE.bound()).isZero();
            ClientMeters.NONE.unbind(consumer);
        }
    }

    private static int ofConsumer(SimpleMeterRegistry registry) {
        return (int) registry.getMeters().stream().map(Meter::getId)
                .filter(id -> "notifier-alerts-meters-test".equals(id.getTag("client.id"))).count();
    }
}
