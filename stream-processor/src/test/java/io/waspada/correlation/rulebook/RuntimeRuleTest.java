package io.waspada.correlation.rulebook;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PADANG_BESAR;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule that did not exist at start-up, applied at runtime (a version on {@code tip.rules.v1}): it governs the events
 * observed from its activeFrom, its alerts carry its own window's evidence, title and labels, and its episodes are
 * composed by it (not by a start-up rule, which it has none of).
 */
class RuntimeRuleTest {

    /** An unregistered site: inland. */
    private static final io.waspada.avro.Location GEORGETOWN = new io.waspada.avro.Location(5.41, 100.33, "MY",
            "PULAU_PINANG", "GEORGETOWN_JETTY");

    private static final String RULE = """
            rule: TWO_INLAND_SIGHTINGS
            description: one identifier is sighted at threshold+ different inland places within the window
            key: token
            window: 6h
            threshold: 2
            evidence:
              kind: SIGHTING
              siteKind: INLAND
            condition:
              distinct: {of: region, atLeast: threshold}
            severity:
              base: LOW
              raisers: [minor]
            title: "{What} sighted in {regions}"
            labels:
              pattern: inland-pair
            """;

    @Test
    void aNewRuleGovernsEventsFromItsActiveFromWithItsOwnWindowWordsAndLabels() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.ruleVersion(new RuleVersion("TWO_INLAND_SIGHTINGS", 1, "active", hours(10).toEpochMilli(), RULE,
                    "rules.admin", 0, "try it", null));
            // Before its activeFrom: two inland regions, nothing of the new rule.
            driver.send(sighting("a1", "RMP", hours(1), KUALA_LUMPUR, person(passport("A"))),
                    sighting("a2", "RMP", hours(2), GEORGETOWN, person(passport("A"))));
            // From it: a pair 3 h apart fires; a pair 7 h apart (beyond the 6 h window) does not.
            driver.send(sighting("b1", "RMP", hours(11), KUALA_LUMPUR, person(passport("B"))),
                    sighting("b2", "RMP", hours(14), GEORGETOWN, person(passport("B"))),
                    sighting("c1", "RMP", hours(11), KUALA_LUMPUR, person(passport("C"))),
                    sighting("c2", "RMP", hours(18), GEORGETOWN, person(passport("C"))),
                    // Border sites are not inland: not this rule's evidence.
                    sighting("d1", "RMP", hours(11), BUKIT_KAYU_HITAM, person(passport("D"))),
                    sighting("d2", "RMP", hours(12), PADANG_BESAR, person(passport("D"))));
            List<Alert> alerts = driver.alerts().stream()
                    .filter(alert -> alert.getType().equals("TWO_INLAND_SIGHTINGS")).toList();
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.getSubjectToken()).isEqualTo("B");
            assertThat(alert.getEvidence()).extracting(EvidenceRef::getEventId).containsExactly("b1", "b2");
            assertThat(alert.getTitle()).isEqualTo("Passport sighted in KUALA_LUMPUR and PULAU_PINANG");
            assertThat(alert.getSeverity().name()).isEqualTo("LOW");
            assertThat(alert.getLabels()).containsEntry("pattern", "inland-pair").containsEntry("type",
                    "TWO_INLAND_SIGHTINGS");
        }
    }
}
