package io.waspada.notifier.delivery;

import io.waspada.notifier.view.AlertState;
import java.util.HashMap;
import java.util.Map;

/**
 * What a reconnecting client already has: {@code since=<alertId>:<version>,...}, the highest version it saw per
 * alert. The backlog then holds only alerts it lacks or has an older version of; an empty cursor means everything.
 */
public record ResumeCursor(Map<String, Long> seen) {

    public static final ResumeCursor NONE = new ResumeCursor(Map.of());

    public ResumeCursor {
        seen = Map.copyOf(seen);
    }

    /** Parses the {@code since} parameter; throws {@link IllegalArgumentException} naming the bad item. */
    public static ResumeCursor parse(String since) {
        if (since == null || since.isBlank()) {
            return NONE;
        }
        Map<String, Long> seen = new HashMap<>();
        for (String item : since.split(",")) {
            int colon = item.lastIndexOf(':');
            try {
                seen.merge(item.substring(0, colon).trim(), Long.parseLong(item.substring(colon + 1).trim()), Math::max);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("since: '" + item + "' is not alertId:version");
            }
        }
        return new ResumeCursor(seen);
    }

    public boolean lacks(AlertState state) {
        return state.version() > seen.getOrDefault(state.alertId(), 0L);
    }
}
