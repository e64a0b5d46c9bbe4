package io.waspada.e2e.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.e2e.platform.AgencyFeedRun;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.HttpJson;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-up requests through the whole platform (standalone Kafka and the three packaged services): an officer asks
 * the agency that owns an evidence item of an alert the feed raised; the owner reads it at the alert-producer with its
 * own key and answers, or declines; the officer sees it on the notifier. A request left past its (6 s) urgent deadline
 * is reminded and escalated, and still answered. A third agency never sees a request, and its replies are 404s.
 */
@Timeout(600)
class FollowUpEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Platform platform;
    static AgencyKeys keys;
    static Officers officers;
    /** An alert one task force sees, that task force's officer token, and one evidence item's id and agency. */
    static String alertId;
    static String officer;
    static String eventId;
    static String owner;
    static String third;

    @BeforeAll
    @Timeout(400)
    static void startThePlatformAndRaiseAlerts() {
        keys = AgencyKeys.create(dir.resolve("ingest"));
        Map<String, String> env = new HashMap<>(keys.serviceEnv());
        env.put("WASPADA_FOLLOW_UP_DEADLINE_URGENT", "PT6S");
        platform = Platform.start(env);
        officers = Officers.of(platform);
        AgencyFeedRun.start(platform.url("alert-producer"), keys, dir, List.of("--rate", "2", "--duration", "3s",
                "--seed", "42", "--patterns", "all", "--progress", "1")).await(Duration.ofSeconds(180));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(FollowUpEndToEndTest::anAlert);
        third = keys.keys().keySet().stream().filter(a -> !a.equals(owner) && !AgencyKeys.isOrganisation(a))
                .findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** Finds an alert some task force sees, with its first evidence item an agency's (a tip's organisation is never asked). */
    private static boolean anAlert() {
        for (Map.Entry<String, String> taskForce : officers.tokenByTaskForce().entrySet()) {
            HttpJson.Answer list = HttpJson.get(notifier("/api/v1/alerts?size=20"), taskForce.getValue());
            for (JsonNode item : list.body().path("items")) {
                HttpJson.Answer detail = HttpJson.get(notifier("/api/v1/alerts/" + item.path("alertId").asText()),
                        taskForce.getValue());
                JsonNode evidence = detail.body().path("evidence").path(0);
                if (detail.status() == 200 && !evidence.isMissingNode()
                        && !AgencyKeys.isOrganisation(evidence.path("agency").asText())) {
                    alertId = item.path("alertId").asText();
                    officer = taskForce.getValue();
                    eventId = evidence.path("eventId").asText();
                    owner = evidence.path("agency").asText();
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theOwnerAnswersBeforeTheDeadlineAndNoOtherAgencySeesTheRequest() {
        String requestId = ask("NORMAL", "Who travelled with them?");
        JsonNode mine = awaitAtTheAgency(owner, requestId);
        assertThat(mine.path("eventId").asText()).isEqualTo(eventId);
        assertThat(mine.path("alertId").asText()).isEqualTo(alertId);
        assertThat(mine.has("askedBy")).isFalse();

        assertThat(ids(HttpJson.get(producer("/api/v1/requests"), keys.key(third)))).doesNotContain(requestId);
        assertThat(HttpJson.get(producer("/api/v1/requests/" + requestId), keys.key(third)).status()).isEqualTo(404);
        assertThat(HttpJson.post(producer("/api/v1/requests/" + requestId + "/answer"), keys.key(third),
                "{\"text\":\"not ours\"}").status()).isEqualTo(404);

        HttpJson.Answer answered = HttpJson.post(producer("/api/v1/requests/" + requestId + "/answer"), keys.key(owner),
                "{\"text\":\"Two others on one sponsor letter\",\"fields\":{\"sponsor\":\"PT Maju Jaya\"}}");
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(202);
        JsonNode seen = awaitStatus(requestId, "ANSWERED");
        assertThat(seen.path("answer").path("text").asText()).isEqualTo("Two others on one sponsor letter");
        assertThat(seen.path("answer").path("fields").path("sponsor").asText()).isEqualTo("PT Maju Jaya");
        // Closed: the owner's second reply is a conflict, once the notifier's state has reached the alert-producer too.
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpJson.post(producer("/api/v1/requests/" + requestId
                + "/decline"), keys.key(owner), "{\"reason\":\"late\"}").status() == 409);
    }

    @Test
    void anUrgentRequestPastItsDeadlineIsRemindedAndEscalatedAndStillAnswered() {
        String requestId = ask("URGENT", "Where were they heading?");
        awaitAtTheAgency(owner, requestId);
        JsonNode late = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> request(requestId), r -> r != null && r.hasNonNull("remindedAt"));
        assertThat(late.path("overdue").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> awaitAtTheAgency(owner, requestId).hasNonNull("remindedAt"));
        assertThat(HttpJson.post(producer("/api/v1/requests/" + requestId + "/answer"), keys.key(owner),
                "{\"text\":\"South, by bus\"}").status()).isEqualTo(202);
        assertThat(awaitStatus(requestId, "ANSWERED").path("overdue").asBoolean()).isFalse();
    }

    @Test
    void theOwnerDeclinesWithAReason() {
        String requestId = ask("NORMAL", "Their employer?");
        awaitAtTheAgency(owner, requestId);
        assertThat(HttpJson.post(producer("/api/v1/requests/" + requestId + "/decline"), keys.key(owner),
                "{\"reason\":\"Open investigation: ask through liaison\"}").status()).isEqualTo(202);
        assertThat(awaitStatus(requestId, "DECLINED").path("declineReason").asText())
                .isEqualTo("Open investigation: ask through liaison");
    }

    private static String ask(String urgency, String question) {
        HttpJson.Answer asked = HttpJson.post(notifier("/api/v1/alerts/" + alertId + "/requests"), officer,
                JSON.createObjectNode().put("eventId", eventId).put("question", question).put("reason", "end to end")
                        .put("urgency", urgency).toString());
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(201);
        assertThat(asked.body().path("agency").asText()).isEqualTo(owner);
        return asked.body().path("requestId").asText();
    }

    private static JsonNode awaitAtTheAgency(String agency, String requestId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpJson.Answer one = HttpJson.get(producer("/api/v1/requests/" + requestId), keys.key(agency));
            return one.status() == 200 ? one.body() : null;
        }, java.util.Objects::nonNull);
    }

    private static JsonNode awaitStatus(String requestId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> request(requestId), r -> r != null && status.equals(r.path("status").asText()));
    }

    private static JsonNode request(String requestId) {
        for (JsonNode r : HttpJson.get(notifier("/api/v1/alerts/" + alertId + "/requests"), officer).body()) {
            if (requestId.equals(r.path("requestId").asText())) {
                return r;
            }
        }
        return null;
    }

    private static List<String> ids(HttpJson.Answer answer) {
        return StreamSupport.stream(answer.body().spliterator(), false).map(r -> r.path("requestId").asText()).toList();
    }

    private static String notifier(String path) {
        return platform.url("notifier-service") + path;
    }

    private static String producer(String path) {
        return platform.url("alert-producer") + path;
    }
}
