package io.waspada.e2e.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many agency clients at once, each posting one sighting every {@code pace} through the public API, while a fault
 * holds: every answer is recorded on the rig (so each 202 must be on its topic afterwards), with its time to answer and
 * whether a 503 said when to come back ({@code Retry-After}); the ingest service's live threads and heap are sampled
 * from its own metrics, so "bounded" is a figure.
 */
final class IngestCrowd implements AutoCloseable {

    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*\\})? ([0-9.eE+]+)");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)");

    /** Threads ingest may add under the crowd: its bounded pools, not one per waiting request. */
    private static final int MAX_THREAD_GROWTH = 50;

    private final FaultRig rig;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService clients;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Long> serviceUnavailableMicros = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong withoutRetryAfter = new AtomicLong();
    private final AtomicLong otherAnswers = new AtomicLong();
    private final AtomicLong noAnswer = new AtomicLong();
    private volatile double peakThreads;
    private volatile double peakHeapMb;
    private final double threadsBefore;

    private IngestCrowd(FaultRig rig, int size, Duration pace) {
        this.rig = rig;
        this.threadsBefore = sample(THREADS);
        this.clients = Executors.newScheduledThreadPool(size);
        for (int i = 0; i < size; i++) {
            clients.scheduleWithFixedDelay(this::postOne, i * 5L, pace.toMillis(), TimeUnit.MILLISECONDS);
        }
        sampler.scheduleAtFixedRate(() -> {
            peakThreads = Math.max(peakThreads, sample(THREADS));
            peakHeapMb = Math.max(peakHeapMb, sample(HEAP) / 1e6);
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** {@code size} clients, each posting every {@code pace}, until closed. */
    static IngestCrowd start(FaultRig rig, int size, Duration pace) {
        return new IngestCrowd(rig, size, pace);
    }

    private void postOne() {
        String eventId = UUID.randomUUID().toString();
        String body = """
                {"eventId": "%s", "agency": "IMMIGRATION", "observedAt": "%s",
                 "location": {"lat": 6.5119, "lon": 100.4196, "country": "MY", "region": "KEDAH", "site": "BUKIT_KAYU_HITAM"},
                 "subjects": [{"type": "PERSON", "role": "UNKNOWN", "nationality": "ID",
                   "identifiers": [{"scheme": "PASSPORT", "value": "K%07d", "issuer": "ID"}]}],
                 "direction": "INBOUND", "handling": "H1", "sourceReliability": "B", "informationAccuracy": 2}
                """.formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
        long start = System.nanoTime();
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(rig.platform().url("alert-producer")
                    + "/api/v1/sightings")).timeout(Duration.ofSeconds(90))
                    .header("Authorization", "Bearer " + rig.keys().key("IMMIGRATION"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            rig.answered(eventId, answer.statusCode());
            if (answer.statusCode() == 202) {
                accepted.incrementAndGet();
            } else if (answer.statusCode() == 503) {
                unavailable.incrementAndGet();
                serviceUnavailableMicros.add((System.nanoTime() - start) / 1000);
                if (answer.headers().firstValue("Retry-After").isEmpty()) {
                    withoutRetryAfter.incrementAndGet();
                }
            } else {
                otherAnswers.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            rig.answered(eventId, -1);
            noAnswer.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double sample(Pattern metric) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(rig.platform()
                    .url("alert-producer") + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher found = metric.matcher(metrics.body());
            double sum = 0;
            while (found.find()) {
                sum += Double.parseDouble(found.group(1));
            }
            return sum;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Waits until some post is accepted after this call: the service took writes again by itself. */
    void awaitAccepting(Duration deadline) {
        long before = accepted.get();
        org.awaitility.Awaitility.await("ingest accepting again").atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> accepted.get() > before);
    }

    /**
     * What broke the promise: a 503 without Retry-After, any answer but 202 or 503, threads grown without bound; or
     * what makes the figures meaningless: no 503 at all (the outage did not happen), no metrics sample.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (unavailable.get() == 0) {
            problems.add("no answer 503 while Kafka was unreachable: the outage did not reach ingest");
        }
        if (threadsBefore == 0 || peakThreads == 0) {
            problems.add("ingest's thread count was never read from its /q/metrics");
        }
        if (withoutRetryAfter.get() > 0) {
            problems.add(withoutRetryAfter.get() + " answers 503 without Retry-After");
        }
        if (otherAnswers.get() > 0) {
            problems.add(otherAnswers.get() + " answers neither 202 nor 503");
        }
        if (peakThreads - threadsBefore > MAX_THREAD_GROWTH) {
            problems.add(String.format(Locale.ROOT, "ingest threads grew from %.0f to %.0f under the crowd",
                    threadsBefore, peakThreads));
        }
        return problems;
    }

    /** The crowd's figures, for the suite's log. */
    String report() {
        List<Long> micros = new ArrayList<>(serviceUnavailableMicros);
        micros.sort(Long::compare);
        double p50 = micros.isEmpty() ? 0 : micros.get(micros.size() / 2) / 1000.0;
        double p99 = micros.isEmpty() ? 0 : micros.get(Math.min(micros.size() - 1, (int) (micros.size() * 0.99)))
                / 1000.0;
        return String.format(Locale.ROOT, "crowd: %d accepted, %d answered 503 (p50 %.1f ms, p99 %.1f ms, %d without "
                + "Retry-After), %d other answers, %d unanswered; ingest threads %.0f before, peak %.0f; heap peak "
                + "%.0f MB", accepted.get(), unavailable.get(), p50, p99, withoutRetryAfter.get(), otherAnswers.get(),
                noAnswer.get(), threadsBefore, peakThreads, peakHeapMb);
    }

    @Override
    public void close() throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        sampler.shutdownNow();
    }
}
