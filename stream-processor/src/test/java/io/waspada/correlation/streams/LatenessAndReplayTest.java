package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Sighting;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.schemas.AvroSerdes;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Late events within the grace still correlate; beyond it they are counted and dead-lettered; replays add nothing. */
class LatenessAndReplayTest {

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
    void aReportBeyondTheGraceIsCountedAndDeadLetteredNotLost() {
        Sighting late = sighting("e1", "ID_IMIGRASI", hours(5), ENTIKONG, person(passport("P1")));
        driver.send(sighting("e2", "IMMIGRATION", hours(30), TEBEDU, person(passport("P1"))), late);

        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.lateEvents).hasValue(1);
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("e1");
        assertThat(AvroSerdes.SIGHTING.deserialize(Topics.DLQ.name(), dead.get(0).value())).isEqualTo(late);
        assertThat(new String(dead.get(0).headers().lastHeader("waspada.dlq.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("LATE_BEYOND_GRACE");
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
}
