package io.waspada.correlation.rules.data;

import java.util.List;

/**
 * When a rule fires: one test or {@code any:}/{@code all:} of tests. Every test only grows with more events
 * (monotone), which the engine relies on.
 */
public sealed interface ConditionSpec {

    /** {@code atLeast}: a number, or the rule's threshold ({@code n} is then the threshold in force). */
    record AtLeast(int n, boolean threshold) {
    }

    /** Distinct values of {@code of} among the events passing {@code filter}. */
    record Distinct(Of of, FilterSpec filter, AtLeast atLeast) implements ConditionSpec {
    }

    /** Events passing {@code filter}. */
    record Count(FilterSpec filter, AtLeast atLeast) implements ConditionSpec {
    }

    /** Distinct identified persons plus each event's unidentified head count, of the events passing {@code filter}. */
    record Persons(FilterSpec filter, AtLeast atLeast) implements ConditionSpec {
    }

    /**
     * Some event passing {@code then} has {@code atLeast} events passing {@code first} at or before it (by another
     * agency when {@code otherAgency}).
     */
    record FollowedBy(FilterSpec first, FilterSpec then, boolean otherAgency, AtLeast atLeast)
            implements ConditionSpec {
    }

    record Any(List<ConditionSpec> tests) implements ConditionSpec {
    }

    record All(List<ConditionSpec> tests) implements ConditionSpec {
    }

    /** What {@code distinct} counts. */
    enum Of {
        COUNTRY, SITE, AGENCY, REGION, VICTIM, PERSON
    }
}
