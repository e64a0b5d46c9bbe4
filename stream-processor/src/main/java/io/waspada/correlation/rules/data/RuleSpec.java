package io.waspada.correlation.rules.data;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule as its YAML document describes it (validated): its id, key, window, optional threshold, mode, the filter
 * its evidence passes, and either a {@code condition} (when it fires) or an {@code absence} (an A with no B within a
 * time), its severity, title template and extra labels. {@code source} is {@code file:line} of its document.
 */
public record RuleSpec(String id, String description, String key, Duration window, Integer threshold, Mode mode,
        FilterSpec evidence, ConditionSpec condition, AbsenceSpec absence, SeveritySpec severity, String title,
        Map<String, String> labels, String source) {

    /** What a rule does with what it finds. */
    public enum Mode {
        /** Evaluates and raises alerts (the default). */
        ACTIVE,
        /** Evaluates and counts, raises nothing. */
        SHADOW,
        /** Not evaluated. */
        DISABLED
    }

    public boolean isAbsence() {
        return absence != null;
    }

    /** Whether it correlates on an identifier ({@code token}) rather than a registered site ({@code site}). */
    public boolean tokenKeyed() {
        return "token".equals(key);
    }

    /** "A, and no B for the same key within T": {@code first} is A, any of {@code none} is a B. */
    public record AbsenceSpec(FilterSpec first, List<FilterSpec> none, Duration within) {
    }

    /**
     * The base severity ({@code null} with {@code watchlist}: the entries' highest, HIGH if none) and the factors that
     * raise it one step each.
     */
    public record SeveritySpec(io.waspada.avro.Severity base, boolean watchlist, List<Raiser> raisers) {
    }

    /** A factor that raises an alert's severity one step. */
    public enum Raiser {
        /** A minor is involved. */
        MINOR("minor"),
        /** The evidence spans three or more countries. */
        THREE_COUNTRIES("threeCountries"),
        /** The first test using {@code threshold} reaches twice it. */
        TWICE_THRESHOLD("twiceThreshold");

        private final String word;

        Raiser(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
