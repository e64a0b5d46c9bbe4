package io.waspada.e2e.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.e2e.platform.AgencyFeedRun;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.AlertSockets;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end benchmark (its own command, never part of {@code verify}): the packaged platform, an officer
 * WebSocket per task force, then the agency feed as its own process, open loop at {@code bench.rate} events/s for
 * {@code bench.duration} s with the planted patterns again every {@code bench.plant-every} s. Prints the latency of
 * every planted alert version from the POST of its last evidence event to its first WebSocket arrival (p50/p95/p99/
 * max and by stage), the sustained ingest rate, errors, and the consumer lag of the processor and the notifier.
 * {@code bench.brokers} (1 or 3) and {@code bench.instances} (1 or 2 of every service) scale the platform out.
 * <pre>./waspada bench [--rate 1000] [--duration 60] [--plant-every 5] [--env KEY=VALUE,...] [--brokers 3 --instances 2]
 * ./mvnw -B -o verify -pl e2e -Pbenchmark -Dbench.rate=1000 -Dbench.duration=60 [-Dbench.warmup=20] [-Dbench.env=KEY=VALUE,...]</pre>
 * The load runs {@code bench.warmup} s before the measured {@code bench.duration} s; alerts whose last evidence was
 * posted in the warm-up are reported apart (and in the whole-run figures).
 * {@code bench.env} is added to every service's environment, to try a setting (e.g. the processor's commit interval).
 * The figures also go to {@code e2e/target/e2e-benchmark.txt}.
 */
class EndToEndBenchmark {

    static final List<String> GROUPS = List.of("waspada-correlation", "notifier-service-delivery");

    @Test
    @Timeout(3600)
    void openLoopLoadWithPlantedPatterns(@TempDir Path dir) throws IOException {
        double rate = Double.parseDouble(System.getProperty("bench.rate", "1000"));
        double seconds = Double.parseDouble(System.getProperty("bench.duration", "60"));
        double plantEvery = Double.parseDouble(System.getProperty("bench.plant-every", "5"));
        // Load before the measured seconds: JIT, RocksDB and four JVMs warming up on the same cores.
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "20"));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        AgencyKeys keys = AgencyKeys.create(dir.resolve("ingest"));
        Map<String, String> env = new HashMap<>(keys.serviceEnv());
        env.putAll(serviceEnv(System.getProperty("bench.env", "")));
        List<String> report = new ArrayList<>();
        int brokers = Integer.getInteger("bench.brokers", 1);
        int instances = Integer.getInteger("bench.instances", 1);
        try (Platform platform = start(env, brokers, instances);
                AlertSockets sockets = AlertSockets.connect(platform.url("notifier-service"),
                        Officers.of(platform).tokenByTaskForce(), Duration.ofSeconds(60));
                AlertTap tap = new AlertTap(platform.connection());
                LagSampler lag = new LagSampler(platform.connection(), GROUPS, Duration.ofSeconds(2))) {
            System.out.printf(Locale.ROOT, "[bench] platform up; feed: %.0f events/s for %.0f s warm-up + %.0f s measured, "
                    + "planted every %.0f s%n", rate, warmup, seconds, plantEvery);
            String ingest = instances == 1 ? platform.url("alert-producer")
                    : platform.url("alert-producer") + "," + platform.url("alert-producer-2");
            AgencyFeedRun feed = AgencyFeedRun.start(ingest, keys, dir, List.of(
                    "--rate", Double.toString(rate), "--duration", (warmup + seconds) + "s", "--plant-every", plantEvery + "s",
                    "--seed", "42", "--patterns", "all", "--progress", "5"))
                    .await(Duration.ofSeconds((long) (warmup + seconds) + 600));
            lag.loadEnded();
            String drain = drain(lag, sockets, tap);
            List<LatencyReport.Timed> timed = LatencyReport.time(feed.plantedCalls(), sockets.arrivals(), tap);
            report.addAll(header(rate, warmup + seconds, plantEvery, loadBefore, feed));
            report.add(String.format(Locale.ROOT, "platform: %d Kafka broker(s), %d instance(s) of each service%s",
                    brokers, instances, instances > 1 ? " (each agency posts to one ingest; officer sockets on the "
                    + "first notifier, which shows every alert)" : ""));
            report.add(String.format(Locale.ROOT, "warm-up: the first %.0f s of load (figures below: after it, then the "
                    + "whole run)", warmup));
            if (!System.getProperty("bench.env", "").isBlank()) {
                report.add("service settings: " + System.getProperty("bench.env"));
            }
            report.add(plantedFound(feed, sockets));
            Duration window = Duration.ofSeconds(Math.max(5, (long) (warmup + seconds) / 4));
            report.addAll(LatencyReport.lines(timed, Instant.parse(feed.summary().path("startedAt").asText()), window,
                    Duration.ofMillis((long) (warmup * 1000))));
            report.add("consumer lag (sampled every 2 s; " + drain + "):");
            lag.report(rate).forEach(line -> report.add("  " + line));
            report.add("stream-processor's own view (Kafka Streams metrics at the end; ms):");
            streamsLatencies(platform.url("stream-processor")).forEach(line -> report.add("  " + line));
            report.add("WebSocket errors: " + sockets.errors().size()
                    + (sockets.errors().isEmpty() ? "" : " " + sockets.errors().subList(0, Math.min(3, sockets.errors().size()))));
            report.add("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        }
        String text = String.join("\n", report);
        System.out.println("\n== Waspada end-to-end benchmark ==\n" + text);
        Files.writeString(Path.of("target", "e2e-benchmark.txt"), text + "\n");
    }

    /**
     * The platform: as {@link Platform#start} with one broker and one instance each; else {@code brokers} Kafka nodes
     * and {@code instances} (2) of every service, the second of each under its name with {@code -2}.
     */
    static Platform start(Map<String, String> env, int brokers, int instances) {
        if (brokers == 1 && instances == 1) {
            return Platform.start(env);
        }
        Platform platform = Platform.startKafka(env, brokers);
        try {
            for (String service : Platform.SERVICES) {
                platform.startService(service, env, Duration.ofSeconds(240));
                for (int i = 2; i <= instances; i++) {
                    platform.startInstance(service, service + "-" + i, env, Duration.ofSeconds(240));
                }
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** {@code KEY=VALUE,KEY=VALUE} (environment of every service, e.g. KAFKA_STREAMS_COMMIT_INTERVAL_MS=50) as a map. */
    static Map<String, String> serviceEnv(String settings) {
        Map<String, String> env = new HashMap<>();
        for (String setting : settings.split(",")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                env.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
        return env;
    }

    private static final Pattern THREAD_LATENCY = Pattern.compile(
            "kafka_stream_thread_(commit|poll|process)_latency_(avg|max)\\{.*thread_id=\"[^\"]*-(StreamThread-\\d+)\".*} (\\S+)");

    /** Per stream thread, its commit, poll and process latencies (avg/max ms) from the processor's Prometheus metrics. */
    static List<String> streamsLatencies(String processorUrl) {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(processorUrl + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Map<String, String>> byThread = new TreeMap<>();
            metrics.body().lines().map(THREAD_LATENCY::matcher).filter(Matcher::matches).forEach(m -> byThread
                    .computeIfAbsent(m.group(3), t -> new TreeMap<>())
                    .put(m.group(1) + " " + m.group(2), String.format(Locale.ROOT, "%.1f", Double.parseDouble(m.group(4)))));
            List<String> lines = new ArrayList<>();
            byThread.forEach((thread, values) -> lines.add(String.format(Locale.ROOT,
                    "%s: commit avg %s max %s; poll avg %s max %s; process avg %s max %s", thread,
                    values.get("commit avg"), values.get("commit max"), values.get("poll avg"), values.get("poll max"),
                    values.get("process avg"), values.get("process max"))));
            return lines.isEmpty() ? List.of("(no kafka_stream_thread_*_latency metrics exported)") : lines;
        } catch (IOException e) {
            return List.of("(metrics not read: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** After the load: waits for the processor's lag to reach zero and for the committed versions to reach the sockets. */
    private static String drain(LagSampler lag, AlertSockets sockets, AlertTap tap) {
        long start = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> lag.latest(0) == 0);
            int[] previous = {-1};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                int now = sockets.arrivals().size();
                boolean settled = now == previous[0];
                previous[0] = now;
                return settled;
            });
            return String.format(Locale.ROOT, "processor drained %.1f s after the load", (System.nanoTime() - start) / 1e9);
        } catch (ConditionTimeoutException e) {
            return "processor NOT drained within 120 s after the load";
        }
    }

    private static List<String> header(double rate, double seconds, double plantEvery, String loadBefore, AgencyFeedRun feed) {
        JsonNode counts = feed.summary().path("counts");
        JsonNode schedule = feed.summary().path("schedule");
        double accepted = counts.path("accepted").asLong();
        return List.of(
                String.format(Locale.ROOT, "machine: %d cores; load average before: %s", Runtime.getRuntime().availableProcessors(),
                        loadBefore),
                String.format(Locale.ROOT, "offered: %.0f events/s for %.0f s, open loop (per-agency batches every 50 ms), "
                        + "planted patterns every %.0f s", rate, seconds, plantEvery),
                String.format(Locale.ROOT, "ingest: posted %d, accepted %d (%.0f accepted/s sustained), rejected %d, failed %d%s",
                        counts.path("posted").asLong(), (long) accepted, accepted / seconds, counts.path("rejected").asLong(),
                        counts.path("failed").asLong(), counts.has("lastFailure") ? " (last: " + counts.path("lastFailure").asText() + ")" : ""),
                String.format(Locale.ROOT, "schedule: max send delay %.0f ms, %d events sent > 100 ms late, peak %d calls in flight, %d unanswered%s",
                        schedule.path("maxSendDelayMs").asDouble(), schedule.path("eventsLateOver100ms").asLong(),
                        schedule.path("peakInFlight").asInt(), schedule.path("unanswered").asInt(),
                        schedule.path("maxSendDelayMs").asDouble() > 1000 ? "  -> FELL BEHIND SCHEDULE (over 1 s)"
                                : "  -> kept to schedule (within 1 s)"));
    }

    /**
     * How many planted patterns produced their alert (type + all planted evidence in some version that reached a
     * WebSocket; a site-keyed group crossing's later versions keep only the evidence inside its window); names the others.
     */
    private static String plantedFound(AgencyFeedRun feed, AlertSockets sockets) {
        var alerts = sockets.arrivals().stream().map(AlertSockets.Arrival::alert).toList();
        int planted = 0;
        List<String> missing = new ArrayList<>();
        for (JsonNode pattern : feed.summary().path("planted")) {
            planted++;
            List<String> ids = new ArrayList<>();
            pattern.path("eventIds").forEach(id -> ids.add(id.asText()));
            boolean raised = alerts.stream().anyMatch(a -> a.path("type").asText().equals(pattern.path("expectedAlertType").asText())
                    && AlertSockets.evidenceIds(a).containsAll(ids));
            if (!raised) {
                long partly = alerts.stream().filter(a -> a.path("type").asText().equals(pattern.path("expectedAlertType").asText())
                        && AlertSockets.evidenceIds(a).stream().anyMatch(ids::contains)).count();
                missing.add(pattern.path("pattern").asText() + " round " + pattern.path("round").asInt() + " ("
                        + ids.size() + " events; alerts holding some of them: " + partly + ")");
            }
        }
        int rounds = 1 + feed.summary().path("planted").findValues("round").stream().mapToInt(JsonNode::asInt).max().orElse(0);
        return String.format(Locale.ROOT, "planted patterns: %d in %d rounds; their alert reached a WebSocket for %d%s",
                planted, rounds, planted - missing.size(), missing.isEmpty() ? "" : "; not (yet) seen whole: " + missing);
    }
}
