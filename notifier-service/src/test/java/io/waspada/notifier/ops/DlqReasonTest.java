package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.notifier.ops.OpsOverview.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A DLQ record's {@code waspada.dlq.*} headers, as the stream-processor writes them, become a readable reason. */
class DlqReasonTest {

    @Test
    void anUndecodableRecordNamesItsSourceAndException() {
        DeadLetterReason reason = DlqTail.reason(record(1_700_000_000_000L,
                "reason", "UNDECODABLE", "topic", "tip.sightings.v1", "partition", "3", "offset", "17",
                "exception", "org.apache.kafka.common.errors.SerializationException", "message", "Unknown magic byte"));
        assertThat(reason).isEqualTo(new DeadLetterReason(Instant.ofEpochMilli(1_700_000_000_000L), "UNDECODABLE",
                "tip.sightings.v1-3@17", "org.apache.kafka.common.errors.SerializationException: Unknown magic byte"));
    }

    @Test
    void aLateEventCarriesOnlyAReasonAndADetail() {
        DeadLetterReason reason = DlqTail.reason(record(5L, "reason", "LATE_BEYOND_GRACE",
                "detail", "event time 120000 ms beyond the grace period of 3600000 ms"));
        assertThat(reason.reason()).isEqualTo("LATE_BEYOND_GRACE");
        assertThat(reason.source()).isNull();
        assertThat(reason.detail()).isEqualTo("event time 120000 ms beyond the grace period of 3600000 ms");
    }

    @Test
    void aRecordWithoutHeadersIsUnknown() {
        assertThat(DlqTail.reason(record(5L)).reason()).isEqualTo("UNKNOWN");
    }

    private static ConsumerRecord<byte[], byte[]> record(long timestamp, String... headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            recordHeaders.add(DlqTail.HEADER + headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("tip.dlq.v1", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, null,
                new byte[0], recordHeaders, Optional.empty());
    }
}
