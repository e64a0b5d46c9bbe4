package io.waspada.notifier.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP server standing in for task-force webhook receivers, failing on purpose: {@code /ok} answers
 * 200, {@code /flaky} 503 to the first two tries of each notification, {@code /dead} 500 until made healthy,
 * {@code /slow} holds every request until released. Every request is recorded.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and when. */
    public record Request(String path, Map<String, List<String>> headers, String body, int status, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> flakyTries = new ConcurrentHashMap<>();
    private final AtomicBoolean deadHealthy = new AtomicBoolean(false);
    private final CountDownLatch slowRelease = new CountDownLatch(1);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void makeDeadHealthy() {
        deadHealthy.set(true);
    }

    public void releaseSlow() {
        slowRelease.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = switch (path) {
            case "/flaky" -> flakyTries.computeIfAbsent(exchange.getRequestHeaders().getFirst("X-Waspada-Notification"),
                    id -> new AtomicInteger()).incrementAndGet() <= 2 ? 503 : 200;
            case "/dead" -> deadHealthy.get() ? 200 : 500;
            case "/slow" -> awaitRelease();
            default -> 200;
        };
        requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), body, status, Instant.now()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private int awaitRelease() {
        try {
            return slowRelease.await(60, TimeUnit.SECONDS) ? 200 : 504;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 500;
        }
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
