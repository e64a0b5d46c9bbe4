package io.waspada.notifier.kafka;

import io.waspada.kafka.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every topic the notifier follows (audit trail, silences, delivery dead letters) has been read to
 * where it was at start and is still being read (the audit trail into its store): a reader that stopped on an error turns readiness DOWN, naming it.
 */
@Readiness
@ApplicationScoped
public class ReadersReadiness implements HealthCheck {

    @Inject
    Readers readers;
    @Inject
    io.waspada.notifier.officers.AuditTrail trail;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("topics followed");
        boolean up = trail.running();
        response.withData(io.waspada.topics.Topics.ALERT_LIFECYCLE.name(), trail.describe());
        for (TopicFollower<?, ?> follower : readers.followers()) {
            response.withData(follower.topic(), follower.describe());
            up &= follower.caughtUp();
        }
        return response.status(up).build();
    }
}
