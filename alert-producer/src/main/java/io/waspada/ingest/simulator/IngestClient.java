package io.waspada.ingest.simulator;

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

/** Speaks the ingest API over HTTP as an agency system would: bearer key per agency, JSON bodies. */
final class IngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> keys;

    IngestClient(String baseUrl, Map<String, String> keys) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.keys = Map.copyOf(keys);
    }

    /** The agencies' keys from {@code {"agencies": {"CODE": "key"}}} (agency-keys.json or .waspada/credentials.json). */
    static Map<String, String> readKeys(java.nio.file.Path file) throws IOException {
        JsonNode agencies = JSON.readTree(file.toFile()).path("agencies");
        Map<String, String> keys = new java.util.HashMap<>();
        agencies.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
        return keys;
    }

    boolean knows(String agency) {
        return keys.containsKey(agency);
    }

    CompletableFuture<HttpResponse<String>> send(String method, String agency, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
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
