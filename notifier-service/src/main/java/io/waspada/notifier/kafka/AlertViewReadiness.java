package io.waspada.notifier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the alert view has been rebuilt from the alerts topic (before that a backlog would be incomplete), and
 * only while the alert intake is reading.
 */
@Readiness
@ApplicationScoped
public class AlertViewReadiness implements HealthCheck {

    @Inject
    AlertIntake intake;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("alert view rebuilt from tip.alerts.v1")
                .status(intake.replayed() && !intake.failed())
                .withData("intake", intake.failed() ? "stopped: " + intake.failure() : "reading")
                .build();
    }
}
