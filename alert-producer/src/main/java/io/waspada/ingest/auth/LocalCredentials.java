package io.waspada.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local platform's credentials for people and scripts, the launcher's JSON tool (so it parses no JSON itself).
 * <ul>
 * <li>{@code write STATE BOOTSTRAP}: merges the agencies' API keys ({@code STATE/ingest/agency-keys.json}, from
 * {@link DemoCredentials}), the notifier's demo officers ({@code STATE/officers/officers.json}) and the local broker's
 * principals ({@code STATE/kafka/principals/NAME.password}) into {@code STATE/credentials.json}
 * ({@code {"agencies": {...}, "officers": [...], "kafka": {"bootstrapServers", "securityProtocol", "saslMechanism",
 * "principals": {"ops": {"username", "password"}, ...}}}}, readable by its owner only) and prints the agencies and
 * officers as the launcher shows them;</li>
 * <li>{@code agency-key FILE AGENCY}: prints that agency's key from a credentials file.</li>
 * </ul>
 * A missing or malformed input ends with exit code 2 and one line naming the file.
 */
public final class LocalCredentials {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LocalCredentials() {
    }

    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("write")) {
                print(write(Path.of(args[1]), args[2]), System.out);
            } else if (args.length == 3 && args[0].equals("agency-key")) {
                System.out.println(agencyKey(Path.of(args[1]), args[2]));
            } else {
                throw new IllegalArgumentException(
                        "usage: LocalCredentials write STATE_DIR BOOTSTRAP_SERVERS | LocalCredentials agency-key CREDENTIALS_FILE AGENCY");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Writes {@code state/credentials.json} (owner read/write only, replaced atomically) and returns its content. */
    public static JsonNode write(Path state, String bootstrapServers) {
        ObjectNode credentials = JSON.createObjectNode();
        JsonNode agencies = read(state.resolve("ingest/agency-keys.json")).get("agencies");
        if (agencies == null || !agencies.isObject()) {
            throw new IllegalArgumentException(state.resolve("ingest/agency-keys.json") + ": no \"agencies\" object");
        }
        JsonNode officers = read(state.resolve("officers/officers.json"));
        if (!officers.isArray()) {
            throw new IllegalArgumentException(state.resolve("officers/officers.json") + ": not a JSON array of officers");
        }
        credentials.set("agencies", agencies);
        JsonNode organisations = read(state.resolve("ingest/agency-keys.json")).get("organisations");
        if (organisations != null && organisations.isObject()) {
            credentials.set("organisations", organisations); // civil-society tips (#18): POST /api/v1/tips
        }
        credentials.set("officers", officers);
        credentials.set("kafka", kafka(state.resolve("kafka/principals"), bootstrapServers));
        Path target = state.resolve("credentials.json");
        try {
            Path temporary = state.resolve("credentials.json.tmp");
            Files.deleteIfExists(temporary);
            // Created owner-only, so the keys are never readable by others, not even for a moment.
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(temporary.toFile(), credentials);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(e.getFile() + ": exists and cannot be replaced");
        } catch (IOException e) {
            throw new IllegalArgumentException(target + ": not written: " + e.getMessage());
        }
        return credentials;
    }

    /** The broker's principals, from the password files the local broker made on its first start. */
    private static ObjectNode kafka(Path principals, String bootstrapServers) {
        ObjectNode kafka = JSON.createObjectNode().put("bootstrapServers", bootstrapServers)
                .put("securityProtocol", "SASL_PLAINTEXT").put("saslMechanism", "SCRAM-SHA-512");
        ObjectNode byName = kafka.putObject("principals");
        try (var files = Files.list(principals)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".password")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.password$", "");
                byName.putObject(name).put("username", name).put("password", Files.readString(file).strip());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(principals + ": the local broker's principals are missing ("
                    + e.getMessage() + ")");
        }
        return kafka;
    }

    /** The lines the launcher prints: one per agency key, one per officer. */
    public static void print(JsonNode credentials, PrintStream out) {
        credentials.get("agencies").fields().forEachRemaining(agency ->
                out.printf("  agency %-12s Authorization: Bearer %s%n", agency.getKey(), agency.getValue().asText()));
        credentials.path("organisations").fields().forEachRemaining(organisation -> out.printf(
                "  organisation %-12s Authorization: Bearer %s   (POST /api/v1/tips)%n", organisation.getKey(),
                organisation.getValue().asText()));
        for (JsonNode officer : credentials.get("officers")) {
            out.printf("  officer %-32s password %-14s task force %s%n", officer.path("username").asText(),
                    officer.path("password").asText(), officer.path("taskForce").asText());
        }
    }

    public static String agencyKey(Path credentialsFile, String agency) {
        JsonNode key = read(credentialsFile).path("agencies").get(agency);
        if (key == null || !key.isTextual()) {
            throw new IllegalArgumentException("no key for agency " + agency + " in " + credentialsFile);
        }
        return key.asText();
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing (start the platform with ./waspada local)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage());
        }
    }
}
