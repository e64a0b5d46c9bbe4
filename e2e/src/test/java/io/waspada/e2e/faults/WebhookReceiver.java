package io.waspada.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task force's webhook receiver, for real, on loopback: refuses (503) while told to, then accepts and records the
 * alert ids of every notification it accepted (one entry per alert per accepted call, so duplicates show) and the
 * {@code Idempotency-Key} and {@code traceparent} each came with.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    /** Per accepted call: {@code <alertId> <Idempotency-Key>} for each alert in it. */
    private final List<String> keyed = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    /** The {@code traceparent} header of every accepted call that had one. */
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    /** When each alert id was first accepted. */
    private final java.util.Map<String, java.time.Instant> firstAccepted = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean refusing = true;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (refusing) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                JsonNode notification = JSON.readTree(body);
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                if (traceparent != null) {
                    traceparents.add(traceparent);
                }
                java.time.Instant now = java.time.Instant.now();
                notification.path("alerts").forEach(alert -> {
                    accepted.add(alert.path("alertId").asText());
                    firstAccepted.putIfAbsent(alert.path("alertId").asText(), now);
                    keyed.add(alert.path("alertId").asText() + " " + key);
                });
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void accept() {
        refusing = false;
    }

    /** Refuses (503) every call from now on, until {@link #accept}. */
    void refuse() {
        refusing = true;
    }

    /** When each alert id was first accepted. */
    java.util.Map<String, java.time.Instant> firstAccepted() {
        return java.util.Map.copyOf(firstAccepted);
    }

    /** The {@code traceparent} of every accepted call that carried one, in order. */
    public List<String> traceparents() {
        return List.copyOf(traceparents);
    }

    int refused() {
        return refused.get();
    }

    /** Alert ids, one per alert per accepted call. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** What a receiver acting once per {@code Idempotency-Key} acted on: distinct alert and key pairs. */
    java.util.Set<String> actedOn() {
        return java.util.Set.copyOf(keyed);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
