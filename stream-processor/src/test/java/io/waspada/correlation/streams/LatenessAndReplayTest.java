package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Sighting;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.schemas.AvroSerdes;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lateness is per rule: an event joins a rule's windows while it is no older than stream time minus that rule's window
 * and the grace (24 h); older, it is late for that rule only and the other rules still use it. Late for every rule
 * (older than the widest window, 30 days, plus grace), it goes to the DLQ exactly as received, in the transaction, as
 * does a record that does not decode. Replays add nothing.
 */
class LatenessAndReplayTest {

    private static final double DAY = 24;
    /** Cross-border movement: 72 h window + 24 h grace. */
    private static final double CROSS_BORDER_REACH = 72 + 24;
    /** Sighting-interception link, the widest rule: 30 days + 24 h grace. */
    private static final double WIDEST_REACH = 30 * DAY + 24;

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aLateReportWithinTheGraceStillFires() {
        driver.send(sighting("e2", "IMMIGRATION", hours(30), TEBEDU, person(passport("P1"))),
                // reported 23 hours after the newest event seen: within the 24 h grace
                sighting("e1", "ID_IMIGRASI", hours(7), ENTIKONG, person(passport("P1"))));

        List<Alert> alerts = driver.alerts();
        assertThat(AlertSummary.of(alerts)).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(hours(7));
        assertThat(driver.lateEvents).hasValue(0);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void aBorderRecordPosted30HoursAfterTheFactStillJoinsItsCrossBorderMovement() {
        // The case: 30 h late is beyond the 24 h grace, but inside the 72 h window plus grace.
        driver.send(sighting("e2", "IMMIGRATION", hours(40), TEBEDU, person(passport("P1"))));
        driver.streamTimeAt(60);
        driver.send(sighting("e1", "ID_IMIGRASI", hours(30), ENTIKONG, person(passport("P1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void crossBorderJoinsAtItsWindowEdgeAndNotBeyondWhileTheWiderRulesStillUseTheEvent() {
        driver.streamTimeAt(200);
        // Window start 104.5 h: its end plus grace (200.5 h) has not passed stream time (200 h).
        driver.send(sighting("in1", "ID_IMIGRASI", hours(200 - CROSS_BORDER_REACH + 0.5), ENTIKONG,
                        person(passport("IN"))),
                sighting("in2", "IMMIGRATION", hours(106), TEBEDU, person(passport("IN"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [in1, in2]");

        // Half an hour earlier the window has closed, whichever order the two arrive in.
        driver.send(sighting("out1", "ID_IMIGRASI", hours(200 - CROSS_BORDER_REACH - 0.5), ENTIKONG,
                        person(passport("OUT"))),
                sighting("out2", "IMMIGRATION", hours(106), TEBEDU, person(passport("OUT"))));
        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateForRule).contains("CROSS_BORDER_MOVEMENT");
        // Not dead-lettered: the 30-day link may still need it.
        assertThat(driver.deadLetters()).isEmpty();
        driver.send(interception("out3", "RMP", hours(199), PENANG, 1, List.of(), victim(passport("OUT"))));
        assertThat(AlertSummary.of(driver.alerts()))
                .containsExactly("SIGHTING_INTERCEPTION_LINK v1 MEDIUM [out1, out2, out3]");
    }

    @Test
    void anInterceptionWrittenUpDaysLaterStillLinksToTheSightingItFollows() {
        driver.send(sighting("s1", "LABOUR", hours(0), KUALA_LUMPUR, victim(passport("V1"))));
        driver.streamTimeAt(7 * DAY);
        // Written up two days after the fact, about a sighting five days before that.
        driver.send(interception("i1", "RMP", hours(5 * DAY), PENANG, 1, List.of(), victim(passport("V1"))));
        assertThat(AlertSummary.of(driver.alerts())).containsExactly("SIGHTING_INTERCEPTION_LINK v1 MEDIUM [s1, i1]");
    }

    @Test
    void anEventLateForEveryRuleGoesToTheDlqExactlyAsReceived() {
        driver.streamTimeAt(800);
        Sighting late = sighting("e1", "ID_IMIGRASI", hours(800 - WIDEST_REACH - 1), ENTIKONG, person(passport("P1")));
        byte[] received = AvroSerdes.SIGHTING.serialize(Topics.SIGHTINGS.name(), late);
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        driver.sendRaw("e1", received, headers);
        // One hour younger it is still in the 30-day link's reach: admitted.
        driver.send(sighting("e2", "ID_IMIGRASI", hours(800 - WIDEST_REACH + 1), ENTIKONG, person(passport("P2"))));

        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateEvents).hasValue(1);
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("e1");
            assertThat(letter.value()).isEqualTo(received);
            assertThat(header(letter, "waspada.dlq.reason")).isEqualTo("LATE_FOR_EVERY_RULE");
            assertThat(header(letter, "traceparent")).isEqualTo("00-abc-def-01");
        });
    }

    @Test
    void aRecordThatDoesNotDecodeGoesToTheDlqAsReceivedAndCorrelationGoesOn() {
        byte[] poison = "not an avro sighting".getBytes(StandardCharsets.UTF_8);
        driver.sendRaw("poison-1", poison, new RecordHeaders());
        driver.send(sighting("e1", "ID_IMIGRASI", hours(7), ENTIKONG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(30), TEBEDU, person(passport("P1"))));

        assertThat(AlertSummary.of(driver.alerts())).containsExactly("CROSS_BORDER_MOVEMENT v1 MEDIUM [e1, e2]");
        assertThat(driver.undecodable).hasValue(1);
        assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(poison);
            assertThat(header(letter, "waspada.dlq.reason")).isEqualTo("UNDECODABLE");
            assertThat(header(letter, "waspada.dlq.topic")).isEqualTo(Topics.SIGHTINGS.name());
            assertThat(header(letter, "waspada.dlq.offset")).isEqualTo("0");
        });
    }

    @Test
    void replayingTheSameEventsYieldsTheSameAlertIdsAndNoExtraVersions() {
        List<Sighting> events = List.of(
                sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))),
                sighting("e2", "IMMIGRATION", hours(6), TEBEDU, person(passport("P1"))),
                sighting("e3", "RMP", hours(8), KUALA_LUMPUR, person(passport("P1"))));
        events.forEach(driver::send);
        List<Alert> first = driver.alerts();

        events.forEach(driver::send);
        assertThat(driver.alerts()).isEmpty();

        try (CorrelationDriver fresh = new CorrelationDriver()) {
            events.forEach(fresh::send);
            events.forEach(fresh::send);
            List<Alert> again = fresh.alerts();
            assertThat(AlertSummary.of(again)).isEqualTo(AlertSummary.of(first));
            assertThat(again.stream().map(Alert::getAlertId).toList())
                    .isEqualTo(first.stream().map(Alert::getAlertId).toList());
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
