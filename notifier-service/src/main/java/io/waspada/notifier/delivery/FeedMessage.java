package io.waspada.notifier.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.notifier.view.AlertJson;

/**
 * One WebSocket message: {@code {"type":"alert","alert":{...}}} for an alert version (backlog or live), once, after
 * the backlog, {@code {"type":"backlog-complete","count":n}}, and {@code {"type":"withdrawn","alertId":"..."}} when the
 * task force may no longer see an alert it was shown (its latest version is above the task force's clearance): the
 * client drops it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedMessage(String type, AlertJson alert, Integer count, String alertId) {

    public static FeedMessage alert(AlertJson alert) {
        return new FeedMessage("alert", alert, null, null);
    }

    public static FeedMessage backlogComplete(int count) {
        return new FeedMessage("backlog-complete", null, count, null);
    }

    public static FeedMessage withdrawn(String alertId) {
        return new FeedMessage("withdrawn", null, null, alertId);
    }
}
