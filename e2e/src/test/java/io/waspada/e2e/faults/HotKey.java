package io.waspada.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A hot key as the correlation issue tried it: one agency posts many interceptions naming one facilitator phone,
 * spread over ten hours of event time, with victims from a small pool, through the public batch API. Every answer is
 * recorded on the rig, so the suite checks each accepted event is on its topic like the feed's.
 */
final class HotKey {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;
    private static final int VICTIMS = 50;

    private HotKey() {
    }

    static void post(FaultRig rig, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String phone = "+60 12-" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        String url = rig.platform().url("alert-producer") + "/api/v1/events/batch";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        long refused = 0;
        for (int from = 0; from < count; from += BATCH) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode events = body.putArray("events");
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                events.add(event(phone, i, now.minus(Duration.ofHours(10)).plusMillis(i * 360L)));
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + rig.keys().key("RMP"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode results = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("results") : null;
            if (results != null && results.size() == events.size()) {
                for (JsonNode item : results) {
                    rig.answered(item.path("eventId").asText(), item.path("status").asInt());
                    refused += item.path("status").asInt() == 202 ? 0 : 1;
                }
            } else {
                events.forEach(event -> rig.answered(event.path("eventId").asText(), answer.statusCode()));
                refused += events.size();
            }
        }
        if (refused > 0) {
            rig.problem(refused + " of " + count + " hot-key events not accepted, with Kafka up");
        }
        rig.note(String.format(java.util.Locale.ROOT, "7: %d events naming one phone posted in %.1f s (batches of %d)",
                count, (System.nanoTime() - started) / 1e9, BATCH));
    }

    private static ObjectNode event(String phone, int n, Instant observedAt) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"kind": "INTERCEPTION", "eventId": "%s", "agency": "RMP", "observedAt": "%s",
                 "location": {"lat": 1.4655, "lon": 103.7578, "country": "MY", "region": "JOHOR", "site": "JOHOR_CAUSEWAY"},
                 "subjects": [
                   {"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID",
                    "identifiers": [{"scheme": "PASSPORT", "value": "H%07d", "issuer": "ID"}]},
                   {"type": "PHONE", "role": "SUSPECTED_FACILITATOR", "identifiers": [{"scheme": "PHONE", "value": "%s"}]}],
                 "indicators": ["DOCUMENTS_HELD_BY_THIRD_PARTY"],
                 "outcome": "RESCUED", "personsCount": 1, "caseReference": "RMP/JHR/2026/%d",
                 "handling": "H1", "sourceReliability": "B", "informationAccuracy": 2}
                """.formatted(UUID.randomUUID(), observedAt, n % VICTIMS, phone, n));
    }
}
