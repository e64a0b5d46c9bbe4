package io.waspada.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.notifier.config.RoutingConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demo credentials: a key pair once, and officers.json with a verifiable token per task force plus ops. */
class DemoOfficersTest {

    @TempDir
    Path dir;

    @Test
    void writesOfficersWithTokensSignedByTheKeyPairItKeeps() throws Exception {
        DemoOfficers.main(new String[] {dir.toString()});
        String publicKey = Files.readString(dir.resolve("publicKey.pem"));
        JsonNode officers = new ObjectMapper().readTree(dir.resolve("officers.json").toFile());

        // Per task force of the default routing (11, with the tip verification desk) an officer and a lead, then ops.
        assertThat(officers).hasSize(24);
        assertThat(officer(officers, "rules.admin").path("roles").toString()).contains("\"rules-admin\"")
                .doesNotContain("investigator");
        assertThat(officers.get(1).path("username").asText()).startsWith("lead.");
        assertThat(officers.get(1).path("roles").toString()).contains("\"lead\"");
        assertThat(officers.get(0).path("roles").toString()).doesNotContain("lead");
        for (String secret : java.util.List.of("officers.json", "privateKey.pem")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve(secret)))).as(secret).isEqualTo("rw-------");
        }
        assertThat(officers.findValuesAsText("taskForce")).contains("NTF_HQ", "LAND_NORTH", "ID_LIAISON",
                "NTF_VERIFICATION");
        // The protection desks' people are not investigators (no subject timelines); the task forces' are.
        for (JsonNode officer : officers) {
            boolean protection = officer.path("taskForce").asText().matches("SOCIAL_WELFARE|ID_CONSULAR_PROTECTION");
            assertThat(officer.path("roles").toString().contains(DemoOfficers.INVESTIGATOR))
                    .as(officer.path("username").asText()).isEqualTo(!protection
                            && !java.util.List.of("ops", "rules.admin").contains(officer.path("username").asText()));
        }
        JsonNode ops = officers.get(officers.size() - 1);
        assertThat(ops.path("username").asText()).isEqualTo("ops");
        assertThat(ops.path("roles").toString()).contains("ops");
        assertThat(ops.path("password").asText()).hasSizeGreaterThanOrEqualTo(12);

        JwtClaims claims = new JwtConsumerBuilder().setExpectedIssuer("waspada").setExpectedAudience(DemoOfficers.AUDIENCE)
                .setVerificationKey(read(publicKey))
                .setRequireExpirationTime().build().processToClaims(officer(officers, "officer.land.east").path("token")
                        .asText());
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("officer.land.east");
        assertThat(claims.getClaimValueAsString("taskForce")).isEqualTo("LAND_EAST");
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("officer", "investigator");
        // The same token opens the stream-processor's timeline, within the officer's task force's clearance.
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("waspada-notifier", "waspada-correlation");
        assertThat(claims.getStringListClaimValue("handling")).isNotEmpty()
                .isEqualTo(new ObjectMapper().convertValue(officer(officers, "officer.land.east").path("handling"),
                        java.util.List.class));
        assertThat(ops.path("roles").toString()).doesNotContain("investigator");

        // A second run keeps the key pair, so tokens already handed out stay valid.
        DemoOfficers.write(dir, RoutingConfigLoader.load(""));
        assertThat(Files.readString(dir.resolve("publicKey.pem"))).isEqualTo(publicKey);
    }

    private static PublicKey read(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static JsonNode officer(JsonNode officers, String username) {
        for (JsonNode officer : officers) {
            if (officer.path("username").asText().equals(username)) {
                return officer;
            }
        }
        throw new AssertionError("no officer " + username);
    }
}
