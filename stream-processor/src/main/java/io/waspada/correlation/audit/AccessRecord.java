package io.waspada.correlation.audit;

import java.time.Instant;
import java.util.List;

/**
 * One read of personal evidence, as written to {@code tip.access-audit.v1}: who ({@code actor}, {@code taskForce}),
 * when, what ({@code action} on {@code subject}, an identifier token), under which clearance, and what was shown and
 * withheld. {@code outcome}: {@code SERVED}, or why nothing was served.
 */
public record AccessRecord(String id, Instant at, String service, String actor, String taskForce, String action,
        String subject, List<String> cleared, int shown, int withheld, String outcome) {
}
