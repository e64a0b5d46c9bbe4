package io.waspada.notifier.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.api.OfficerAlerts;
import io.waspada.notifier.auth.Officer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live side of follow-up requests: every change of a request ({@code {"type":"follow-up","event":...,
 * "request":{...}}}), as this instance reads it back from the requests' topic (whichever instance made it), is pushed
 * to the officers connected here whose task force asked it (or had it escalated to it) and who still see its alert.
 */
@ApplicationScoped
public class FollowUpFeed {

    /** One WebSocket message. */
    public record Message(String type, String event, OfficerFollowUp request) {
    }

    private record Listener(Officer officer, Consumer<String> sink) {
    }

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    @Inject
    OfficerAlerts alerts;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    public void subscribe(String connectionId, Officer officer, Consumer<String> sink) {
        listeners.put(connectionId, new Listener(officer, sink));
    }

    public void unsubscribe(String connectionId) {
        listeners.remove(connectionId);
    }

    /** Tells every connected officer who sees the request's alert that it changed. */
    public void changed(FollowUpRequest request) {
        if (request.status() == null || request.alertId() == null) {
            return;
        }
        String event = switch (request.status()) {
            case ANSWERED -> "ANSWERED";
            case DECLINED -> "DECLINED";
            case OPEN -> request.remindedAt() == null ? "ASKED" : "ESCALATED";
        };
        if (listeners.isEmpty()) {
            return;
        }
        String message;
        try {
            message = json.writeValueAsString(new Message("follow-up", event, OfficerFollowUp.of(request, clock.instant())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (Listener listener : listeners.values()) {
            if (FollowUps.concerns(request, listener.officer().taskForce())
                    && alerts.visible(listener.officer(), request.alertId()).isPresent()) {
                listener.sink().accept(message);
            }
        }
    }
}
