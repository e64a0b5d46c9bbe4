package io.waspada.notifier.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.notifier.ops.OpsOverview.ServiceHealth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks every configured service for {@code GET <url>/q/health}, all at once, each within a timeout: UP or DOWN as
 * the service says (with the names of its failing checks), UNREACHABLE when no answer comes (refused, timed out).
 */
public final class ServiceHealthProbe {

    private final Map<String, URI> services;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public ServiceHealthProbe(Map<String, URI> services, Duration timeout, ObjectMapper json) {
        this.services = new LinkedHashMap<>(services);
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Parses {@code name=url,name=url} (the {@code waspada.ops.services} setting), keeping the order given. */
    public static Map<String, URI> parse(String setting) {
        Map<String, URI> services = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("waspada.ops.services: '" + entry.trim() + "' is not name=url");
            }
            String url = entry.substring(eq + 1).trim();
            services.put(entry.substring(0, eq).trim(), URI.create(url.endsWith("/") ? url : url + "/"));
        }
        return services;
    }

    /** Every service's health, in the configured order; never throws. */
    public List<ServiceHealth> probe() {
        Map<String, CompletableFuture<ServiceHealth>> answers = new LinkedHashMap<>();
        services.forEach((name, base) -> answers.put(name, ask(name, base)));
        List<ServiceHealth> health = new ArrayList<>();
        answers.values().forEach(answer -> health.add(answer.join()));
        return health;
    }

    private CompletableFuture<ServiceHealth> ask(String name, URI base) {
        URI url = base.resolve("q/health");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> read(name, url, response))
                .exceptionally(error -> new ServiceHealth(name, url.toString(), "UNREACHABLE", List.of(),
                        describe(error)));
    }

    /** Quarkus answers 200 when UP and 503 with the same document when DOWN. */
    ServiceHealth read(String name, URI url, HttpResponse<String> response) {
        try {
            JsonNode health = json.readTree(response.body());
            List<String> failing = new ArrayList<>();
            health.path("checks").forEach(check -> {
                if (!"UP".equals(check.path("status").asText())) {
                    failing.add(check.path("name").asText());
                }
            });
            String status = "UP".equals(health.path("status").asText()) && response.statusCode() == 200 ? "UP" : "DOWN";
            return new ServiceHealth(name, url.toString(), status, failing, "HTTP " + response.statusCode());
        } catch (IOException | RuntimeException e) {
            return new ServiceHealth(name, url.toString(), "DOWN", List.of(), "HTTP " + response.statusCode()
                    + ", not a health document");
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
