package io.waspada.feed;

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
import java.util.concurrent.TimeUnit;

/**
 * Everyday traffic at {@code --rate} events/s for {@code --duration}, open loop: every 50 ms the events due by the
 * clock are generated, grouped by agency and posted asynchronously (one event: its endpoint; more: the batch
 * endpoint) whatever the answers so far; answers go into the {@link FeedCounts}, with a progress line every
 * {@code --progress}. Returns how well it kept to the schedule ({@link Schedule}).
 */
final class EverydayTraffic {

    private static final int BATCH_LIMIT = 1000;
    private static final long LATE_NANOS = 100_000_000L;
    private static final long TICK_NANOS = 50_000_000L;

    private final FeedOptions options;
    private final IngestClient client;
    private final FeedCounts counts;
    private final PrintStream progress;
    private final InFlight inFlight = new InFlight();
    private long maxSendDelayNanos;
    private long lateEvents;

    EverydayTraffic(FeedOptions options, IngestClient client, FeedCounts counts, PrintStream progress) {
        this.options = options;
        this.client = client;
        this.counts = counts;
        this.progress = progress;
    }

    /**
     * How the open loop kept to its schedule: the longest delay of an event behind its due time, how many events
     * were sent more than 100 ms late, the most calls in flight at once, and the calls still unanswered at the end.
     */
    record Schedule(double maxSendDelayMs, long eventsLateOver100ms, int peakInFlight, int unanswered) {
    }

    Schedule run(EventFactory events) throws InterruptedException {
        long begin = System.nanoTime();
        long end = begin + options.duration().toNanos();
        long nextProgress = begin + options.progressEvery().toNanos();
        long generated = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            long due = (long) (options.rate() * (now - begin) / 1e9) - generated;
            if (due > 0) {
                // The oldest event now due (number generated + 1) was due at (generated + 1) / rate.
                long delay = now - begin - (long) ((generated + 1) / options.rate() * 1e9);
                maxSendDelayNanos = Math.max(maxSendDelayNanos, delay);
                lateEvents += delay > LATE_NANOS ? due : 0;
                generated += due;
                postEveryday(events, due);
            }
            if (now >= nextProgress) {
                progress.println(counts.line((now - begin) / 1e9) + "  in flight " + inFlight.count());
                nextProgress += options.progressEvery().toNanos();
            }
            // Pacing of a load generator (not a test): post what is due at every 50 ms tick of the clock.
            long nextTick = begin + ((System.nanoTime() - begin) / TICK_NANOS + 1) * TICK_NANOS;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nextTick - System.nanoTime()));
        }
        int unanswered = inFlight.awaitNone(60_000);
        if (unanswered > 0) {
            progress.println("[feed] " + unanswered + " calls unanswered 60 s after the end");
        }
        progress.println(counts.line((System.nanoTime() - begin) / 1e9));
        return new Schedule(maxSendDelayNanos / 1e6, lateEvents, inFlight.peak(), unanswered);
    }

    private void postEveryday(EventFactory events, long due) {
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
                inFlight.start();
                counts.posted.addAndGet(chunk.size());
                send(group.getKey(), chunk).whenComplete((ignored, error) -> inFlight.finish());
            }
        }
    }

    private CompletableFuture<Void> send(String agency, List<ObjectNode> chunk) {
        if (chunk.size() == 1) {
            ObjectNode event = chunk.get(0);
            return client.send("POST", agency, AgencyFeed.pathOf(event.get("kind").asText()), event)
                    .handle((response, error) -> {
                        if (response == null) {
                            counts.failure(String.valueOf(error), event.get("eventId").asText());
                        } else {
                            counts.record(response.statusCode(), event.get("eventId").asText());
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
                        chunk.forEach(e -> counts.failure(String.valueOf(error), e.get("eventId").asText()));
                    } else if (response.statusCode() != 200) {
                        chunk.forEach(e -> counts.record(response.statusCode(), e.get("eventId").asText()));
                        counts.lastFailure.set("HTTP " + response.statusCode() + " " + response.body());
                    } else {
                        IngestClient.parse(response.body()).path("results").forEach(item -> {
                            counts.record(item.path("status").asInt(), item.path("eventId").asText());
                            if (item.path("status").asInt() != 202) {
                                counts.lastFailure.set(item.toString());
                            }
                        });
                    }
                    return null;
                });
    }

    /** Calls in flight: counted, with the peak, and a bounded wait for none. */
    private static final class InFlight {
        private int count;
        private int peak;

        synchronized void start() {
            peak = Math.max(peak, ++count);
        }

        synchronized void finish() {
            if (--count == 0) {
                notifyAll();
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized int peak() {
            return peak;
        }

        /** Waits up to {@code millis} for every call to be answered; returns how many are still open. */
        synchronized int awaitNone(long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            for (long left = millis; count > 0 && left > 0; left = end - System.currentTimeMillis()) {
                wait(left);
            }
            return count;
        }
    }
}
