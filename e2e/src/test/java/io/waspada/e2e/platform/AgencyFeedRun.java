package io.waspada.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs alert-producer's synthetic agency feed ({@code io.waspada.feed.AgencyFeed}, module agency-feed) as its own process,
 * as {@code ./waspada} does, against the platform's public ingest API with the agencies' keys; the result is its
 * summary JSON and its planted-call log (every planted call with its body, send and answer times).
 */
public record AgencyFeedRun(JsonNode summary, List<JsonNode> plantedCalls) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts the feed; {@code options} are the feed's own (e.g. --rate, --duration, --seed, --plant-every). */
    public static Running start(String ingestUrl, AgencyKeys keys, Path dir, List<String> options) {
        List<String> args = new ArrayList<>(List.of("--url", ingestUrl, "--credentials", keys.keysJson().toString(),
                "--summary", dir.resolve("feed-summary.json").toString(),
                "--planted-log", dir.resolve("planted-calls.jsonl").toString()));
        args.addAll(options);
        PackagedTool tool = PackagedTool.startJar("agency-feed", "io.waspada.feed.AgencyFeed", "agency-feed",
                List.of("-Xmx256m"), args);
        return new Running(tool, dir);
    }

    /** A feed still running. */
    public record Running(PackagedTool tool, Path dir) {

        /** Waits for the feed to finish (exit 0: every planted call accepted) and reads what it wrote. */
        public AgencyFeedRun await(Duration deadline) {
            tool.awaitSuccess(deadline);
            return read();
        }

        /**
         * Waits for the feed to finish, also when some planted call was not accepted (exit 1: e.g. answered 503 while
         * Kafka was down, as a fault test means it to be); fails on any other exit.
         */
        public AgencyFeedRun awaitFinished(Duration deadline) {
            int exit = tool.awaitExit(deadline);
            if (exit != 0 && exit != 1) {
                throw new IllegalStateException("the agency feed exited with " + exit + "; see its log");
            }
            return read();
        }

        /** Stops the feed if it still runs (SIGTERM; killed after 30 s): a failed fault test must not leave it posting. */
        public void stop() {
            tool.stop();
        }

        private AgencyFeedRun read() {
            try {
                JsonNode summary = JSON.readTree(dir.resolve("feed-summary.json").toFile());
                List<JsonNode> calls = new ArrayList<>();
                for (String line : Files.readAllLines(dir.resolve("planted-calls.jsonl"))) {
                    calls.add(JSON.readTree(line));
                }
                return new AgencyFeedRun(summary, List.copyOf(calls));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The planted call that posted {@code eventId}. */
    public JsonNode call(String eventId) {
        return plantedCalls.stream().filter(c -> eventId.equals(c.path("eventId").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no planted call for " + eventId));
    }
}
