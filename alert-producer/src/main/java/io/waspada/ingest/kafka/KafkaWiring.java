package io.waspada.ingest.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.waspada.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the service's Kafka clients from its one {@link KafkaConnection} (Quarkus' {@code kafka.*}: bootstrap servers
 * and security settings): the {@link EventPublisher} with every {@code waspada.producer.*} key passed through to the
 * producer (e.g. {@code waspada.producer.linger.ms}) and the limits of {@code waspada.ingest.*} that bound what a
 * Kafka outage may cost (with gauges of the breaker and the pending bytes), and the {@link WatchlistView}.
 */
@ApplicationScoped
public class KafkaWiring {

    static final String PRODUCER_PREFIX = "waspada.producer.";

    @Produces
    @Singleton
    KafkaConnection connection(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        return KafkaConnection.from(kafkaConfig).requireCredentials();
    }

    @Produces
    @Singleton
    @Startup
    EventPublisher publisher(Config config, KafkaConnection kafka, MeterRegistry registry,
            io.opentelemetry.api.OpenTelemetry telemetry,
            @ConfigProperty(name = "waspada.ingest.max-pending-bytes", defaultValue = "16777216") int maxPendingBytes,
            @ConfigProperty(name = "waspada.ingest.cold-send.threads", defaultValue = "2") int coldSendThreads,
            @ConfigProperty(name = "waspada.ingest.cold-send.queue", defaultValue = "256") int coldSendQueue,
            @ConfigProperty(name = "waspada.ingest.breaker.open-for", defaultValue = "5s") Duration breakerOpenFor) {
        EventPublisher publisher = new EventPublisher(producerSettings(config, kafka),
                new PublisherLimits(maxPendingBytes, coldSendThreads, coldSendQueue, breakerOpenFor),
                new io.waspada.tracing.KafkaTraceContext(telemetry.getPropagators().getTextMapPropagator()));
        Gauge.builder("waspada.ingest.kafka.breaker.open", publisher,
                        p -> p.breakerState() == DeliveryBreaker.State.CLOSED ? 0 : 1)
                .description("1 while writes are refused (or one probes): Kafka is known to be unable to deliver")
                .register(registry);
        Gauge.builder("waspada.ingest.kafka.pending.bytes", publisher, EventPublisher::pendingBytes)
                .description("Bytes of events handed to the producer and not yet acknowledged or failed")
                .baseUnit("bytes").register(registry);
        publisher.bindMetrics(registry);
        return publisher;
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    EventWriter eventWriter(EventPublisher publisher,
            @ConfigProperty(name = "waspada.ingest.recent-event-ids", defaultValue = "100000") int recentEventIds) {
        return new EventWriter(publisher, new RecentEvents(recentEventIds));
    }

    @Produces
    @Singleton
    @Startup
    WatchlistView watchlistView(KafkaConnection kafka) {
        return new WatchlistView(kafka);
    }

    void close(@Disposes WatchlistView view) {
        view.close();
    }

    static Map<String, Object> producerSettings(Config config, KafkaConnection kafka) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PRODUCER_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(PRODUCER_PREFIX.length()), value));
            }
        }
        settings.putIfAbsent("client.id", "alert-producer");
        return kafka.with(settings);
    }
}
