package io.waspada.correlation.backtest;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rules.CrossBorderMovementRule;
import io.waspada.correlation.rules.RuleEngine;
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

/**
 * A back-test over a seeded history on the real broker: four passports crossing borders on three days (two of them
 * through three countries), one more before the back-test's start. The live platform raised an alert for each of the
 * four (CROSS_BORDER_MOVEMENT, threshold 2); back-testing the rule with threshold 3 must raise exactly the two
 * three-country ones, on their days, under the live alertIds, and say that the live platform raised two more.
 */
@Timeout(180)
class BacktestTest {

    private static final long CELL = Duration.ofHours(72).toMillis();
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
    void aStricterThresholdRaisesOnlyTheThreeCountryCrossingsAndSaysWhatLiveRaisedBesides() {
        createTopics();
        send(crossing("P0", base.minus(Duration.ofDays(6)), ENTIKONG, KUALA_LUMPUR, SADAO)); // before the start
        send(crossing("P1", base, ENTIKONG, KUALA_LUMPUR));
        send(crossing("P2", base.plus(Duration.ofDays(1)), ENTIKONG, KUALA_LUMPUR, SADAO));
        send(crossing("P3", base.plus(Duration.ofDays(2)), ENTIKONG, KUALA_LUMPUR));
        send(crossing("P4", base.plus(Duration.ofDays(2)), ENTIKONG, KUALA_LUMPUR, SADAO));
        Instant from = base.minus(Duration.ofHours(1));
        RuleSettings settings = RuleSettings.defaults();

        // What the live platform raised: the rules in force (threshold 2) over the same records.
        BacktestReport live = backtest().run(settings, RuleEngine.of(settings, sites), sites, from);
        assertThat(live.raised()).hasSize(4);
        try (KafkaProducer<String, Alert> producer = TopicClients.producer(kafka, alerts)) {
            for (BacktestReport.Raised alert : live.raised()) {
                producer.send(new ProducerRecord<>(alerts.name(), null, alert.last().getLastSeen().toEpochMilli(),
                        alert.alertId(), alert.last()));
            }
        }

        RuleEngine stricter = new RuleEngine(List.of(new CrossBorderMovementRule(
                new RuleSetting(Duration.ofHours(72), 3), sites)), settings);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BacktestReport report = new Backtest(kafka, topics, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(settings, stricter, sites, from);

        LocalDate day0 = LocalDate.ofInstant(base, ZoneOffset.UTC);
        assertThat(report.perDay()).isEqualTo(Map.of("CROSS_BORDER_MOVEMENT",
                Map.of(day0.plusDays(1), 1, day0.plusDays(2), 1)));
        assertThat(report.raised()).extracting(alert -> alert.last().getSubjectToken()).containsExactly("P2", "P4");
        assertThat(report.raised()).allSatisfy(alert -> assertThat(alert.last().getEventCount()).isEqualTo(3));
        assertThat(report.overlap()).isEqualTo(new BacktestReport.Overlap(4, 2, 0, 0, 2));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[backtest] read 10 of 10 events");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8), 5);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("events read: 10 (late for every rule: 0; undecodable: 0)")
                .contains("alerts it would have raised: 2")
                .contains("    " + day0.plusDays(1) + "  1")
                .contains("    " + day0.plusDays(2) + "  1")
                .contains("sample (2 of 2, evenly spread)")
                .contains("P4-c SIGHTING")
                .contains("live alerts of these rules in the same records: 4; raised by both (same alertId): 2; "
                        + "sharing evidence with a live alert: 0; only in the back-test: 0; only live: 2");
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

    private Backtest backtest() {
        return new Backtest(kafka, topics, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Written as ingest would have, at the time of the event (the record time the back-test selects by). */
    private void send(List<Sighting> events) {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, sightings)) {
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(sightings.name(), null, event.getObservedAt().toEpochMilli(),
                        event.getEventId(), event));
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
