package io.waspada.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One alert as an officer of a task force reads it: the contract's alert JSON (with its evidence timeline and that
 * task force's status) plus its own task force's acknowledgement (who, when, comment), which other task forces
 * have acknowledged it (task force and time only: their comments are theirs), who resolved it for everyone, and the
 * verification desk's decision on a tip-only alert.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDetail(@JsonUnwrapped AlertJson alert, Acknowledgement acknowledgement,
        List<OtherAcknowledgement> acknowledgedElsewhere, Resolution resolution, Verification verification) {

    /** Who of the caller's task force acknowledged which version, when, with what comment. */
    public record Acknowledgement(String by, String taskForce, Instant at, String comment, long version) {
    }

    /** Another task force that has acknowledged the alert, and when. */
    public record OtherAcknowledgement(String taskForce, Instant at) {
    }

    /** Who resolved the alert for every task force, when, why. */
    public record Resolution(String by, String taskForce, Instant at, String comment) {
    }

    /**
     * The verification desk's decision on a tip-only alert (#18): VERIFIED or UNFOUNDED, by which desk, when; who
     * decided and why only for the desk itself (and receivers that see others' notes).
     */
    public record Verification(String decision, String taskForce, Instant at, String by, String reason) {
    }

    /** The same detail with the alert's JSON replaced (another language). */
    public AlertDetail withAlert(AlertJson other) {
        return new AlertDetail(other, acknowledgement, acknowledgedElsewhere, resolution, verification);
    }

    /** The detail as {@code taskForce}'s officers see it, through their {@code projection}. */
    public static AlertDetail of(AlertState state, AlertStatus status, String taskForce,
            io.waspada.notifier.routing.Projection projection) {
        AlertStatus.Acknowledgement own = status.acknowledgementOf(taskForce).orElse(null);
        Acknowledgement ack = own == null ? null
                : new Acknowledgement(own.by(), own.taskForce(), own.at(), own.comment(), own.version());
        List<OtherAcknowledgement> others = status.acknowledgements().values().stream()
                .filter(a -> a != own && !a.taskForce().equals(taskForce))
                .sorted(Comparator.comparing(AlertStatus.Acknowledgement::at))
                .map(a -> new OtherAcknowledgement(a.taskForce(), a.at())).toList();
        AlertStatus.Resolution r = status.resolution();
        boolean ownOrShown = r != null && (projection.showsOthersNotes() || r.taskForce().equals(taskForce));
        Resolution resolution = r == null ? null : new Resolution(ownOrShown ? r.by() : null, r.taskForce(), r.at(),
                ownOrShown ? r.comment() : null);
        io.waspada.notifier.officers.TipVerdict v = status.verification();
        boolean ownVerdict = v != null
                && (projection.showsOthersNotes() || java.util.Objects.equals(taskForce, v.taskForce()));
        Verification verification = v == null ? null : new Verification(v.decision(), v.taskForce(), v.at(),
                ownVerdict ? v.by() : null, ownVerdict ? v.reason() : null);
        return new AlertDetail(AlertJson.of(state, taskForce).withStatus(status.statusFor(taskForce))
                .projectedFor(projection), ack,
                others.isEmpty() ? null : others, resolution, verification);
    }
}
