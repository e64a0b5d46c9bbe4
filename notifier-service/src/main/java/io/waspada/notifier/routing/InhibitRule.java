package io.waspada.notifier.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alertmanager's inhibition: an open alert matching {@code source} mutes alerts matching {@code target} that
 * have equal values for every label in {@code equal} (e.g. a CRITICAL alert mutes LOW/MEDIUM ones of the same
 * subject). An alert never inhibits itself.
 */
public record InhibitRule(Matchers source, Matchers target, List<String> equal, int line) {

    public InhibitRule {
        equal = List.copyOf(equal);
    }

    public boolean inhibits(Map<String, String> sourceLabels, Map<String, String> targetLabels) {
        if (!target.matches(targetLabels) || !source.matches(sourceLabels)) {
            return false;
        }
        for (String name : equal) {
            if (!Objects.equals(sourceLabels.getOrDefault(name, ""), targetLabels.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
