package io.waspada.correlation.rules;

import io.waspada.correlation.domain.Episode;
import java.util.List;

/**
 * What one event did to a key's open episodes: the episodes still open afterwards, the ones that got a new
 * version (to emit as alerts, in rule order), and whether the open list must be stored again.
 */
public record Evaluation(List<Episode> open, List<Episode> changed, boolean openChanged) {
}
