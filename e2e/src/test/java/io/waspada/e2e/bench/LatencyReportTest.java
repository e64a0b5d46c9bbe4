package io.waspada.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.e2e.platform.AlertSockets.Arrival;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic: which call is an alert version's last evidence, the stages, first arrival, percentiles. */
class LatencyReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    @Test
    void timesEachVersionFromThePostOfItsNewestEvidenceToItsFirstWebSocketArrivalAndSplitsTheStages() {
        List<JsonNode> calls = List.of(call("e1", 0, 40), call("e2", 1000, 1030), watchlistCall("w1"));
        JsonNode alert = alert("a1", 2, "2026-11-29T03:00:01.200Z", "e1", "e2", "w1");
        List<Arrival> arrivals = List.of(new Arrival("LAND_NORTH", alert, T0.plusMillis(1500)),
                new Arrival("NTF_HQ", alert, T0.plusMillis(1400)));

        List<LatencyReport.Timed> timed = LatencyReport.time(calls, arrivals, (id, version) -> T0.plusMillis(1330));

        assertThat(timed).singleElement().satisfies(t -> {
            assertThat(t.totalMs()).isEqualTo(400.0);      // POST of e2 at 1000 ms, first arrival at 1400 ms
            assertThat(t.ingestMs()).isEqualTo(30.0);
            assertThat(t.correlateMs()).isEqualTo(170.0);
            assertThat(t.commitMs()).isEqualTo(130.0);
            assertThat(t.deliverMs()).isEqualTo(70.0);
        });
    }

    @Test
    void leavesOutVersionsWithEvidenceTheFeedDidNotPlantAndMarksMissingStamps() {
        List<JsonNode> calls = List.of(call("e1", 0, 40));
        List<Arrival> arrivals = List.of(
                new Arrival("NTF_HQ", alert("everyday", 1, "2026-11-29T03:00:00.100Z", "e1", "x9"), T0.plusMillis(300)),
                new Arrival("NTF_HQ", alert("planted", 1, "2026-11-29T03:00:00.100Z", "e1"), T0.plusMillis(300)));

        List<LatencyReport.Timed> timed = LatencyReport.time(calls, arrivals, (id, version) -> null);

        assertThat(timed).extracting(LatencyReport.Timed::alertId).containsExactly("planted");
        assertThat(timed.get(0).commitMs()).isNaN();
        assertThat(LatencyReport.lines(timed, T0, java.time.Duration.ofSeconds(15), java.time.Duration.ZERO))
                .anySatisfy(line -> assertThat(line).contains("commit").contains("(none)"))
                .anySatisfy(line -> assertThat(line).contains("posted 0-15 s into the run").contains("n    1"));
    }

    @Test
    void versionsPostedDuringTheWarmUpAreLeftOutOfTheMeasuredFiguresOnly() {
        List<JsonNode> calls = List.of(call("early", 0, 10), call("late", 30_000, 30_010));
        List<Arrival> arrivals = List.of(
                new Arrival("NTF_HQ", alert("a1", 1, "2026-11-29T03:00:00.100Z", "early"), T0.plusMillis(4_000)),
                new Arrival("NTF_HQ", alert("a2", 1, "2026-11-29T03:00:30.100Z", "late"), T0.plusMillis(30_300)));

        List<String> lines = LatencyReport.lines(LatencyReport.time(calls, arrivals, (id, version) -> null), T0,
                java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(20));

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("AFTER WARM-UP (posted from 20 s)")
                .contains("n    1").contains("max   300.0 ms"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("whole run").contains("n    2")
                .contains("max  4000.0 ms"));
    }

    @Test
    void percentilesAreNearestRank() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        assertThat(LatencyReport.percentile(values, 50)).isEqualTo(50);
        assertThat(LatencyReport.percentile(values, 99)).isEqualTo(99);
        assertThat(LatencyReport.percentile(new double[] {7}, 99)).isEqualTo(7);
    }

    private static JsonNode call(String eventId, long sentMs, long answeredMs) {
        return JSON.createObjectNode().put("eventId", eventId).put("status", 202)
                .put("sentAt", T0.plusMillis(sentMs).toString()).put("answeredAt", T0.plusMillis(answeredMs).toString());
    }

    private static JsonNode watchlistCall(String entryId) {
        return JSON.createObjectNode().put("entryId", entryId).put("status", 202)
                .put("sentAt", T0.toString()).put("answeredAt", T0.toString());
    }

    private static JsonNode alert(String alertId, long version, String updatedAt, String... evidence) {
        ObjectNode alert = JSON.createObjectNode().put("alertId", alertId).put("version", version)
                .put("type", "GROUP_CROSSING").put("updatedAt", updatedAt);
        for (String id : evidence) {
            alert.withArray("evidence").addObject().put("eventId", id);
        }
        return alert;
    }
}
