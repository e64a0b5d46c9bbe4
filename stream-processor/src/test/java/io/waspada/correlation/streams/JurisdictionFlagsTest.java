package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.PENANG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waspada.avro.Alert;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.testing.AlertSummary;
import io.waspada.correlation.testing.CorrelationDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jurisdiction flags through correlation: an alert carries every distinct flag of its evidence and watchlist entries,
 * strictest first (INFORM_ONLY, COVERT, PROTECT_VICTIM), also of evidence it no longer carries, and across a restart.
 */
class JurisdictionFlagsTest {

    private static Sighting flagged(Sighting sighting, Flag... flags) {
        sighting.setFlags(List.of(flags));
        return sighting;
    }

    private static Flag flag(FlagKind kind, String jurisdiction, String agency) {
        return new Flag(kind, jurisdiction, agency);
    }

    @Test
    void theAlertCarriesEveryFlagOfItsEvidenceStrictestFirstAndEachEvidenceItsOwn() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(flagged(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))),
                    flag(FlagKind.PROTECT_VICTIM, null, "ID_IMIGRASI")));
            driver.send(flagged(sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P1"))),
                    flag(FlagKind.COVERT, null, "IMMIGRATION"), flag(FlagKind.INFORM_ONLY, "ID", "IMMIGRATION"),
                    flag(FlagKind.PROTECT_VICTIM, null, "ID_IMIGRASI")));

            Alert alert = driver.alerts().get(0);
            assertThat(AlertSummary.of(List.of(alert))).containsExactly("CROSS_BORDER_MOVEMENT v1 HIGH [e1, e2]");
            assertThat(alert.getFlags()).extracting(f -> f.getKind(), f -> f.getJurisdiction(), f -> f.getAgency())
                    .containsExactly(tuple(FlagKind.INFORM_ONLY, "ID", "IMMIGRATION"),
                            tuple(FlagKind.COVERT, null, "IMMIGRATION"),
                            tuple(FlagKind.PROTECT_VICTIM, null, "ID_IMIGRASI"));
            assertThat(alert.getLabels()).containsEntry("flags", "INFORM_ONLY,COVERT,PROTECT_VICTIM")
                    .containsEntry("victim", "true");
            assertThat(alert.getEvidence().get(0).getFlags()).extracting(Flag::getKind)
                    .containsExactly(FlagKind.PROTECT_VICTIM);
            assertThat(alert.getEvidence().get(1).getFlags()).hasSize(3);
        }
    }

    @Test
    void anAlertWithoutFlagsHasNoneAndNoLabel() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            driver.send(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, minorVictim(passport("P1"))),
                    sighting("e2", "IMMIGRATION", hours(6), TEBEDU, minorVictim(passport("P1"))));
            Alert alert = driver.alerts().get(0);
            assertThat(alert.getFlags()).isEmpty();
            assertThat(alert.getLabels()).doesNotContainKey("flags");
        }
    }

    /** The flag of evidence an alert too large to carry it all leaves out still governs it, like the handling code. */
    @Test
    void aFlagOfEvidenceTheAlertNoLongerCarriesStaysOnIt() {
        RuleSettings settings = RuleSettings.defaults();
        settings = new RuleSettings(settings.rules(), settings.grace(), 2);
        try (CorrelationDriver driver = new CorrelationDriver(settings)) {
            driver.send(flagged(sighting("e1", "ID_IMIGRASI", hours(0), ENTIKONG, person(passport("P1"))),
                    flag(FlagKind.COVERT, null, "ID_IMIGRASI")));
            List<Sighting> later = new ArrayList<>();
            for (int i = 2; i <= 5; i++) {
                later.add(sighting("e" + i, "IMMIGRATION", hours(i), TEBEDU, person(passport("P1"))));
            }
            driver.send(later.toArray(Sighting[]::new));

            List<Alert> alerts = driver.alerts();
            Alert last = alerts.get(alerts.size() - 1);
            assertThat(last.getEventCount()).isEqualTo(5);
            assertThat(last.getEvidence()).extracting(e -> e.getEventId()).doesNotContain("e1");
            assertThat(last.getFlags()).extracting(Flag::getKind).containsExactly(FlagKind.COVERT);
            assertThat(last.getLabels()).as("no minor, no victim subject, no PROTECT_VICTIM flag")
                    .containsEntry("victim", "false");
        }
    }

    @Test
    void aWatchlistHitCarriesTheEntrysFlags() {
        try (CorrelationDriver driver = new CorrelationDriver()) {
            WatchlistEntry entry = watch("w1", "RMP", phone("F1"), Severity.HIGH, hours(24 * 60));
            entry.setFlags(List.of(flag(FlagKind.COVERT, null, "RMP")));
            driver.list(entry);
            driver.send(sighting("e1", "MMEA", hours(1), PENANG, person(phone("F1"))));

            Alert alert = driver.alerts().get(0);
            assertThat(AlertSummary.of(List.of(alert))).containsExactly("WATCHLIST_HIT v1 HIGH [e1, w1]");
            assertThat(alert.getFlags()).extracting(f -> f.getKind(), f -> f.getAgency())
                    .containsExactly(tuple(FlagKind.COVERT, "RMP"));
            assertThat(alert.getEvidence().get(1).getFlags()).extracting(Flag::getKind)
                    .containsExactly(FlagKind.COVERT);
        }
    }
}
