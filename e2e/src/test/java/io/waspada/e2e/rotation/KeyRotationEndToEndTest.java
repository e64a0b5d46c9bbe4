package io.waspada.e2e.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.AlertsTopic;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pseudonymisation key rotation on the packaged services, through the real broker: the alert-producer runs with key
 * k1, then k2 with k1 as the previous key (the overlap), then k2 alone; the stream-processor is killed with SIGKILL,
 * and then stopped and started, between the overlap and the end of it. One passport seen before, during and after the rotation is one
 * cross-border alert, and a phone put on the watchlist before the rotation is still hit after it.
 */
@Timeout(600)
class KeyRotationEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void correlationAndTheWatchlistCarryAcrossARotationAndARestart() throws Exception {
        AgencyKeys keys = AgencyKeys.create(Files.createTempDirectory("rotation-keys"));
        String k1 = randomKey();
        String k2 = randomKey();
        Map<String, String> env = new HashMap<>(keys.serviceEnv());
        try (Platform platform = Platform.startKafka(env)) {
            PlatformProcess correlation = platform.startService("stream-processor", env, READY);
            Random random = new Random();
            String passport = "E" + (1_000_000 + random.nextInt(8_999_999));
            String phone = "+6281" + (10_000_000 + random.nextInt(89_999_999));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            // Before: k1 only. A watchlist entry for the phone and the passport at Entikong.
            PlatformProcess ingest = platform.startService("alert-producer", keyed(env, k1, "k1"), READY);
            String entryId = "rmp-" + UUID.randomUUID();
            send(platform, keys, "RMP", "PUT", "/api/v1/watchlist/" + entryId, """
                    {"identifier": {"scheme": "PHONE", "value": "%s", "issuer": "ID"}, "reason": "Recruiter's phone",
                     "severity": "HIGH"}""".formatted(phone));
            String e1 = sighting(platform, keys, "ID_IMIGRASI", passport, null, "ENTIKONG", 0.9856, 110.3544, "ID",
                    "KALIMANTAN_BARAT", now.minus(Duration.ofHours(10)));
            ingest.close();

            // The overlap: k2, with k1 as the previous key. The passport (and the phone) at Tebedu.
            Map<String, String> overlap = keyed(env, k2, "k2");
            overlap.put("WASPADA_PSEUDONYMISATION_PREVIOUS_KEY", k1);
            overlap.put("WASPADA_PSEUDONYMISATION_PREVIOUS_KEY_ID", "k1");
            overlap.put("WASPADA_PSEUDONYMISATION_PREVIOUS_UNTIL", now.plus(Duration.ofDays(31)).toString());
            ingest = platform.startService("alert-producer", overlap, READY);
            String e2 = sighting(platform, keys, "IMMIGRATION", passport, phone, "TEBEDU", 1.0043, 110.3670, "MY",
                    "SARAWAK", now.minus(Duration.ofHours(8)));
            Alert movement = await(platform, "CROSS_BORDER_MOVEMENT", List.of(e1, e2));
            Alert hit = await(platform, "WATCHLIST_HIT", List.of(e2, entryId));
            ingest.close();

            // The stream-processor killed (its link store comes back from tip.token-links.v1), then stopped and
            // started again (its link store comes back from its own checkpoint).
            correlation.kill();
            correlation = platform.startService("stream-processor", env, READY);
            correlation.close();
            correlation = platform.startService("stream-processor", env, READY);

            // After: k2 alone. The passport and the phone at Entikong again.
            ingest = platform.startService("alert-producer", keyed(env, k2, "k2"), READY);
            String e3 = sighting(platform, keys, "ID_IMIGRASI", passport, phone, "ENTIKONG", 0.9856, 110.3544, "ID",
                    "KALIMANTAN_BARAT", now.minus(Duration.ofHours(6)));

            Alert grown = await(platform, "CROSS_BORDER_MOVEMENT", List.of(e1, e2, e3));
            assertThat(grown.getAlertId()).as("one alert across the rotation").isEqualTo(movement.getAlertId());
            assertThat(grown.getSubjectToken()).isEqualTo(movement.getSubjectToken());
            Alert hitAfter = await(platform, "WATCHLIST_HIT", List.of(e3, entryId));
            assertThat(hitAfter.getSubjectToken()).as("the entry's k1 token").isEqualTo(hit.getSubjectToken());
            ingest.close();
            correlation.close();
        }
    }

    private static Map<String, String> keyed(Map<String, String> env, String key, String keyId) {
        Map<String, String> keyed = new HashMap<>(env);
        keyed.put("WASPADA_PSEUDONYMISATION_KEY", key);
        keyed.put("WASPADA_PSEUDONYMISATION_KEY_ID", keyId);
        return keyed;
    }

    /** The latest version of an alert of {@code type} whose evidence includes all of {@code evidence}. */
    private static Alert await(Platform platform, String type, List<String> evidence) {
        return Awaitility.await(type + " with " + evidence).atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> AlertsTopic.readAll(platform.connection(), Duration.ofSeconds(10)).stream()
                        .filter(alert -> alert.getType().equals(type))
                        .filter(alert -> alert.getEvidence().stream().map(EvidenceRef::getEventId).toList()
                                .containsAll(evidence))
                        .reduce((a, b) -> b), Optional::isPresent).orElseThrow();
    }

    private static String sighting(Platform platform, AgencyKeys keys, String agency, String passport, String phone,
            String site, double lat, double lon, String country, String region, Instant observedAt) throws Exception {
        String eventId = UUID.randomUUID().toString();
        String phoneSubject = phone == null ? "" : """
                , {"type": "PHONE", "role": "SUSPECTED_FACILITATOR",
                   "identifiers": [{"scheme": "PHONE", "value": "%s", "issuer": "ID"}]}""".formatted(phone);
        send(platform, keys, agency, "POST", "/api/v1/sightings", """
                {"eventId": "%s", "agency": "%s", "observedAt": "%s",
                 "location": {"lat": %s, "lon": %s, "country": "%s", "region": "%s", "site": "%s"},
                 "subjects": [{"type": "PERSON", "role": "SUSPECTED_VICTIM", "nationality": "ID", "ageBand": "MINOR",
                   "identifiers": [{"scheme": "PASSPORT", "value": "%s", "issuer": "ID"}]}%s],
                 "handling": "H1", "sourceReliability": "B", "informationAccuracy": 2}
                """.formatted(eventId, agency, observedAt, lat, lon, country, region, site, passport, phoneSubject));
        return eventId;
    }

    private static void send(Platform platform, AgencyKeys keys, String agency, String method, String path,
            String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url("alert-producer") + path))
                .header("Authorization", "Bearer " + keys.key(agency)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(202);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
