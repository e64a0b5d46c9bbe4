package io.waspada.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.avro.AlertLifecycleEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One lifecycle event of an alert as {@code GET /api/v1/alerts/{id}/history} shows it: who did what, when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(String eventId, String action, long alertVersion, Instant at, String actor, String taskForce,
        String channel, String detail, Map<String, String> attributes) {

    public static HistoryEntry of(AlertLifecycleEvent e) {
        return new HistoryEntry(e.getEventId(), e.getAction().name(), e.getAlertVersion(), e.getAt(), e.getActor(),
                e.getTaskForce(), e.getChannel(), e.getDetail(), new TreeMap<>(e.getAttributes()));
    }
}
