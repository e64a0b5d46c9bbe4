package io.waspada.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agencies' side of follow-up requests on the local platform: each agency of the feed looks at its open requests
 * ({@code GET /api/v1/requests?status=OPEN}) every few seconds and, once a request has waited {@code after} (so an
 * officer sees it waiting first), answers it with a text and fields about its own record, or, for about one request
 * in four (by its id, reproducibly), declines it with a reason. An URGENT request is answered sooner.
 */
final class FollowUpResponder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration POLL = Duration.ofSeconds(5);

    private final IngestClient client;
    private final List<String> agencies;
    private final Duration after;
    private final PrintStream progress;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger declined = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "feed-follow-ups");
        thread.setDaemon(true);
        return thread;
    });

    FollowUpResponder(IngestClient client, List<String> agencies, Duration after, PrintStream progress) {
        this.client = client;
        this.agencies = List.copyOf(agencies);
        this.after = after;
        this.progress = progress;
    }

    /** Starts looking every {@link #POLL}. */
    FollowUpResponder start() {
        ticker.scheduleWithFixedDelay(this::round, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look at every agency's open requests; replies to those that have waited long enough. */
    void round() {
        for (String agency : agencies) {
            try {
                var answer = client.send("GET", agency, "/api/v1/requests?status=OPEN", null).get(30, TimeUnit.SECONDS);
                if (answer.statusCode() != 200) {
                    continue;
                }
                for (JsonNode request : IngestClient.parse(answer.body())) {
                    if (due(request, Instant.now())) {
                        reply(agency, request);
                    }
                }
            } catch (Exception e) {
                progress.println("[feed] follow-up requests of " + agency + " not read: " + e.getMessage());
            }
        }
    }

    boolean due(JsonNode request, Instant now) {
        Duration wait = "URGENT".equals(request.path("urgency").asText()) ? after.dividedBy(2) : after;
        Instant asked = Instant.parse(request.path("askedAt").asText(now.toString()));
        return !now.isBefore(asked.plus(wait));
    }

    /** Whether the feed declines this request rather than answer it: one in four, by its id. */
    static boolean declines(String requestId) {
        return Math.floorMod(requestId.hashCode(), 4) == 0;
    }

    static ObjectNode answerTo(String agency, JsonNode request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", agency + " record " + request.path("eventId").asText() + ": the subject travelled with two"
                + " others on one sponsor letter; the officer on duty can be reached through the " + agency
                + " liaison desk.");
        ObjectNode fields = body.putObject("fields");
        fields.put("recordedBy", agency);
        fields.put("travelCompanions", "2");
        fields.put("sponsorLetter", "shared");
        return body;
    }

    static ObjectNode declineOf(String agency) {
        ObjectNode body = JSON.createObjectNode();
        body.put("reason", "Part of an open " + agency + " investigation: ask through the liaison officer.");
        return body;
    }

    private void reply(String agency, JsonNode request) throws Exception {
        String id = request.path("requestId").asText();
        boolean decline = declines(id);
        var answer = client.send("POST", agency, "/api/v1/requests/" + id + (decline ? "/decline" : "/answer"),
                decline ? declineOf(agency) : answerTo(agency, request)).get(30, TimeUnit.SECONDS);
        if (answer.statusCode() == 202) {
            (decline ? declined : answered).incrementAndGet();
            progress.printf("[feed] %s %s follow-up request %s%n", agency, decline ? "declined" : "answered", id);
        }
    }

    int answered() {
        return answered.get();
    }

    int declined() {
        return declined.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
