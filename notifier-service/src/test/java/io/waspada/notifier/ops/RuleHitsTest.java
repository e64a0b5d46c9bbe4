package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.it.TestAlerts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Past the size at which remembered alert ids are swept, every first version still counts once, and only once. */
class RuleHitsTest {

    @Test
    void everyFirstVersionCountsOnceWellPastTheSweepSize() {
        RuleHits hits = new RuleHits(Clock.fixed(Instant.parse("2026-01-01T10:30:00Z"), ZoneOffset.UTC));
        Alert template = TestAlerts.alert("template", 1, "KEDAH", Severity.HIGH, "tok", Handling.H0);
        for (int i = 0; i < 25_000; i++) {
            Alert alert = Alert.newBuilder(template).setAlertId("a" + i).build();
            hits.seen(alert, false);
            hits.seen(alert, false);
        }
        assertThat(hits.lastHour().perRule().get(template.getType()).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(25_000);
    }
}
