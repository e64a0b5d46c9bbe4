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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-agency API keys, known only by their SHA-256 hashes (hex), from configuration and/or a file of
 * {@code AGENCY=sha256hex} lines. {@link #agencyOf} hashes the presented key and looks the hash up, so raw
 * keys are never stored and the lookup leaks nothing about near-misses. An agency has one key, or two while it
 * rotates (add the new key's line, move its systems over, remove the old line); a third is refused at start.
 */
public final class ApiKeys {

    private final Map<String, String> agencyByHash;

    private ApiKeys(Map<String, String> agencyByHash) {
        this.agencyByHash = Map.copyOf(agencyByHash);
    }

    /** The most keys an agency may hold at once: the current one and its successor during a rotation. */
    public static final int MAX_KEYS_PER_AGENCY = 2;

    /** From {@code agency -> sha256 hex} pairs; every agency must be known and every hash well-formed. */
    public static ApiKeys of(Map<String, String> hashByAgency, Set<String> knownAgencies) {
        Map<String, List<String>> lists = new HashMap<>();
        hashByAgency.forEach((agency, hash) -> lists.put(agency, List.of(hash)));
        return ofLists(lists, knownAgencies);
    }

    /** From {@code agency -> sha256 hex keys} (one, or two during a rotation); checked like {@link #of}. */
    public static ApiKeys ofLists(Map<String, List<String>> hashesByAgency, Set<String> knownAgencies) {
        Map<String, String> byHash = new HashMap<>();
        hashesByAgency.forEach((agency, hashes) -> {
            if (!knownAgencies.contains(agency)) {
                throw new IllegalArgumentException("API key configured for unknown agency " + agency);
            }
            Set<String> distinct = new java.util.LinkedHashSet<>();
            for (String hash : hashes) {
                String normalised = hash.strip().toLowerCase(Locale.ROOT);
                if (!normalised.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("API key hash of " + agency + " is not 64 hex digits (SHA-256)");
                }
                distinct.add(normalised);
            }
            if (distinct.size() > MAX_KEYS_PER_AGENCY) {
                throw new IllegalArgumentException(agency + " has " + distinct.size() + " API keys; at most "
                        + MAX_KEYS_PER_AGENCY + " (the current one and its successor while rotating)");
            }
            for (String hash : distinct) {
                String other = byHash.put(hash, agency);
                if (other != null && !other.equals(agency)) {
                    throw new IllegalArgumentException("one API key is configured for both " + other + " and " + agency);
                }
            }
        });
        return new ApiKeys(byHash);
    }

    /** Reads {@code AGENCY=sha256hex} lines (an agency twice while it rotates); blank lines and {@code #} comments are skipped. */
    public static Map<String, List<String>> readFile(Path file) {
        Map<String, List<String>> hashes = new HashMap<>();
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
                hashes.computeIfAbsent(trimmed.substring(0, eq).strip(), a -> new java.util.ArrayList<>())
                        .add(trimmed.substring(eq + 1).strip());
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

    /** How many agencies hold a key. */
    public int agencies() {
        return (int) agencyByHash.values().stream().distinct().count();
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
