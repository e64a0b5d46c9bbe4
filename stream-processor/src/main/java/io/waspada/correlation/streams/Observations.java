package io.waspada.correlation.streams;

import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.TokenRef;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;

/**
 * Agency events to observations, and an observation to the correlation keys it is evidence under: each of its
 * identifier tokens once, plus its border site when it reports persons with trafficking indicators.
 */
public final class Observations {

    private Observations() {
    }

    public static Observation of(Sighting sighting) {
        return of(sighting, Identifier::getToken);
    }

    public static Observation of(Interception interception) {
        return of(interception, Identifier::getToken);
    }

    /** The sighting with each identifier under the name {@code names} gives it (its oldest token: key rotations). */
    public static Observation of(Sighting sighting, Function<Identifier, String> names) {
        return new Observation(sighting.getEventId(), EventKind.SIGHTING, sighting.getAgency(),
                sighting.getObservedAt().toEpochMilli(), sighting.getLocation(), List.copyOf(sighting.getIndicators()),
                sighting.getHandling(), sighting.getSourceReliability(), sighting.getInformationAccuracy(),
                null, 0, subjects(sighting.getSubjects(), names), List.copyOf(sighting.getFlags()),
                Observation.NOT_ADMITTED, sighting.getSource() == EventSource.TIP, Direction.of(sighting.getDirection()));
    }

    /** The interception with each identifier under the name {@code names} gives it. */
    public static Observation of(Interception interception, Function<Identifier, String> names) {
        return new Observation(interception.getEventId(), EventKind.INTERCEPTION, interception.getAgency(),
                interception.getObservedAt().toEpochMilli(), interception.getLocation(),
                List.copyOf(interception.getIndicators()), interception.getHandling(),
                interception.getSourceReliability(), interception.getInformationAccuracy(),
                interception.getOutcome(), interception.getPersonsCount(),
                subjects(interception.getSubjects(), names), List.copyOf(interception.getFlags()),
                Observation.NOT_ADMITTED, false, Direction.of(interception.getDirection()));
    }

    private static List<ObservedSubject> subjects(List<Subject> subjects, Function<Identifier, String> names) {
        List<ObservedSubject> observed = new ArrayList<>(subjects.size());
        for (Subject subject : subjects) {
            List<TokenRef> tokens = new ArrayList<>(subject.getIdentifiers().size());
            for (Identifier identifier : subject.getIdentifiers()) {
                tokens.add(new TokenRef(identifier.getScheme(), names.apply(identifier)));
            }
            observed.add(new ObservedSubject(subject.getType(), subject.getRole(),
                    "MINOR".equals(subject.getAgeBand()), List.copyOf(tokens)));
        }
        return List.copyOf(observed);
    }

    /** The observation once under every correlation key it is evidence for. */
    public static List<KeyValue<String, Observation>> byCorrelationKey(Observation observation, SiteRegistry sites) {
        Set<String> keys = new LinkedHashSet<>();
        for (ObservedSubject subject : observation.subjects()) {
            for (TokenRef ref : subject.identifiers()) {
                keys.add(CorrelationKey.token(ref.token()).asString());
            }
        }
        String site = observation.site();
        if (site != null && sites.isBorderSite(site) && !observation.indicators().isEmpty()
                && observation.personCount() > 0) {
            keys.add(CorrelationKey.site(site).asString());
        }
        List<KeyValue<String, Observation>> keyed = new ArrayList<>(keys.size());
        for (String key : keys) {
            keyed.add(KeyValue.pair(key, trimmedFor(CorrelationKey.parse(key), observation)));
        }
        return keyed;
    }

    /**
     * The observation with only the subjects its key's rules read: under a token, the subjects carrying the token
     * (and, when one is a suspected facilitator, the event's suspected victims); under a site, its persons.
     * Every copy goes through the repartition topic and the evidence changelog, so this keeps both small.
     */
    static Observation trimmedFor(CorrelationKey key, Observation observation) {
        List<ObservedSubject> kept = new ArrayList<>(2);
        if (key.isToken()) {
            boolean facilitator = false;
            for (ObservedSubject subject : observation.subjects()) {
                if (subject.names(key.value())) {
                    kept.add(subject);
                    facilitator |= subject.isFacilitator();
                }
            }
            if (facilitator) {
                for (ObservedSubject subject : observation.subjects()) {
                    if (subject.isVictim() && !kept.contains(subject)) {
                        kept.add(subject);
                    }
                }
            }
        } else {
            for (ObservedSubject subject : observation.subjects()) {
                if (subject.isPerson()) {
                    kept.add(subject);
                }
            }
        }
        if (kept.size() == observation.subjects().size()) {
            return observation;
        }
        return new Observation(observation.eventId(), observation.kind(), observation.agency(),
                observation.observedAt(), observation.location(), observation.indicators(), observation.handling(),
                observation.sourceReliability(), observation.informationAccuracy(), observation.outcome(),
                Math.max(observation.personsCount(), observation.personCount()), List.copyOf(kept),
                observation.flags(), observation.admittedStreamTime(), observation.tip(), observation.direction());
    }
}
