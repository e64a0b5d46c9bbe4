package io.waspada.e2e.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Sighting;
import io.waspada.e2e.platform.AlertsTopic;
import io.waspada.e2e.platform.ConsumerLag;
import io.waspada.e2e.platform.HttpJson;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.e2e.platform.RulesAdmin;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rule switched at runtime and absence rules waiting, with a stream-processor killed (SIGKILL: no shutdown hook,
 * nothing flushed, a transaction open) at each switch point, on the packaged services with their shipped settings
 * (switch lead 30 s, MINOR_OUTBOUND_NO_RETURN 7 d + 24 h grace, exactly_once_v2, two instances sharing the partitions).
 *
 * <p>Passports cross from Indonesia into Malaysia all the time (a third of them through Thailand too). Through the
 * rules admin API, as an analyst does, CROSS_BORDER_MOVEMENT goes to threshold 3 from T1 (instance one) and is rolled
 * back to version 0 from T2 (instance two, just restarted); instance two is killed as the first crossings past T1 are
 * written, instance one likewise at T2, each restarted at once on its own state directory. Minors who left Malaysia
 * 8 days ago are waiting as absence As, their deadlines plus grace falling one every two seconds across both kills; a
 * third of them came back.
 * Afterwards, on the read_committed alerts topic: each passport has an alert exactly when the version in force at its
 * events' observedAt makes it fire (two countries under version 0 and after T2, three between T1 and T2), at full
 * evidence; each minor who did not come back has exactly one absence alert, version 1, created after its deadline
 * plus grace; no alert for one who came back; no (alertId, version) of any alert twice, and none missing below the
 * highest of a crossing; no instance counted a missed switch.
 */
@Timeout(900)
class RuleSwitchKillTest {

    private static final String RULE = "CROSS_BORDER_MOVEMENT";
    private static final String ABSENCE = "MINOR_OUTBOUND_NO_RETURN";
    /** The shipped T (7 d) plus the shipped grace (24 h) of MINOR_OUTBOUND_NO_RETURN. */
    private static final Duration DUE_AFTER = Duration.ofDays(8);
    private static final Duration SWITCH_LEAD = Duration.ofSeconds(30);
    private static final int MINORS = 45;
    private static final int CLOCKS = 200;
    private static final String GROUP = "waspada-correlation";
    private static final String FIRST = "stream-processor";
    private static final String SECOND = "stream-processor-2";
    private static final Duration READY = Duration.ofSeconds(180);
    /**
     * When after a switch point an instance is killed: the first crossings observed past it are being written (the
     * feed writes each second's crossings a second later), those before it still in flight.
     */
    private static final Duration KILL_AFTER_SWITCH = Duration.ofMillis(1500);

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void killedAtEachSwitchPointEveryAlertFollowsItsVersionOnceAndWaitingAbsencesFireOnce() throws Exception {
        try (Platform platform = Platform.startKafka(Map.of())) {
            Map<String, String> env = Map.of(); // the shipped settings
            PlatformProcess first = platform.startService(FIRST, env, READY);
            PlatformProcess second = platform.startInstance(FIRST, SECOND, env, READY);
            RulesAdmin admin = RulesAdmin.of(platform);

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Instant> due = new HashMap<>();
            Set<String> returned = new HashSet<>();
            Map<String, String> departure = new HashMap<>();
            List<Sighting> minors = new ArrayList<>();
            for (int i = 0; i < MINORS; i++) {
                String token = "M" + run + "-" + i;
                Instant deadlinePlusGrace = t0.plusSeconds(20 + 2L * i);
                Instant left = deadlinePlusGrace.minus(DUE_AFTER);
                minors.add(Crossings.minor(token + "-out", left, Crossings.BUKIT_KAYU_HITAM, "OUTBOUND", token));
                departure.put(token, token + "-out");
                due.put(token, deadlinePlusGrace);
                if (i % 3 == 1) { // back on day 6: within T, so nothing is raised for her
                    minors.add(Crossings.minor(token + "-in", left.plus(Duration.ofDays(6)), Crossings.BUKIT_KAYU_HITAM,
                            "INBOUND", token));
                    returned.add(token);
                }
            }
            write(platform, minors);
            awaitDrained(platform, Duration.ofSeconds(120)); // every A waiting (and every return in) before time moves

            Instant t1;
            Instant t2;
            List<LiveCrossings.Crossing> crossings;
            try (LiveCrossings feed = new LiveCrossings(platform.connection(), run, Duration.ofMillis(250))) {
                Awaitility.await("crossings flowing").atMost(Duration.ofSeconds(30)).until(() -> feed.sent().size() >= 8);
                t1 = switchPoint();
                HttpJson.Answer applied = admin.apply(platform.url(FIRST), "rule: " + RULE + "\nthreshold: 3\n", t1,
                        "three countries (kill test)");
                assertThat(applied.status()).as("apply: %s", applied.body()).isEqualTo(201);
                assertThat(applied.body().path("version").asInt()).isEqualTo(1);

                awaitWallClock(t1.plus(KILL_AFTER_SWITCH));
                second.kill();
                second = platform.startInstance(FIRST, SECOND, env, READY);

                t2 = switchPoint();
                HttpJson.Answer rolledBack = admin.rollback(platform.url(SECOND), RULE, 0, t2,
                        "back to two countries (kill test)");
                assertThat(rolledBack.status()).as("rollback: %s", rolledBack.body()).isEqualTo(201);
                assertThat(rolledBack.body().path("version").asInt()).as("the restarted instance read version 1")
                        .isEqualTo(2);

                awaitWallClock(t2.plus(KILL_AFTER_SWITCH));
                first.kill();
                first = platform.startService(FIRST, env, READY);
                Instant lastDue = due.values().stream().max(Instant::compareTo).orElseThrow();
                awaitWallClock(later(t2.plusSeconds(10), lastDue.plusSeconds(5)));
                crossings = feed.sent();
            }
            // Stream time past every deadline on every task, even one no crossing reached since the last one fell due.
            List<Sighting> clocks = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < CLOCKS; i++) {
                clocks.add(Crossings.adult("clock" + run + "-" + i, "RMP", now, Crossings.KUALA_LUMPUR,
                        "C" + run + "-" + i));
            }
            write(platform, clocks);
            awaitDrained(platform, Duration.ofSeconds(240));
            List<Alert> alerts = AlertsTopic.readAll(platform.connection(), Duration.ofSeconds(60));

            assertNoVersionTwice(alerts);
            assertCrossings(alerts, crossings, t1, t2);
            assertAbsences(alerts, due, returned, departure);
            assertThat(missedSwitches(platform.url(FIRST)) + missedSwitches(platform.url(SECOND)))
                    .as("switches missed (a version read after an event past its activeFrom was evaluated)").isZero();
            System.out.printf(Locale.ROOT, "[rules] %d crossings (%d under threshold 3), %d minors (%d back), %d alert "
                    + "versions; T1 %s, T2 %s%n", crossings.size(), crossings.stream()
                    .filter(c -> threshold(c, t1, t2) == 3).count(), MINORS, returned.size(), alerts.size(), t1, t2);
        }
    }

    /** The version in force at a crossing's events: 3 from T1 (version 1), 2 before it and from T2 (versions 0, 2). */
    private static int threshold(LiveCrossings.Crossing crossing, Instant t1, Instant t2) {
        return !crossing.second().isBefore(t1) && crossing.second().isBefore(t2) ? 3 : 2;
    }

    private static void assertNoVersionTwice(List<Alert> alerts) {
        Set<String> seen = new HashSet<>();
        for (Alert alert : alerts) {
            assertThat(seen.add(alert.getAlertId() + "#" + alert.getVersion()))
                    .as("version %d of %s (%s) committed once", alert.getVersion(), alert.getAlertId(), alert.getType())
                    .isTrue();
        }
    }

    private static void assertCrossings(List<Alert> alerts, List<LiveCrossings.Crossing> crossings, Instant t1,
            Instant t2) {
        Map<String, List<Alert>> byToken = alerts.stream().filter(a -> a.getType().equals(RULE))
                .collect(Collectors.groupingBy(Alert::getSubjectToken));
        Map<String, List<String>> expected = new HashMap<>();
        for (LiveCrossings.Crossing crossing : crossings) {
            if (crossing.countries() >= threshold(crossing, t1, t2)) {
                expected.put(crossing.token(), crossing.eventIds());
            }
        }
        Map<String, List<String>> raised = new HashMap<>();
        byToken.forEach((token, versions) -> {
            assertThat(versions.stream().map(Alert::getAlertId).distinct()).as("one alert for %s", token).hasSize(1);
            Alert latest = versions.stream().max((a, b) -> Long.compare(a.getVersion(), b.getVersion())).orElseThrow();
            for (long v = 1; v <= latest.getVersion(); v++) {
                final long version = v;
                assertThat(versions).as("version %d of %s's alert", v, token).anyMatch(a -> a.getVersion() == version);
            }
            raised.put(token, new TreeSet<>(latest.getEvidence().stream().map(EvidenceRef::getEventId).toList())
                    .stream().toList());
        });
        Set<String> ours = crossings.stream().map(LiveCrossings.Crossing::token).collect(Collectors.toSet());
        raised.keySet().retainAll(ours);
        assertThat(raised).as("a cross-border alert for exactly the crossings the version in force at their time "
                + "makes fire, at full evidence").isEqualTo(expected);
    }

    private static void assertAbsences(List<Alert> alerts, Map<String, Instant> due, Set<String> returned,
            Map<String, String> departure) {
        Map<String, List<Alert>> byToken = alerts.stream().filter(a -> a.getType().equals(ABSENCE))
                .collect(Collectors.groupingBy(Alert::getSubjectToken));
        Set<String> expected = new TreeSet<>(due.keySet());
        expected.removeAll(returned);
        assertThat(new TreeSet<>(byToken.keySet())).as("an absence alert for each minor who did not come back")
                .isEqualTo(expected);
        long latest = 0;
        for (Map.Entry<String, List<Alert>> entry : byToken.entrySet()) {
            assertThat(entry.getValue()).as("raised once for %s", entry.getKey()).hasSize(1);
            Alert alert = entry.getValue().get(0);
            assertThat(alert.getVersion()).isEqualTo(1);
            assertThat(alert.getEvidence()).extracting(EvidenceRef::getEventId)
                    .containsExactly(departure.get(entry.getKey()));
            Instant dueAt = due.get(entry.getKey());
            assertThat(alert.getCreatedAt()).as("raised once stream time passed the deadline plus grace")
                    .isAfter(dueAt);
            latest = Math.max(latest, Duration.between(dueAt, alert.getCreatedAt()).toMillis());
        }
        System.out.printf(Locale.ROOT, "[rules] absence alerts raised at most %.1f s after their deadline plus grace%n",
                latest / 1e3);
    }

    /** Sum of {@code waspada_rule_switch_missed_total} on an instance's /q/metrics (since its last start). */
    private static double missedSwitches(String serviceUrl) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith("waspada_rule_switch_missed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The next whole second at least the switch lead (and 2 s for the request) from now: activeFrom of a change. */
    private static Instant switchPoint() {
        return Instant.now().plus(SWITCH_LEAD).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void awaitWallClock(Instant at) {
        Awaitility.await("the wall clock at " + at).atMost(Duration.between(Instant.now(), at).plusSeconds(5)
                .abs()).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(at));
    }

    private static void write(Platform platform, List<Sighting> events) throws Exception {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(platform.connection(), Topics.SIGHTINGS)) {
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), event.getEventId(), event));
            }
            producer.flush();
        }
    }

    /** Until the correlation group has committed past every input and repartition record. */
    private static void awaitDrained(Platform platform, Duration deadline) {
        try (ConsumerLag lag = new ConsumerLag(platform.connection())) {
            Awaitility.await("the correlation group drained").atMost(deadline).pollInterval(Duration.ofMillis(500))
                    .until(() -> lag.of(GROUP, List.of(Topics.SIGHTINGS.name(), Topics.INTERCEPTIONS.name())) == 0);
        }
    }
}
