package io.waspada.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Speaks the ingest API over HTTP as an agency system would: bearer key per agency, JSON bodies. Given several base
 * URLs (comma-separated: ingest instances behind no load balancer), each agency sticks to one of them, so its own
 * calls (a watchlist entry, then its removal) meet one instance in order, and the agencies spread over all.
 */
final class IngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.List<String> baseUrls;
    private final Map<String, String> keys;

    IngestClient(String baseUrls, Map<String, String> keys) {
        this.baseUrls = java.util.Arrays.stream(baseUrls.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (this.baseUrls.isEmpty()) {
            throw new IllegalArgumentException("no ingest URL");
        }
        this.keys = Map.copyOf(keys);
    }

    private String baseUrl(String agency) {
        return baseUrls.get(Math.floorMod(agency.hashCode(), baseUrls.size()));
    }

    /**
     * The agencies' keys from {@code {"agencies": {"CODE": "key"}}} (agency-keys.json or .waspada/credentials.json), and
     * the civil-society organisations' from {@code "organisations"} when there (tips; their codes are no agency's).
     */
    static Map<String, String> readKeys(java.nio.file.Path file) throws IOException {
        JsonNode json = JSON.readTree(file.toFile());
        Map<String, String> keys = new java.util.HashMap<>();
        json.path("organisations").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
        json.path("agencies").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
        return keys;
    }

    /** The agencies it has keys for. */
    java.util.Set<String> agencies() {
        return keys.keySet();
    }

    boolean knows(String agency) {
        return keys.containsKey(agency);
    }

    CompletableFuture<HttpResponse<String>> send(String method, String agency, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(agency) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + keys.get(agency));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
