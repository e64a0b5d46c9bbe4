package io.waspada.notifier.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.officers.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * An acknowledged alert in, one observation of {@code waspada_notifier_ack_latency_seconds{severity}} out: the time
 * from when the notifier first routed the alert (its first ROUTED event in the audit trail; the alert's
 * {@code createdAt} if there is none) to now. One timer per severity, all registered at start with a histogram.
 */
// Created at start, so every severity's series exists before the first acknowledgement.
@Startup
@ApplicationScoped
public class AckLatency {

    private final Map<Severity, Timer> timers = new EnumMap<>(Severity.class);
    private final AuditTrail trail;
    private final Clock clock;

    @Inject
    public AckLatency(MeterRegistry registry, AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
        for (Severity severity : Severity.values()) {
            timers.put(severity, Timer.builder("waspada.notifier.ack.latency")
                    .description("Time from an alert's first routing to its acknowledgement by an officer")
                    .tag("severity", severity.name())
                    .publishPercentileHistogram()
                    // Officers acknowledge within seconds to hours (deadlines: 5m critical .. 4h medium).
                    .minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofHours(8))
                    .register(registry));
        }
    }

    /** Records the latency of an acknowledgement that has just been written. */
    public void acknowledged(Alert alert) {
        Instant routed = trail.history(alert.getAlertId()).stream()
                .filter(event -> event.getAction() == LifecycleAction.ROUTED)
                .map(AlertLifecycleEvent::getAt).min(Instant::compareTo).orElse(alert.getCreatedAt());
        Duration latency = Duration.between(routed, clock.instant());
        timers.get(alert.getSeverity()).record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
