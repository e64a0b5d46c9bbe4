package io.waspada.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The synthetic agency feed: posts the planted patterns (in event-time order) and then seeded everyday traffic at
 * {@code --rate} for {@code --duration} (open loop) through the public API, planting the patterns again every
 * {@code --plant-every} if asked, printing a progress line on stderr and, at the end, a JSON summary on stdout
 * ({@link FeedSummary}). Same seed, same identifiers, places, agencies and plan; eventIds differ per run.
 * Exit 1 if a planted call failed.
 */
public final class AgencyFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedOptions options;
    private final IngestClient client;
    private final PrintStream progress;
    private final AnswerLog answers;
    private final FeedCounts counts;

    AgencyFeed(FeedOptions options, IngestClient client, PrintStream progress) throws IOException {
        this.options = options;
        this.answers = AnswerLog.open(options.answerLog());
        this.counts = new FeedCounts(answers);
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

    /**
     * Runs the feed with the command line's {@code args} against a running ingest API, with progress lines to
     * {@code progress}; returns the summary (what {@link #main} prints). A bad option is an IllegalArgumentException.
     */
    public static ObjectNode run(PrintStream progress, String... args) throws InterruptedException, IOException {
        FeedOptions options = FeedOptions.parse(args);
        return new AgencyFeed(options, new IngestClient(options.url(), IngestClient.readKeys(options.credentials())),
                progress).run();
    }

    /** Runs the feed and returns the summary. */
    ObjectNode run() throws InterruptedException, IOException {
        Instant start = Instant.now();
        long nonce = start.toEpochMilli();
        EventFactory plantedEvents = new EventFactory(new Random(options.seed()), nonce);
        List<Planted> plan = new PlantedPatterns(plantedEvents, start).plan(options.patterns());
        checkCredentials(plan);
        progress.printf("[feed] %s: %d planted patterns and near-misses%s, then %.1f everyday events/s for %s (seed %d)%n",
                options.url(), plan.size(), options.plantEvery().isZero() ? ""
                        : " (planted again every " + options.plantEvery() + ")", options.rate(), options.duration(),
                options.seed());
        List<FeedSummary.Round> rounds = new CopyOnWriteArrayList<>();
        rounds.add(new FeedSummary.Round(0, plan));
        EverydayTraffic.Schedule schedule;
        PlantedCalls calls;
        // The agencies answer (or decline) the officers' follow-up requests about their records while the feed runs.
        try (PlantedLog log = PlantedLog.open(options.plantedLog()); AnswerLog answered = answers;
             FollowUpResponder followUps = new FollowUpResponder(client, List.copyOf(new java.util.TreeSet<>(
                     client.agencies())), Duration.ofSeconds(20), progress).start()) {
            calls = new PlantedCalls(client, counts, log);
            calls.inOrder(0, plan).join();
            ScheduledExecutorService repeater = Executors.newSingleThreadScheduledExecutor();
            List<CompletableFuture<Void>> repeats = new CopyOnWriteArrayList<>();
            try {
                if (!options.plantEvery().isZero()) {
                    long every = options.plantEvery().toMillis();
                    repeater.scheduleAtFixedRate(() -> repeats.add(plantAgain(plantedEvents, rounds, calls)), every,
                            every, TimeUnit.MILLISECONDS);
                }
                schedule = new EverydayTraffic(options, client, counts, progress)
                        .run(new EventFactory(new Random(options.seed() + 1), nonce));
            } finally {
                // Also when the traffic fails: the repeater's thread would otherwise keep planting, and the JVM alive.
                repeater.shutdown();
            }
            repeater.awaitTermination(10, TimeUnit.SECONDS);
            try {
                CompletableFuture.allOf(repeats.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                progress.println("[feed] planted calls unfinished: " + e);
            }
        }
        return FeedSummary.of(options, start, counts, schedule, rounds, calls.failures());
    }

    /** A new round of the planted patterns (new identifiers, no near-misses), each pattern its own chain of calls. */
    private CompletableFuture<Void> plantAgain(EventFactory events, List<FeedSummary.Round> rounds, PlantedCalls calls) {
        List<Planted> again = new PlantedPatterns(events, Instant.now()).plan(options.patterns()).stream()
                .filter(p -> p.expectedAlertType() != null).toList();
        int number = rounds.size();
        rounds.add(new FeedSummary.Round(number, again));
        return CompletableFuture.allOf(again.stream().map(p -> calls.inOrder(number, List.of(p)))
                .toArray(CompletableFuture[]::new));
    }

    private void checkCredentials(List<Planted> plan) {
        List<String> missing = plan.stream().flatMap(p -> p.steps().stream()).map(Step::agency).distinct()
                .filter(a -> !client.knows(a)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no API key for " + missing + " in " + options.credentials());
        }
    }

    static String pathOf(String kind) {
        return "INTERCEPTION".equals(kind) ? "/api/v1/interceptions" : "TIP".equals(kind) ? "/api/v1/tips"
                : "/api/v1/sightings";
    }
}
