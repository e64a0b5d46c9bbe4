package io.waspada.ingest.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic agency feed: posts the planted patterns (in event-time order) and then seeded everyday traffic at
 * {@code --rate} for {@code --duration} through the public API, printing a progress line on stderr and, at the
 * end, a JSON summary on stdout: what was planted (pattern, expected alert type, eventIds), the near-misses, counts.
 * Same seed, same identifiers, places, agencies and plan; eventIds differ per run. Exit 1 if a planted call failed.
 */
public final class AgencyFeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IN_FLIGHT = 16;
    private static final int BATCH_LIMIT = 1000;

    private final FeedOptions options;
    private final IngestClient client;
    private final PrintStream progress;
    private final FeedCounts counts = new FeedCounts();
    private final List<String> plantedFailures = new ArrayList<>();

    AgencyFeed(FeedOptions options, IngestClient client, PrintStream progress) {
        this.options = options;
        this.client = client;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        FeedOptions options;
        try {
            options = FeedOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        IngestClient client = new IngestClient(options.url(), IngestClient.readKeys(options.credentials()));
        ObjectNode summary = new AgencyFeed(options, client, System.err).run();
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        System.out.println(text);
        if (options.summary() != null) {
            Files.writeString(options.summary(), text);
        }
        System.exit(summary.withArray("plantedFailures").isEmpty() ? 0 : 1);
    }

    /** Runs the feed and returns the summary. */
    public ObjectNode run() throws InterruptedException {
        Instant start = Instant.now();
        long nonce = start.toEpochMilli();
        List<Planted> plan = new PlantedPatterns(new EventFactory(new Random(options.seed()), nonce), start)
                .plan(options.patterns());
        checkCredentials(plan);
        progress.printf("[feed] %s: %d planted patterns and near-misses, then %.1f everyday events/s for %s (seed %d)%n",
                options.url(), plan.size(), options.rate(), options.duration(), options.seed());
        postPlanted(plan);
        everyday(new EventFactory(new Random(options.seed() + 1), nonce));
        return summary(plan, start);
    }

    private void checkCredentials(List<Planted> plan) {
        List<String> missing = plan.stream().flatMap(p -> p.steps().stream()).map(Step::agency).distinct()
                .filter(a -> !client.knows(a)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no API key for " + missing + " in " + options.credentials());
        }
    }

    private void postPlanted(List<Planted> plan) {
        List<Step> steps = plan.stream().flatMap(p -> p.steps().stream()).sorted(Comparator.comparing(Step::at)).toList();
        for (Step step : steps) {
            HttpResponse<String> response = call(step).exceptionally(error -> null).join();
            int status = response == null ? -1 : response.statusCode();
            if (step instanceof Step.Event) {
                counts.record(status);
            }
            if (status != 202) {
                plantedFailures.add(step.getClass().getSimpleName() + " by " + step.agency() + ": HTTP " + status
                        + (response == null ? "" : " " + response.body()));
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> call(Step step) {
        if (step instanceof Step.Event event) {
            if (event.observedNow()) {
                event.body().put("observedAt", Instant.now().toString());
            }
            counts.posted.incrementAndGet();
            return client.send("POST", event.agency(), pathOf(event.kind()), event.body());
        }
        if (step instanceof Step.WatchlistPut put) {
            return client.send("PUT", put.agency(), "/api/v1/watchlist/" + put.entryId(), put.body());
        }
        Step.WatchlistDelete delete = (Step.WatchlistDelete) step;
        return client.send("DELETE", delete.agency(), "/api/v1/watchlist/" + delete.entryId(), null);
    }

    private static String pathOf(String kind) {
        return "INTERCEPTION".equals(kind) ? "/api/v1/interceptions" : "/api/v1/sightings";
    }

    private void everyday(EventFactory events) throws InterruptedException {
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
            return client.send("POST", agency, pathOf(event.get("kind").asText()), event)
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

    private ObjectNode summary(List<Planted> plan, Instant start) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("url", options.url()).put("seed", options.seed()).put("startedAt", start.toString())
                .put("durationSeconds", options.duration().toMillis() / 1000.0).put("rate", options.rate());
        ObjectNode totals = summary.putObject("counts");
        totals.put("posted", counts.posted.get()).put("accepted", counts.accepted.get())
                .put("rejected", counts.rejected.get()).put("failed", counts.failed.get())
                .put("plantedEvents", plan.stream().mapToInt(p -> p.eventIds().size()).sum());
        if (counts.lastFailure.get() != null) {
            totals.put("lastFailure", counts.lastFailure.get());
        }
        ArrayNode planted = summary.putArray("planted");
        ArrayNode nearMisses = summary.putArray("nearMisses");
        for (Planted p : plan) {
            ObjectNode item = p.expectedAlertType() != null ? planted.addObject() : nearMisses.addObject();
            item.put("pattern", p.pattern());
            if (p.expectedAlertType() != null) {
                item.put("expectedAlertType", p.expectedAlertType());
            } else {
                item.put("mustNotRaise", p.mustNotRaise());
            }
            ArrayNode ids = item.putArray("eventIds");
            p.eventIds().forEach(ids::add);
            if (!p.watchlistEntryIds().isEmpty()) {
                ArrayNode entries = item.putArray("watchlistEntryIds");
                p.watchlistEntryIds().forEach(entries::add);
            }
        }
        ArrayNode failures = summary.putArray("plantedFailures");
        plantedFailures.forEach(failures::add);
        return summary;
    }
}
