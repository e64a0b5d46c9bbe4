package io.waspada.correlation.rules.data;

import io.waspada.avro.EventKind;
import io.waspada.avro.Outcome;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.TokenRef;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.sites.SiteKind;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link FilterSpec} compiled once into the few checks it gives (no maps or reflection per event): every check
 * must hold. {@link #ALL} has none. Public for the absence engine ({@code absence.first} and {@code none} filters).
 */
public final class EventFilter {

    /** One check of an event under a key ({@code marks}: the key's active watchlist entries, for a watchlist rule). */
    interface Check {
        boolean test(CorrelationKey key, Observation event, List<WatchMark> marks);
    }

    public static final EventFilter ALL = new EventFilter(new Check[0]);

    private final Check[] checks;

    private EventFilter(Check[] checks) {
        this.checks = checks;
    }

    /** Whether the event passes under this key ({@code marks}: the key's active watchlist entries, if needed). */
    public boolean test(CorrelationKey key, Observation event, List<WatchMark> marks) {
        for (Check check : checks) {
            if (!check.test(key, event, marks)) {
                return false;
            }
        }
        return true;
    }

    /** The filter's checks, compiled once. */
    public static EventFilter compile(FilterSpec spec, SiteRegistry sites) {
        if (spec.isAll()) {
            return ALL;
        }
        List<Check> checks = new ArrayList<>();
        if (spec.kinds() != null) {
            Set<EventKind> kinds = EnumSet.copyOf(spec.kinds());
            checks.add((key, e, marks) -> kinds.contains(e.kind()));
        }
        if (spec.anyIndicator()) {
            checks.add((key, e, marks) -> !e.indicators().isEmpty());
        }
        if (spec.indicators() != null) {
            String[] wanted = spec.indicators().toArray(String[]::new);
            checks.add((key, e, marks) -> {
                for (String indicator : wanted) {
                    if (e.indicators().contains(indicator)) {
                        return true;
                    }
                }
                return false;
            });
        }
        if (spec.keyRoles() != null) {
            String[] roles = spec.keyRoles().toArray(String[]::new);
            checks.add((key, e, marks) -> {
                for (String role : roles) {
                    if (e.namesInRole(key.value(), role)) {
                        return true;
                    }
                }
                return false;
            });
        }
        if (spec.schemes() != null) {
            Set<String> schemes = Set.copyOf(spec.schemes());
            checks.add((key, e, marks) -> {
                String scheme = e.schemeOf(key.value());
                return scheme != null && schemes.contains(scheme);
            });
        }
        if (spec.keySubjects() != null) {
            Set<String> types = Set.copyOf(spec.keySubjects());
            checks.add((key, e, marks) -> {
                for (ObservedSubject subject : e.subjects()) {
                    if (types.contains(subject.type()) && names(subject, key.value())) {
                        return true;
                    }
                }
                return false;
            });
        }
        if (spec.siteKinds() != null) {
            Set<SiteKind> kinds = EnumSet.copyOf(spec.siteKinds());
            if (kinds.equals(EnumSet.complementOf(EnumSet.of(SiteKind.INLAND)))) {
                checks.add((key, e, marks) -> e.site() != null && sites.isBorderSite(e.site()));
            } else {
                checks.add((key, e, marks) -> e.site() != null && kinds.contains(sites.lookup(e.site()).kind()));
            }
        }
        if (spec.directions() != null) {
            Set<Direction> directions = EnumSet.noneOf(Direction.class);
            spec.directions().forEach(direction -> directions.add(Direction.valueOf(direction)));
            checks.add((key, e, marks) -> directions.contains(e.direction()));
        }
        if (spec.outcomes() != null) {
            Set<Outcome> outcomes = EnumSet.copyOf(spec.outcomes());
            checks.add((key, e, marks) -> e.outcome() != null && outcomes.contains(e.outcome()));
        }
        if (spec.minor() != null) {
            boolean minor = spec.minor();
            checks.add((key, e, marks) -> e.involvesMinor() == minor);
        }
        if (spec.persons() != null) {
            boolean persons = spec.persons();
            checks.add((key, e, marks) -> (e.personCount() > 0) == persons);
        }
        if (spec.watchlisted() != null) {
            boolean listed = spec.watchlisted();
            checks.add((key, e, marks) -> marks.isEmpty() != listed);
        }
        return new EventFilter(checks.toArray(Check[]::new));
    }

    private static boolean names(ObservedSubject subject, String token) {
        for (TokenRef ref : subject.identifiers()) {
            if (ref.token().equals(token)) {
                return true;
            }
        }
        return false;
    }
}
