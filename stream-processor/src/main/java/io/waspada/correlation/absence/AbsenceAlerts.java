package io.waspada.correlation.absence;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.sites.SiteRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An absence rule's alert for one A nobody followed with a B: one version, the A as its evidence, the labels every
 * alert has (the rule's own added), and an id that depends only on the rule, the key and the A.
 */
public final class AbsenceAlerts {

    private final SiteRegistry sites;

    public AbsenceAlerts(SiteRegistry sites) {
        this.sites = sites;
    }

    /**
     * rule id + correlation key + the A's eventId, as a name-based UUID: the same A gives the same alertId in any
     * order and on every replay (and never the id of a correlation rule's episode: those name a grid cell).
     */
    public static String alertId(String ruleId, CorrelationKey key, String firstEventId) {
        String name = ruleId + "|" + key.asString() + "|absence|" + firstEventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The rule's base severity, one step up for each of its raisers that holds, capped at CRITICAL. */
    public static Severity severity(AbsenceRule rule, Observation first) {
        int level = rule.base().ordinal();
        if (rule.raisers().contains("minor") && first.involvesMinor()) {
            level++;
        }
        return Severity.values()[Math.min(level, Severity.CRITICAL.ordinal())];
    }

    public Alert compose(AbsenceRule rule, CorrelationKey key, Observation first, long nowMs) {
        Severity severity = severity(rule, first);
        boolean minor = first.involvesMinor();
        boolean victim = minor || first.flags().stream().anyMatch(flag -> flag.getKind() == FlagKind.PROTECT_VICTIM)
                || first.subjects().stream().anyMatch(ObservedSubject::isVictim);
        String region = first.location().getRegion();
        Map<String, String> labels = new HashMap<>(rule.labels());
        labels.put(AlertLabels.TYPE, rule.id());
        labels.put(AlertLabels.SEVERITY, severity.name());
        labels.put(AlertLabels.REGION, region);
        labels.put(AlertLabels.REGIONS, region);
        labels.put(AlertLabels.DOMAIN, sites.lookup(first.site()).kind().domain());
        labels.put(AlertLabels.COUNTRIES, first.country());
        labels.put(AlertLabels.AGENCIES, first.agency());
        labels.put(AlertLabels.HANDLING, first.handling().name());
        labels.put(AlertLabels.SUBJECT, key.value());
        labels.put(AlertLabels.MINOR, Boolean.toString(minor));
        labels.put(AlertLabels.VICTIM, Boolean.toString(victim));
        if (!first.flags().isEmpty()) {
            labels.put(AlertLabels.FLAGS, first.flags().stream().map(flag -> flag.getKind().name()).distinct()
                    .collect(Collectors.joining(",")));
        }
        if (first.tip()) {
            labels.put(AlertLabels.VERIFICATION, AlertLabels.VERIFICATION_REQUIRED);
        }
        AbsenceWords words = new AbsenceWords(key, first, rule.within(), sites);
        Instant at = Instant.ofEpochMilli(first.observedAt());
        return Alert.newBuilder()
                .setAlertId(alertId(rule.id(), key, first.eventId()))
                .setType(rule.id())
                .setVersion(1)
                .setSeverity(severity)
                .setTitle(rule.title().apply(words))
                .setSummary(summary(first, words, minor))
                .setSubjectToken(key.value())
                .setWindowStart(at)
                .setFirstSeen(at)
                .setLastSeen(at)
                .setEventCount(1)
                .setEvidence(List.of(AlertComposer.evidenceRef(key, first)))
                .setAgencies(List.of(first.agency()))
                .setCountries(List.of(first.country()))
                .setRegions(List.of(region))
                .setHandling(first.handling())
                .setSourceReliability(first.sourceReliability())
                .setInformationAccuracy(first.informationAccuracy())
                .setLabels(labels)
                .setCreatedAt(Instant.ofEpochMilli(nowMs))
                .setUpdatedAt(Instant.ofEpochMilli(nowMs))
                .setFlags(first.flags())
                .build();
    }

    private static String summary(Observation first, AbsenceWords words, boolean minor) {
        return "Reported by " + first.agency() + " at " + words.place() + " on " + Instant.ofEpochMilli(
                first.observedAt()) + "; no later event naming the same " + words.what(false) + " within "
                + words.within() + "." + (minor ? " A minor is involved." : "")
                + " The evidence stays with the reporting agencies.";
    }
}
