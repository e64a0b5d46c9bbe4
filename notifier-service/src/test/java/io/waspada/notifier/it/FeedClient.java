package io.waspada.notifier.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket client like a browser's (token in the query), collecting the JSON messages of {@code /ws/alerts}. */
public final class FeedClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    public static FeedClient connect(URI base, String query) throws Exception {
        return connect(base, "/ws/alerts", query);
    }

    /** The same client on another of the service's sockets ({@code /ws/follow-ups}). */
    public static FeedClient connect(URI base, String path, String query) throws Exception {
        FeedClient client = new FeedClient();
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path + "?" + query);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
                arrivals.add(System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        return null;
    }

    /** The close code the server sent, or -1 while open. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public List<JsonNode> messages() {
        return messages;
    }

    /** The alert messages as {@code alertId:version}, in arrival order. */
    public List<String> alertVersions() {
        return messages.stream().filter(m -> "alert".equals(m.path("type").asText()))
                .map(m -> m.path("alert").path("alertId").asText() + ":" + m.path("alert").path("version").asLong())
                .toList();
    }

    public boolean backlogComplete() {
        return messages.stream().anyMatch(m -> "backlog-complete".equals(m.path("type").asText()));
    }

    public List<Long> arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
