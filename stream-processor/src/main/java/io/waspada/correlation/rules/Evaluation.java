package io.waspada.correlation.rules;

import io.waspada.correlation.domain.Episode;
import java.util.List;

/**
 * What one event did to a key's open episodes: the episodes still open afterwards, the ones that got a new version
 * (the same objects as in {@code open}; to complete with the evidence they carry and emit), whether the open list
 * must be stored again, and the rules the event came too late for (older than its partition's stream time at
 * admission minus the rule's window and grace: it counts for none of that rule's windows).
 */
public record Evaluation(List<Episode> open, List<Episode> changed, boolean openChanged, List<String> lateFor) {
}
