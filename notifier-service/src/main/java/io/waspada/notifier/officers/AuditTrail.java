package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.notifier.kafka.Readers;
import io.waspada.notifier.state.TrailListener;
import io.waspada.notifier.state.LocalState;
import io.waspada.notifier.state.NotifierStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The audit trail, {@code tip.alert-lifecycle.v1}: per alert, its lifecycle events (the history officers see) and its
 * officer status folded from them. The events are kept on local disk ({@link NotifierStore}, brought up to date from
 * the topic at start), not in memory; the heap holds only the statuses of the alerts in use (folded from the store when
 * first asked for, then kept current as events arrive) until they are {@linkplain #forget forgotten}. Events this
 * instance writes count at once, before the topic brings them back; an event is counted once.
 */
@ApplicationScoped
public class AuditTrail implements TrailListener {

    private final Map<String, Folded> statuses = new ConcurrentHashMap<>();
    private final LocalState state;
    private final List<java.util.function.Consumer<AlertLifecycleEvent>> followers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * An alert's status as folded up to {@code position} on the topic, the ids of the last events folded from the topic
     * (an event is counted once even when the topic brings it back before this instance's own write returns, or
     * twice), and the events this instance wrote that the topic has not brought back yet (already in the status).
     */
    private record Folded(AlertStatus status, long position, Map<String, AlertLifecycleEvent> ownPending,
            List<String> recent) {

        static final int RECENT = 8;

        Folded own(AlertLifecycleEvent event) {
            if (ownPending.containsKey(event.getEventId()) || recent.contains(event.getEventId())) {
                return this;
            }
            Map<String, AlertLifecycleEvent> pending = new LinkedHashMap<>(ownPending);
            pending.put(event.getEventId(), event);
            return new Folded(status.after(event), position, pending, recent);
        }

        Folded stored(long at, AlertLifecycleEvent event) {
            if (at <= position) {
                return this; // already folded in when the status was read from the store
            }
            String id = event.getEventId();
            if (recent.contains(id)) {
                return new Folded(status, at, ownPending, recent); // the same event twice on the topic
            }
            if (ownPending.containsKey(id)) {
                Map<String, AlertLifecycleEvent> pending = new LinkedHashMap<>(ownPending);
                pending.remove(id);
                return new Folded(status, at, Map.copyOf(pending), with(recent, id));
            }
            return new Folded(status.after(event), at, ownPending, with(recent, id));
        }

        static List<String> with(List<String> recent, String id) {
            List<String> kept = new ArrayList<>(recent.subList(Math.max(0, recent.size() - RECENT + 1), recent.size()));
            kept.add(id);
            return List.copyOf(kept);
        }
    }

    @Inject
    public AuditTrail(LocalState state) {
        this.state = state;
        state.onStored(this);
    }

    /** A trail with its store in a temporary directory (tests, tools). */
    public AuditTrail(Readers readers) {
        this(new LocalState(readers, Optional.empty()));
    }

    /** Brings the store up to the topic's end, then keeps following it. */
    public void start(Duration timeout) throws InterruptedException {
        state.start(timeout);
    }

    /** Up and following the topic (readiness). */
    public boolean running() {
        return state.running();
    }

    public String describe() {
        return state.describe();
    }

    @Override
    public void stored(long position, AlertLifecycleEvent event) {
        statuses.computeIfPresent(event.getAlertId(), (id, folded) -> folded.stored(position, event));
        followers.forEach(follower -> follower.accept(event));
    }

    /** Told of every event the topic brings from now on (whoever wrote it), once it counts in the status. */
    public void whenStored(java.util.function.Consumer<AlertLifecycleEvent> follower) {
        followers.add(follower);
    }

    /** An event this instance wrote (durably): it counts now, and once only when the topic brings it back. */
    public void apply(AlertLifecycleEvent event) {
        if (event == null) {
            return;
        }
        statuses.compute(event.getAlertId(), (id, folded) -> (folded == null ? fold(id) : folded).own(event));
    }

    public AlertStatus status(String alertId) {
        return statuses.computeIfAbsent(alertId, this::fold).status();
    }

    /** When the alert was first resolved, without folding its status. */
    public Optional<Instant> resolvedAt(String alertId) {
        Folded folded = statuses.get(alertId);
        if (folded != null && folded.status().resolved()) {
            return Optional.of(folded.status().resolution().at());
        }
        return state.store().resolvedAt(alertId);
    }

    /** The alert's lifecycle events in the order they were written (this instance's newest last if not back yet). */
    public List<AlertLifecycleEvent> history(String alertId) {
        Folded folded = statuses.get(alertId);
        List<AlertLifecycleEvent> history = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NotifierStore.Entry entry : state.store().entries(alertId)) {
            if (seen.add(entry.event().getEventId())) {
                history.add(entry.event());
            }
        }
        if (folded != null) {
            folded.ownPending().values().stream().filter(e -> seen.add(e.getEventId())).forEach(history::add);
        }
        return history;
    }

    /**
     * Whether the routing decision of this version was made already, by this instance or another: the trail holds a
     * ROUTED, SILENCED or INHIBITED record for it, or a withholding one (OTHER), written by the service. For an
     * instance taking over partitions, whose store is read up to the moment it took them.
     */
    public boolean decided(String alertId, long version) {
        for (AlertLifecycleEvent event : history(alertId)) {
            if (event.getAlertVersion() == version && io.waspada.notifier.kafka.LifecyclePublisher.ACTOR.equals(
                    event.getActor()) && DECISIONS.contains(event.getAction())) {
                return true;
            }
        }
        return false;
    }

    private static final Set<io.waspada.avro.LifecycleAction> DECISIONS = java.util.EnumSet.of(
            io.waspada.avro.LifecycleAction.ROUTED, io.waspada.avro.LifecycleAction.SILENCED,
            io.waspada.avro.LifecycleAction.INHIBITED, io.waspada.avro.LifecycleAction.OTHER);

    /**
     * Waits until the local store has read the lifecycle topic up to {@code ends} (per partition): what other
     * instances wrote before then counts in statuses and histories. False if not within {@code timeout}.
     */
    public boolean awaitStored(Map<Integer, Long> ends, Duration timeout) throws InterruptedException {
        return state.store().awaitTrail(ends, timeout);
    }

    /** How many records of the alert the store holds (an event written twice counts twice; tests). */
    public int storedEntries(String alertId) {
        return state.store().entries(alertId).size();
    }

    /** Drops from memory the statuses of alerts {@code keep} refuses (they are folded again if asked for). */
    public void forget(Predicate<String> keep) {
        statuses.keySet().removeIf(alertId -> !keep.test(alertId));
    }

    /** How many statuses are in memory. */
    public int inMemory() {
        return statuses.size();
    }

    private Folded fold(String alertId) {
        AlertStatus status = AlertStatus.NEW;
        long position = -1;
        Set<String> seen = new HashSet<>();
        List<String> recent = List.of();
        for (NotifierStore.Entry entry : state.store().entries(alertId)) {
            String id = entry.event().getEventId();
            if (seen.add(id)) {
                status = status.after(entry.event());
                recent = Folded.with(recent, id);
            }
            position = entry.position();
        }
        return new Folded(status, position, Map.of(), recent);
    }

    @PreDestroy
    public void close() {
        state.close();
    }
}
