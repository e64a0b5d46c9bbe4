package io.waspada.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.avro.WatchlistEntry;
import io.waspada.ingest.auth.DemoCredentials;
import io.waspada.ingest.support.TestCredentials;
import io.waspada.ingest.support.TopicScan;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the running service and the real broker, for a few seconds: every planted call is
 * accepted, the summary lists each pattern with its eventIds, and what reached Kafka has the shape each
 * correlation rule looks for (same token across countries/agencies, 3+ victims per facilitator, ...).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "alert-producer"))
@Timeout(120)
class AgencyFeedTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void plantsEveryPatternThroughThePublicApiAndSummarisesIt(@TempDir Path dir) throws Exception {
        Path credentials = agencyKeys(dir);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        JsonNode summary = AgencyFeed.run(new PrintStream(progress, true, StandardCharsets.UTF_8),
                "--url", url.toString(), "--rate", "40", "--duration", "3s",
                "--seed", "7", "--credentials", credentials.toString(), "--progress", "1",
                "--answer-log", dir.resolve("answers.txt").toString());

        assertThat(summary.get("plantedFailures")).isEmpty();
        assertThat(progress.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("accepted")).count())
                .isGreaterThanOrEqualTo(2);
        JsonNode counts = summary.get("counts");
        assertThat(counts.get("rejected").asLong()).as(counts.toString()).isZero();
        assertThat(counts.get("failed").asLong()).as(counts.toString()).isZero();
        assertThat(counts.get("accepted").asLong()).isEqualTo(counts.get("posted").asLong())
                .isGreaterThan(counts.get("plantedEvents").asLong() + 60);
        List<String> answers = java.nio.file.Files.readAllLines(dir.resolve("answers.txt"));
        assertThat(answers).as("one answer line per event").hasSize(counts.get("posted").asInt())
                .allMatch(line -> line.matches("202 \\S+")).doesNotHaveDuplicates();
        Map<String, JsonNode> planted = byType(summary.get("planted"), "expectedAlertType");
        assertThat(planted).containsOnlyKeys("CROSS_BORDER_MOVEMENT", "FACILITATOR_NETWORK",
                "SIGHTING_INTERCEPTION_LINK", "WATCHLIST_HIT", "GROUP_CROSSING", "REPEAT_CROSSING");
        assertThat(byType(summary.get("nearMisses"), "mustNotRaise")).hasSize(6);

        Map<String, SpecificRecord> written = Stream.concat(
                TopicScan.all(Topics.SIGHTINGS).stream().map(r -> Map.entry(r.key(), (SpecificRecord) r.value())),
                TopicScan.all(Topics.INTERCEPTIONS).stream().map(r -> Map.entry(r.key(), (SpecificRecord) r.value())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        Function<String, List<SpecificRecord>> events = type -> ids(planted.get(type)).stream().map(written::get).toList();

        // Civil-society tips (#18): the hotline's two tips, written as sightings marked TIP, about one passport.
        JsonNode tipsPlanted = java.util.stream.StreamSupport.stream(summary.get("planted").spliterator(), false)
                .filter(item -> item.path("pattern").asText().startsWith("tips-")).findFirst().orElseThrow();
        List<SpecificRecord> tips = ids(tipsPlanted).stream().map(written::get).toList();
        assertThat(tips).doesNotContainNull().hasSize(2).allSatisfy(tip -> {
            assertThat(((Sighting) tip).getSource()).isEqualTo(io.waspada.avro.EventSource.TIP);
            assertThat(((Sighting) tip).getAgency()).isEqualTo("HOTLINE_MY");
        });
        assertThat(tips.stream().map(e -> token(subjects(e).get(0))).distinct()).hasSize(1);

        List<SpecificRecord> crossing = events.apply("CROSS_BORDER_MOVEMENT");
        assertThat(crossing).doesNotContainNull().hasSize(2);
        assertThat(crossing.stream().map(e -> token(subjects(e).get(0))).distinct()).hasSize(1);
        assertThat(crossing.stream().map(AgencyFeedTest::country).distinct()).hasSize(2);
        assertThat(crossing.stream().map(AgencyFeedTest::agency).distinct()).hasSize(2);

        List<SpecificRecord> network = events.apply("FACILITATOR_NETWORK");
        assertThat(network).doesNotContainNull().allMatch(Interception.class::isInstance);
        assertThat(network.stream().map(e -> token(facilitator(e))).distinct()).hasSize(1);
        assertThat(network.stream().flatMap(e -> subjects(e).stream()).filter(s -> s.getRole().equals("SUSPECTED_VICTIM"))
                .map(AgencyFeedTest::token).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(span(network)).isLessThan(Duration.ofDays(14));

        List<SpecificRecord> link = events.apply("SIGHTING_INTERCEPTION_LINK");
        assertThat(link).doesNotContainNull().hasSize(2);
        assertThat(link.get(0)).isInstanceOf(Sighting.class);
        assertThat(link.get(1)).isInstanceOf(Interception.class);
        assertThat(token(subjects(link.get(0)).get(0))).isEqualTo(token(subjects(link.get(1)).get(0)));
        assertThat(agency(link.get(0))).isNotEqualTo(agency(link.get(1)));

        List<SpecificRecord> group = events.apply("GROUP_CROSSING");
        assertThat(group).doesNotContainNull().hasSizeGreaterThanOrEqualTo(5);
        assertThat(group.stream().map(e -> ((Sighting) e).getLocation().getSite()).distinct()).containsExactly("BUKIT_KAYU_HITAM");
        assertThat(group).allMatch(e -> !((Sighting) e).getIndicators().isEmpty());
        assertThat(span(group)).isLessThan(Duration.ofHours(2));

        SpecificRecord hit = events.apply("WATCHLIST_HIT").get(0);
        String entryId = planted.get("WATCHLIST_HIT").get("watchlistEntryIds").get(0).asText();
        WatchlistEntry entry = TopicScan.all(Topics.WATCHLIST).stream().filter(r -> r.key().equals(entryId))
                .map(ConsumerRecord::value).findFirst().orElseThrow();
        assertThat(subjects(hit).stream().map(AgencyFeedTest::token)).contains(entry.getIdentifier().getToken());
        assertThat(observed(hit)).isAfter(entry.getCreatedAt());
    }

    @Test
    void plantsAgainEveryPeriodWithoutNearMissesAndLogsEveryPlantedCallWithItsTimes(@TempDir Path dir) throws Exception {
        Path credentials = agencyKeys(dir);
        Path log = dir.resolve("planted.jsonl");
        JsonNode summary = AgencyFeed.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "--url", url.toString(), "--rate", "20", "--duration", "2.5s",
                "--plant-every", "1s", "--patterns", "cross-border,watchlist", "--seed", "11",
                "--credentials", credentials.toString(), "--planted-log", log.toString(), "--progress", "1");

        assertThat(summary.get("plantedFailures")).isEmpty();
        assertThat(summary.path("schedule").path("unanswered").asInt()).isZero();
        List<JsonNode> planted = java.util.stream.StreamSupport.stream(summary.get("planted").spliterator(), false).toList();
        // Round 0 (no "round" field) and at least rounds 1 and 2, two patterns each; near-misses only in round 0.
        assertThat(planted.stream().map(p -> p.path("round").asInt(0)).distinct()).contains(0, 1, 2);
        assertThat(planted.stream().filter(p -> p.path("round").asInt(0) == 1)).extracting(p -> p.get("expectedAlertType").asText())
                .containsExactlyInAnyOrder("CROSS_BORDER_MOVEMENT", "WATCHLIST_HIT");
        assertThat(summary.get("nearMisses")).hasSize(2).allMatch(n -> !n.has("round"));
        List<String> plantedIds = Stream.concat(planted.stream(),
                java.util.stream.StreamSupport.stream(summary.get("nearMisses").spliterator(), false))
                .flatMap(p -> ids(p).stream()).toList();
        assertThat(plantedIds).doesNotHaveDuplicates();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> calls = Files.readAllLines(log).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(calls.stream().filter(c -> c.has("eventId")).map(c -> c.get("eventId").asText()))
                .containsExactlyInAnyOrderElementsOf(plantedIds);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.get("status").asInt()).as(call.toString()).isEqualTo(202);
            assertThat(Instant.parse(call.get("answeredAt").asText())).isAfterOrEqualTo(Instant.parse(call.get("sentAt").asText()));
            if (call.has("eventId")) {
                assertThat(call.path("body").path("eventId").asText()).isEqualTo(call.get("eventId").asText());
            }
        });
        assertThat(calls.stream().filter(c -> "PUT".equals(c.get("method").asText()))).hasSizeGreaterThanOrEqualTo(3);
    }

    /** The planted patterns by alert type, the agencies' alone (the tips' pattern raises a type they raise too). */
    private static Map<String, JsonNode> byType(JsonNode items, String field) {
        Map<String, JsonNode> map = new HashMap<>();
        items.forEach(item -> {
            if (!item.path("pattern").asText().startsWith("tips-")) {
                map.put(item.get(field).asText(), item);
            }
        });
        return map;
    }

    private static List<String> ids(JsonNode item) {
        return Stream.of(item.get("eventIds")).flatMap(ids -> java.util.stream.StreamSupport.stream(ids.spliterator(), false))
                .map(JsonNode::asText).toList();
    }

    private static List<Subject> subjects(SpecificRecord event) {
        return event instanceof Sighting s ? s.getSubjects() : ((Interception) event).getSubjects();
    }

    private static Subject facilitator(SpecificRecord event) {
        return subjects(event).stream().filter(s -> s.getRole().equals("SUSPECTED_FACILITATOR")).findFirst().orElseThrow();
    }

    private static String token(Subject subject) {
        List<Identifier> identifiers = subject.getIdentifiers();
        return identifiers.get(0).getToken();
    }

    /** Every agency's test API key in the feed's {@code --credentials} format. */
    private static Path agencyKeys(Path dir) throws java.io.IOException {
        Map<String, String> keys = new HashMap<>();
        DemoCredentials.AGENCIES.forEach(a -> keys.put(a, TestCredentials.apiKey(a)));
        Path credentials = dir.resolve("agency-keys.json");
        // The demo hotline whose tips are planted (#18) posts with an organisation's key.
        Files.writeString(credentials, new ObjectMapper().writeValueAsString(Map.of("agencies", keys,
                "organisations", Map.of("HOTLINE_MY", "test-org-key-HOTLINE_MY"))));
        return credentials;
    }

    private static String country(SpecificRecord event) {
        return event instanceof Sighting s ? s.getLocation().getCountry() : ((Interception) event).getLocation().getCountry();
    }

    private static String agency(SpecificRecord event) {
        return event instanceof Sighting s ? s.getAgency() : ((Interception) event).getAgency();
    }

    private static Instant observed(SpecificRecord event) {
        return event instanceof Sighting s ? s.getObservedAt() : ((Interception) event).getObservedAt();
    }

    private static Duration span(List<SpecificRecord> events) {
        Set<Instant> times = events.stream().map(AgencyFeedTest::observed).collect(Collectors.toSet());
        return Duration.between(times.stream().min(Instant::compareTo).orElseThrow(), times.stream().max(Instant::compareTo).orElseThrow());
    }
}
