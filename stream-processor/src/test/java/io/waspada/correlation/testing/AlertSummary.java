package io.waspada.correlation.testing;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import java.util.List;

/** One line per alert version, so a test can assert the whole output list at a glance. */
public final class AlertSummary {

    private AlertSummary() {
    }

    /** {@code TYPE v<version> <severity> [eventId, ...]} with evidence in the alert's order. */
    public static String of(Alert alert) {
        return alert.getType() + " v" + alert.getVersion() + " " + alert.getSeverity() + " "
                + alert.getEvidence().stream().map(EvidenceRef::getEventId).toList();
    }

    public static List<String> of(List<Alert> alerts) {
        return alerts.stream().map(AlertSummary::of).toList();
    }
}
