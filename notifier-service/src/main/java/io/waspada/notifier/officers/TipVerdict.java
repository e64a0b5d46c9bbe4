package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The verification desk's decision on an alert resting only on civil-society tips (#18), as the audit trail records
 * it: VERIFIED is an OTHER event with the attribute {@code verification=VERIFIED} (the desk's reason as its detail);
 * UNFOUNDED is the RESOLVED event that closes the alert, with {@code verification=UNFOUNDED}. Once a VERIFIED alert has
 * been routed onwards, the service writes an OTHER event with {@code verification=ROUTED}: a replay, a restart or
 * another instance never routes it again. The first decision counts; one arriving later (two leads at two instances
 * at once) changes nothing. Pure: folded by {@link AlertStatus}.
 */
public record TipVerdict(String decision, String by, String taskForce, Instant at, String reason, boolean routed) {

    /** The lifecycle attribute that carries the decision. */
    public static final String ATTRIBUTE = "verification";
    public static final String VERIFIED = "VERIFIED";
    public static final String UNFOUNDED = "UNFOUNDED";
    /** The service routed a VERIFIED alert onwards (written once, after its ROUTED records). */
    public static final String ROUTED = "ROUTED";

    public boolean verified() {
        return VERIFIED.equals(decision);
    }

    /** The status after {@code event} as far as the desk's decision goes (unchanged for any other event). */
    static AlertStatus after(AlertStatus status, AlertLifecycleEvent event) {
        String value = event.getAttributes().get(ATTRIBUTE);
        if (value == null) {
            return status;
        }
        TipVerdict known = status.verification();
        if (event.getAction() == LifecycleAction.RESOLVED && UNFOUNDED.equals(value) && known == null) {
            return status.withVerification(of(event, false), status.acknowledgements());
        }
        if (event.getAction() != LifecycleAction.OTHER) {
            return status;
        }
        if (VERIFIED.equals(value) && known == null && !status.resolved() && event.getTaskForce() != null) {
            // The desk's decision is its answer: the alert leaves its open queue (an acknowledgement without a
            // severity, so a worse version does not re-open it there).
            Map<String, AlertStatus.Acknowledgement> acks = new HashMap<>(status.acknowledgements());
            acks.putIfAbsent(event.getTaskForce(), new AlertStatus.Acknowledgement(event.getActor(),
                    event.getTaskForce(), event.getAt(), event.getDetail(), event.getAlertVersion(), null));
            return status.withVerification(of(event, false), acks);
        }
        if (ROUTED.equals(value) && known != null && known.verified() && !known.routed()) {
            return status.withVerification(new TipVerdict(known.decision(), known.by(), known.taskForce(), known.at(),
                    known.reason(), true), status.acknowledgements());
        }
        return status;
    }

    private static TipVerdict of(AlertLifecycleEvent event, boolean routed) {
        return new TipVerdict(event.getAttributes().get(ATTRIBUTE), event.getActor(), event.getTaskForce(),
                event.getAt(), event.getDetail(), routed);
    }
}
