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
    private final boolean plain;

    /** {@code plain}: one {@link PlainHttp} socket per client instead of the JDK's HttpClient. */
    HttpLoad(String url, String apiKey, boolean plain) {
        this.url = url;
        this.authorization = "Bearer " + apiKey;
        this.plain = plain;
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
                try (PlainHttp connection = new PlainHttp(url)) {
                    while (System.nanoTime() < end) {
                        String json = body.make(eventsPerRequest);
                        long sent = System.nanoTime();
                        try {
                            PlainHttp.Answer answer = plain ? connection.post(path, authorization, json) : jdk(path, json);
                            mine.add(System.nanoTime() - sent);
                            requests.incrementAndGet();
                            long accepted = accepted(answer);
                            if (accepted > 0) {
                                events.addAndGet(accepted);
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            failures.incrementAndGet();
                            connection.close();
                        }
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

    private PlainHttp.Answer jdk(String path, String json) throws java.io.IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new PlainHttp.Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException(e);
        }
    }

    /** Events accepted by one answer: 1 for a 202, the batch's {@code accepted} count for a 200. */
    private static long accepted(PlainHttp.Answer answer) {
        if (answer.status() == 202) {
            return 1;
        }
        if (answer.status() == 200 && answer.body().startsWith("{\"accepted\":")) {
            return Long.parseLong(answer.body().substring(12, answer.body().indexOf(',')));
        }
        return 0;
    }

    /** Makes one request body holding {@code events} events with fresh eventIds. */
    interface BodyMaker {
        String make(int events);
    }

    static String fresh(String template) {
        return template.replace("__EVENT_ID__", UUID.randomUUID().toString());
    }
}
