package io.waspada.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import java.time.Instant;

/**
 * One alert as an officer reads it: the contract's alert JSON (with its evidence timeline and the officers' status)
 * plus who acknowledged it (when, comment) and who resolved it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertDetail(@JsonUnwrapped AlertJson alert, Acknowledgement acknowledgement, Resolution resolution) {

    /** Who acknowledged which version, when, with what comment. */
    public record Acknowledgement(String by, String taskForce, Instant at, String comment, long version) {
    }

    /** Who resolved the alert, when. */
    public record Resolution(String by, Instant at) {
    }

    public static AlertDetail of(AlertState state, AlertStatus status) {
        Acknowledgement ack = status.acknowledgedBy() == null ? null : new Acknowledgement(status.acknowledgedBy(),
                status.acknowledgedByTaskForce(), status.acknowledgedAt(), status.comment(), status.acknowledgedVersion());
        Resolution resolution = status.resolvedBy() == null ? null : new Resolution(status.resolvedBy(), status.resolvedAt());
        return new AlertDetail(AlertJson.of(state).withStatus(status.status()), ack, resolution);
    }
}
