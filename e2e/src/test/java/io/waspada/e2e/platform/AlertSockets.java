package io.waspada.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One officer WebSocket per task force on the notifier's {@code /ws/alerts} (java.net.http, token in the query as
 * a browser sends it), recording every alert message with its arrival time. Connected means the backlog was
 * received ({@code backlog-complete}). Thread-safe reads.
 */
public final class AlertSockets implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An alert version as one task force's socket received it. */
    public record Arrival(String taskForce, JsonNode alert, Instant at) {
        public String alertId() {
            return alert.path("alertId").asText();
        }

        public long version() {
            return alert.path("version").asLong();
        }
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private AlertSockets() {
    }

    /** Connects one socket per task force and waits (up to {@code deadline}) until each received its backlog. */
    public static AlertSockets connect(String notifierUrl, Map<String, String> tokenByTaskForce, Duration deadline) {
        return connect(notifierUrl, tokenByTaskForce, deadline, "");
    }

    /**
     * As {@link #connect(String, Map, Duration)}, resuming: {@code since} ({@code alertId:version,...}) is what the
     * clients already have, so the backlog holds only what they lack.
     */
    public static AlertSockets connect(String notifierUrl, Map<String, String> tokenByTaskForce, Duration deadline,
            String since) {
        AlertSockets result = new AlertSockets();
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch backlogs = new CountDownLatch(tokenByTaskForce.size());
        String base = notifierUrl.replaceFirst("^http", "ws") + "/ws/alerts?access_token=";
        String resume = since.isEmpty() ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
        try {
            for (var officer : tokenByTaskForce.entrySet()) {
                URI uri = URI.create(base + URLEncoder.encode(officer.getValue(), StandardCharsets.UTF_8) + resume);
                result.sockets.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, result.new Listener(officer.getKey(), backlogs)).join());
            }
            if (!backlogs.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not every task force's backlog arrived within " + deadline);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.close();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // The caller gets no AlertSockets to close: close the sockets opened so far.
            result.close();
            throw e;
        }
    }

    /** The eventIds of an alert's evidence, as the WebSocket and the officer API show an alert. */
    public static Set<String> evidenceIds(JsonNode alert) {
        Set<String> ids = new TreeSet<>();
        alert.path("evidence").forEach(e -> ids.add(e.path("eventId").asText()));
        return ids;
    }

    /** Every alert message received so far, in arrival order. */
    public synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The highest version of each alert this task force received, by alertId. */
    public synchronized Map<String, JsonNode> latest(String taskForce) {
        return latest(arrival -> arrival.taskForce().equals(taskForce));
    }

    /** The highest version of each alert any task force received, by alertId. */
    public synchronized Map<String, JsonNode> latestOfAll() {
        return latest(arrival -> true);
    }

    private Map<String, JsonNode> latest(Predicate<Arrival> which) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (Arrival arrival : arrivals) {
            if (which.test(arrival)) {
                latest.merge(arrival.alertId(), arrival.alert(),
                        (a, b) -> b.path("version").asLong() >= a.path("version").asLong() ? b : a);
            }
        }
        return latest;
    }

    /** The resume cursor of what {@code taskForce}'s socket has: {@code alertId:version,...}. */
    public synchronized String cursor(String taskForce) {
        return String.join(",", latest(taskForce).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().path("version").asLong()).toList());
    }

    /** The task forces whose socket received {@code alertId}. */
    public synchronized Set<String> receivers(String alertId) {
        Set<String> receivers = new TreeSet<>();
        arrivals.stream().filter(a -> a.alertId().equals(alertId)).forEach(a -> receivers.add(a.taskForce()));
        return receivers;
    }

    /** Socket errors and unexpected closes (none in a healthy run). */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private synchronized void received(String taskForce, String text, CountDownLatch backlogs) {
        Instant at = Instant.now();
        try {
            JsonNode message = JSON.readTree(text);
            switch (message.path("type").asText()) {
                case "alert" -> arrivals.add(new Arrival(taskForce, message.path("alert"), at));
                case "backlog-complete" -> backlogs.countDown();
                default -> errors.add(taskForce + ": unexpected message " + text);
            }
        } catch (IOException e) {
            errors.add(taskForce + ": not JSON: " + text);
        }
    }

    private synchronized void failed(String what) {
        errors.add(what);
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    /** Collects a socket's (possibly fragmented) text messages. */
    private final class Listener implements WebSocket.Listener {
        private final String taskForce;
        private final CountDownLatch backlogs;
        private final StringBuilder partial = new StringBuilder();

        Listener(String taskForce, CountDownLatch backlogs) {
            this.taskForce = taskForce;
            this.backlogs = backlogs;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(taskForce, partial.toString(), backlogs);
                partial.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            failed(taskForce + ": closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            failed(taskForce + ": " + error);
        }
    }
}
