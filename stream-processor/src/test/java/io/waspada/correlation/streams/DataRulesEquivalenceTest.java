package io.waspada.correlation.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.bench.EventGenerator;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.sites.SiteRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The five built-in rules as data ({@code rules/*.yaml}) against the same rules as Java classes: the benchmark's
 * agency feed (watchlist entries, late reports; its month of event time pressed into three days, so that a few
 * thousand events are as dense as the benchmark's million and every rule fires) through the production topology gives,
 * alert version by alert version, the same alertId, version, evidence, event count, severity, labels and title.
 */
class DataRulesEquivalenceTest {

    private static final int EVENTS = Integer.getInteger("waspada.data-rules.events", 6_000);

    @Test
    void theBuiltInRulesAsDataRaiseExactlyWhatTheJavaRulesRaise() {
        SiteRegistry sites = SiteRegistry.defaults();
        RuleSettings settings = RuleSettings.defaults();
        List<Rule> data = RuleEngine.of(settings, sites).rules().stream()
                .filter(rule -> RuleName.builtIn(rule.id()) != null).toList();
        List<Rule> java = RuleEngine.javaRules(settings, sites);
        assertThat(data).extracting(Rule::id).containsExactlyElementsOf(java.stream().map(Rule::id).toList());

        List<String> byJava = run(java, settings, sites);
        List<String> asData = run(data, settings, sites);

        Map<String, Integer> perRule = new TreeMap<>();
        byJava.forEach(version -> perRule.merge(version.substring(0, version.indexOf(' ')), 1, Integer::sum));
        assertThat(perRule).as("the feed exercises every built-in rule").containsOnlyKeys(
                java.stream().map(Rule::id).toList());
        System.out.printf("data rules equivalence: %,d events, %,d alert versions %s%n", EVENTS, byJava.size(),
                perRule);
        assertThat(asData).hasSameSizeAs(byJava);
        for (int i = 0; i < byJava.size(); i++) {
            assertThat(asData.get(i)).as("alert version %d of %d", i, byJava.size()).isEqualTo(byJava.get(i));
        }
    }

    private static List<String> run(List<Rule> rules, RuleSettings settings, SiteRegistry sites) {
        EventGenerator feed = new EventGenerator(7, EVENTS, sites);
        List<String> versions = new ArrayList<>();
        try (CorrelationDriver driver = new CorrelationDriver(settings, true, rules)) {
            for (WatchlistEntry entry : feed.watchlist(300)) {
                driver.list(entry);
            }
            for (int i = 0; i < EVENTS; i++) {
                Object event = feed.next();
                if (event instanceof Sighting sighting) {
                    driver.send(Sighting.newBuilder(sighting).setObservedAt(pressed(sighting.getObservedAt()))
                            .setReceivedAt(null).build());
                } else {
                    Interception interception = (Interception) event;
                    driver.send(Interception.newBuilder(interception)
                            .setObservedAt(pressed(interception.getObservedAt())).setReceivedAt(null).build());
                }
                if (i % 1_000 == 0) {
                    driver.alerts().forEach(alert -> versions.add(summary(alert)));
                }
            }
            driver.alerts().forEach(alert -> versions.add(summary(alert)));
        }
        return versions;
    }

    /** The feed's month (from 2026-10-01) pressed into three days. */
    private static java.time.Instant pressed(java.time.Instant at) {
        long start = java.time.Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
        return java.time.Instant.ofEpochMilli(start + (at.toEpochMilli() - start) / 10);
    }

    private static String summary(Alert alert) {
        List<String> evidence = new ArrayList<>();
        for (EvidenceRef ref : alert.getEvidence()) {
            evidence.add(ref.getEventId());
        }
        return alert.getType() + " " + alert.getAlertId() + " v" + alert.getVersion() + " " + alert.getSeverity()
                + " " + alert.getEventCount() + " " + evidence + " " + new TreeMap<>(alert.getLabels()) + " "
                + alert.getTitle() + " " + new TreeSet<>(alert.getAgencies());
    }
}
