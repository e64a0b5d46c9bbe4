package io.waspada.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.avro.AlertLifecycleEvent;
import java.time.Instant;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.Projection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One lifecycle event of an alert as {@code GET /api/v1/alerts/{id}/history} shows it to an officer of a task force:
 * who did what, when. What another task force's people did (its acknowledgement and comment, its reads, its
 * deliveries to its officers) and its lead's silence show only as the action, the time and that task force: not who,
 * not the comment, not the details. Events for everyone (resolution, re-opening, escalation) and the service's own
 * decisions (routed, withheld for clearance) show in full; its deliveries on another task force's channels show the
 * channel and the attempt, not where they went nor the receiver's error (a webhook's address is that task force's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(String eventId, String action, long alertVersion, Instant at, String actor, String taskForce,
        String channel, String detail, Map<String, String> attributes) {

    private static final Set<LifecycleAction> DELIVERIES = EnumSet.of(LifecycleAction.DELIVERED,
            LifecycleAction.DELIVERY_FAILED, LifecycleAction.DEAD_LETTERED);
    private static final Set<String> DELIVERY_ATTRIBUTES_FOR_OTHERS = Set.of("notificationId", "attempt", "sequence");

    private static final Set<LifecycleAction> FOR_EVERYONE = EnumSet.of(LifecycleAction.RESOLVED,
            LifecycleAction.REOPENED, LifecycleAction.ESCALATED, LifecycleAction.ROUTED);

    public static HistoryEntry of(AlertLifecycleEvent e, String callerTaskForce) {
        return of(e, callerTaskForce, Projection.FULL);
    }

    /** As above; a protection receiver sees no other task force's details, not even of the events for everyone. */
    public static HistoryEntry of(AlertLifecycleEvent e, String callerTaskForce, Projection projection) {
        boolean byThem = !LifecyclePublisher.ACTOR.equals(e.getActor()) || e.getAction() == LifecycleAction.SILENCED;
        boolean shownToAll = FOR_EVERYONE.contains(e.getAction()) && projection.showsOthersNotes();
        boolean others = e.getTaskForce() != null && !e.getTaskForce().equals(callerTaskForce) && !shownToAll
                && byThem;
        if (others) {
            return new HistoryEntry(e.getEventId(), e.getAction().name(), e.getAlertVersion(), e.getAt(), null,
                    e.getTaskForce(), null, null, null);
        }
        boolean othersDelivery = e.getTaskForce() != null && !e.getTaskForce().equals(callerTaskForce)
                && DELIVERIES.contains(e.getAction());
        if (othersDelivery) {
            Map<String, String> shown = new TreeMap<>();
            e.getAttributes().forEach((k, v) -> {
                if (DELIVERY_ATTRIBUTES_FOR_OTHERS.contains(k)) {
                    shown.put(k, v);
                }
            });
            return new HistoryEntry(e.getEventId(), e.getAction().name(), e.getAlertVersion(), e.getAt(),
                    e.getActor(), e.getTaskForce(), e.getChannel(), null, shown);
        }
        return new HistoryEntry(e.getEventId(), e.getAction().name(), e.getAlertVersion(), e.getAt(), e.getActor(),
                e.getTaskForce(), e.getChannel(), e.getDetail(), new TreeMap<>(e.getAttributes()));
    }
}
