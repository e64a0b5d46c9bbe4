package io.waspada.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The stream-processor's rules admin API as the analyst's CLI calls it ({@code ./waspada rules apply|rollback}): with
 * the demo officer {@code rules.admin} (role {@code rules-admin}) of the platform's {@code officers.json}.
 */
public final class RulesAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String token;

    private RulesAdmin(String token) {
        this.token = token;
    }

    /** The rules admin of a running platform. */
    public static RulesAdmin of(Platform platform) {
        try {
            for (JsonNode officer : JSON.readTree(platform.workDir().resolve("officers/officers.json").toFile())) {
                if (officer.path("username").asText().equals("rules.admin")) {
                    return new RulesAdmin(officer.path("token").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no rules.admin in the platform's officers.json");
    }

    /** {@code POST /api/v1/rules}: a rule document (YAML) in force from {@code activeFrom}. */
    public HttpJson.Answer apply(String serviceUrl, String document, Instant activeFrom, String reason) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl + "/api/v1/rules?activeFrom=" + activeFrom
                + "&reason=" + encode(reason))).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(document)));
    }

    /** {@code POST /api/v1/rules/{rule}/rollback?to=N}: version N's source and mode again, from {@code activeFrom}. */
    public HttpJson.Answer rollback(String serviceUrl, String rule, int to, Instant activeFrom, String reason) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl + "/api/v1/rules/" + rule + "/rollback?to=" + to
                + "&activeFrom=" + activeFrom + "&reason=" + encode(reason))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpJson.Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                body = JSON.createObjectNode().put("text", response.body());
            }
            return new HttpJson.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body);
        } catch (IOException e) {
            throw new IllegalStateException(request + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
