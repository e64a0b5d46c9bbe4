package io.waspada.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's credentials file: the two inputs merged, owner-only, printed; bad inputs named. */
class LocalCredentialsTest {

    private static final String OFFICERS = """
            [{"username": "officer.land.north", "password": "p1", "token": "t1", "taskForce": "LAND_NORTH",
              "roles": ["officer"]},
             {"username": "ops", "password": "p2", "token": "t2", "taskForce": "NTF_HQ", "roles": ["ops"]}]
            """;

    @Test
    void mergesAgencyKeysAndOfficersIntoAnOwnerOnlyFile(@TempDir Path state) throws Exception {
        DemoCredentials.write(state.resolve("ingest"), List.of("RMP", "IMMIGRATION"));
        Files.createDirectories(state.resolve("officers"));
        Files.writeString(state.resolve("officers/officers.json"), OFFICERS);
        Files.createDirectories(state.resolve("kafka/principals"));
        Files.writeString(state.resolve("kafka/principals/ops.password"), "opspw\n");
        Files.writeString(state.resolve("kafka/principals/notifier-service.password"), "npw");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LocalCredentials.print(LocalCredentials.write(state, "127.0.0.1:9092"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        Path file = state.resolve("credentials.json");
        JsonNode written = new ObjectMapper().readTree(file.toFile());
        JsonNode keys = new ObjectMapper().readTree(state.resolve("ingest/agency-keys.json").toFile()).get("agencies");
        assertThat(written.get("agencies")).isEqualTo(keys);
        JsonNode organisations = new ObjectMapper().readTree(state.resolve("ingest/agency-keys.json").toFile())
                .get("organisations");
        assertThat(written.get("organisations")).isEqualTo(organisations).hasSize(2);
        assertThat(written.get("officers")).isEqualTo(new ObjectMapper().readTree(OFFICERS));
        assertThat(written.get("kafka")).isEqualTo(new ObjectMapper().readTree("""
                {"bootstrapServers": "127.0.0.1:9092", "securityProtocol": "SASL_PLAINTEXT",
                 "saslMechanism": "SCRAM-SHA-512", "principals": {
                   "notifier-service": {"username": "notifier-service", "password": "npw"},
                   "ops": {"username": "ops", "password": "opspw"}}}
                """));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LocalCredentials.agencyKey(file, "RMP")).isEqualTo(keys.get("RMP").asText());
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "  agency RMP          Authorization: Bearer " + keys.get("RMP").asText(),
                "  agency IMMIGRATION  Authorization: Bearer " + keys.get("IMMIGRATION").asText(),
                "  organisation HOTLINE_MY   Authorization: Bearer " + organisations.get("HOTLINE_MY").asText()
                        + "   (POST /api/v1/tips)",
                "  organisation MIGRANT_CARE Authorization: Bearer " + organisations.get("MIGRANT_CARE").asText()
                        + "   (POST /api/v1/tips)",
                "  officer officer.land.north               password p1             task force LAND_NORTH",
                "  officer ops                              password p2             task force NTF_HQ");
    }

    @Test
    void aMissingOrBrokenInputIsNamedAndNothingIsWritten(@TempDir Path state) throws Exception {
        assertThatThrownBy(() -> LocalCredentials.write(state, "b:9092"))
                .hasMessageContaining(state.resolve("ingest/agency-keys.json").toString()).hasMessageContaining("missing");

        DemoCredentials.write(state.resolve("ingest"), List.of("RMP"));
        Files.createDirectories(state.resolve("officers"));
        Files.writeString(state.resolve("officers/officers.json"), "{\"not\": \"a list\"");
        assertThatThrownBy(() -> LocalCredentials.write(state, "b:9092"))
                .hasMessageContaining(state.resolve("officers/officers.json").toString()).hasMessageContaining("not valid JSON");
        assertThat(state.resolve("credentials.json")).doesNotExist();

        Files.writeString(state.resolve("officers/officers.json"), OFFICERS);
        Files.createDirectories(state.resolve("kafka/principals"));
        LocalCredentials.write(state, "b:9092");
        assertThatThrownBy(() -> LocalCredentials.agencyKey(state.resolve("credentials.json"), "NOBODY"))
                .hasMessage("no key for agency NOBODY in " + state.resolve("credentials.json"));
    }
}
