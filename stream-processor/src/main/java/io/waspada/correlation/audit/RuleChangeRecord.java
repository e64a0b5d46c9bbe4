package io.waspada.correlation.audit;

import java.time.Instant;

/**
 * One change of a correlation rule, as written to {@code tip.access-audit.v1} before the new version is published:
 * who ({@code actor}), when, what ({@code action} RULE_APPLY, RULE_ROLLBACK or RULE_MODE on {@code subject}, the rule
 * id), from which version to which, its mode and activeFrom, why, and the unified diff of the YAML source.
 * {@code outcome}: PUBLISHING (written before the version), NOT_WRITTEN when publishing it then failed.
 */
public record RuleChangeRecord(String id, Instant at, String service, String actor, String action, String subject,
        int fromVersion, int toVersion, String mode, Instant activeFrom, String reason, String diff, String outcome) {
}
