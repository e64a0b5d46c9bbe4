package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rulebook.RuleVersion;
import io.waspada.correlation.rulebook.RuleVersionWriter;
import io.waspada.correlation.testing.BrokerTopology;
import io.waspada.sites.SiteRegistry;
import io.waspada.testing.TopicClients;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule changed while events flow switches at one point in event time on every instance, and what the design does
 * not promise is counted: two instances of the production topology share the partitions on the real broker; passports
 * cross (Entikong, ID, then Tebedu, MY; every third also Hat Yai, TH) one after another in event time at a steady
 * rate, and while they flow versions of CROSS_BORDER_MOVEMENT are written to the rules topic as the admin API writes
 * them ({@link RuleVersionWriter}): threshold 3 (version 1) and back to 2 (version 2), each in force from a crossing
 * about four seconds of feed ahead (the switch lead's part); version 3 (threshold 3) late, in force from crossings
 * both instances have already raised (the missed-switch path); version 4 in shadow mode, in time. (The admin API
 * itself, its switch lead and two instances killed at the switch points: e2e {@code RuleSwitchKillTest}.)
 *
 * <p>What RuleBook and the README promise, checked per crossing: it is evaluated under the version in force at its
 * observedAt when every instance had read that version before the crossing was sent, and whenever no instance counted a
 * missed switch for that version ({@code ruleSwitchMissed}: an instance that evaluated an event past a version's
 * activeFrom before reading it says so); a crossing already raised before the late version was written keeps its alert
 * under the previous version, and the instances counted the miss; any other crossing follows the new version or the
 * previous one. Nothing lost or duplicated: one alert per crossing raised, at full evidence, no (alertId, version) twice
 * and none missing; the shadow version raises nothing and counts each alert it withholds once.
 */
@Timeout(300)
class RuleSwitchAcrossInstancesTest {

    private static final String RULE = "CROSS_BORDER_MOVEMENT";
    private static final Location HAT_YAI = new Location(7.0084, 100.4747, "TH", "SONGKHLA", null);
    /** Event time between two crossings; one crossing's events span one minute of it. */
    private static final Duration STEP = Duration.ofMinutes(2);
    /** A crossing every this many milliseconds of wall-clock time. */
    private static final long TICK_MS = 40;
    /** How far ahead of the feed an in-time version is in force: 100 crossings, four seconds. */
    private static final int LEAD = 100;
    /** Crossings each period has at least after its version was read, before the next version is written. */
    private static final int SETTLE = 25;

    /** A version as written: its threshold, mode and the first crossing it governs. */
    private record Planned(int version, int threshold, RuleMode mode, int fromCrossing) {
    }

    /** One crossing: its index, eventIds, countries, and the versions both instances had read when it was sent. */
    private record Crossing(int index, List<String> eventIds, int countries, Set<Integer> readByBoth) {

        String token() {
            return "K" + index;
        }
    }

    private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    private final List<Planned> plan = new CopyOnWriteArrayList<>(List.of(new Planned(0, 2, RuleMode.ACTIVE, 0)));
    private final List<Crossing> sent = new CopyOnWriteArrayList<>();
    private final AtomicReference<Exception> feedFailure = new AtomicReference<>();
    /** Switches each instance counted as missed, and the count when each version was written and read by both. */
    private final AtomicInteger[] missed = {new AtomicInteger(), new AtomicInteger()};
    private final Map<Integer, Integer> missedFor = new HashMap<>();

    @Test
    void everyCrossingFollowsTheVersionInForceAtItsTimeOrTheMissIsCounted(@TempDir Path one, @TempDir Path two)
            throws Exception {
        try (BrokerTopology broker = new BrokerTopology("switch");
                RuleVersionWriter rules = new RuleVersionWriter(broker.kafka(), broker.topics().rules(), "switch-test")) {
            CorrelationTopology first = topology(broker, 0);
            CorrelationTopology second = topology(broker, 1);
            KafkaStreams a = broker.start(first, one, Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1));
            KafkaStreams b = broker.start(second, two, Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1));
            await().atMost(Duration.ofSeconds(90)).until(() -> BrokerTopology.runningWithTasks(a)
                    && BrokerTopology.runningWithTasks(b));
            CorrelationTopology[] instances = {first, second};
            ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
            Set<Integer> raisedBeforeLate;
            try (KafkaProducer<String, Sighting> producer = TopicClients.producer(broker.kafka(), broker.sightings())) {
                try {
                    feed.scheduleAtFixedRate(() -> send(producer, broker, instances), 0, TICK_MS,
                            TimeUnit.MILLISECONDS);
                    inTime(rules, instances, 1, 3, RuleMode.ACTIVE, 50);
                    inTime(rules, instances, 2, 2, RuleMode.ACTIVE, plan.get(1).fromCrossing() + SETTLE);
                    raisedBeforeLate = late(rules, instances, broker, plan.get(2).fromCrossing() + LEAD);
                    inTime(rules, instances, 4, 2, RuleMode.SHADOW, sent.size() + SETTLE);
                    awaitSent(plan.get(4).fromCrossing() + 5 * SETTLE);
                } finally {
                    feed.shutdown(); // before the producer closes
                    assertThat(feed.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                }
            }
            assertThat(feedFailure.get()).as("the feed wrote every crossing").isNull();

            await().atMost(Duration.ofSeconds(120)).until(broker::drained);
            Map<String, Set<Outcome>> allowed = allowed(raisedBeforeLate);
            List<Alert> output = broker.alertsUntil(read -> allowed.entrySet().stream()
                    .allMatch(e -> e.getValue().contains(outcome(read, e.getKey()))), Duration.ofSeconds(30));
            assertExactlyOnce(output);
            assertSwitched(output, allowed);
            long shadowKeys = sent.stream().filter(c -> governing(c.index()).version() == 4).count();
            long counted = first.ruleBook().shadowAlerts(RULE) + second.ruleBook().shadowAlerts(RULE);
            if (missedFor.get(4) == 0) {
                assertThat(counted).as("new alerts withheld in shadow mode, both instances together")
                        .isEqualTo(shadowKeys);
            } else {
                assertThat(counted).isLessThanOrEqualTo(shadowKeys);
            }
            System.out.printf("[switch] %d crossings; switches missed per version %s; raised before the late version "
                    + "%d%n", sent.size(), missedFor, raisedBeforeLate.size());
        }
    }

    /** What became of one crossing: an alert with its full evidence, or none. */
    private enum Outcome { RAISED, NONE, PARTIAL }

    /** Each crossing's allowed outcomes. */
    private Map<String, Set<Outcome>> allowed(Set<Integer> raisedBeforeLate) {
        Map<String, Set<Outcome>> allowed = new HashMap<>();
        for (Crossing crossing : sent) {
            Planned governing = governing(crossing.index());
            Set<Outcome> outcomes = new HashSet<>();
            if (governing.version() == 3 && raisedBeforeLate.contains(crossing.index())) {
                outcomes.add(Outcome.RAISED); // evaluated and raised before version 3 was written: it stays
            } else {
                outcomes.add(expected(governing, crossing));
                boolean certain = governing.version() == 0 || crossing.readByBoth().contains(governing.version())
                        || missedFor.get(governing.version()) == 0;
                if (!certain) {
                    outcomes.add(expected(plan.get(governing.version() - 1), crossing));
                }
            }
            allowed.put(crossing.token(), outcomes);
        }
        return allowed;
    }

    private static Outcome expected(Planned version, Crossing crossing) {
        return version.mode() == RuleMode.ACTIVE && crossing.countries() >= version.threshold() ? Outcome.RAISED
                : Outcome.NONE;
    }

    private Planned governing(int index) {
        Planned governing = plan.get(0);
        for (Planned version : plan) {
            if (version.fromCrossing() <= index && version.version() > governing.version()) {
                governing = version;
            }
        }
        return governing;
    }

    /** A crossing's outcome in the alerts read: its latest version's evidence is all of its events, or nothing. */
    private Outcome outcome(List<Alert> output, String token) {
        Alert latest = null;
        for (Alert alert : output) {
            if (RULE.equals(alert.getType()) && token.equals(alert.getSubjectToken())
                    && (latest == null || alert.getVersion() > latest.getVersion())) {
                latest = alert;
            }
        }
        if (latest == null) {
            return Outcome.NONE;
        }
        int index = Integer.parseInt(token.substring(1));
        Set<String> evidence = new TreeSet<>(latest.getEvidence().stream().map(EvidenceRef::getEventId).toList());
        return evidence.equals(new TreeSet<>(sent.get(index).eventIds())) ? Outcome.RAISED : Outcome.PARTIAL;
    }

    private void assertSwitched(List<Alert> output, Map<String, Set<Outcome>> allowed) {
        for (Map.Entry<String, Set<Outcome>> entry : allowed.entrySet()) {
            int index = Integer.parseInt(entry.getKey().substring(1));
            assertThat(outcome(output, entry.getKey())).as("crossing %s (version %d in force, both instances had "
                    + "read %s when it was sent)", entry.getKey(), governing(index).version(),
                    sent.get(index).readByBoth()).isIn(entry.getValue());
        }
        for (int version : List.of(1, 2, 4)) { // each in-time switch is checked on crossings of both sides
            long certain = sent.stream().filter(c -> governing(c.index()).version() == version
                    && c.readByBoth().contains(version)).count();
            assertThat(certain).as("crossings under version %d sent after both instances read it", version)
                    .isGreaterThanOrEqualTo(SETTLE);
        }
        // The late version's miss really happened, and was counted.
        long keptUnderVersion2 = sent.stream().filter(c -> governing(c.index()).version() == 3)
                .filter(c -> expected(plan.get(3), c) == Outcome.NONE)
                .filter(c -> outcome(output, c.token()) == Outcome.RAISED).count();
        assertThat(keptUnderVersion2).as("crossings past version 3's activeFrom raised under version 2").isPositive();
        assertThat(missedFor.get(3)).as("instances that counted the missed switch to version 3").isBetween(1, 2);
    }

    private static void assertExactlyOnce(List<Alert> output) {
        Set<String> versions = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        Map<String, Set<String>> alertIds = new HashMap<>();
        for (Alert alert : output) {
            assertThat(versions.add(alert.getAlertId() + "#" + alert.getVersion()))
                    .as("version %d of %s published once", alert.getVersion(), alert.getAlertId()).isTrue();
            if (RULE.equals(alert.getType())) {
                highest.merge(alert.getAlertId(), alert.getVersion(), Math::max);
                alertIds.computeIfAbsent(alert.getSubjectToken(), token -> new TreeSet<>()).add(alert.getAlertId());
            }
        }
        highest.forEach((alertId, max) -> {
            for (long v = 1; v <= max; v++) {
                assertThat(versions).as("no gap in the versions of %s", alertId).contains(alertId + "#" + v);
            }
        });
        alertIds.forEach((token, ids) -> assertThat(ids).as("one alert for %s", token).hasSize(1));
    }

    /** Writes a version in force from {@link #LEAD} crossings ahead of the feed, once {@code after} were sent. */
    private void inTime(RuleVersionWriter rules, CorrelationTopology[] instances, int version, int threshold,
            RuleMode mode, int after) throws Exception {
        awaitSent(after);
        Planned planned = new Planned(version, threshold, mode, sent.size() + LEAD);
        write(rules, instances, planned);
    }

    /**
     * Writes version 3 (threshold 3) late: in force from a crossing {@code from} that the instances have already
     * evaluated, once five two-country crossings past it were raised (read_committed). Returns the crossings raised
     * before the version was written.
     */
    private Set<Integer> late(RuleVersionWriter rules, CorrelationTopology[] instances, BrokerTopology broker, int from)
            throws Exception {
        awaitSent(from + SETTLE);
        List<Alert> before = broker.alertsUntil(read -> raisedFrom(read, from).size() >= 5, Duration.ofSeconds(60));
        Set<Integer> raised = raisedFrom(before, from);
        assertThat(raised).as("two-country crossings from %d raised before the late version", from).hasSizeGreaterThan(4);
        write(rules, instances, new Planned(3, 3, RuleMode.ACTIVE, from));
        return raised;
    }

    private Set<Integer> raisedFrom(List<Alert> output, int from) {
        Set<Integer> raised = new TreeSet<>();
        for (Alert alert : output) {
            String token = alert.getSubjectToken();
            if (RULE.equals(alert.getType()) && token.startsWith("K")) {
                int index = Integer.parseInt(token.substring(1));
                if (index >= from && index < sent.size() && sent.get(index).countries() == 2) {
                    raised.add(index);
                }
            }
        }
        return raised;
    }

    private void write(RuleVersionWriter rules, CorrelationTopology[] instances, Planned planned) throws Exception {
        int missedBefore = missed[0].get() + missed[1].get();
        rules.write(new RuleVersion(RULE, planned.version(), planned.mode().wire(),
                at(planned.fromCrossing()).toEpochMilli(), "rule: " + RULE + "\nwindow: 72h\nthreshold: "
                + planned.threshold() + "\n", "test", System.currentTimeMillis(), "switch test",
                planned.version() - 1));
        plan.add(planned);
        await().atMost(Duration.ofSeconds(30)).until(() -> instances[0].ruleBook().has(RULE, planned.version())
                && instances[1].ruleBook().has(RULE, planned.version()));
        missedFor.put(planned.version(), missed[0].get() + missed[1].get() - missedBefore);
    }

    private void awaitSent(int count) {
        await().atMost(Duration.ofSeconds(90)).until(() -> sent.size() >= count || feedFailure.get() != null);
        assertThat(feedFailure.get()).isNull();
    }

    private Instant at(int index) {
        return base.plus(STEP.multipliedBy(index));
    }

    /** One tick of the feed: the next crossing, noting the versions both instances had read before it was sent. */
    private void send(KafkaProducer<String, Sighting> producer, BrokerTopology broker, CorrelationTopology[] instances) {
        try {
            int index = sent.size();
            Set<Integer> readByBoth = new TreeSet<>();
            for (Planned version : plan) {
                if (instances[0].ruleBook().has(RULE, version.version())
                        && instances[1].ruleBook().has(RULE, version.version())) {
                    readByBoth.add(version.version());
                }
            }
            String token = "K" + index;
            Instant at = at(index);
            List<Sighting> events = new ArrayList<>(List.of(
                    sighting(token + "a", "ID_IMIGRASI", at, ENTIKONG, person(passport(token))),
                    sighting(token + "b", "IMMIGRATION", at.plus(Duration.ofMinutes(1)), TEBEDU,
                            person(passport(token)))));
            if (index % 3 == 0) {
                events.add(sighting(token + "c", "RMP", at.plus(Duration.ofSeconds(30)), HAT_YAI,
                        person(passport(token))));
            }
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(broker.sightings().name(), event.getEventId(), event));
            }
            sent.add(new Crossing(index, events.stream().map(Sighting::getEventId).sorted().toList(), events.size(),
                    readByBoth));
        } catch (RuntimeException e) {
            feedFailure.compareAndSet(null, e);
            throw e;
        }
    }

    private CorrelationTopology topology(BrokerTopology broker, int instance) {
        return new CorrelationTopology(RuleSettings.defaults(), SiteRegistry.defaults(), broker.topics(),
                new CorrelationListener() {
                    @Override
                    public void ruleSwitchMissed(String rule) {
                        missed[instance].incrementAndGet();
                    }
                });
    }
}
