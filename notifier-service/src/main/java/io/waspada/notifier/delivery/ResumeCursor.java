package io.waspada.notifier.delivery;

import io.waspada.notifier.officers.OfficerStatus;
import io.waspada.notifier.view.AlertState;
import java.util.HashMap;
import java.util.Map;

/**
 * What a reconnecting client already has: {@code since=<alertId>:<version>[:<status>],...}, the highest version it saw
 * per alert and, optionally, the officers' status it saw with it. The backlog then holds the alerts it lacks, has an
 * older version of, or has with another status (an ack, resolution or re-opening made while it was away); a resolved
 * alert only if the client has it. An empty cursor means every open alert.
 */
public record ResumeCursor(Map<String, Long> seen, Map<String, OfficerStatus> statuses) {

    public static final ResumeCursor NONE = new ResumeCursor(Map.of(), Map.of());

    public ResumeCursor {
        seen = Map.copyOf(seen);
        statuses = Map.copyOf(statuses);
    }

    /** Parses the {@code since} parameter; throws {@link IllegalArgumentException} naming the bad item. */
    public static ResumeCursor parse(String since) {
        if (since == null || since.isBlank()) {
            return NONE;
        }
        Map<String, Long> seen = new HashMap<>();
        Map<String, OfficerStatus> statuses = new HashMap<>();
        for (String item : since.split(",")) {
            String rest = item.trim();
            OfficerStatus status = null;
            int colon = rest.lastIndexOf(':');
            if (colon > 0 && OfficerStatus.named(rest.substring(colon + 1)) != null) {
                status = OfficerStatus.named(rest.substring(colon + 1));
                rest = rest.substring(0, colon);
                colon = rest.lastIndexOf(':');
            }
            try {
                String alertId = rest.substring(0, colon).trim();
                long version = Long.parseLong(rest.substring(colon + 1).trim());
                if (version >= seen.getOrDefault(alertId, 0L)) {
                    seen.put(alertId, version);
                    if (status != null) {
                        statuses.put(alertId, status);
                    } else {
                        statuses.remove(alertId);
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("since: '" + item + "' is not alertId:version[:status]");
            }
        }
        return new ResumeCursor(seen, statuses);
    }

    /**
     * Whether a client of {@code taskForce} lacks this state: a newer version, or the same version with another status
     * (as that task force sees it) than it saw.
     */
    public boolean lacks(AlertState state, String taskForce) {
        long known = seen.getOrDefault(state.alertId(), 0L);
        OfficerStatus status = statuses.get(state.alertId());
        return state.version() > known
                || state.version() == known && status != null && status != state.statusFor(taskForce);
    }

    /** What the backlog sends: open alerts the client lacks, and resolved ones it has with an older state. */
    public boolean wants(AlertState state, String taskForce) {
        return (state.active() || seen.containsKey(state.alertId())) && lacks(state, taskForce);
    }
}
