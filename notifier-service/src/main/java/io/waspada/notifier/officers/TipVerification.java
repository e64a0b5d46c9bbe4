package io.waspada.notifier.officers;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;

/**
 * Civil-society tips (#18): an alert resting only on tips ({@code verification=required}, set by the correlation when no
 * agency's event was ever part of it) waits at the verification desk and never escalates on its own. When an agency's
 * event joins, the next version lacks the label and the alert is chased like any other; when the desk verifies it
 * ({@link TipVerificationDecision}), it is routed onwards ({@link VerifiedRouting}) and chased from then on.
 */
public final class TipVerification {

    private TipVerification() {
    }

    /** Whether the alert rests on tips alone and waits for verification. */
    public static boolean awaits(Alert alert) {
        return AlertLabels.VERIFICATION_REQUIRED.equals(alert.getLabels().get(AlertLabels.VERIFICATION));
    }
}
