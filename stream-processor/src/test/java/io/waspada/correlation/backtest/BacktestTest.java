package io.waspada.correlation.backtest;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.sites.SiteRegistry;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A back-test over a seeded history on the real broker: four passports crossing borders on three days (two of them
 * through three countries), one more before the back-test's start. The live platform raised an alert for each of the
 * four (CROSS_BORDER_MOVEMENT, threshold 2, as shipped); back-testing the rule file with threshold 3 must raise
 * exactly the two three-country ones, on their days, under the live alertIds, and say that live raised two more. A
 * fifth passport crossed three countries the evening before the start and was posted only now (a back-dated report):
 * the back-test reads it (it was written after the start) and the live alert on it counts as raised by both.
 */
@Timeout(180)
class BacktestTest {

    private static final long CELL = Duration.ofHours(72).toMillis();
    /** The shipped rule's document. */
    private static final String CROSS_BORDER = shipped("rules/cross-border-movement.yaml");
    private static final Location SADAO = new Location(6.64, 100.42, "TH", "SONGKHLA", null);

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String prefix = "bt-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final StreamTopics topics = StreamTopics.prefixed(prefix);
    private final Topic<String, Sighting> sightings = renamed(Topics.SIGHTINGS);
    private final Topic<String, Alert> alerts = renamed(Topics.ALERTS);
    /** 01:00 UTC of a day 4 to 7 days ago that starts a 72 h cell: the three days' events share one cell. */
    private final Instant base = Instant.ofEpochMilli(
            (Instant.now().minus(Duration.ofDays(4)).toEpochMilli() / CELL) * CELL + Duration.ofHours(1).toMillis());
    private final SiteRegistry sites = SiteRegistry.defaults();

    @Test
    void aStricterThresholdRaisesOnlyTheThreeCountryCrossingsAndSaysWhatLiveRaisedBesides(@TempDir Path files)
            throws Exception {
        createTopics();
        send(crossing("P0", base.minus(Duration.ofDays(6)), ENTIKONG, KUALA_LUMPUR, SADAO)); // before the start
        send(crossing("P1", base, ENTIKONG, KUALA_LUMPUR));
        send(crossing("P2", base.plus(Duration.ofDays(1)), ENTIKONG, KUALA_LUMPUR, SADAO));
        send(crossing("P3", base.plus(Duration.ofDays(2)), ENTIKONG, KUALA_LUMPUR));
        send(crossing("P4", base.plus(Duration.ofDays(2)), ENTIKONG, KUALA_LUMPUR, SADAO));
        // Observed from 19:00 the evening before the start, written now.
        send(crossing("P5", base.minus(Duration.ofHours(6)), ENTIKONG, KUALA_LUMPUR, SADAO), Instant.now());
        Instant from = base.minus(Duration.ofHours(1));
        RuleSettings settings = RuleSettings.defaults();

        // What the live platform raised: the shipped rules in force over the same records.
        Path shipped = files.resolve("cross-border-movement.yaml");
        Files.writeString(shipped, CROSS_BORDER);
        BacktestReport live = backtest().run(settings, BacktestRules.read(shipped, settings.grace(), sites), sites,
                from);
        assertThat(live.raised()).hasSize(5);
        try (KafkaProducer<String, Alert> producer = TopicClients.producer(kafka, alerts)) {
            for (BacktestReport.Raised alert : live.raised()) {
                producer.send(new ProducerRecord<>(alerts.name(), null, alert.last().getLastSeen().toEpochMilli(),
                        alert.alertId(), alert.last()));
            }
        }

        // The analyst's change: three countries, not two.
        Path stricter = files.resolve("stricter.yaml");
        Files.writeString(stricter, CROSS_BORDER.replace("threshold: 2", "threshold: 3"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BacktestReport report = new Backtest(kafka, topics, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(settings, BacktestRules.read(stricter, settings.grace(), sites), sites, from);

        LocalDate day0 = LocalDate.ofInstant(base, ZoneOffset.UTC);
        assertThat(report.perDay()).isEqualTo(Map.of("CROSS_BORDER_MOVEMENT",
                Map.of(day0.minusDays(1), 1, day0.plusDays(1), 1, day0.plusDays(2), 1)));
        assertThat(report.raised()).extracting(alert -> alert.last().getSubjectToken())
                .containsExactly("P2", "P4", "P5");
        assertThat(report.raised()).allSatisfy(alert -> assertThat(alert.last().getEventCount()).isEqualTo(3));
        assertThat(report.overlap()).isEqualTo(new BacktestReport.Overlap(5, 3, 0, 0, 2));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[backtest] read 13 of 13 events");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("events read: 13 (late for every rule: 0; undecodable: 0)")
                .contains("alerts it would have raised: 3")
                .contains("    " + day0.minusDays(1) + "  1")
                .contains("    " + day0.plusDays(1) + "  1")
                .contains("    " + day0.plusDays(2) + "  1")
                .contains("sample (3 of 3, evenly spread)")
                .contains("P4-c SIGHTING")
                .contains("live alerts of these rules in the same records: 5; raised by both (same alertId): 3; "
                        + "sharing evidence with a live alert: 0; only in the back-test: 0; only live: 2");
    }

    /**
     * An absence rule over a history that ends before its deadlines: the minor who left and came back is not waiting;
     * the one who left and was not seen since is reported as still waiting (an alert the rule may yet raise); no alert
     * is raised.
     */
    @Test
    void anAbsenceRuleReportsTheDeparturesStillWaitingAtTheEnd(@TempDir Path files) throws Exception {
        createTopics();
        Instant left = base.plus(Duration.ofDays(2));
        send(List.of(minorCrossing("m1-out", left, "M1", "OUTBOUND"), minorCrossing("m2-out", left, "M2", "OUTBOUND"),
                minorCrossing("m2-back", left.plus(Duration.ofHours(3)), "M2", "INBOUND")));
        Path rule = files.resolve("minor-outbound-no-return.yaml");
        Files.writeString(rule, shipped("rules/minor-outbound-no-return.yaml"));
        RuleSettings settings = RuleSettings.defaults();

        BacktestReport report = backtest().run(settings, BacktestRules.read(rule, settings.grace(), sites), sites,
                base.minus(Duration.ofHours(1)));

        assertThat(report.raised()).isEmpty();
        assertThat(report.waitingAbsences()).isEqualTo(Map.of("MINOR_OUTBOUND_NO_RETURN", 1));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("events read: 3 (late for every rule: 0; undecodable: 0)")
                .contains("  MINOR_OUTBOUND_NO_RETURN: 1 still waiting at the end");
    }

    /** The command line: a rule file that does not validate is refused with its file:line problems, nothing read. */
    @Test
    void theCommandRefusesAnInvalidFileAndBadOptions(@TempDir Path files) throws Exception {
        Path bad = files.resolve("bad.yaml");
        Files.writeString(bad, CROSS_BORDER.replace("window: 72h", "window: 72 hours"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BacktestCommand.run(new String[] {bad.toString(), "--from", "7d"}, Map.of(), Instant.now(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(bad + ":5: window:")
                .contains("has 1 problem; nothing was run");

        err.reset();
        assertThat(BacktestCommand.run(new String[] {bad.toString(), "--from", "last week"}, Map.of(), Instant.now(),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from last week: want 30d, 12h, 90m");
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        assertThat(BacktestCommand.Options.parse(new String[] {bad.toString(), "--from", "30d", "--sample", "2"}, now))
                .isEqualTo(new BacktestCommand.Options(bad, Instant.parse("2026-11-07T00:00:00Z"), 2));
    }

    private static String shipped(String resource) {
        try (var in = BacktestTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The passport seen at each place in turn, an hour apart, by a different agency each time. */
    private static List<Sighting> crossing(String token, Instant at, Location... places) {
        String[] agencies = {"ID_IMIGRASI", "IMMIGRATION", "RMP"};
        List<Sighting> events = new java.util.ArrayList<>();
        for (int i = 0; i < places.length; i++) {
            events.add(sighting(token + "-" + (char) ('a' + i), agencies[i], at.plus(Duration.ofHours(i)), places[i],
                    person(passport(token))));
        }
        return events;
    }

    /** A minor's passport crossing at Bukit Kayu Hitam in {@code direction}. */
    private static Sighting minorCrossing(String eventId, Instant at, String token, String direction) {
        return Sighting.newBuilder(sighting(eventId, "IMMIGRATION", at, BUKIT_KAYU_HITAM, minorVictim(passport(token))))
                .setDirection(direction).build();
    }

    private Backtest backtest() {
        return new Backtest(kafka, topics, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Written as ingest would have, posted at the time of the event (the record time the back-test selects by). */
    private void send(List<Sighting> events) {
        send(events, null);
    }

    /** Written as ingest would have, posted at {@code posted} (null: at the time of each event). */
    private void send(List<Sighting> events, Instant posted) {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, sightings)) {
            for (Sighting event : events) {
                long recordTime = (posted != null ? posted : event.getObservedAt()).toEpochMilli();
                producer.send(new ProducerRecord<>(sightings.name(), null, recordTime, event.getEventId(), event));
            }
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).create(List.of(sightings, renamed(Topics.INTERCEPTIONS), renamed(Topics.WATCHLIST),
                    alerts, renamed(Topics.DLQ), renamed(Topics.TOKEN_LINKS)));
        }
    }

    private <K, V> Topic<K, V> renamed(Topic<K, V> topic) {
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(), topic.spec());
    }
}
