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
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The synthetic agency feed: posts the planted patterns (in event-time order) and then seeded everyday traffic at
 * {@code --rate} for {@code --duration} through the public API, printing a progress line on stderr and, at the
 * end, a JSON summary on stdout: what was planted (pattern, expected alert type, eventIds), the near-misses, counts.
 * Same seed, same identifiers, places, agencies and plan; eventIds differ per run. Exit 1 if a planted call failed.
 */
public final class AgencyFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        new EverydayTraffic(options, client, counts, progress).run(new EventFactory(new Random(options.seed() + 1), nonce));
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

    static String pathOf(String kind) {
        return "INTERCEPTION".equals(kind) ? "/api/v1/interceptions" : "/api/v1/sightings";
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
