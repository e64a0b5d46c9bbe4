package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Identifier;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retroactive watchlist: an entry listed after a token's events were correlated flags those still within the
 * watchlist rule's reach (stream time minus its 24 h window and 24 h grace), as if it had been listed before them;
 * events already flagged are not counted twice; a removed entry stops future hits only.
 */
class RetroactiveWatchlistTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anEntryListedLaterFlagsTheTokensEvidenceStillWithinReach() {
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))),
                sighting("e2", "RMP", hours(60), PENANG, person(passport("P1"))),
                sighting("e3", "RMP", hours(61), PENANG, person(passport("P2"))));
        assertThat(driver.alerts()).isEmpty();

        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null)).settle();

        // Stream time is hour 61: e2 (hour 60) is within 48 h of it, e1 (hour 1) is not.
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("WATCHLIST_HIT v1 HIGH [e2, w1]");
        assertThat(alerts.get(0).getEventCount()).isEqualTo(1);
        driver.settle();
        assertThat(driver.alerts()).as("applied once").isEmpty();
    }

    @Test
    void theTokensNextEventAppliesTheEntryBeforeItIsEvaluated() {
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(phone("F1"))));
        driver.list(watch("w1", "RMP", phone("F1"), Severity.HIGH, null));
        driver.send(sighting("e2", "MMEA", hours(2), PENANG, person(phone("F1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly(
                "WATCHLIST_HIT v1 HIGH [e1, w1]",
                "WATCHLIST_HIT v2 HIGH [e1, e2, w1]");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts.get(1).getEventCount()).isEqualTo(2);
    }

    @Test
    void eventsAlreadyFlaggedAreNotCountedAgainWhenASecondEntryNamesTheirToken() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.MEDIUM, null));
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(2), PENANG, person(passport("P1"))));
        assertThat(driver.alerts()).hasSize(2);

        driver.list(watch("w2", "MMEA", passport("P1"), Severity.HIGH, null)).settle();
        assertThat(driver.alerts()).as("nothing new is evidence").isEmpty();

        driver.send(sighting("e3", "IMMIGRATION", hours(3), PENANG, person(passport("P1"))));
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("WATCHLIST_HIT v3 HIGH [e1, e2, e3, w1, w2]");
        assertThat(alerts.get(0).getEventCount()).isEqualTo(3);
    }

    @Test
    void anEntryExpiredBeforeAnEventDoesNotFlagIt() {
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(5), PENANG, person(passport("P1"))));
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, hours(3))).settle();
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w1]");
    }

    @Test
    void anExpiryShortenedAndLengthenedAgainDoesNotCountTheFlaggedEventsTwice() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null));
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w1]");

        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, hours(0))).settle();
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null)).settle();
        assertThat(driver.alerts()).as("e1 was flagged already").isEmpty();

        driver.send(sighting("e2", "IMMIGRATION", hours(2), PENANG, person(passport("P1"))));
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("WATCHLIST_HIT v2 HIGH [e1, e2, w1]");
        assertThat(alerts.get(0).getEventCount()).isEqualTo(2);
    }

    @Test
    void aRemovedEntryStopsFutureHitsOnly() {
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))));
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null)).settle();
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w1]");

        driver.unlist("w1");
        driver.settle();
        driver.send(sighting("e2", "IMMIGRATION", hours(2), PENANG, person(passport("P1"))));
        driver.settle();
        assertThat(driver.alerts()).as("no withdrawal, no new hit").isEmpty();

        // Listed again: e2 is flagged now; e1, flagged by the removed entry, is not counted twice.
        driver.list(watch("w2", "RMP", passport("P1"), Severity.HIGH, null)).settle();
        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("WATCHLIST_HIT v2 HIGH [e1, e2, w2]");
        assertThat(alerts.get(0).getEventCount()).isEqualTo(2);
    }

    /**
     * The point of applying entries to stored evidence: the alerts end the same whether the entries were listed
     * before the events or after (the last version of each alert: its count and the evidence it carries).
     */
    @Test
    void listingAfterTheEventsEndsWithTheSameAlertsAsListingBefore() {
        List<Sighting> events = events(new Random(7), 120);
        Map<String, String> listedFirst;
        try (CorrelationDriver before = new CorrelationDriver()) {
            entries().forEach(before::list);
            events.forEach(before::send);
            before.settle();
            listedFirst = lastVersions(before.alerts());
        }
        Map<String, String> listedAfter;
        try (CorrelationDriver after = new CorrelationDriver()) {
            List<Sighting> firstHalf = events.subList(0, events.size() / 2);
            firstHalf.forEach(after::send);
            after.list(entries().get(0)).settle();
            events.subList(events.size() / 2, events.size()).forEach(after::send);
            after.list(entries().get(1)).settle();
            listedAfter = lastVersions(after.alerts());
        }
        assertThat(listedFirst).isNotEmpty();
        assertThat(listedAfter).isEqualTo(listedFirst);
    }

    private static List<io.waspada.avro.WatchlistEntry> entries() {
        return List.of(watch("w1", "RMP", passport("P1"), Severity.HIGH, null),
                watch("w2", "MMEA", phone("F1"), Severity.MEDIUM, null));
    }

    /** Sightings over two days naming P1, P2, F1 and F2, in a shuffled (but seeded) order. */
    private static List<Sighting> events(Random random, int count) {
        List<Identifier> ids = List.of(passport("P1"), passport("P2"), phone("F1"), phone("F2"));
        List<Sighting> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(sighting("e" + i, "RMP", hours(random.nextInt(48 * 60) / 60.0),
                    random.nextBoolean() ? PENANG : KUALA_LUMPUR, person(ids.get(random.nextInt(ids.size())))));
        }
        return events;
    }

    /** alertId to "type count [evidence]" of its last version. */
    private static Map<String, String> lastVersions(List<Alert> alerts) {
        Map<String, String> last = new TreeMap<>();
        for (Alert alert : alerts) {
            if (alert.getType().toString().equals("WATCHLIST_HIT")) {
                last.put(alert.getAlertId(), alert.getType() + " " + alert.getEventCount() + " "
                        + alert.getEvidence().stream().map(EvidenceRef::getEventId).sorted().toList());
            }
        }
        return last;
    }
}
