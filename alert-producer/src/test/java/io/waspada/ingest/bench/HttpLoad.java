package io.waspada.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load: {@code clients} threads, each posting one request after the other for a duration, with a
 * fresh eventId per event; counts accepted events and records each request's latency.
 */
final class HttpLoad {

    /** Accepted events, requests, failed requests, elapsed time and latencies of one phase. */
    record Result(long events, long requests, long failures, double seconds, Latencies latencies) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String url;
    private final String authorization;

    HttpLoad(String url, String apiKey) {
        this.url = url;
        this.authorization = "Bearer " + apiKey;
    }

    /** Posts {@code eventsPerRequest} events per request ({@code body} builds one request body from fresh ids). */
    Result run(String path, int clients, Duration duration, int eventsPerRequest, BodyMaker body) throws Exception {
        AtomicLong events = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                Latencies mine = new Latencies();
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.make(eventsPerRequest))).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        mine.add(System.nanoTime() - sent);
                        requests.incrementAndGet();
                        if (response.statusCode() == 202) {
                            events.incrementAndGet();
                        } else if (response.statusCode() == 200 && response.body().startsWith("{\"accepted\":")) {
                            events.addAndGet(Long.parseLong(response.body().substring(12, response.body().indexOf(','))));
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        failures.incrementAndGet();
                    }
                }
                latencies.addAll(mine);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Result(events.get(), requests.get(), failures.get(), (System.nanoTime() - start) / 1e9, latencies);
    }

    /** Makes one request body holding {@code events} events with fresh eventIds. */
    interface BodyMaker {
        String make(int events);
    }

    static String fresh(String template) {
        return template.replace("__EVENT_ID__", UUID.randomUUID().toString());
    }
}
