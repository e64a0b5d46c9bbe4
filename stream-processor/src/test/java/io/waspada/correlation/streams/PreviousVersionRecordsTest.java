package io.waspada.correlation.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.correlation.testing.CorrelationDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records the previous version wrote to the repartition topic (format 2: no admission stream time in the event)
 * still in it at an upgrade: their admission stream time is read from the {@code waspada.arrival-stream-time}
 * header; without the header, the correlation task's stream time stands in.
 */
class PreviousVersionRecordsTest {

    private final CorrelationDriver driver = new CorrelationDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    /** The interception of {@link ObservationCodecTest} (a rescued minor, passport token Ptok), in format 2. */
    private static final byte[] FORMAT_2 = HexFormat.of().parseHex(ObservationCodecTest.OBSERVATION_V2);
    private static final Instant OBSERVED = Instant.ofEpochMilli(1_763_607_600_000L);

    @Test
    void theAdmissionStreamTimeComesFromTheHeader() {
        var headers = new RecordHeaders();
        long admitted = OBSERVED.plus(Duration.ofDays(40)).toEpochMilli(); // beyond every rule's window and grace
        headers.add(Admission.ARRIVAL_STREAM_TIME_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(admitted).array());
        repartition().pipeInput(new TestRecord<>("t:Ptok", FORMAT_2, headers, OBSERVED));
        assertThat(driver.lateForRule).as("late for each rule it is evidence for").isNotEmpty()
                .contains("SIGHTING_INTERCEPTION_LINK");
    }

    @Test
    void withoutTheHeaderTheTasksStreamTimeStandsIn() {
        repartition().pipeInput(new TestRecord<>("t:Ptok", FORMAT_2, new RecordHeaders(), OBSERVED));
        assertThat(driver.lateForRule).isEmpty();
        assertThat(driver.deadLetters()).isEmpty();
    }

    private org.apache.kafka.streams.TestInputTopic<String, byte[]> repartition() {
        return driver.driver().createInputTopic("correlation-ttd-" + CorrelationTopology.REPARTITION + "-repartition",
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }
}
