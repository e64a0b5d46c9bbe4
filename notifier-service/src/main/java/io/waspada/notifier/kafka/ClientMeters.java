package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Publishes a notifier consumer's own Kafka client metrics on {@code /q/metrics} (Micrometer's
 * {@link KafkaClientMetrics}: {@code kafka_consumer_fetch_manager_records_lag_max} and, per partition,
 * {@code kafka_consumer_fetch_manager_records_lag}, {@code kafka_consumer_coordinator_commit_latency_avg}, ...,
 * tagged with the consumer's {@code client_id}), so how far behind each of its readers is can be scraped from every
 * instance. Quarkus binds only clients it creates itself; these are plain {@code KafkaConsumer}s, so whoever creates
 * one binds it here and unbinds it before closing the consumer: the meters are removed and the binder's refresh
 * thread stops, so a consumer made again (a restart of the intake) leaves nothing behind. {@link #NONE} binds nothing
 * (components built outside CDI, in tests).
 */
@Singleton
public class ClientMeters {

    /** Binds nothing. */
    public static final ClientMeters NONE = new ClientMeters(null);

    private final MeterRegistry registry;
    private final Map<Consumer<?, ?>, KafkaClientMetrics> bound = new IdentityHashMap<>();

    @Inject
    public ClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes the metrics of the consumers (each once). */
    public synchronized void bind(Consumer<?, ?>... consumers) {
        if (registry == null) {
            return;
        }
        for (Consumer<?, ?> consumer : consumers) {
            bound.computeIfAbsent(consumer, c -> {
                KafkaClientMetrics meters = new KafkaClientMetrics(c);
                meters.bindTo(registry);
                return meters;
            });
        }
    }

    /** Removes the consumers' metrics, before they are closed (a refresh then would read a closed client). */
    public synchronized void unbind(Consumer<?, ?>... consumers) {
        for (Consumer<?, ?> consumer : consumers) {
            KafkaClientMetrics meters = bound.remove(consumer);
            if (meters != null) {
                meters.close();
            }
        }
    }

    /** How many consumers are bound (for tests). */
    synchronized int bound() {
        return bound.size();
    }

    @PreDestroy
    synchronized void close() {
        bound.values().forEach(KafkaClientMetrics::close);
        bound.clear();
    }
}
