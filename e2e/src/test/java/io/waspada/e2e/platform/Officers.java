package io.waspada.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The notifier's demo officers ({@code officers.json}, written beside its public key on first start): one
 * officer token per task force, as {@code ./waspada local} hands them out.
 */
public record Officers(Map<String, String> tokenByTaskForce) {

    /** The officers of a running platform ({@code <workDir>/officers/officers.json}). */
    public static Officers of(Platform platform) {
        return read(platform.workDir().resolve("officers/officers.json"));
    }

    public static Officers read(Path officersJson) {
        try {
            Map<String, String> tokens = new TreeMap<>();
            for (JsonNode officer : new ObjectMapper().readTree(officersJson.toFile())) {
                // One plain officer per task force; the ops user (also NTF_HQ) is not needed here.
                if (officer.path("username").asText().startsWith("officer.")) {
                    tokens.put(officer.path("taskForce").asText(), officer.path("token").asText());
                }
            }
            return new Officers(Map.copyOf(tokens));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String token(String taskForce) {
        String token = tokenByTaskForce.get(taskForce);
        if (token == null) {
            throw new IllegalArgumentException("no officer for task force " + taskForce + " in " + tokenByTaskForce.keySet());
        }
        return token;
    }
}
