package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.testing.BrokerTopology;
import io.waspada.sites.SiteRegistry;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a restart, on the real broker with the production topology and the shipped Streams
 * settings: the first instance is closed while input is still arriving, a second one (with empty local state,
 * so it restores from the changelogs) takes over. The read_committed alerts must be what the input should yield:
 * every expected alert at its full evidence, no (alertId, version) twice, versions without gaps. Watchlist entries
 * for {@value #LISTED} of the passports are listed after the first half was sent (the retroactive watchlist: their
 * hits are found in evidence already stored, in whichever instance applies them, and applied once).
 */
@Timeout(240)
class ExactlyOnceAcrossRestartTest {

    private static final int MOVEMENTS = 150;
    private static final int NETWORKS = 50;
    private static final int LISTED = 30;

    private final BrokerTopology broker = new BrokerTopology("eos");
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(12));
    private final Map<String, Set<String>> expected = new HashMap<>();

    @Test
    void noAlertIsLostAndNoneDuplicatedWhenTheApplicationRestartsMidStream(@TempDir Path first, @TempDir Path second) {
        List<Sighting> events = scenario();
        List<Sighting> firstHalf = events.subList(0, events.size() / 2);
        List<Sighting> secondHalf = events.subList(events.size() / 2, events.size());

        try (broker) {
            broker.send(firstHalf);
            KafkaStreams before = start(first);
            await().atMost(Duration.ofSeconds(90)).until(() -> !broker.alertsUntil(read -> !read.isEmpty(),
                    Duration.ofMillis(500)).isEmpty());
            list(events);
            broker.send(secondHalf);
            before.close(Duration.ofSeconds(30)); // mid-stream: the second half is arriving as it stops

            start(second);
            assertExactlyOnce(broker.alertsUntil(this::complete, Duration.ofSeconds(120)));
        }
    }

    /** Passports crossing ID to MY (three sightings each) and phones behind three victims each, interleaved. */
    private List<Sighting> scenario() {
        List<Sighting> events = new ArrayList<>();
        for (int i = 0; i < MOVEMENTS; i++) {
            String token = "X" + i;
            Instant t = base.plusSeconds(i);
            events.add(sighting("m" + i + "a", "ID_IMIGRASI", t, ENTIKONG, person(passport(token))));
            events.add(sighting("m" + i + "b", "IMMIGRATION", t.plusSeconds(3600), TEBEDU, person(passport(token))));
            events.add(sighting("m" + i + "c", "RMP", t.plusSeconds(7200), KUALA_LUMPUR, person(passport(token))));
            expect(RuleName.CROSS_BORDER_MOVEMENT, token, t, "m" + i + "a", "m" + i + "b", "m" + i + "c");
        }
        for (int j = 0; j < NETWORKS; j++) {
            String phone = "F" + j;
            Instant t = base.plusSeconds(j);
            for (int v = 0; v < 3; v++) {
                events.add(sighting("n" + j + "v" + v, "LABOUR", t.plusSeconds(600L * v), v == 1 ? PENANG : KUALA_LUMPUR,
                        victim(passport("V" + j + "-" + v)), facilitatorPhone(phone)));
            }
            expect(RuleName.FACILITATOR_NETWORK, phone, t, "n" + j + "v0", "n" + j + "v1", "n" + j + "v2");
        }
        List<Sighting> interleaved = new ArrayList<>(events.size());
        for (int round = 0; round < 3; round++) {
            for (int k = round; k < events.size(); k += 3) {
                interleaved.add(events.get(k));
            }
        }
        return interleaved;
    }

    /**
     * Lists passports X0..X(LISTED-1): each is a WATCHLIST_HIT per day cell its events fall in, whose evidence is
     * its events from the cell's first one on (every event starts a window that holds; the three are 2 h apart).
     */
    private void list(List<Sighting> events) {
        long day = RuleSettings.defaults().of(RuleName.WATCHLIST_HIT).window().toMillis();
        Topic<String, io.waspada.avro.WatchlistEntry> watchlist = broker.renamed(Topics.WATCHLIST);
        try (KafkaProducer<String, io.waspada.avro.WatchlistEntry> producer = TopicClients.producer(broker.kafka(),
                watchlist)) {
            for (int n = 0; n < LISTED; n++) {
                final int i = n;
                String token = "X" + i;
                producer.send(new ProducerRecord<>(watchlist.name(), "w" + i,
                        io.waspada.correlation.testing.Events.watch("w" + i, "RMP", passport(token),
                                io.waspada.avro.Severity.HIGH, null)));
                List<Sighting> own = events.stream().filter(e -> e.getEventId().startsWith("m" + i)
                        && e.getEventId().length() == ("m" + i).length() + 1)
                        .sorted(java.util.Comparator.comparing(Sighting::getObservedAt)).toList();
                Map<Long, Long> firstInCell = new java.util.TreeMap<>();
                for (Sighting e : own) {
                    firstInCell.putIfAbsent(Episode.cellStart(e.getObservedAt().toEpochMilli(), day),
                            e.getObservedAt().toEpochMilli());
                }
                firstInCell.forEach((cell, first) -> expected.put(
                        AlertComposer.alertId(RuleName.WATCHLIST_HIT, CorrelationKey.token(token), cell),
                        new TreeSet<>(java.util.stream.Stream.concat(own.stream()
                                .filter(e -> e.getObservedAt().toEpochMilli() >= first)
                                .map(Sighting::getEventId), java.util.stream.Stream.of("w" + i)).toList())));
            }
        }
    }

    private void expect(RuleName rule, String token, Instant windowStart, String... eventIds) {
        long anchor = Episode.cellStart(windowStart.toEpochMilli(),
                RuleSettings.defaults().of(rule).window().toMillis());
        expected.put(AlertComposer.alertId(rule, CorrelationKey.token(token), anchor),
                new TreeSet<>(List.of(eventIds)));
    }

    private boolean complete(List<Alert> output) {
        Map<String, Set<String>> latest = latestEvidence(output);
        return expected.entrySet().stream().allMatch(e -> e.getValue().equals(latest.get(e.getKey())));
    }

    private void assertExactlyOnce(List<Alert> output) {
        assertThat(latestEvidence(output)).as("every expected alert, at its full evidence, and nothing else")
                .isEqualTo(expected);
        Set<String> versions = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        for (Alert alert : output) {
            assertThat(versions.add(alert.getAlertId() + "#" + alert.getVersion()))
                    .as("version %d of %s published once", alert.getVersion(), alert.getAlertId()).isTrue();
            highest.merge(alert.getAlertId(), alert.getVersion(), Math::max);
        }
        highest.forEach((alertId, max) -> {
            for (long v = 1; v <= max; v++) {
                assertThat(versions).as("no gap in the versions of %s", alertId).contains(alertId + "#" + v);
            }
        });
    }

    private static Map<String, Set<String>> latestEvidence(List<Alert> output) {
        Map<String, Alert> latest = new HashMap<>();
        for (Alert alert : output) {
            latest.merge(alert.getAlertId(), alert, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        Map<String, Set<String>> evidence = new HashMap<>();
        latest.forEach((id, alert) -> evidence.put(id,
                new TreeSet<>(alert.getEvidence().stream().map(EvidenceRef::getEventId).toList())));
        return evidence;
    }

    private KafkaStreams start(Path stateDir) {
        return broker.start(new CorrelationTopology(RuleSettings.defaults(), SiteRegistry.defaults(), broker.topics(),
                CorrelationListener.NONE), stateDir, BrokerTopology.QUICK_TAKEOVER);
    }
}
