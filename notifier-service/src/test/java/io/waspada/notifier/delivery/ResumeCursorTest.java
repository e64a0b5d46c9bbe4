package io.waspada.notifier.delivery;

import io.waspada.notifier.officers.OfficerStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.notifier.routing.Silence;
import io.waspada.notifier.view.AlertState;
import io.waspada.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.waspada.notifier.officers.AlertStatus.Standing;
import org.junit.jupiter.api.Test;

/** The resume cursor of the WebSocket and the time window of silences. */
class ResumeCursorTest {

    @Test
    void aCursorKeepsTheHighestVersionPerAlertAndAsksForWhatIsNewer() {
        ResumeCursor cursor = ResumeCursor.parse("a:2, b:5,a:3,with:colon:7");
        assertThat(cursor.seen()).isEqualTo(Map.of("a", 3L, "b", 5L, "with:colon", 7L));
        assertThat(cursor.lacks(state("a", 3), "NORTH")).isFalse();
        assertThat(cursor.lacks(state("a", 4), "NORTH")).isTrue();
        assertThat(cursor.lacks(state("c", 1), "NORTH")).isTrue();
        assertThat(ResumeCursor.parse(null).lacks(state("a", 1), "NORTH")).isTrue();
    }

    @Test
    void aBadCursorNamesTheItem() {
        assertThatThrownBy(() -> ResumeCursor.parse("a:1,b")).hasMessage("since: 'b' is not alertId:version[:status]");
        assertThatThrownBy(() -> ResumeCursor.parse("a:x")).hasMessage("since: 'a:x' is not alertId:version[:status]");
        assertThatThrownBy(() -> ResumeCursor.parse("a:OPEN")).hasMessage("since: 'a:OPEN' is not alertId:version[:status]");
    }

    @Test
    void aCursorWithStatusesAsksForStatusChangesAndResolvedAlertsItHas() {
        ResumeCursor cursor = ResumeCursor.parse("a:2:OPEN,b:1:ACKNOWLEDGED,x:OPEN:4,c:1,b:1:RESOLVED");
        assertThat(cursor.seen()).isEqualTo(Map.of("a", 2L, "b", 1L, "x:OPEN", 4L, "c", 1L));
        assertThat(cursor.statuses()).isEqualTo(Map.of("a", OfficerStatus.OPEN, "b", OfficerStatus.RESOLVED));
        assertThat(cursor.wants(state("a", 2, AlertState.OPEN), "NORTH")).isFalse();
        assertThat(cursor.wants(state("a", 2, new Standing(false, Set.of("NORTH"))), "NORTH")).isTrue();   // acknowledged while away
        // Acknowledged by another task force: NORTH's status is still OPEN, so nothing to send.
        assertThat(cursor.wants(state("a", 2, new Standing(false, Set.of("SOUTH"))), "NORTH")).isFalse();
        assertThat(cursor.wants(state("a", 2, AlertState.RESOLVED), "NORTH")).isTrue(); // resolved while away
        assertThat(cursor.wants(state("b", 1, AlertState.RESOLVED), "NORTH")).isFalse();
        // Without a status the cursor is per version, as before: nor is a resolved alert it lacks sent.
        assertThat(cursor.wants(state("c", 1, AlertState.RESOLVED), "NORTH")).isFalse();
        assertThat(cursor.wants(state("c", 2, AlertState.OPEN), "NORTH")).isTrue();
        assertThat(cursor.wants(state("d", 1, AlertState.RESOLVED), "NORTH")).isFalse();
        assertThat(cursor.wants(state("d", 1, AlertState.OPEN), "NORTH")).isTrue();
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
        Silence expired = silence.expiredAt(start.plusSeconds(60), "ops");
        assertThat(expired.mutes(labels, start.plusSeconds(60))).isFalse();
        assertThat(expired.endsAt()).isEqualTo(start.plusSeconds(60));
    }

    private static AlertState state(String id, long version) {
        return state(id, version, AlertState.OPEN);
    }

    private static AlertState state(String id, long version, Standing status) {
        var alert = Fixtures.alert(id, Fixtures.sighting("e-" + id, Fixtures.passport("tok")));
        alert.setVersion(version);
        return new AlertState(alert, List.of("NORTH"), null, status);
    }
}
