package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.T0;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Severity;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WATCHLIST_HIT: immediate on an active entry, with the listing agency in the evidence; not on expired or removed. */
class WatchlistHitTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void firesAtOnceWithTheEntrySeverityAndTheListingAgency() {
        driver.list(watch("w1", "RMP", phone("F1"), Severity.HIGH, hours(24 * 60)));
        driver.send(sighting("e1", "MMEA", hours(1), PENANG, person(phone("F1"))),
                sighting("e2", "MMEA", hours(1), PENANG, person(phone("OTHER"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w1]");
        Alert alert = alerts.get(0);
        EvidenceRef listing = alert.getEvidence().get(1);
        assertThat(listing.getKind()).isEqualTo(EventKind.WATCHLIST);
        assertThat(listing.getAgency()).isEqualTo("RMP");
        assertThat(alert.getAgencies()).containsExactly("MMEA", "RMP");
        assertThat(alert.getLabels()).containsEntry("agencies", "MMEA,RMP").containsEntry("domain", "INLAND");
        assertThat(alert.getTitle()).isEqualTo("Watchlisted phone seen by MMEA at PULAU_PINANG (MY)");
        assertThat(alert.getSummary()).contains("On the watchlist of RMP (HIGH)");
    }

    @Test
    void aMinorRaisesTheSeverityAHitWithinTheWindowIsANewVersionAndANextDaysOneANewAlert() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, null));
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, minorVictim(passport("P1"))),
                sighting("e2", "RMP", hours(20), PENANG, person(passport("P1"))),
                sighting("e3", "RMP", hours(26), PENANG, person(passport("P1"))));

        List<Alert> alerts = driver.alerts();
        // Episodes are per day of hits (cells of the 24 h window, from 00:00 UTC; T0 is 03:00): e3 is the next
        // day's first hit, a new alert, and within 24 h of e2 it is also evidence of the first day's alert.
        assertThat(AlertSummary.of(alerts)).containsExactly(
                "WATCHLIST_HIT v1 CRITICAL [e1, w1]",
                "WATCHLIST_HIT v2 CRITICAL [e1, e2, w1]",
                "WATCHLIST_HIT v3 CRITICAL [e1, e2, e3, w1]",
                "WATCHLIST_HIT v1 HIGH [e3, w1]");
        assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts.get(2).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
        assertThat(alerts.get(3).getAlertId()).as("the next day's hits: a new alert").isNotEqualTo(
                alerts.get(0).getAlertId());
    }

    @Test
    void doesNotFireOnAnExpiredOrRemovedEntry() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.HIGH, T0));
        driver.list(watch("w2", "RMP", passport("P2"), Severity.HIGH, null));
        driver.unlist("w2");
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(1), PENANG, person(passport("P2"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void aTokenStaysListedWhileOneOfItsEntriesRemains() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.MEDIUM, null));
        driver.list(watch("w2", "MMEA", passport("P1"), Severity.HIGH, null));
        driver.unlist("w1");
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w2]");
        driver.unlist("w2");
        driver.send(sighting("e2", "IMMIGRATION", hours(30), PENANG, person(passport("P1"))));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void anEntryMovedToAnotherIdentifierNoLongerMatchesTheOldOne() {
        driver.list(watch("w1", "RMP", passport("P1"), Severity.MEDIUM, null));
        driver.list(watch("w1", "RMP", passport("P9"), Severity.MEDIUM, null));
        driver.send(sighting("e1", "IMMIGRATION", hours(1), PENANG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(2), PENANG, person(passport("P9"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("WATCHLIST_HIT v1 MEDIUM [e2, w1]");
    }
}
