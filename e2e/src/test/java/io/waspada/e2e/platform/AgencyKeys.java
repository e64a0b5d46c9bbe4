package io.waspada.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One demo API key per agency, made by alert-producer's {@code DemoCredentials} as {@code ./waspada local} makes
 * them: {@code api-keys.properties} (hashes, for the service) and {@code agency-keys.json} (raw keys, for clients).
 */
public record AgencyKeys(Path dir, Map<String, String> keys) {

    public static AgencyKeys create(Path dir) {
        PackagedTool.start("alert-producer", "io.waspada.ingest.auth.DemoCredentials", "demo-credentials",
                List.of(), List.of(dir.toString())).awaitSuccess(Duration.ofSeconds(60));
        try {
            JsonNode agencies = new ObjectMapper().readTree(dir.resolve("agency-keys.json").toFile()).path("agencies");
            Map<String, String> keys = new TreeMap<>();
            agencies.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
            // The demo organisations' keys (tips, #18), in the same file.
            new ObjectMapper().readTree(dir.resolve("agency-keys.json").toFile()).path("organisations").fields()
                    .forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
            return new AgencyKeys(dir, Map.copyOf(keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw keys file the agency feed reads ({@code --credentials}). */
    public Path keysJson() {
        return dir.resolve("agency-keys.json");
    }

    /** What alert-producer needs to accept these keys. */
    public Map<String, String> serviceEnv() {
        return Map.of("WASPADA_AUTH_API_KEYS_FILE", dir.resolve("api-keys.properties").toString(),
                "WASPADA_TIPS_KEYS_FILE", dir.resolve("tip-keys.properties").toString(),
                "WASPADA_TIPS_ORGANISATIONS", String.join(",", organisations()));
    }

    /** Whether {@code code} is a demo organisation (tips), not an agency. */
    public static boolean isOrganisation(String code) {
        return organisations().contains(code);
    }

    /** The demo organisations that post tips (#18), as DemoCredentials makes them. */
    private static List<String> organisations() {
        return List.of("HOTLINE_MY", "MIGRANT_CARE");
    }

    public String key(String agency) {
        return keys.get(agency);
    }
}
