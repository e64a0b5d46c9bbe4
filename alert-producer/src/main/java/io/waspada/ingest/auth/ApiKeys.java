package io.waspada.ingest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-agency API keys, known only by their SHA-256 hashes (hex), from configuration and/or a file of
 * {@code AGENCY=sha256hex} lines. {@link #agencyOf} hashes the presented key and looks the hash up, so raw
 * keys are never stored and the lookup leaks nothing about near-misses.
 */
public final class ApiKeys {

    private final Map<String, String> agencyByHash;

    private ApiKeys(Map<String, String> agencyByHash) {
        this.agencyByHash = Map.copyOf(agencyByHash);
    }

    /** From {@code agency -> sha256 hex} pairs; every agency must be known and every hash well-formed. */
    public static ApiKeys of(Map<String, String> hashByAgency, Set<String> knownAgencies) {
        Map<String, String> byHash = new HashMap<>();
        hashByAgency.forEach((agency, hash) -> {
            if (!knownAgencies.contains(agency)) {
                throw new IllegalArgumentException("API key configured for unknown agency " + agency);
            }
            String normalised = hash.strip().toLowerCase(Locale.ROOT);
            if (!normalised.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("API key hash of " + agency + " is not 64 hex digits (SHA-256)");
            }
            byHash.put(normalised, agency);
        });
        return new ApiKeys(byHash);
    }

    /** Reads {@code AGENCY=sha256hex} lines; blank lines and {@code #} comments are skipped. */
    public static Map<String, String> readFile(Path file) {
        Map<String, String> hashes = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": expected AGENCY=sha256hex lines");
                }
                hashes.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read API keys file " + file, e);
        }
        return hashes;
    }

    public Optional<String> agencyOf(String presentedKey) {
        return Optional.ofNullable(agencyByHash.get(sha256Hex(presentedKey)));
    }

    public int size() {
        return agencyByHash.size();
    }

    public static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
