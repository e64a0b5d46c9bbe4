package io.waspada.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.e2e.platform.AlertSockets.Arrival;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Times every planted alert version from the POST of its last evidence event (the feed's send time) to its first
 * arrival on an officer's WebSocket, and splits that into stages on the machine's one clock: the ingest answer
 * (202 after Kafka's ack), correlation (up to the alert's {@code updatedAt}, stamped by the processor when it
 * composed the version), the processor's commit (until a read_committed consumer sees it) and the notifier's
 * delivery to the WebSocket. Versions with evidence the feed did not plant are left out.
 */
final class LatencyReport {

    /** One alert version, timed; stage times in milliseconds (NaN where a stamp is missing). */
    record Timed(String alertId, long version, String type, Instant sentAt, double totalMs, double ingestMs,
            double correlateMs, double commitMs, double deliverMs) {
    }

    private LatencyReport() {
    }

    /** When a read_committed consumer first saw an alert version (null: not seen). */
    interface Visibility {
        Instant visibleAt(String alertId, long version);
    }

    static List<Timed> time(List<JsonNode> plantedCalls, List<Arrival> arrivals, Visibility tap) {
        Map<String, JsonNode> calls = new HashMap<>();
        Set<String> entries = new HashSet<>();
        for (JsonNode call : plantedCalls) {
            if (call.hasNonNull("eventId") && call.path("status").asInt() == 202) {
                calls.put(call.path("eventId").asText(), call);
            } else if (call.hasNonNull("entryId")) {
                entries.add(call.path("entryId").asText());
            }
        }
        Map<String, Arrival> first = new HashMap<>();
        for (Arrival arrival : arrivals) {
            first.merge(arrival.alertId() + ":" + arrival.version(), arrival, (a, b) -> a.at().isBefore(b.at()) ? a : b);
        }
        List<Timed> timed = new ArrayList<>();
        for (Arrival arrival : first.values()) {
            JsonNode last = lastEvidenceCall(arrival.alert(), calls, entries);
            if (last == null) {
                continue;
            }
            Instant sent = Instant.parse(last.path("sentAt").asText());
            Instant answered = Instant.parse(last.path("answeredAt").asText());
            Instant composed = instant(arrival.alert().path("updatedAt"));
            Instant visible = tap.visibleAt(arrival.alertId(), arrival.version());
            timed.add(new Timed(arrival.alertId(), arrival.version(), arrival.alert().path("type").asText(), sent,
                    ms(sent, arrival.at()), ms(sent, answered), ms(answered, composed), ms(composed, visible),
                    ms(visible, arrival.at())));
        }
        timed.sort(Comparator.comparingDouble(Timed::totalMs));
        return timed;
    }

    /** The planted call of the alert's newest evidence event, or null if some evidence was not planted. */
    private static JsonNode lastEvidenceCall(JsonNode alert, Map<String, JsonNode> calls, Set<String> entries) {
        JsonNode last = null;
        for (JsonNode evidence : alert.path("evidence")) {
            String id = evidence.path("eventId").asText();
            JsonNode call = calls.get(id);
            if (call == null && !entries.contains(id)) {
                return null;
            }
            if (call != null && (last == null
                    || Instant.parse(call.path("sentAt").asText()).isAfter(Instant.parse(last.path("sentAt").asText())))) {
                last = call;
            }
        }
        return last;
    }

    /**
     * The figures: first the versions whose last evidence was posted after the {@code warmup} (from {@code start}),
     * then the whole run by stage and type; {@code window} splits the run by when the last evidence was posted.
     */
    static List<String> lines(List<Timed> timed, Instant start, Duration window, Duration warmup) {
        List<String> lines = new ArrayList<>();
        long alerts = timed.stream().map(Timed::alertId).distinct().count();
        lines.add(String.format(Locale.ROOT, "alert versions timed: %d (%d alerts)", timed.size(), alerts));
        Instant measured = start.plus(warmup);
        List<Timed> afterWarmup = timed.stream().filter(t -> !t.sentAt().isBefore(measured)).toList();
        lines.add(row(String.format(Locale.ROOT, "AFTER WARM-UP (posted from %d s)", warmup.toSeconds()), afterWarmup,
                Timed::totalMs));
        lines.add(row("whole run (POST -> WebSocket)", timed, Timed::totalMs));
        lines.add(row("  ingest (POST -> 202 after ack)", timed, Timed::ingestMs));
        lines.add(row("  correlate (202 -> composed)", timed, Timed::correlateMs));
        lines.add(row("  commit (composed -> visible)", timed, Timed::commitMs));
        lines.add(row("  deliver (visible -> WebSocket)", timed, Timed::deliverMs));
        Map<String, List<Timed>> byType = new TreeMap<>();
        timed.forEach(t -> byType.computeIfAbsent(t.type(), k -> new ArrayList<>()).add(t));
        byType.forEach((type, list) -> lines.add(row("  " + type, list, Timed::totalMs)));
        Map<Long, List<Timed>> byWindow = new TreeMap<>();
        timed.forEach(t -> byWindow.computeIfAbsent(Math.max(0, Duration.between(start, t.sentAt()).toMillis())
                / window.toMillis(), k -> new ArrayList<>()).add(t));
        byWindow.forEach((w, list) -> lines.add(row(String.format(Locale.ROOT, "  posted %d-%d s into the run",
                w * window.toSeconds(), (w + 1) * window.toSeconds()), list, Timed::totalMs)));
        return lines;
    }

    private static String row(String name, List<Timed> timed, ToDoubleFunction<Timed> stage) {
        double[] values = timed.stream().mapToDouble(stage).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return String.format(Locale.ROOT, "%-36s (none)", name);
        }
        return String.format(Locale.ROOT, "%-36s n %4d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms",
                name, values.length, percentile(values, 50), percentile(values, 95), percentile(values, 99),
                values[values.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            double seconds = value.asDouble();
            return Instant.ofEpochSecond((long) seconds, (long) ((seconds - Math.floor(seconds)) * 1e9));
        }
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static double ms(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toNanos() / 1e6;
    }
}
