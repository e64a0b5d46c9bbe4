package io.waspada.ingest.kafka;

import io.quarkus.runtime.Startup;
import io.waspada.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the service's Kafka clients from its one {@link KafkaConnection} (Quarkus' {@code kafka.*}: bootstrap servers
 * and security settings): the {@link EventPublisher} with every {@code waspada.producer.*} key passed through to the
 * producer (e.g. {@code waspada.producer.linger.ms}), and the {@link WatchlistView}.
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
    EventPublisher publisher(Config config, KafkaConnection kafka) {
        return new EventPublisher(producerSettings(config, kafka));
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
