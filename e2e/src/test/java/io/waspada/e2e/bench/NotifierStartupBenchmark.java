package io.waspada.e2e.bench;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.kafka.KafkaConnection;
import io.waspada.testing.Fixtures;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier's start on a long history (issue #15's start-up figure): pre-loads {@code bench.alerts} alerts (100,000,
 * {@code bench.open} of them still open) and {@code bench.lifecycle} lifecycle events (1,000,000: routed, delivered,
 * viewed, acknowledged, resolved) into a fresh platform's topics, then starts the packaged notifier (-Xmx512m, as the
 * launcher gives it) and reports how long it takes to be ready, and its heap after a full GC once ready: first on an
 * empty state directory, then restarted on the directory the first start filled. Targets of the second generation: ready in under 30 s, heap after GC under 256 MB. Not part of the tests:
 * {@code notifier-service/startup-bench.sh} (or {@code ./mvnw -B verify -pl e2e -Pstartup-benchmark}).
 */
class NotifierStartupBenchmark {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @Test
    @Timeout(3600)
    void readyOnAYearOfHistory() throws Exception {
        int alerts = Integer.getInteger("bench.alerts", 100_000);
        int open = Integer.getInteger("bench.open", 10_000);
        int lifecycle = Integer.getInteger("bench.lifecycle", 1_000_000);
        Duration patience = Duration.ofSeconds(Long.getLong("bench.ready-within", 600));
        List<String> report = new ArrayList<>();
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average before: "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        try (Platform platform = Platform.startKafka(Map.of())) {
            long loadStart = System.nanoTime();
            long written = preload(platform.connection(), alerts, open, lifecycle);
            report.add(String.format(Locale.ROOT, "pre-loaded %,d alerts (%,d open) and %,d lifecycle events in %.1f s",
                    alerts, open, written, seconds(System.nanoTime() - loadStart)));
            System.out.println("[bench] " + report.get(report.size() - 1) + "; starting the notifier");
            // First start: an empty state directory, every lifecycle event read into the local store. Second start:
            // the same directory, as after a restart (only what came after the store's checkpoint is read).
            PlatformProcess first = measuredStart(platform, patience, "first start (empty state directory)", report);
            if (first != null) {
                // The restart logs to notifier-service.2.log: the first start's log stays as it was.
                first.close();
                PlatformProcess second = measuredStart(platform, patience, "restart (state directory kept)", report);
                if (second != null) {
                    second.close();
                }
            }
        }
        String text = String.join("\n", report);
        System.out.println("\n== Waspada notifier start-up benchmark ==\n" + text);
        Files.writeString(Path.of("target", "notifier-startup-benchmark.txt"), text + "\n");
    }

    /** Starts the notifier, reports its time to ready and its heap after GC; the process, or null if never ready. */
    private static PlatformProcess measuredStart(Platform platform, Duration patience, String what,
            List<String> report) throws IOException, InterruptedException {
        long start = System.nanoTime();
        PlatformProcess notifier = null;
        String ready;
        try {
            notifier = platform.startService("notifier-service", Map.of(), patience);
            ready = String.format(Locale.ROOT, "%.1f s", seconds(System.nanoTime() - start));
        } catch (IllegalStateException e) {
            ready = "NOT READY after " + String.format(Locale.ROOT, "%.1f s", seconds(System.nanoTime() - start))
                    + ": " + firstLine(e.getMessage());
        }
        report.add(what + ": notifier ready (process start to /q/health/ready 200; target < 30 s): " + ready);
        if (notifier != null) {
            report.add(what + ": heap after a full GC once ready (-Xmx512m; target < 256 MB): "
                    + heapAfterGc(notifier.pid()));
            report.add(what + ": where the heap goes (jcmd GC.class_histogram, the largest classes by bytes):");
            largestClasses(notifier.pid(), 12).forEach(line -> report.add("  " + line));
        } else {
            report.add(what + ": heap after GC not measured (never ready); see its log in e2e/target/e2e-logs/");
        }
        return notifier;
    }

    /**
     * Alerts and their lifecycle: per alert two task forces routed, delivered to three WebSockets and a webhook,
     * viewed, acknowledged; all but {@code open} resolved; then more DELIVERED/VIEWED events until {@code lifecycle}.
     */
    private static long preload(KafkaConnection kafka, int alerts, int open, int lifecycle) {
        Map<String, Object> config = Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long events = 0;
        Instant t0 = Instant.now().minus(Duration.ofDays(365));
        try (KafkaProducer<String, Alert> alertProducer = new KafkaProducer<>(kafka.with(config),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
                KafkaProducer<String, AlertLifecycleEvent> lifecycleProducer = new KafkaProducer<>(kafka.with(config),
                        Topics.ALERT_LIFECYCLE.keySerde().serializer(), Topics.ALERT_LIFECYCLE.valueSerde().serializer())) {
            int perAlert = Math.max(1, lifecycle / alerts);
            for (int i = 0; i < alerts; i++) {
                String id = "bench-alert-" + i;
                Instant at = t0.plusSeconds(i * 300L);
                Alert alert = Fixtures.alert(id, Fixtures.sighting("bench-ev-" + i, Fixtures.passport("BENCH" + i)));
                alert.setSeverity(i % 10 == 0 ? Severity.CRITICAL : Severity.MEDIUM);
                alert.setCreatedAt(at);
                alert.setUpdatedAt(at);
                Map<String, String> labels = new HashMap<>(alert.getLabels());
                labels.put("subject", "BENCH" + i);
                labels.put("severity", alert.getSeverity().name());
                alert.setLabels(labels);
                alertProducer.send(new ProducerRecord<>(Topics.ALERTS.name(), id, alert));
                boolean resolved = i >= open;
                for (int k = 0; k < perAlert && events < lifecycle; k++) {
                    LifecycleAction action = action(k, perAlert, resolved);
                    lifecycleProducer.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), id,
                            event(id, action, at.plusSeconds(k), k)));
                    events++;
                }
                if (i % 20_000 == 0 && i > 0) {
                    System.out.printf(Locale.ROOT, "[bench] pre-loading: %,d alerts, %,d lifecycle events%n", i, events);
                }
            }
            alertProducer.flush();
            lifecycleProducer.flush();
        }
        return events;
    }

    private static LifecycleAction action(int k, int perAlert, boolean resolved) {
        if (k < 2) {
            return LifecycleAction.ROUTED;
        }
        if (k == perAlert - 1 && resolved) {
            return LifecycleAction.RESOLVED;
        }
        if (k == perAlert - 2) {
            return LifecycleAction.ACKED;
        }
        return k % 3 == 0 ? LifecycleAction.VIEWED : LifecycleAction.DELIVERED;
    }

    private static AlertLifecycleEvent event(String alertId, LifecycleAction action, Instant at, int k) {
        String taskForce = k % 2 == 0 ? "NTF_HQ" : "LAND_NORTH";
        Map<String, String> attributes = switch (action) {
            case ROUTED -> Map.of("route", "root/" + taskForce, "line", "1");
            case ACKED -> Map.of("severity", "MEDIUM", "scope", "taskForce");
            default -> Map.of();
        };
        return AlertLifecycleEvent.newBuilder().setEventId(alertId + "-" + k).setAlertId(alertId).setAlertVersion(1)
                .setAction(action).setAt(at).setActor(action == LifecycleAction.ROUTED ? "notifier-service"
                        : "officer." + taskForce.toLowerCase(Locale.ROOT))
                .setTaskForce(taskForce)
                .setChannel(action == LifecycleAction.DELIVERED ? (k % 4 == 0 ? "webhook" : "websocket") : null)
                .setDetail(null).setAttributes(attributes).build();
    }

    /** Runs a full GC in the process (jcmd) and reads the heap used after it. */
    private static String heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            return "unreadable (" + firstLine(info) + ")";
        }
        return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(used.group(1)) / 1024.0);
    }

    /** The first {@code count} rows of the live-object class histogram (sorted by bytes), as jcmd prints them. */
    private static List<String> largestClasses(long pid, int count) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        List<String> rows = new ArrayList<>();
        for (String line : run(jcmd, Long.toString(pid), "GC.class_histogram").split("\n")) {
            if (line.matches("\\s*\\d+:\\s+\\d+.*") && rows.size() < count) {
                rows.add(line.trim());
            }
        }
        return rows;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
