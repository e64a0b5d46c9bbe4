package io.waspada.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.notifier.config.RoutingConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password sign-in of the demo officers from the files DemoOfficers writes: the right password gives a token signed
 * by the demo key with the usual claims; a wrong password and an unknown user give nothing; no files, no sign-in.
 */
class DemoSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theRightPasswordGivesATokenSignedByTheDemoKey() throws Exception {
        List<DemoOfficers.DemoOfficer> officers = DemoOfficers.write(dir, RoutingConfigLoader.load(""));
        DemoOfficers.DemoOfficer north = officers.stream().filter(o -> o.taskForce().equals("LAND_NORTH"))
                .findFirst().orElseThrow();
        DemoSignIn signIn = DemoSignIn.load(dir, Duration.ofHours(12)).orElseThrow();
        assertThat(signIn.size()).isEqualTo(officers.size());

        DemoSignIn.Session session = signIn.signIn(north.username(), north.password()).orElseThrow();
        assertThat(session.username()).isEqualTo("officer.land.north");
        assertThat(session.taskForce()).isEqualTo("LAND_NORTH");
        assertThat(session.roles()).containsExactly("officer", "investigator");
        String[] parts = session.token().split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(DemoOfficers.ISSUER);
        assertThat(claims.path("upn").asText()).isEqualTo("officer.land.north");
        assertThat(claims.path("taskForce").asText()).isEqualTo("LAND_NORTH");
        assertThat(claims.path("groups").toString()).contains("\"officer\"", "\"investigator\"");
        // The signed-in token is cleared for the officer's task force's handling codes (read by the timeline).
        assertThat(claims.path("handling").toString()).isEqualTo(JSON.valueToTree(north.handling()).toString());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(verifies(parts, Files.readString(dir.resolve("publicKey.pem")))).isTrue();

        DemoOfficers.DemoOfficer ops = officers.stream().filter(o -> o.username().equals("ops")).findFirst().orElseThrow();
        assertThat(signIn.signIn("ops", ops.password()).orElseThrow().roles()).containsExactly("ops", "officer");
    }

    @Test
    void aWrongPasswordOrAnUnknownUserGivesNothing() throws Exception {
        List<DemoOfficers.DemoOfficer> officers = DemoOfficers.write(dir, RoutingConfigLoader.load(""));
        DemoSignIn signIn = DemoSignIn.load(dir, Duration.ofHours(1)).orElseThrow();
        DemoOfficers.DemoOfficer first = officers.get(0);
        assertThat(signIn.signIn(first.username(), first.password() + "x")).isEmpty();
        assertThat(signIn.signIn(first.username(), "")).isEmpty();
        assertThat(signIn.signIn("officer.nobody", first.password())).isEmpty();
        // Another officer's password is no key to this one.
        assertThat(signIn.signIn(first.username(), officers.get(1).password())).isEmpty();
    }

    @Test
    void withoutTheDemoFilesThereIsNoPasswordSignIn() throws Exception {
        assertThat(DemoSignIn.load(dir, Duration.ofHours(1))).isEmpty();
        Files.writeString(dir.resolve("officers.json"), "[]");
        assertThat(DemoSignIn.load(dir, Duration.ofHours(1))).isEmpty(); // no private key to sign with
    }

    private static boolean verifies(String[] jwt, String publicPem) throws Exception {
        String base64 = publicPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt[2]));
    }
}
