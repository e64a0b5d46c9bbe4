package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Sighting;
import io.waspada.correlation.absence.AbsenceAlerts;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.absence.MinorOutboundNoReturn;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.testing.BrokerTopology;
import io.waspada.sites.SiteRegistry;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An absence rule across a restart, on the real broker with the production topology under the shipped Streams settings
 * (T = 1 h, grace 2 h, the wall clock never standing in: the events are hours old). {@value #EARLY} minors leave an
 * hour before the others: the first instance raises those of them who did not return (events past their due times,
 * sent once their departures were in), so As fall due and are raised before the restart. {@value #MINORS} minors leave;
 * the first instance stores them as waiting, sees a quarter of them return, and is closed while more returns arrive; a
 * second one with empty local state (restoring the waiting As from the changelogs) sees the rest of the returns and,
 * once it has committed past all of them, the events that move every task's stream time past the due times (sent
 * earlier, they could overtake a return from another input partition: the documented limit, seen under load). Exactly
 * the minors who never returned are raised, once each (none raised before the restart raised again after it), with one
 * version; the cross-border alerts that mark the first instance's progress are unaffected. (A stream-processor killed
 * with SIGKILL while As fall due: e2e {@code RuleSwitchKillTest}.)
 */
@Timeout(240)
class AbsenceAcrossRestartTest {

    private static final int MINORS = 40;
    private static final int EARLY = 20;
    private static final int CROSSINGS = 20;
    private static final int CLOCKS = 200;
    private static final String RULE = MinorOutboundNoReturn.ID;

    private final BrokerTopology broker = new BrokerTopology("absence");
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(12));

    @Test
    void waitingDeparturesSurviveTheRestartAndAreRaisedOnceUnlessTheMinorReturned(@TempDir Path first,
            @TempDir Path second) {
        List<Sighting> before = new ArrayList<>();
        List<Sighting> during = new ArrayList<>();
        Map<String, Set<String>> expectedAbsences = new HashMap<>();
        for (int i = 0; i < MINORS; i++) {
            String token = "M" + i;
            Instant left = base.plusSeconds(i);
            before.add(Sighting.newBuilder(sighting("d" + i, "IMMIGRATION", left, BUKIT_KAYU_HITAM,
                    minorVictim(passport(token)))).setDirection("OUTBOUND").build());
            Sighting back = sighting("r" + i, "IMMIGRATION", left.plus(Duration.ofMinutes(30)), BUKIT_KAYU_HITAM,
                    minorVictim(passport(token)));
            if (i % 4 == 0) {
                before.add(back);
            } else if (i % 4 == 2) {
                during.add(back);
            } else {
                expectedAbsences.put(AbsenceAlerts.alertId(RULE, CorrelationKey.token(token), "d" + i),
                        Set.of("d" + i));
            }
        }
        Set<Set<String>> expectedCrossings = new HashSet<>();
        for (int i = 0; i < CROSSINGS; i++) {
            before.add(sighting("c" + i + "a", "ID_IMIGRASI", base.plusSeconds(i), ENTIKONG, person(passport("C" + i))));
            before.add(sighting("c" + i + "b", "IMMIGRATION", base.plusSeconds(3600 + i), TEBEDU,
                    person(passport("C" + i))));
            expectedCrossings.add(Set.of("c" + i + "a", "c" + i + "b"));
        }
        // Left an hour before the others (due at base + 2 h + j s): young enough not to be late for the rule behind the
        // crossings (base + 1 h), raised before the restart by the early clocks (base + 2 h 30 s), which are before
        // every other due time (base + 3 h) and leave the other returns in grace.
        Map<String, Set<String>> expectedEarly = new HashMap<>();
        for (int j = 0; j < EARLY; j++) {
            String token = "E" + j;
            Instant left = base.minus(Duration.ofHours(1)).plusSeconds(j);
            before.add(Sighting.newBuilder(sighting("e" + j, "IMMIGRATION", left, BUKIT_KAYU_HITAM,
                    minorVictim(passport(token)))).setDirection("OUTBOUND").build());
            if (j % 2 == 0) {
                before.add(sighting("er" + j, "IMMIGRATION", left.plus(Duration.ofMinutes(30)), BUKIT_KAYU_HITAM,
                        minorVictim(passport(token))));
            } else {
                expectedEarly.put(AbsenceAlerts.alertId(RULE, CorrelationKey.token(token), "e" + j), Set.of("e" + j));
            }
        }
        expectedAbsences.putAll(expectedEarly);
        List<Sighting> earlyClocks = clocks("early-clock", base.plus(Duration.ofHours(2)).plusSeconds(30));
        List<Sighting> clocks = clocks("clock", base.plus(Duration.ofHours(6)));

        try (broker) {
            broker.send(before);
            KafkaStreams firstInstance = start(first);
            broker.alertsUntil(read -> read.stream().filter(alert -> alert.getType().equals("CROSS_BORDER_MOVEMENT"))
                    .count() >= CROSSINGS, Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(90)).until(broker::drained); // every departure in, none late
            broker.send(earlyClocks);
            List<Alert> beforeRestart = broker.alertsUntil(read -> absences(read).keySet()
                    .containsAll(expectedEarly.keySet()), Duration.ofSeconds(90));
            assertThat(absences(beforeRestart)).as("raised before the restart: the early ones due")
                    .isEqualTo(expectedEarly);
            broker.send(during);
            firstInstance.close(Duration.ofSeconds(30)); // the returns may be arriving as it stops

            start(second);
            // Every return is in before stream time moves on: a return still in the input behind the events that
            // pass its departure's due time would be too late (README, "Absence rules", limits).
            await().atMost(Duration.ofSeconds(120)).until(broker::drained);
            broker.send(clocks);
            List<Alert> output = broker.alertsUntil(read -> absences(read).keySet().equals(expectedAbsences.keySet()),
                    Duration.ofSeconds(120));
            assertThat(absences(output)).isEqualTo(expectedAbsences);
            assertThat(output.stream().filter(alert -> alert.getType().equals("CROSS_BORDER_MOVEMENT"))
                    .map(AbsenceAcrossRestartTest::evidence).collect(java.util.stream.Collectors.toSet()))
                    .isEqualTo(expectedCrossings);
            assertThat(output).extracting(Alert::getType).containsOnly(RULE, "CROSS_BORDER_MOVEMENT");
            Set<String> versions = new HashSet<>();
            for (Alert alert : output) {
                assertThat(versions.add(alert.getAlertId() + "#" + alert.getVersion()))
                        .as("version %d of %s published once", alert.getVersion(), alert.getAlertId()).isTrue();
            }
        }
    }

    /** The absence alerts by alertId, with their evidence; each must have one version only. */
    private static Map<String, Set<String>> absences(List<Alert> output) {
        Map<String, Set<String>> raised = new HashMap<>();
        for (Alert alert : output) {
            if (alert.getType().equals(RULE)) {
                assertThat(alert.getVersion()).isEqualTo(1);
                assertThat(raised.put(alert.getAlertId(), evidence(alert))).as("raised once").isNull();
            }
        }
        return raised;
    }

    /** Sightings at Kuala Lumpur of {@value #CLOCKS} passports seen once: every task's stream time to {@code at}. */
    private static List<Sighting> clocks(String name, Instant at) {
        List<Sighting> clocks = new ArrayList<>();
        for (int i = 0; i < CLOCKS; i++) {
            clocks.add(sighting(name + i, "RMP", at, KUALA_LUMPUR, person(passport(name + "-p" + i))));
        }
        return clocks;
    }

    private static Set<String> evidence(Alert alert) {
        return new TreeSet<>(alert.getEvidence().stream().map(EvidenceRef::getEventId).toList());
    }

    private KafkaStreams start(Path stateDir) {
        AbsenceRules absence = new AbsenceRules(List.of(MinorOutboundNoReturn.rule(Duration.ofHours(1),
                Duration.ofHours(2), SiteRegistry.defaults())), Duration.ofHours(24), Duration.ZERO);
        return broker.start(new CorrelationTopology(RuleSettings.defaults(), SiteRegistry.defaults(), broker.topics(),
                CorrelationListener.NONE).withAbsenceRules(absence), stateDir, BrokerTopology.QUICK_TAKEOVER);
    }
}
