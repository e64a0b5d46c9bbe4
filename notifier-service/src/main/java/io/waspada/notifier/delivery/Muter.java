package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.kafka.SilenceLog;
import io.waspada.notifier.routing.Silence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Why an alert is muted, in one place: a silence (national, or a lead's for one task force) or an open alert that
 * inhibits it; and the one way a muting is written to the audit trail ({@code SILENCED} with the silence id, or
 * {@code INHIBITED} with the source alert), whether it is found when the alert arrives or before a page is sent.
 */
@ApplicationScoped
public class Muter {

    /** A reason an alert is not paged: a silence or an inhibiting alert. */
    public record Muting(LifecycleAction action, String id, String comment) {

        static Muting silence(Silence silence) {
            return new Muting(LifecycleAction.SILENCED, silence.id(), silence.comment());
        }

        static Muting inhibitedBy(String alertId) {
            return new Muting(LifecycleAction.INHIBITED, alertId, "inhibited by alert " + alertId);
        }

        /** How the view records it: {@code silence:<id>} or {@code alert:<id>}. */
        public String mutedBy() {
            return (action == LifecycleAction.SILENCED ? "silence:" : "alert:") + id;
        }

        /** The attribute naming the reason: {@code silenceId} or {@code sourceAlertId}. */
        String attribute() {
            return action == LifecycleAction.SILENCED ? "silenceId" : "sourceAlertId";
        }
    }

    @Inject
    SilenceLog silences;
    @Inject
    Inhibition inhibition;
    @Inject
    LifecyclePublisher lifecycle;

    /** A national silence, else an inhibiting alert: muted for every task force. */
    public Optional<Muting> forEveryone(Alert alert, Instant now) {
        Optional<Silence> silence = silences.muting(alert.getLabels(), now);
        if (silence.isPresent()) {
            return silence.map(Muting::silence);
        }
        return inhibition.inhibitor(alert).map(Muting::inhibitedBy);
    }

    /** A silence that applies to this task force's paging channels (a lead's, or a national one). */
    public Optional<Muting> silencedFor(Alert alert, Instant now, String taskForce) {
        return silences.muting(alert.getLabels(), now, taskForce).map(Muting::silence);
    }

    /** Before a page is sent: a silence for the task force, else an inhibiting alert. */
    public Optional<Muting> beforeSending(Alert alert, Instant now, String taskForce) {
        Optional<Muting> silenced = silencedFor(alert, now, taskForce);
        return silenced.isPresent() ? silenced : inhibition.inhibitor(alert).map(Muting::inhibitedBy);
    }

    /**
     * Of {@code taskForces}, those whose paging channels a silence mutes (a lead's for that task force, or a national
     * one) and why. They still see the alert on their consoles and, unanswered, it is still escalated.
     */
    public Map<String, Muting> silencedFor(Alert alert, Instant now, java.util.Collection<String> taskForces) {
        Map<String, Muting> scoped = new HashMap<>();
        for (String taskForce : taskForces) {
            silencedFor(alert, now, taskForce).ifPresent(s -> scoped.put(taskForce, s));
        }
        return scoped;
    }

    /** Writes a task force's silence of the alert a route sent it: its webhook and email are muted. */
    public CompletableFuture<RecordMetadata> auditSilenced(Alert alert, Muting muting,
            io.waspada.notifier.routing.RouteMatch match) {
        return audit(alert, muting, match.taskForce().id(), null,
                Map.of("route", match.route().path(), "channels", "webhook,email"));
    }

    /** Writes a muting for every task force the routes name (as {@code receivers}). */
    public CompletableFuture<RecordMetadata> auditForEveryone(Alert alert, Muting muting,
            java.util.List<io.waspada.notifier.routing.RouteMatch> matches) {
        String receivers = String.join(",", matches.stream().map(m -> m.taskForce().id()).distinct().toList());
        return audit(alert, muting, null, null, Map.of("receivers", receivers));
    }

    /** Writes the muting to the audit trail (for one task force, or for all with {@code taskForce} null). */
    public CompletableFuture<RecordMetadata> audit(Alert alert, Muting muting, String taskForce, String detail,
            Map<String, String> attributes) {
        Map<String, String> all = new HashMap<>(attributes);
        all.put(muting.attribute(), muting.id());
        return lifecycle.publish(alert, muting.action(), taskForce, null, detail == null ? muting.comment() : detail,
                all);
    }
}
