package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import java.time.Instant;

/**
 * An alert's officer status, folded from its ACKED, RESOLVED and REOPENED lifecycle events: OPEN, ACKNOWLEDGED
 * (who, when, comment, the severity acknowledged) or RESOLVED (who, when). Immutable; each event gives a new one.
 */
public record AlertStatus(String status, String acknowledgedBy, String acknowledgedByTaskForce, Instant acknowledgedAt,
        String comment, long acknowledgedVersion, String acknowledgedSeverity, String resolvedBy, Instant resolvedAt) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";
    /** Attribute of an ACKED event: the severity of the version acknowledged, to know when a new one is worse. */
    public static final String SEVERITY = "severity";

    public static final AlertStatus NEW = new AlertStatus(OPEN, null, null, null, null, 0, null, null, null);

    /** The status after {@code event}; events other than ACKED, RESOLVED and REOPENED change nothing. */
    public AlertStatus after(AlertLifecycleEvent event) {
        return switch (event.getAction()) {
            case ACKED -> new AlertStatus(ACKNOWLEDGED, event.getActor(), event.getTaskForce(), event.getAt(),
                    event.getDetail(), event.getAlertVersion(), event.getAttributes().get(SEVERITY), null, null);
            case RESOLVED -> new AlertStatus(RESOLVED, acknowledgedBy, acknowledgedByTaskForce, acknowledgedAt, comment,
                    acknowledgedVersion, acknowledgedSeverity, event.getActor(), event.getAt());
            case REOPENED -> NEW;
            default -> this;
        };
    }

    public boolean acknowledged() {
        return ACKNOWLEDGED.equals(status);
    }

    public boolean resolved() {
        return RESOLVED.equals(status);
    }
}
