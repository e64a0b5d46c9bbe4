package io.waspada.ingest.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.waspada.inbox.AgencyReport;
import io.waspada.ingest.domain.EventReader;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;
import io.waspada.schemas.ReleasedSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the agencies' Kafka door at start ({@code waspada.inbox.enabled}, default on) for the agencies of
 * {@code waspada.agencies}; {@code waspada.inbox.instance-id} (default: the host name and HTTP port) names this instance's
 * transactional producer, so a restarted instance fences its predecessor's open transaction at once.
 */
@ApplicationScoped
public class InboxWiring {

    @Produces
    @Singleton
    @Startup
    Optional<InboxDoor> door(KafkaConnection kafka, EventReader events, MeterRegistry registry,
            @ConfigProperty(name = "waspada.inbox.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "waspada.inbox.instance-id") Optional<String> instanceId,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8081") int port,
            @ConfigProperty(name = "waspada.agencies") List<String> agencies) {
        if (!enabled) {
            return Optional.empty();
        }
        InboxDoor door = new InboxDoor(kafka, instanceId.filter(id -> !id.isBlank()).orElseGet(() -> hostName() + "-" + port),
                agencies, new InboxReader(new AvroSerde<>(AgencyReport.class, ReleasedSchemas.inbox().values()), events), Clock.systemUTC(),
                registry);
        door.start();
        return Optional.of(door);
    }

    void close(@Disposes Optional<InboxDoor> door) {
        door.ifPresent(InboxDoor::close);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "0";
        }
    }
}
