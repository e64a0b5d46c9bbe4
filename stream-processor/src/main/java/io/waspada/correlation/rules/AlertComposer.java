package io.waspada.correlation.rules;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EventSource;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.TokenRef;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.sites.SiteRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns an episode into the alert version to publish: deterministic alertId, evidence, agencies, countries,
 * regions, the most restrictive handling and weakest evaluation, every jurisdiction flag (strictest first), routing
 * labels, and a plain-words title.
 */
public final class AlertComposer {

    private final SiteRegistry sites;
    private final AlertWording wording;
    private final RuleEngine engine;

    public AlertComposer(SiteRegistry sites, RuleEngine engine) {
        this.sites = sites;
        this.wording = new AlertWording(sites);
        this.engine = engine;
    }

    /**
     * rule + correlation key + the episode's anchor (the start of its cell of the event-time grid), as a name-based
     * UUID: the same episode always has the same id, whatever order its events came in.
     */
    public static String alertId(String rule, CorrelationKey key, long anchor) {
        String name = rule + "|" + key.asString() + "|" + anchor;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The alertId of an episode of a built-in rule. */
    public static String alertId(RuleName rule, CorrelationKey key, long anchor) {
        return alertId(rule.name(), key, anchor);
    }

    public Alert compose(CorrelationKey key, Episode episode, long nowMs) {
        List<Observation> evidence = episode.evidence();
        Observation latest = episode.latest();
        List<String> agencies = sorted(evidence, Observation::agency);
        TreeSet<String> withOwners = new TreeSet<>(agencies);
        episode.watchMarks().forEach(mark -> withOwners.add(mark.owningAgency()));
        List<String> countries = sorted(evidence, Observation::country);
        List<String> regions = sorted(evidence, event -> event.location().getRegion());
        // The strictest code of all its evidence, also of what an alert too large to carry it all leaves out.
        Handling handling = evidence.stream().map(Observation::handling).max(Enum::compareTo).orElse(Handling.H3);
        if (episode.handling() != null && episode.handling().compareTo(handling) > 0) {
            handling = episode.handling();
        }
        boolean minor = evidence.stream().anyMatch(Observation::involvesMinor);
        List<Flag> flags = episode.flags();
        boolean victim = minor || flags.stream().anyMatch(flag -> flag.getKind() == FlagKind.PROTECT_VICTIM)
                || evidence.stream().anyMatch(event -> event.subjects().stream().anyMatch(ObservedSubject::isVictim));

        Map<String, String> labels = new HashMap<>(engine.ruleAt(episode.rule(), episode.lastStart()).labels());
        labels.put(AlertLabels.TYPE, episode.rule());
        labels.put(AlertLabels.SEVERITY, episode.severity().name());
        labels.put(AlertLabels.REGION, latest.location().getRegion());
        labels.put(AlertLabels.REGIONS, String.join(",", regions));
        labels.put(AlertLabels.DOMAIN, sites.lookup(latest.site()).kind().domain());
        labels.put(AlertLabels.COUNTRIES, String.join(",", countries));
        labels.put(AlertLabels.AGENCIES, String.join(",", withOwners));
        labels.put(AlertLabels.HANDLING, handling.name());
        labels.put(AlertLabels.SUBJECT, key.value());
        labels.put(AlertLabels.MINOR, Boolean.toString(minor));
        labels.put(AlertLabels.VICTIM, Boolean.toString(victim));
        if (!flags.isEmpty()) {
            labels.put(AlertLabels.FLAGS, flags.stream().map(flag -> flag.getKind().name()).distinct()
                    .collect(Collectors.joining(",")));
        }
        if (episode.tipOnly()) {
            labels.put(AlertLabels.VERIFICATION, AlertLabels.VERIFICATION_REQUIRED);
        }

        return Alert.newBuilder()
                .setAlertId(alertId(episode.rule(), key, episode.anchor()))
                .setType(episode.rule())
                .setVersion(episode.version())
                .setSeverity(episode.severity())
                .setTitle(wording.title(engine.ruleAt(episode.rule(), episode.lastStart()), key, episode))
                .setSummary(wording.summary(episode, withOwners, countries, regions, minor))
                .setSubjectToken(key.value())
                .setWindowStart(Instant.ofEpochMilli(episode.firstStart()))
                .setFirstSeen(Instant.ofEpochMilli(episode.firstSeen()))
                .setLastSeen(Instant.ofEpochMilli(episode.lastSeen()))
                .setEventCount(episode.eventCount())
                .setEvidence(evidenceRefs(key, episode))
                .setAgencies(new ArrayList<>(withOwners))
                .setCountries(countries)
                .setRegions(regions)
                .setHandling(handling)
                .setSourceReliability(evidence.stream().map(Observation::sourceReliability)
                        .max(AlertComposer::compareReliability).orElse("X"))
                .setInformationAccuracy(evidence.stream().mapToInt(Observation::informationAccuracy).max().orElse(4))
                .setLabels(labels)
                .setCreatedAt(Instant.ofEpochMilli(episode.createdAt()))
                .setUpdatedAt(Instant.ofEpochMilli(nowMs))
                .setFlags(flags)
                .build();
    }

    private static List<EvidenceRef> evidenceRefs(CorrelationKey key, Episode episode) {
        List<EvidenceRef> refs = new ArrayList<>();
        for (Observation event : episode.evidence()) {
            refs.add(evidenceRef(key, event));
        }
        Observation latest = episode.evidence().isEmpty() ? null : episode.latest();
        for (WatchMark mark : episode.watchMarks()) {
            refs.add(EvidenceRef.newBuilder()
                    .setEventId(mark.entryId())
                    .setKind(EventKind.WATCHLIST)
                    .setAgency(mark.owningAgency())
                    .setObservedAt(Instant.ofEpochMilli(mark.listedAt()))
                    .setLocation(latest.location())
                    .setIndicators(List.of())
                    .setHandling(Handling.H0)
                    .setTokens(List.of(key.value()))
                    .setFlags(mark.flags())
                    .setSource(EventSource.AGENCY)
                    .build());
        }
        return refs;
    }

    /** One event as an alert's evidence item: under a token key the token ties it, under a site its persons' tokens. */
    public static EvidenceRef evidenceRef(CorrelationKey key, Observation event) {
        return EvidenceRef.newBuilder()
                .setEventId(event.eventId())
                .setKind(event.kind())
                .setAgency(event.agency())
                .setObservedAt(Instant.ofEpochMilli(event.observedAt()))
                .setLocation(event.location())
                .setIndicators(event.indicators())
                .setHandling(event.handling())
                .setSourceReliability(event.sourceReliability())
                .setInformationAccuracy(event.informationAccuracy())
                .setOutcome(event.outcome())
                .setTokens(key.isToken() ? List.of(key.value()) : personTokens(event))
                .setFlags(event.flags())
                .setSource(event.tip() ? EventSource.TIP : EventSource.AGENCY)
                .build();
    }

    private static List<String> personTokens(Observation event) {
        List<String> tokens = new ArrayList<>();
        for (ObservedSubject subject : event.subjects()) {
            if (subject.isPerson()) {
                subject.identifiers().stream().map(TokenRef::token).forEach(tokens::add);
            }
        }
        return tokens;
    }

    private static List<String> sorted(List<Observation> evidence, Function<Observation, String> field) {
        TreeSet<String> values = new TreeSet<>();
        for (Observation event : evidence) {
            String value = field.apply(event);
            if (value != null) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    /** Source reliability from strongest to weakest: A, B, C, then X (cannot be judged). */
    private static int compareReliability(String a, String b) {
        return Integer.compare(reliabilityRank(a), reliabilityRank(b));
    }

    private static int reliabilityRank(String code) {
        int rank = "ABC".indexOf(code == null ? "X" : code);
        return rank < 0 ? 3 : rank;
    }
}
