package io.waspada.e2e.scenarios;

import static io.waspada.e2e.platform.AlertSockets.evidenceIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.e2e.platform.AgencyFeedRun;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.AlertSockets;
import io.waspada.e2e.platform.AlertsTopic;
import io.waspada.e2e.platform.ConsumerLag;
import io.waspada.e2e.platform.HttpJson;
import io.waspada.e2e.platform.Officers;
import io.waspada.e2e.platform.Platform;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's planted scenarios through the whole platform as production runs it (standalone Kafka and the
 * three packaged services, agency API keys as {@code ./waspada local} makes them): the feed posts every pattern
 * and near-miss through the public ingest API; each task force's officer then sees exactly the alerts the shipped
 * {@code routing.yaml} gives it, on the officer API and on a WebSocket connected before the feed started.
 */
@Timeout(600)
class PlantedScenariosTest {

    /**
     * What each planted pattern must raise, and for whom, from the shipped routing.yaml (every child route has
     * {@code continue}; the root NTF_HQ only hears HIGH/CRITICAL here because some child always matches). The
     * simulator gives each pattern a fixed handling code; "withheld" = routed by its labels but not cleared for it.
     * <ul>
     * <li>cross-border: LAND + SARAWAK; its type; countries ID,MY and handling H0, so the Indonesian liaison hears it.
     * <li>network: HIGH; its type; LABOUR among the agencies (4 victims, under 2 x threshold 3: not raised).
     * <li>vessel link: latest evidence at Port Klang, domain SEA; its type; H2, for which both are cleared.
     * <li>watchlist hit: the entry's severity HIGH; its type; LAND but JOHOR: no land-border task force.
     * <li>group: HIGH + a minor = CRITICAL; LAND + KEDAH; its type matches immigration, which is not cleared for H2.
     * </ul>
     * Victims (a SUSPECTED_VICTIM in the evidence, or a minor) also reach the social welfare desk (cleared for H0 and
     * H1 only) and, with Indonesia among the countries, the Indonesian consular protection desk (H0 only). The plate's
     * person is not a victim.
     * Jurisdiction flags: Immigration flags its Tebedu sighting PROTECT_VICTIM, RMP its watchlist entry COVERT; each
     * alert carries its flags on the API and every socket, the others none.
     * Rules as data (#19): one passport at three northern border posts within three days (Immigration alone, so no
     * cross-border alert) is a REPEAT_CROSSING, MEDIUM, for the land border north; three crossings at two posts are not.
     * Civil-society tips (#18): a hotline's two tips about one passport (Entikong, then Tebedu) make an alert resting
     * only on tips: the first route sends it to the verification desk alone (continue: false), victim or not.
     */
    static final List<Expectation> EXPECTED = List.of(
            //     planted pattern                                alert type                    severity    task forces                                                withheld
            expect("victim-passport-entikong-then-tebedu",        "CROSS_BORDER_MOVEMENT",      "MEDIUM",   Set.of("LAND_EAST", "IMMIGRATION_ENFORCEMENT", "ID_LIAISON",
                                                                                                                    "SOCIAL_WELFARE", "ID_CONSULAR_PROTECTION"), Set.of()),
            expect("facilitator-phone-four-victims",              "FACILITATOR_NETWORK",        "HIGH",     Set.of("NTF_HQ", "RMP_ATIPSOM", "LABOUR_INSPECTORATE",
                                                                                                                    "SOCIAL_WELFARE"),                            Set.of()),
            expect("sighted-vessel-intercepted-by-customs",       "SIGHTING_INTERCEPTION_LINK", "MEDIUM",   Set.of("MARITIME", "RMP_ATIPSOM"),                            Set.of("SOCIAL_WELFARE")),
            expect("watchlisted-plate-sighted-at-johor-causeway", "WATCHLIST_HIT",              "HIGH",     Set.of("NTF_HQ", "RMP_ATIPSOM"),                              Set.of()),
            expect("group-crossing-bukit-kayu-hitam",             "GROUP_CROSSING",             "CRITICAL", Set.of("NTF_HQ", "LAND_NORTH"),                               Set.of("IMMIGRATION_ENFORCEMENT", "SOCIAL_WELFARE")),
            expect("one-person-three-border-posts-in-three-days", "REPEAT_CROSSING",            "MEDIUM",   Set.of("LAND_NORTH"),                                         Set.of()),
            // The tips row stays last (anAlertRestingOnlyOnTipsWaitsAtTheVerificationDeskMarkedAsSuch reads it there).
            expect("tips-alone-passport-entikong-then-tebedu",    "CROSS_BORDER_MOVEMENT",      "MEDIUM",   Set.of("NTF_VERIFICATION"),                                   Set.of()));

    static final String CORRELATION_GROUP = "waspada-correlation";

    @TempDir
    static Path dir;
    static Platform platform;
    static AgencyKeys keys;
    static Officers officers;
    static AlertSockets sockets;
    static AgencyFeedRun feed;

    /** One row of the table: a planted pattern, the alert it must raise, who must see it, who is withheld from it. */
    record Expectation(String pattern, String type, String severity, Set<String> taskForces, Set<String> withheld,
            List<String> flags) {
        @Override
        public String toString() {
            return pattern + " -> " + type + " " + severity + " for " + new TreeSet<>(taskForces);
        }
    }

    static Expectation expect(String pattern, String type, String severity, Set<String> taskForces, Set<String> withheld) {
        List<String> flags = switch (pattern) {
            case "victim-passport-entikong-then-tebedu" -> List.of("PROTECT_VICTIM");
            case "watchlisted-plate-sighted-at-johor-causeway" -> List.of("COVERT");
            default -> List.of();
        };
        return new Expectation(pattern, type, severity, taskForces, withheld, flags);
    }

    private static List<String> flagKinds(JsonNode alert) {
        return stream(alert.path("flags")).map(flag -> flag.path("kind").asText()).toList();
    }

    @BeforeAll
    @Timeout(400)
    static void startThePlatformConnectEveryTaskForceAndRunTheFeed() {
        keys = AgencyKeys.create(dir.resolve("ingest"));
        platform = Platform.start(keys.serviceEnv());
        officers = Officers.of(platform);
        sockets = AlertSockets.connect(platform.url("notifier-service"), officers.tokenByTaskForce(), Duration.ofSeconds(60));
        feed = AgencyFeedRun.start(platform.url("alert-producer"), keys, dir, List.of("--rate", "2", "--duration", "3s",
                "--seed", "42", "--patterns", "all", "--progress", "1")).await(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (sockets != null) {
            sockets.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static Stream<Expectation> expectations() {
        return EXPECTED.stream();
    }

    @Test
    void theTableCoversEveryPlantedPatternAndTheFeedWasAccepted() {
        assertThat(feed.summary().path("plantedFailures")).isEmpty();
        assertThat(feed.summary().path("counts").path("rejected").asLong()).isZero();
        assertThat(stream(feed.summary().path("planted")).map(p -> p.path("pattern").asText()))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map(Expectation::pattern).toList());
        assertThat(officers.tokenByTaskForce()).containsKeys(EXPECTED.stream()
                .flatMap(e -> Stream.concat(e.taskForces().stream(), e.withheld().stream())).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void eachPlantedPatternReachesExactlyItsTaskForcesWithItsEvidenceAndSeverity(Expectation expected) {
        Set<String> evidenceIds = plantedEvidence(expected.pattern());
        JsonNode alert = awaitAlert(expected.type(), evidenceIds);
        String alertId = alert.path("alertId").asText();

        assertThat(alert.path("type").asText()).isEqualTo(expected.type());
        assertThat(alert.path("severity").asText()).isEqualTo(expected.severity());
        assertThat(evidenceIds(alert)).as("evidence of %s", alertId).isEqualTo(evidenceIds);
        // Every task force it is for has the full alert on its WebSocket; no other task force's socket ever saw it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String taskForce : expected.taskForces()) {
                assertThat(sockets.latest(taskForce)).as(taskForce).containsKey(alertId);
                assertThat(evidenceIds(sockets.latest(taskForce).get(alertId))).as(taskForce).isEqualTo(evidenceIds);
                assertThat(flagKinds(sockets.latest(taskForce).get(alertId))).as(taskForce)
                        .isEqualTo(expected.flags());
            }
        });
        assertThat(sockets.receivers(alertId)).isEqualTo(new TreeSet<>(expected.taskForces()));
        for (String taskForce : officers.tokenByTaskForce().keySet()) {
            HttpJson.Answer detail = officerGet(taskForce, "/api/v1/alerts/" + alertId);
            HttpJson.Answer list = officerGet(taskForce, "/api/v1/alerts?type=" + expected.type() + "&size=200");
            Set<String> listed = stream(list.body().path("items")).map(a -> a.path("alertId").asText()).collect(Collectors.toSet());
            if (expected.taskForces().contains(taskForce)) {
                assertThat(detail.status()).as(taskForce).isEqualTo(200);
                assertThat(detail.body().path("severity").asText()).isEqualTo(expected.severity());
                assertThat(evidenceIds(detail.body())).as(taskForce).isEqualTo(evidenceIds);
                assertThat(flagKinds(detail.body())).as(taskForce).isEqualTo(expected.flags());
                assertThat(stream(detail.body().path("taskForces")).map(JsonNode::asText))
                        .containsExactlyInAnyOrderElementsOf(expected.taskForces());
                assertThat(listed).as(taskForce).contains(alertId);
            } else {
                assertThat(detail.status()).as(taskForce + " must not see " + alertId).isEqualTo(404);
                assertThat(detail.contentType()).startsWith("application/problem+json");
                assertThat(listed).as(taskForce).doesNotContain(alertId);
            }
        }
        if (!expected.withheld().isEmpty()) {
            String reader = expected.taskForces().iterator().next();
            Set<String> withheld = stream(officerGet(reader, "/api/v1/alerts/" + alertId + "/history").body())
                    .filter(e -> e.path("detail").asText().startsWith("WITHHELD"))
                    .map(e -> e.path("taskForce").asText()).collect(Collectors.toSet());
            assertThat(withheld).isEqualTo(expected.withheld());
        }
    }

    /**
     * The officer token the launcher's identity provider gave a task force also opens the stream-processor's timeline
     * of an alert's subject, showing the evidence that task force is cleared for; another task force's officer, not
     * cleared for the evidence's H2, sees none of it.
     */
    @Test
    void anOfficerSeesTheTimelineOfAnAlertsSubjectWithinTheirClearance() {
        Expectation vessel = EXPECTED.get(2);
        Set<String> evidenceIds = plantedEvidence(vessel.pattern());
        JsonNode alert = awaitAlert(vessel.type(), evidenceIds);
        String timeline = platform.url("stream-processor") + "/api/v1/entities/"
                + alert.path("subjectToken").asText() + "/timeline";

        HttpJson.Answer maritime = HttpJson.get(timeline, officers.token("MARITIME"));
        assertThat(maritime.status()).isEqualTo(200);
        assertThat(stream(maritime.body().path("events")).map(e -> e.path("eventId").asText()))
                .containsAll(evidenceIds);
        HttpJson.Answer immigration = HttpJson.get(timeline, officers.token("IMMIGRATION_ENFORCEMENT"));
        assertThat(immigration.status()).isEqualTo(200);
        assertThat(stream(immigration.body().path("events")).map(e -> e.path("eventId").asText()))
                .doesNotContainAnyElementsOf(evidenceIds);
        assertThat(HttpJson.get(timeline, null).status()).isEqualTo(401);
    }

    /** A tip-only alert waits in verification: marked so on the API, from the hotline, never escalated. */
    @Test
    void anAlertRestingOnlyOnTipsWaitsAtTheVerificationDeskMarkedAsSuch() {
        Expectation tips = EXPECTED.get(EXPECTED.size() - 1);
        JsonNode alert = awaitAlert(tips.type(), plantedEvidence(tips.pattern()));
        String alertId = alert.path("alertId").asText();
        HttpJson.Answer detail = officerGet("NTF_VERIFICATION", "/api/v1/alerts/" + alertId);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("labels").path("verification").asText()).isEqualTo("required");
        assertThat(detail.body().path("labels").path("agencies").asText()).isEqualTo("HOTLINE_MY");
        assertThat(stream(officerGet("NTF_VERIFICATION", "/api/v1/alerts/" + alertId + "/history").body())
                .map(e -> e.path("action").asText())).doesNotContain("ESCALATED");
        List<Alert> versions = AlertsTopic.readAll(platform.connection(), Duration.ofSeconds(30)).stream()
                .filter(a -> a.getAlertId().equals(alertId)).toList();
        assertThat(versions).isNotEmpty().allSatisfy(v -> {
            assertThat(v.getSourceReliability()).isEqualTo("X");
            assertThat(v.getEvidence()).extracting(EvidenceRef::getSource)
                    .containsOnly(io.waspada.avro.EventSource.TIP);
        });
    }

    @Test
    void nearMissesRaiseNoAlert() {
        EXPECTED.forEach(e -> awaitAlert(e.type(), plantedEvidence(e.pattern())));
        awaitEverythingCorrelated();

        List<JsonNode> nearMisses = stream(feed.summary().path("nearMisses")).toList();
        assertThat(nearMisses).extracting(n -> n.path("mustNotRaise").asText())
                .containsExactlyInAnyOrder("CROSS_BORDER_MOVEMENT", "FACILITATOR_NETWORK", "SIGHTING_INTERCEPTION_LINK",
                        "WATCHLIST_HIT", "GROUP_CROSSING", "REPEAT_CROSSING");
        Set<String> nearMissIds = nearMisses.stream().flatMap(n -> stream(n.path("eventIds")).map(JsonNode::asText))
                .collect(Collectors.toSet());
        assertThat(nearMissIds).hasSize(2 + 2 + 2 + 1 + 3 + 3);
        for (Alert alert : AlertsTopic.readAll(platform.connection(), Duration.ofSeconds(30))) {
            assertThat(alert.getEvidence()).extracting(EvidenceRef::getEventId)
                    .as("%s %s v%d", alert.getType(), alert.getAlertId(), alert.getVersion())
                    .doesNotContainAnyElementsOf(nearMissIds);
        }
        for (String taskForce : officers.tokenByTaskForce().keySet()) {
            for (JsonNode alert : sockets.latest(taskForce).values()) {
                assertThat(evidenceIds(alert)).as(taskForce).doesNotContainAnyElementsOf(nearMissIds);
            }
        }
    }

    @Test
    void aDuplicatePostSingleOrInABatchAnswersAsDuplicateAndAddsNoEvidenceOrVersion() {
        Expectation network = EXPECTED.get(1);
        JsonNode alert = awaitAlert(network.type(), plantedEvidence(network.pattern()));
        String alertId = alert.path("alertId").asText();
        List<String> eventIds = stream(planted(network.pattern()).path("eventIds")).map(JsonNode::asText).toList();
        JsonNode call = feed.call(eventIds.get(eventIds.size() - 1));

        HttpJson.Answer again = HttpJson.post(platform.url("alert-producer") + call.path("path").asText(),
                keys.key(call.path("agency").asText()), call.path("body").toString());

        ObjectNode batchItem = ((ObjectNode) call.path("body").deepCopy()).put("kind", "INTERCEPTION");
        HttpJson.Answer inBatch = HttpJson.post(platform.url("alert-producer") + "/api/v1/events/batch",
                keys.key(call.path("agency").asText()), "{\"events\": [" + batchItem + "]}");

        assertThat(again.status()).as(again.body().toString()).isEqualTo(202);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("eventId").asText()).isEqualTo(call.path("eventId").asText());
        assertThat(inBatch.status()).as(inBatch.body().toString()).isEqualTo(200);
        assertThat(inBatch.body().path("results").path(0).path("status").asInt()).isEqualTo(202);
        assertThat(inBatch.body().path("results").path(0).path("duplicate").asBoolean()).isTrue();
        awaitEverythingCorrelated();
        List<Alert> versions = AlertsTopic.readAll(platform.connection(), Duration.ofSeconds(30)).stream()
                .filter(a -> a.getAlertId().equals(alertId)).toList();
        assertThat(versions).isNotEmpty().allSatisfy(v -> assertThat(v.getEventCount()).isLessThanOrEqualTo(eventIds.size()));
        assertThat(versions.stream().mapToLong(Alert::getVersion).max().orElse(0)).isEqualTo(alert.path("version").asLong());
        HttpJson.Answer detail = officerGet(network.taskForces().iterator().next(), "/api/v1/alerts/" + alertId);
        assertThat(detail.body().path("version").asLong()).isEqualTo(alert.path("version").asLong());
        assertThat(detail.body().path("eventCount").asInt()).isEqualTo(alert.path("eventCount").asInt())
                .isEqualTo(eventIds.size());
    }

    @Test
    void theLaunchersSimulateCommandFeedsARunningPlatform() throws Exception {
        Path home = dir.resolve("launcher-home");
        ProcessBuilder launcher = new ProcessBuilder("bash", Platform.root().resolve("waspada").toString(), "simulate",
                "--url", platform.url("alert-producer"), "--credentials", keys.keysJson().toString(),
                "--rate", "5", "--duration", "2s", "--patterns", "none", "--progress", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("simulate.out").toFile());
        // The launcher's state directory (its summary file) stays out of the project.
        launcher.environment().put("WASPADA_HOME", home.toString());
        Process simulate = launcher.start();

        try {
            assertThat(simulate.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            // A feed past its deadline must not outlive the test (the launcher execs java: this is the feed).
            simulate.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(dir.resolve("simulate.out"));
        assertThat(simulate.exitValue()).as(output).isZero();
        assertThat(output).contains("[feed]").contains("accepted/s");
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output.substring(output.indexOf('{')));
        assertThat(summary.path("counts").path("accepted").asLong()).isPositive()
                .isEqualTo(summary.path("counts").path("posted").asLong());
        assertThat(summary.path("planted")).isEmpty();
    }

    /** The planted eventIds of a pattern, plus its watchlist entry ids (a watchlist hit carries its listing as evidence). */
    private static Set<String> plantedEvidence(String pattern) {
        JsonNode planted = planted(pattern);
        return Stream.concat(stream(planted.path("eventIds")), stream(planted.path("watchlistEntryIds")))
                .map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode planted(String pattern) {
        return stream(feed.summary().path("planted")).filter(p -> p.path("pattern").asText().equals(pattern)).findFirst()
                .orElseThrow(() -> new AssertionError("the feed planted no " + pattern));
    }

    /** Waits until some task force received the alert of {@code type} whose evidence is all of {@code evidenceIds}. */
    private static JsonNode awaitAlert(String type, Set<String> evidenceIds) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> sockets.latestOfAll().values().stream()
                .filter(a -> a.path("type").asText().equals(type) && evidenceIds(a).containsAll(evidenceIds))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Every event the platform accepted has been correlated and its alerts committed: the processor has no lag. */
    private static void awaitEverythingCorrelated() {
        try (ConsumerLag lag = new ConsumerLag(platform.connection())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lag.of(CORRELATION_GROUP, List.of(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name())) == 0);
        }
    }

    private static HttpJson.Answer officerGet(String taskForce, String path) {
        return HttpJson.get(platform.url("notifier-service") + path, officers.token(taskForce));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
