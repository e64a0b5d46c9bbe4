package io.waspada.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulator's command line: {@code --url} (or several, comma-separated: each agency posts to one), {@code --rate} (everyday events/s), {@code --duration} (30s, 5m,
 * or seconds), {@code --seed}, {@code --patterns} (all, none, or a comma list of {@link PlantedPatterns#NAMES}),
 * {@code --credentials} (agency keys JSON), {@code --summary} (also write the summary JSON to a file),
 * {@code --progress} (seconds between progress lines), {@code --plant-every} (plant the patterns again, with new
 * identifiers and without near-misses, every so often during the run; 0 = once, at the start),
 * {@code --planted-log} (JSON lines: every planted call with its body, send and answer times), {@code --answer-log}
 * (every event's answer: {@code <status> <eventId>} lines, -1 for none).
 */
record FeedOptions(String url, double rate, Duration duration, long seed, Set<String> patterns, Path credentials,
        Path summary, Duration progressEvery, Duration plantEvery, Path plantedLog, Path answerLog) {

    static final String USAGE = """
            usage: AgencyFeed [--url http://localhost:8081] [--rate 20] [--duration 60s] [--seed 42]
                              [--patterns all|none|cross-border,facilitator-network,vessel-link,watchlist,group-crossing,tip-only,repeat-crossing,minor-no-return]
                              [--credentials .waspada/credentials.json] [--summary planted.json] [--progress 5]
                              [--plant-every 0] [--planted-log planted-calls.jsonl] [--answer-log answers.txt]""";

    static FeedOptions parse(String... args) {
        String url = "http://localhost:8081";
        double rate = 20;
        Duration duration = Duration.ofSeconds(60);
        long seed = 42;
        Set<String> patterns = new TreeSet<>(PlantedPatterns.NAMES);
        Path credentials = Path.of(".waspada", "credentials.json");
        Path summary = null;
        Duration progress = Duration.ofSeconds(5);
        Duration plantEvery = Duration.ZERO;
        Path plantedLog = null;
        Path answerLog = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option + "\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> url = value;
                case "--rate" -> rate = Double.parseDouble(value);
                case "--duration" -> duration = duration(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--patterns" -> patterns = patterns(value);
                case "--credentials" -> credentials = Path.of(value);
                case "--summary" -> summary = Path.of(value);
                case "--progress" -> progress = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                case "--plant-every" -> plantEvery = duration(value);
                case "--planted-log" -> plantedLog = Path.of(value);
                case "--answer-log" -> answerLog = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must not be negative");
        }
        if (plantEvery.isNegative()) {
            throw new IllegalArgumentException("--plant-every must not be negative");
        }
        return new FeedOptions(url, rate, duration, seed, patterns, credentials, summary, progress, plantEvery,
                plantedLog, answerLog);
    }

    static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
        }
        return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    private static Set<String> patterns(String value) {
        if ("all".equals(value)) {
            return new TreeSet<>(PlantedPatterns.NAMES);
        }
        if ("none".equals(value) || value.isBlank()) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>(Arrays.asList(value.split(",")));
        names.removeIf(String::isBlank);
        for (String name : names) {
            if (!PlantedPatterns.NAMES.contains(name) && !PlantedPatterns.ON_REQUEST.contains(name)) {
                throw new IllegalArgumentException("unknown pattern " + name + "; known: " + new TreeSet<>(PlantedPatterns.NAMES));
            }
        }
        return names;
    }
}
