package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.alerts.AlertLabels;
import io.waspada.avro.Alert;
import io.waspada.avro.Interception;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.correlation.absence.AbsenceAlerts;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.absence.MinorOutboundNoReturn;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.correlation.testing.Events;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seventh rule, an absence rule, through the production topology: a minor sighted leaving at a border site and
 * nobody recording their return (an INBOUND event) or rescue (an interception, RESCUED) within 7 days. With the default
 * grace (24 h) the A observed at hour 0 falls due at hour 192 (7 d + 24 h): it fires when stream time passes that.
 */
class MinorOutboundNoReturnTest {

    private static final String RULE = MinorOutboundNoReturn.ID;
    private static final String MINOR = "Pminor";
    private static final String DEPARTURE = "out-1";

    static Sighting outbound(String eventId, double at, Subject subject) {
        return Sighting.newBuilder(Events.sighting(eventId, "IMI", hours(at), BUKIT_KAYU_HITAM, subject))
                .setDirection("OUTBOUND").build();
    }

    static Sighting inbound(String eventId, double at, Subject subject) {
        return Events.sighting(eventId, "ICS", hours(at), BUKIT_KAYU_HITAM, subject);
    }

    static Sighting departure() {
        return outbound(DEPARTURE, 0, minorVictim(passport(MINOR)));
    }

    private static List<Alert> absences(CorrelationDriver driver) {
        return driver.alerts().stream().filter(alert -> alert.getType().equals(RULE)).toList();
    }

    @Test
    void firesWhenStreamTimePassesTheDeadlinePlusGraceAndNotBefore() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.streamTimeAt(168.5); // past the deadline, within the grace
            assertThat(absences(driver)).isEmpty();
            driver.streamTimeAt(192); // at deadline + grace: not past it
            assertThat(absences(driver)).isEmpty();
            driver.streamTimeAt(192.01);
            List<Alert> raised = absences(driver);
            assertThat(raised).hasSize(1);
            Alert alert = raised.get(0);
            assertThat(alert.getAlertId())
                    .isEqualTo(AbsenceAlerts.alertId(RULE, CorrelationKey.token(MINOR), DEPARTURE));
            assertThat(alert.getVersion()).isEqualTo(1);
            assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL); // HIGH, one step up for the minor
            assertThat(alert.getEvidence()).extracting(ref -> ref.getEventId().toString()).containsExactly(DEPARTURE);
            assertThat(alert.getEventCount()).isEqualTo(1);
            assertThat(alert.getSubjectToken()).isEqualTo(MINOR);
            assertThat(alert.getWindowStart()).isEqualTo(hours(0));
            assertThat(alert.getTitle()).isEqualTo(
                    "Passport of a minor left Bukit Kayu Hitam ICQS (Malaysia-Thailand) and was not seen returning within 7 days");
            assertThat(alert.getTitle()).doesNotContain(MINOR);
            assertThat(alert.getLabels()).containsEntry(AlertLabels.TYPE, RULE).containsEntry(AlertLabels.MINOR, "true")
                    .containsEntry(AlertLabels.SUBJECT, MINOR).containsEntry(AlertLabels.SEVERITY, "CRITICAL");
            // Raised once and forgotten: stream time moving on raises nothing more.
            driver.streamTimeAt(400);
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void aReturnWithinTheWindowCancelsIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.send(inbound("back", 100, minorVictim(passport(MINOR))));
            driver.streamTimeAt(300);
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void aRescueWithinTheWindowCancelsItAndAnOutboundInterceptionOtherwiseDoesNot() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.send(interception("held", 50, Outcome.DETAINED)); // neither inbound nor a rescue
            driver.streamTimeAt(300);
            assertThat(absences(driver)).hasSize(1);
        }
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.send(interception("rescued", 50, Outcome.RESCUED));
            driver.streamTimeAt(300);
            assertThat(absences(driver)).isEmpty();
        }
    }

    private static Interception interception(String eventId, double at, Outcome outcome) {
        return Interception.newBuilder(Events.interception(eventId, "APMM", hours(at), Events.PADANG_BESAR, 1,
                List.of(), minorVictim(passport(MINOR)))).setDirection("OUTBOUND").setOutcome(outcome).build();
    }

    @Test
    void aReturnThatArrivesBeforeTheDepartureStillCancelsIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(inbound("back", 100, minorVictim(passport(MINOR))));
            driver.send(departure()); // reported late, after the return: found in the evidence
            driver.streamTimeAt(300);
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void aReturnReportedAfterTheDeadlineButWithinTheGraceCancelsIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.streamTimeAt(190); // the deadline (168) has passed; deadline + grace (192) has not
            driver.send(inbound("back-late", 160, minorVictim(passport(MINOR))));
            driver.streamTimeAt(300);
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void aReturnAfterTheDeadlineDoesNotCancelIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.send(inbound("back-too-late", 169, minorVictim(passport(MINOR))));
            driver.streamTimeAt(193);
            assertThat(absences(driver)).hasSize(1);
        }
    }

    @Test
    void aReturnReportedOnlyAfterTheAlertChangesNothing() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            driver.streamTimeAt(193);
            assertThat(absences(driver)).hasSize(1);
            driver.send(inbound("back-reported-late", 160, minorVictim(passport(MINOR))));
            driver.streamTimeAt(300);
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void onlyAMinorSightedLeavingAtABorderSiteStartsIt() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(outbound("adult-out", 0, person(passport("Padult"))));
            driver.send(inbound("minor-in", 0, minorVictim(passport("Pminor-in"))));
            driver.send(Sighting.newBuilder(Events.sighting("inland-out", "RMP", hours(0), KUALA_LUMPUR,
                    minorVictim(passport("Pminor-inland")))).setDirection("OUTBOUND").build());
            driver.send(Sighting.newBuilder(outbound("unaccompanied-out", 0, person(passport("Pcarried"))))
                    .setIndicators(List.of("UNACCOMPANIED_MINOR")).build());
            driver.streamTimeAt(300);
            // The indicator marks the event as involving a minor: only that one fires.
            assertThat(absences(driver)).extracting(Alert::getSubjectToken).containsExactly("Pcarried");
        }
    }

    @Test
    void aDepartureTooLateForTheRuleIsIgnoredAndCounted() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.streamTimeAt(200); // 7 d + 24 h after the departure: it can no longer be judged
            driver.send(departure());
            driver.streamTimeAt(400);
            assertThat(absences(driver)).isEmpty();
            assertThat(driver.lateForRule).contains(RULE);
            assertThat(driver.lateEvents).hasValue(0); // still correlated by the other rules
        }
    }

    @Test
    void theRulesOwnGraceAndWindowApply() {
        var shorter = new AbsenceRules(List.of(MinorOutboundNoReturn.rule(Duration.ofDays(2), Duration.ofHours(6),
                SiteRegistry.defaults())), Duration.ofHours(24), AbsenceRules.IDLE);
        try (CorrelationDriver driver = new CorrelationDriver(RuleSettings.defaults(), shorter)) {
            driver.send(departure());
            driver.streamTimeAt(54); // 48 h + 6 h
            assertThat(absences(driver)).isEmpty();
            driver.streamTimeAt(54.01);
            assertThat(absences(driver)).extracting(Alert::getTitle).containsExactly(
                    "Passport of a minor left Bukit Kayu Hitam ICQS (Malaysia-Thailand) and was not seen returning within 2 days");
        }
    }

    @Test
    void theSameEventsInAnyOrderAndReplayedGiveTheSameAlert() {
        List<Sighting> events = new ArrayList<>(List.of(departure(),
                outbound("out-2", 10, minorVictim(passport("Pother"))),
                inbound("other-back", 20, minorVictim(passport("Pother"))),
                inbound("unrelated", 30, person(passport("Pstranger"))),
                outbound("out-3", 40, minorVictim(passport("Pthird")))));
        List<String> expected = List.of(AbsenceAlerts.alertId(RULE, CorrelationKey.token(MINOR), DEPARTURE),
                AbsenceAlerts.alertId(RULE, CorrelationKey.token("Pthird"), "out-3"));
        Random random = new Random(19);
        for (int run = 0; run < 5; run++) {
            Collections.shuffle(events, random);
            try (CorrelationDriver driver = new CorrelationDriver()) {
                events.forEach(driver::send);
                events.forEach(driver::send); // a replay: every event once more
                driver.streamTimeAt(300);
                assertThat(absences(driver)).extracting(Alert::getAlertId)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void anIdlePartitionRaisesWhatTheWallClockMakesDue() {
        // The test driver's wall clock starts at 2026-11-29T00:00Z, 8 d 21 h after Events.T0.
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure()); // due 2026-11-28T03:00Z by the wall clock
            driver.send(outbound("out-recent", 150, minorVictim(passport("Precent")))); // due 2026-12-04T09:00Z
            driver.settle();
            assertThat(absences(driver)).isEmpty(); // not idle yet: stream time (hour 150) rules
            advance(driver, Duration.ofMinutes(15));
            List<Alert> raised = absences(driver);
            assertThat(raised).extracting(Alert::getSubjectToken).containsExactly(MINOR);
            // Input again: stream time rules once more, and what the wall clock did is not undone or repeated.
            driver.streamTimeAt(193);
            advance(driver, Duration.ofSeconds(5));
            assertThat(absences(driver)).isEmpty();
        }
    }

    @Test
    void aTaskReadingOnlyResentEventsIsNotIdle() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(departure());
            for (int minute = 0; minute < 20; minute++) {
                driver.send(departure()); // a resend: counts for nothing, but it is input
                advance(driver, Duration.ofMinutes(1));
            }
            assertThat(absences(driver)).isEmpty();
            advance(driver, Duration.ofMinutes(15));
            assertThat(absences(driver)).hasSize(1);
        }
    }

    private static void advance(CorrelationDriver driver, Duration by) {
        driver.driver().advanceWallClockTime(by);
    }

}
