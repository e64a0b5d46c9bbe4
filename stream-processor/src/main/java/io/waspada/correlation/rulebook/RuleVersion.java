package io.waspada.correlation.rulebook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One version of a rule as it is on {@code tip.rules.v1}: the rule id, its version (1, 2, ...; 0 is the start-up
 * configuration and is never written), how it runs, the event time from which it governs events, its YAML source, and
 * who applied it when and why. Keyed by the rule id (the current version) and by {@link #historyKey()} (kept for good).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleVersion(String rule, int version, String mode, long activeFrom, String source, String author,
        long appliedAt, String reason, Integer previousVersion) {

    /** Version 0's activeFrom: the beginning of time. */
    public static final long BEGINNING = Long.MIN_VALUE;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The key of this version's own record: {@code <id>@<version>}. */
    public String historyKey() {
        return rule + "@" + version;
    }

    public RuleMode runMode() {
        RuleMode parsed = RuleMode.parse(mode);
        return parsed == null ? RuleMode.ACTIVE : parsed;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version a record holds, or null when it is not one (not JSON, fields missing). */
    public static RuleVersion fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            RuleVersion version = JSON.readValue(json, RuleVersion.class);
            return version.rule() == null || version.source() == null || version.version() < 1
                    || RuleMode.parse(version.mode()) == null ? null : version;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
