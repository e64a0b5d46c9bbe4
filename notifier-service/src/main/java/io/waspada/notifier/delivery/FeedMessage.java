package io.waspada.notifier.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.notifier.view.AlertJson;

/**
 * One WebSocket message: {@code {"type":"alert","alert":{...}}} for an alert version (backlog or live), and once,
 * after the backlog, {@code {"type":"backlog-complete","count":n}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedMessage(String type, AlertJson alert, Integer count) {

    public static FeedMessage alert(AlertJson alert) {
        return new FeedMessage("alert", alert, null);
    }

    public static FeedMessage backlogComplete(int count) {
        return new FeedMessage("backlog-complete", null, count);
    }
}
