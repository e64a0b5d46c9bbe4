package io.waspada.correlation.rules.data;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.rules.GroupCrossingRule;
import io.waspada.correlation.rules.data.ConditionSpec.AtLeast;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ConditionSpec} compiled once: each test knows its filter and its bound (the threshold in force resolved),
 * and measures what it counts in one pass over the window's evidence. Monotone, as the engine requires.
 */
abstract class Condition {

    abstract boolean holds(CorrelationKey key, List<Observation> evidence);

    /** The first test bounded by the rule's threshold (what {@code twiceThreshold} looks at), or null. */
    abstract Counting firstUsingThreshold();

    static Condition compile(ConditionSpec spec, int threshold, SiteRegistry sites) {
        if (spec instanceof ConditionSpec.Any any) {
            return new Group(compileAll(any.tests(), threshold, sites), true);
        }
        if (spec instanceof ConditionSpec.All all) {
            return new Group(compileAll(all.tests(), threshold, sites), false);
        }
        if (spec instanceof ConditionSpec.Distinct distinct) {
            return new DistinctValues(distinct.of(), EventFilter.compile(distinct.filter(), sites),
                    distinct.atLeast(), threshold);
        }
        if (spec instanceof ConditionSpec.Count count) {
            return new Events(EventFilter.compile(count.filter(), sites), count.atLeast(), threshold);
        }
        if (spec instanceof ConditionSpec.Persons persons) {
            return new Persons(EventFilter.compile(persons.filter(), sites), persons.atLeast(), threshold);
        }
        ConditionSpec.FollowedBy followed = (ConditionSpec.FollowedBy) spec;
        return new FollowedBy(EventFilter.compile(followed.first(), sites),
                EventFilter.compile(followed.then(), sites), followed.otherAgency(), followed.atLeast(), threshold);
    }

    private static Condition[] compileAll(List<ConditionSpec> specs, int threshold, SiteRegistry sites) {
        Condition[] tests = new Condition[specs.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = compile(specs.get(i), threshold, sites);
        }
        return tests;
    }

    /** {@code any:} or {@code all:}. */
    private static final class Group extends Condition {
        private final Condition[] tests;
        private final boolean any;

        Group(Condition[] tests, boolean any) {
            this.tests = tests;
            this.any = any;
        }

        @Override
        boolean holds(CorrelationKey key, List<Observation> evidence) {
            for (Condition test : tests) {
                if (test.holds(key, evidence) == any) {
                    return any;
                }
            }
            return !any;
        }

        @Override
        Counting firstUsingThreshold() {
            for (Condition test : tests) {
                Counting found = test.firstUsingThreshold();
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    /** A test that counts something in the evidence and holds from a bound on. */
    abstract static class Counting extends Condition {
        final EventFilter filter;
        final int atLeast;
        final boolean bySetting;

        Counting(EventFilter filter, AtLeast bound, int threshold) {
            this.filter = filter;
            this.atLeast = bound.threshold() ? threshold : bound.n();
            this.bySetting = bound.threshold();
        }

        /** What it counts in the evidence (the key is not needed: test filters are about events only). */
        abstract int measure(List<Observation> evidence);

        @Override
        boolean holds(CorrelationKey key, List<Observation> evidence) {
            return measure(evidence) >= atLeast;
        }

        @Override
        Counting firstUsingThreshold() {
            return bySetting ? this : null;
        }

        final boolean passes(Observation event) {
            return filter.test(null, event, List.of());
        }
    }

    private static final class Events extends Counting {
        Events(EventFilter filter, AtLeast bound, int threshold) {
            super(filter, bound, threshold);
        }

        @Override
        int measure(List<Observation> evidence) {
            if (filter == EventFilter.ALL) {
                return evidence.size();
            }
            int count = 0;
            for (Observation event : evidence) {
                if (passes(event)) {
                    count++;
                }
            }
            return count;
        }
    }

    private static final class Persons extends Counting {
        Persons(EventFilter filter, AtLeast bound, int threshold) {
            super(filter, bound, threshold);
        }

        @Override
        int measure(List<Observation> evidence) {
            return GroupCrossingRule.persons(filter == EventFilter.ALL ? evidence : filtered(evidence));
        }

        private List<Observation> filtered(List<Observation> evidence) {
            List<Observation> passing = new ArrayList<>(evidence.size());
            for (Observation event : evidence) {
                if (passes(event)) {
                    passing.add(event);
                }
            }
            return passing;
        }
    }

    private static final class DistinctValues extends Counting {
        private final ConditionSpec.Of of;

        DistinctValues(ConditionSpec.Of of, EventFilter filter, AtLeast bound, int threshold) {
            super(filter, bound, threshold);
            this.of = of;
        }

        @Override
        int measure(List<Observation> evidence) {
            Set<String> values = new HashSet<>();
            for (Observation event : evidence) {
                if (!passes(event)) {
                    continue;
                }
                switch (of) {
                    case COUNTRY -> add(values, event.country());
                    case SITE -> add(values, event.site());
                    case AGENCY -> add(values, event.agency());
                    case REGION -> add(values, event.location().getRegion());
                    case VICTIM -> subjects(values, event, true);
                    case PERSON -> subjects(values, event, false);
                }
            }
            return values.size();
        }

        private static void add(Set<String> values, String value) {
            if (value != null) {
                values.add(value);
            }
        }

        /** Suspected victims (or persons) by identity; one without identifiers is one per event. */
        private static void subjects(Set<String> values, Observation event, boolean victims) {
            int anonymous = 0;
            for (ObservedSubject subject : event.subjects()) {
                if (victims ? subject.isVictim() : subject.isPerson()) {
                    String identity = subject.identity();
                    values.add(identity != null ? identity : event.eventId() + "#" + anonymous++);
                }
            }
        }
    }

    /** Some {@code then} event has {@code atLeast} {@code first} events at or before it (of another agency). */
    private static final class FollowedBy extends Counting {
        private final EventFilter first;
        private final boolean otherAgency;

        FollowedBy(EventFilter first, EventFilter then, boolean otherAgency, AtLeast bound, int threshold) {
            super(then, bound, threshold);
            this.first = first;
            this.otherAgency = otherAgency;
        }

        @Override
        boolean holds(CorrelationKey key, List<Observation> evidence) {
            for (Observation then : evidence) {
                if (passes(then) && linked(then, evidence, atLeast) >= atLeast) {
                    return true;
                }
            }
            return false;
        }

        @Override
        int measure(List<Observation> evidence) {
            int most = 0;
            for (Observation then : evidence) {
                if (passes(then)) {
                    most = Math.max(most, linked(then, evidence, Integer.MAX_VALUE));
                }
            }
            return most;
        }

        private int linked(Observation then, List<Observation> evidence, int enough) {
            int linked = 0;
            for (Observation earlier : evidence) {
                if (earlier != then && earlier.observedAt() <= then.observedAt()
                        && (!otherAgency || !earlier.agency().equals(then.agency()))
                        && first.test(null, earlier, List.of())) {
                    if (++linked >= enough) {
                        return linked;
                    }
                }
            }
            return linked;
        }
    }
}
