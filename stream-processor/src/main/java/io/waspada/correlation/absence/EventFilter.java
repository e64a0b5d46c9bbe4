package io.waspada.correlation.absence;

import io.waspada.avro.EventKind;
import io.waspada.avro.Outcome;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Observation;
import io.waspada.sites.SiteRegistry;
import java.util.List;
import java.util.Set;

/**
 * Which events of a correlation key an absence rule looks at: its A ({@code first}) or one of its Bs ({@code none}).
 * The same vocabulary as a rule file's {@code evidence:} filters (kind, direction, outcome, minor, site kind), so a
 * parsed filter maps onto this one test. Pure.
 */
@FunctionalInterface
public interface EventFilter {

    boolean test(CorrelationKey key, Observation event);

    /** Both this filter and {@code other} hold (a filter's fields: every given one must hold). */
    default EventFilter and(EventFilter other) {
        return (key, event) -> test(key, event) && other.test(key, event);
    }

    /** Every event. */
    static EventFilter any() {
        return (key, event) -> true;
    }

    /** At least one of {@code filters} holds (an absence rule's {@code none:} list). */
    static EventFilter anyOf(List<EventFilter> filters) {
        List<EventFilter> copy = List.copyOf(filters);
        return (key, event) -> copy.stream().anyMatch(filter -> filter.test(key, event));
    }

    /** The event is a sighting or interception of one of these kinds. */
    static EventFilter kind(EventKind... kinds) {
        Set<EventKind> allowed = Set.of(kinds);
        return (key, event) -> allowed.contains(event.kind());
    }

    /** Its subjects were going one of these ways. */
    static EventFilter direction(Direction... directions) {
        Set<Direction> allowed = Set.of(directions);
        return (key, event) -> allowed.contains(event.direction());
    }

    /** An interception with one of these outcomes (a sighting has none). */
    static EventFilter outcome(Outcome... outcomes) {
        Set<Outcome> allowed = Set.of(outcomes);
        return (key, event) -> event.outcome() != null && allowed.contains(event.outcome());
    }

    /** The event involves a minor: a subject of age band MINOR, or the UNACCOMPANIED_MINOR indicator. */
    static EventFilter minor() {
        return (key, event) -> event.involvesMinor();
    }

    /** The event is about at least one person. */
    static EventFilter persons() {
        return (key, event) -> event.personCount() > 0;
    }

    /** At a registered border site of any kind. */
    static EventFilter borderSite(SiteRegistry sites) {
        return (key, event) -> event.site() != null
                && sites.find(event.site()).map(site -> site.kind().isBorder()).orElse(false);
    }
}
