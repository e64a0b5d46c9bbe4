package io.waspada.ingest.kafka;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the {@link EventPublisher} from {@code kafka.bootstrap.servers} plus every {@code waspada.producer.*}
 * key (passed through to the Kafka producer, e.g. {@code waspada.producer.linger.ms}).
 */
@ApplicationScoped
public class KafkaWiring {

    static final String PRODUCER_PREFIX = "waspada.producer.";

    @Produces
    @Singleton
    @Startup
    EventPublisher publisher(Config config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        return new EventPublisher(producerSettings(config, bootstrap));
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
    WatchlistView watchlistView(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        return new WatchlistView(bootstrap);
    }

    void close(@Disposes WatchlistView view) {
        view.close();
    }

    static Map<String, Object> producerSettings(Config config, String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PRODUCER_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(PRODUCER_PREFIX.length()), value));
            }
        }
        settings.put("bootstrap.servers", bootstrap);
        settings.putIfAbsent("client.id", "alert-producer");
        return settings;
    }
}
