package io.waspada.notifier.officers;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.kafka.TopicFollower;
import io.waspada.notifier.kafka.Readers;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows {@code tip.alert-lifecycle.v1} from the beginning: per alert, its lifecycle events (the history officers
 * see) and its officer status folded from them. No database: a restart rebuilds both from the topic. Events this
 * instance writes are applied at once too; an event seen twice (by eventId) counts once.
 */
@ApplicationScoped
public class AuditTrail {

    private final Map<String, Map<String, AlertLifecycleEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, AlertStatus> statuses = new ConcurrentHashMap<>();
    private final Readers readers;
    private TopicFollower<String, AlertLifecycleEvent> tail;

    @Inject
    public AuditTrail(Readers readers) {
        this.readers = readers;
    }

    /** Reads the audit trail to its end, then keeps following it. */
    public void start(Duration timeout) throws InterruptedException {
        start(timeout, event -> { });
    }

    /**
     * Reads the audit trail to its end, handing each event read until then to {@code whileCatchingUp} as well (the
     * page recovery's reading: the topic is read once at start, not twice), then keeps following it.
     */
    public void start(Duration timeout, java.util.function.Consumer<AlertLifecycleEvent> whileCatchingUp)
            throws InterruptedException {
        catchingUp = true;
        tail = readers.follow(Topics.ALERT_LIFECYCLE, new AvroSerde<>(AlertLifecycleEvent.class),
                "notifier-tail-" + Topics.ALERT_LIFECYCLE.name(), record -> {
                    apply(record.value());
                    if (catchingUp && record.value() != null) {
                        whileCatchingUp.accept(record.value());
                    }
                });
        boolean caughtUp = tail.awaitCaughtUp(timeout);
        catchingUp = false;
        if (!caughtUp) {
            throw new IllegalStateException("audit trail not read from " + Topics.ALERT_LIFECYCLE + " within " + timeout);
        }
    }

    private volatile boolean catchingUp;

    /** Adds one event (once per eventId) and folds it into the alert's status. */
    public void apply(AlertLifecycleEvent event) {
        if (event == null) {
            return;
        }
        Map<String, AlertLifecycleEvent> ofAlert = events.computeIfAbsent(event.getAlertId(), id -> new LinkedHashMap<>());
        synchronized (ofAlert) {
            if (ofAlert.putIfAbsent(event.getEventId(), event) == null) {
                statuses.merge(event.getAlertId(), AlertStatus.NEW.after(event), (old, ignored) -> old.after(event));
            }
        }
    }

    public AlertStatus status(String alertId) {
        return statuses.getOrDefault(alertId, AlertStatus.NEW);
    }

    /** The alert's lifecycle events in the order they were written. */
    public List<AlertLifecycleEvent> history(String alertId) {
        Map<String, AlertLifecycleEvent> ofAlert = events.getOrDefault(alertId, Map.of());
        synchronized (ofAlert) {
            return new ArrayList<>(ofAlert.values());
        }
    }

    @PreDestroy
    public void close() throws InterruptedException {
        if (tail != null) {
            readers.stop(tail);
        }
    }
}
