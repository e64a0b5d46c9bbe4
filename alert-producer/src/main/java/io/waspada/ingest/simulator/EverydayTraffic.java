package io.waspada.ingest.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Everyday traffic at {@code --rate} events/s for {@code --duration}: every 50 ms the events due are generated,
 * grouped by agency and posted (one event: its endpoint; more: the batch endpoint), at most 16 calls in flight;
 * answers go into the {@link FeedCounts}, with a progress line every {@code --progress}.
 */
final class EverydayTraffic {

    private static final int MAX_IN_FLIGHT = 16;
    private static final int BATCH_LIMIT = 1000;

    private final FeedOptions options;
    private final IngestClient client;
    private final FeedCounts counts;
    private final PrintStream progress;

    EverydayTraffic(FeedOptions options, IngestClient client, FeedCounts counts, PrintStream progress) {
        this.options = options;
        this.client = client;
        this.counts = counts;
        this.progress = progress;
    }

    void run(EventFactory events) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long begin = System.nanoTime();
        long end = begin + options.duration().toNanos();
        long nextProgress = begin + options.progressEvery().toNanos();
        long generated = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            long due = (long) (options.rate() * (now - begin) / 1e9) - generated;
            if (due > 0) {
                generated += due;
                postEveryday(events, due, inFlight);
            }
            if (now >= nextProgress) {
                progress.println(counts.line((now - begin) / 1e9));
                nextProgress += options.progressEvery().toNanos();
            }
            // Pacing of a load generator (not a test): post what is due every 50 ms.
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            progress.println("[feed] some posts did not finish within 60 s");
        }
        progress.println(counts.line((System.nanoTime() - begin) / 1e9));
    }

    private void postEveryday(EventFactory events, long due, Semaphore inFlight) throws InterruptedException {
        Map<String, List<ObjectNode>> byAgency = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (long i = 0; i < due; i++) {
            ObjectNode event = events.everyday(now);
            if (client.knows(event.get("agency").asText())) {
                byAgency.computeIfAbsent(event.get("agency").asText(), a -> new ArrayList<>()).add(event);
            }
        }
        for (var group : byAgency.entrySet()) {
            for (int from = 0; from < group.getValue().size(); from += BATCH_LIMIT) {
                List<ObjectNode> chunk = group.getValue().subList(from, Math.min(from + BATCH_LIMIT, group.getValue().size()));
                inFlight.acquire();
                counts.posted.addAndGet(chunk.size());
                send(group.getKey(), chunk).whenComplete((ignored, error) -> inFlight.release());
            }
        }
    }

    private CompletableFuture<Void> send(String agency, List<ObjectNode> chunk) {
        if (chunk.size() == 1) {
            ObjectNode event = chunk.get(0);
            return client.send("POST", agency, AgencyFeed.pathOf(event.get("kind").asText()), event)
                    .handle((response, error) -> {
                        if (response == null) {
                            counts.failure(String.valueOf(error));
                        } else {
                            counts.record(response.statusCode());
                            if (response.statusCode() != 202) {
                                counts.lastFailure.set("HTTP " + response.statusCode() + " " + response.body());
                            }
                        }
                        return null;
                    });
        }
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        chunk.forEach(events::add);
        return client.send("POST", agency, "/api/v1/events/batch", JsonNodeFactory.instance.objectNode().set("events", events))
                .handle((response, error) -> {
                    if (response == null) {
                        chunk.forEach(e -> counts.failure(String.valueOf(error)));
                    } else if (response.statusCode() != 200) {
                        chunk.forEach(e -> counts.record(response.statusCode()));
                        counts.lastFailure.set("HTTP " + response.statusCode() + " " + response.body());
                    } else {
                        IngestClient.parse(response.body()).path("results").forEach(item -> {
                            counts.record(item.path("status").asInt());
                            if (item.path("status").asInt() != 202) {
                                counts.lastFailure.set(item.toString());
                            }
                        });
                    }
                    return null;
                });
    }

}
