package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Identifier;
import io.waspada.avro.PreviousToken;
import io.waspada.avro.Severity;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pseudonymisation key rotation on the production topology: before it identifiers carry k1 tokens, during the
 * overlap k2 tokens with their k1 token as {@code previous}, after it k2 tokens only. One identifier stays one
 * correlation key (its k1 token) throughout: the same alert grows across the rotation, and watchlist entries made
 * before, during and after it keep matching.
 */
class KeyRotationTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anAlertBegunBeforeARotationGrowsAcrossItUnderItsFirstToken() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))));
        driver.send(sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(duringOverlap("Q1", "P1"))));
        List<KeyValue<String, String>> links = driver.links();
        assertThat(links).hasSize(1);
        assertThat(links.get(0).key).isEqualTo("Q1");
        assertThat(TokenLink.fromJson(links.get(0).value)).isEqualTo(new TokenLink("Q1", "k2", "P1", "k1"));

        driver.send(sighting("e3", "ID_IMIGRASI", hours(10), ENTIKONG, minorVictim(afterOverlap("Q1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly(
                "CROSS_BORDER_MOVEMENT v1 HIGH [e1, e2]",
                "CROSS_BORDER_MOVEMENT v2 HIGH [e1, e2, e3]");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.getSubjectToken()).isEqualTo("P1"));
        assertThat(alerts.get(1).getEvidence()).allSatisfy(ref -> assertThat(ref.getTokens()).containsExactly("P1"));
        assertThat(driver.links()).as("a link is written once").isEmpty();
        assertThat(driver.tokenLinksWritten).hasValue(1);
    }

    @Test
    void anIdentifierFirstSeenAfterTheOverlapIsCorrelatedUnderItsNewToken() {
        driver.send(sighting("e1", "IMMIGRATION", hours(0), ENTIKONG, minorVictim(duringOverlap("Q9", "P9"))));
        driver.send(sighting("e2", "ID_IMIGRASI", hours(1), ENTIKONG, minorVictim(afterOverlap("R1"))),
                sighting("e3", "IMMIGRATION", hours(7), TEBEDU, minorVictim(afterOverlap("R1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("CROSS_BORDER_MOVEMENT v1 HIGH [e2, e3]");
        assertThat(alerts.get(0).getSubjectToken()).isEqualTo("R1");
    }

    @Test
    void anEntryMadeBeforeTheRotationMatchesTheIdentifiersNewToken() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null));
        driver.send(sighting("e1", "MMEA", hours(0), PENANG, person(duringOverlap("Q1", "P1"))));
        driver.send(sighting("e2", "MMEA", hours(30), PENANG, person(afterOverlap("Q1"))));

        assertThat(AlertSummary.of(driver.alerts())).containsExactly(
                "WATCHLIST_HIT v1 HIGH [e1, w1]",
                "WATCHLIST_HIT v1 HIGH [e2, w1]");
    }

    @Test
    void anEntryMadeDuringTheOverlapMatchesAnIdentifierNoEventShowedUnderBothKeys() {
        driver.list(watch("w2", "RMP", duringOverlap("Q2", "P2"), Severity.HIGH, null));
        driver.send(sighting("e1", "MMEA", hours(0), PENANG, person(afterOverlap("Q2"))));
        driver.send(sighting("e2", "MMEA", hours(1), PENANG, person(passport("P2"))));

        assertThat(AlertSummary.of(driver.alerts())).containsExactly(
                "WATCHLIST_HIT v1 HIGH [e1, w2]",
                "WATCHLIST_HIT v2 HIGH [e1, e2, w2]");
        List<KeyValue<String, String>> links = driver.links();
        assertThat(links).as("the entry's link, written when an event first used it").hasSize(1);
        assertThat(TokenLink.fromJson(links.get(0).value)).isEqualTo(new TokenLink("Q2", "k2", "P2", "k1"));
    }

    @Test
    void anEntryMadeAfterTheOverlapMatchesAnIdentifierLinkedDuringIt() {
        driver.send(sighting("e1", "MMEA", hours(0), PENANG, person(duringOverlap("Q3", "P3"))));
        driver.list(watch("w3", "RMP", afterOverlap("Q3"), Severity.HIGH, null));
        driver.send(sighting("e2", "MMEA", hours(2), PENANG, person(afterOverlap("Q3"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).contains("WATCHLIST_HIT v2 HIGH [e1, e2, w3]");
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.getSubjectToken()).isEqualTo("P3"));
    }

    @Test
    void linksAcrossTwoRotationsLeadToTheFirstToken() {
        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))));
        driver.send(sighting("e2", "IMMIGRATION", hours(2), TEBEDU, minorVictim(duringOverlap("Q1", "P1"))));
        driver.send(sighting("e3", "ID_IMIGRASI", hours(4), ENTIKONG,
                minorVictim(new Identifier("PASSPORT", "R1", "k3", "ID", new PreviousToken("k2", "Q1")))));
        driver.send(sighting("e4", "IMMIGRATION", hours(6), TEBEDU,
                minorVictim(new Identifier("PASSPORT", "R1", "k3", "ID", null))));

        List<Alert> alerts = driver.alerts();
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> assertThat(alert.getSubjectToken()).isEqualTo("P1"));
        assertThat(AlertSummary.of(alerts)).last().isEqualTo("CROSS_BORDER_MOVEMENT v3 HIGH [e1, e2, e3, e4]");
    }

    @Test
    void aDamagedOrLoopingLinkRecordStopsNothing() {
        driver.link("X1", "not json");
        driver.link("Q7", new TokenLink("Q7", "k2", "P7", "k1").toJson());
        driver.link("P7", new TokenLink("P7", "k1", "Q7", "k2").toJson());

        driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(afterOverlap("Q7"))),
                sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(afterOverlap("Q7"))));

        assertThat(AlertSummary.of(driver.alerts())).containsExactly("CROSS_BORDER_MOVEMENT v1 HIGH [e1, e2]");
        assertThat(driver.deadLetters()).isEmpty();
    }

    private static Identifier duringOverlap(String token, String previousToken) {
        return new Identifier("PASSPORT", token, "k2", "ID", new PreviousToken("k1", previousToken));
    }

    private static Identifier afterOverlap(String token) {
        return new Identifier("PASSPORT", token, "k2", "ID", null);
    }
}
