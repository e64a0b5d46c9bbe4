package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.notifier.routing.Silence;
import io.waspada.notifier.view.AlertState;
import io.waspada.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume cursor of the WebSocket and the time window of silences. */
class ResumeCursorTest {

    @Test
    void aCursorKeepsTheHighestVersionPerAlertAndAsksForWhatIsNewer() {
        ResumeCursor cursor = ResumeCursor.parse("a:2, b:5,a:3,with:colon:7");
        assertThat(cursor.seen()).isEqualTo(Map.of("a", 3L, "b", 5L, "with:colon", 7L));
        assertThat(cursor.lacks(state("a", 3))).isFalse();
        assertThat(cursor.lacks(state("a", 4))).isTrue();
        assertThat(cursor.lacks(state("c", 1))).isTrue();
        assertThat(ResumeCursor.parse(null).lacks(state("a", 1))).isTrue();
    }

    @Test
    void aBadCursorNamesTheItem() {
        assertThatThrownBy(() -> ResumeCursor.parse("a:1,b")).hasMessage("since: 'b' is not alertId:version");
        assertThatThrownBy(() -> ResumeCursor.parse("a:x")).hasMessage("since: 'a:x' is not alertId:version");
    }

    @Test
    void aSilenceMutesMatchingLabelsOnlyInItsWindowAndExpiring() {
        Instant start = Instant.parse("2026-11-20T00:00:00Z");
        Silence silence = new Silence("s1", List.of("subject=\"tok\"", "severity=~\"LOW|MEDIUM\""), start,
                start.plusSeconds(3600), "ops", "operation", start);
        Map<String, String> labels = Map.of("subject", "tok", "severity", "LOW");
        assertThat(silence.mutes(labels, start.minusSeconds(1))).isFalse();
        assertThat(silence.mutes(labels, start)).isTrue();
        assertThat(silence.mutes(Map.of("subject", "tok", "severity", "HIGH"), start)).isFalse();
        assertThat(silence.mutes(labels, start.plusSeconds(3600))).isFalse();
        Silence expired = silence.expiredAt(start.plusSeconds(60));
        assertThat(expired.mutes(labels, start.plusSeconds(60))).isFalse();
        assertThat(expired.endsAt()).isEqualTo(start.plusSeconds(60));
    }

    private static AlertState state(String id, long version) {
        var alert = Fixtures.alert(id, Fixtures.sighting("e-" + id, Fixtures.passport("tok")));
        alert.setVersion(version);
        return new AlertState(alert, List.of("NORTH"), null, AlertState.OPEN);
    }
}
