package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.BUKIT_KAYU_HITAM;
import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.GROUP_INDICATORS;
import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.PADANG_BESAR;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.PONTIANAK;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.testing.CorrelationDriver;
import io.waspada.correlation.testing.ReferenceEpisodes;
import io.waspada.sites.SiteRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Alert identity does not depend on arrival order: one dense day of events (a few passports, facilitator phones and
 * border sites named again and again, so every rule fires many times and episodes meet at cell edges), sent in 20
 * random orders (any order across partitions and within them: the day is shorter than every rule's grace, so no
 * order makes an event late), gives the same alertIds with the same final count and evidence every time, and the
 * same as the episode definition read literally ({@link ReferenceEpisodes}).
 */
class InterleavingTest {

    private static final Location[] PLACES = {TEBEDU, ENTIKONG, BUKIT_KAYU_HITAM, PADANG_BESAR, PENANG, KUALA_LUMPUR,
        PONTIANAK};
    private static final String[] AGENCIES = {"IMMIGRATION", "ID_IMIGRASI", "RMP", "MMEA", "LABOUR"};

    @Test
    void twentyRandomOrdersOfTheSameEventsGiveTheSameAlerts() {
        Random random = new Random(14);
        List<Object> day = day(random, 240);
        List<WatchlistEntry> entries = List.of(watch("w1", "RMP", passport("P3"), Severity.HIGH, null),
                watch("w2", "MMEA", phone("F1"), Severity.MEDIUM, null));
        Map<String, String> expected = ReferenceEpisodes.of(observations(day), Map.of(
                        "P3", List.of(new WatchMark("w1", "RMP", Severity.HIGH, 0)),
                        "F1", List.of(new WatchMark("w2", "MMEA", Severity.MEDIUM, 0))),
                RuleSettings.defaults(), SiteRegistry.defaults());
        assertThat(expected.values().stream().map(summary -> summary.substring(0, summary.indexOf(' '))).distinct())
                .as("every rule fires (the five built-ins and REPEAT_CROSSING)").hasSize(6);
        for (int order = 0; order < 20; order++) {
            List<Object> shuffled = new ArrayList<>(day);
            Collections.shuffle(shuffled, random);
            assertThat(raised(shuffled, entries)).as("order %d", order).isEqualTo(expected);
        }
    }

    /** The latest version of every alert the production topology raises for the events in this order. */
    private static Map<String, String> raised(List<Object> events, List<WatchlistEntry> entries) {
        Map<String, String> latest = new TreeMap<>();
        Map<String, Long> versions = new TreeMap<>();
        try (CorrelationDriver driver = new CorrelationDriver(RuleSettings.defaults(), true)) {
            entries.forEach(driver::list);
            for (Object event : events) {
                if (event instanceof Sighting sighting) {
                    driver.send(sighting);
                } else {
                    driver.send((Interception) event);
                }
            }
            assertThat(driver.lateForRule).isEmpty();
            driver.settle(); // the latest versions of hot episodes, which wait for the next flush
            driver.alerts().forEach(alert -> {
                // A hot episode's updates may be merged into one later version: increasing, never twice.
                assertThat(alert.getVersion()).as("versions of %s in order, none twice", alert.getAlertId())
                        .isGreaterThan(versions.getOrDefault(alert.getAlertId(), 0L));
                versions.put(alert.getAlertId(), alert.getVersion());
                latest.put(alert.getAlertId(), ReferenceEpisodes.summary(alert));
            });
        }
        return latest;
    }

    /** {@code count} events within one day at a few places, naming a small population again and again. */
    private static List<Object> day(Random random, int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = hours(random.nextInt(24 * 60) / 60.0);
            Location where = PLACES[random.nextInt(PLACES.length)];
            String agency = AGENCIES[random.nextInt(AGENCIES.length)];
            List<Subject> subjects = new ArrayList<>();
            for (int s = random.nextInt(3); s >= 0; s--) {
                String token = "P" + random.nextInt(12);
                subjects.add(random.nextBoolean() ? victim(passport(token)) : person(passport(token)));
            }
            if (random.nextInt(10) < 3) {
                subjects.add(facilitatorPhone("F" + random.nextInt(4)));
            }
            List<String> indicators = random.nextInt(10) < 4 ? GROUP_INDICATORS : List.of();
            Subject[] named = subjects.toArray(Subject[]::new);
            events.add(random.nextInt(10) < 7 ? sighting("e" + i, agency, at, where, indicators, named)
                    : interception("e" + i, agency, at, where, 1 + random.nextInt(3), indicators, named));
        }
        return events;
    }

    private static List<Observation> observations(List<Object> events) {
        List<Observation> observations = new ArrayList<>();
        for (Object event : events) {
            observations.add(event instanceof Sighting sighting ? Observations.of(sighting)
                    : Observations.of((Interception) event));
        }
        return observations;
    }
}
