package io.waspada.ingest.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live} is DOWN once the Kafka door's thread has ended (an Error it could not survive): the
 * orchestrator restarts the service, instead of the agencies' reports ageing out of their inboxes unread. A door that
 * waits for Kafka is alive; a door switched off ({@code waspada.inbox.enabled=false}) is not checked.
 */
@Liveness
@ApplicationScoped
public class InboxDoorLiveness implements HealthCheck {

    @Inject
    Optional<InboxDoor> door;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-door").status(door.map(InboxDoor::alive).orElse(true)).build();
    }
}
