package io.waspada.correlation.absence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.EventKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.TokenRef;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an absence rule accepts, which events are its As and Bs, and the severity of its alert. */
class AbsenceRuleTest {

    private static final SiteRegistry SITES = SiteRegistry.defaults();
    private static final CorrelationKey KEY = CorrelationKey.token("Ptok");
    private static final AbsenceRule RULE = MinorOutboundNoReturn.rule(Duration.ofDays(7), null, SITES);

    private static Observation event(EventKind kind, String site, boolean minor, Direction direction,
            Outcome outcome) {
        return new Observation("e", kind, "IMMIGRATION", 0, new Location(6.5, 100.4, "MY", "KEDAH", site), List.of(),
                Handling.H1, "B", 2, outcome, 1, List.of(new ObservedSubject("PERSON", "SUSPECTED_VICTIM", minor,
                        List.of(new TokenRef("PASSPORT", "Ptok")))), List.of(), Observation.NOT_ADMITTED, false,
                direction);
    }

    @Test
    void aMinorLeavingAtABorderSiteIsAnAAndAReturnOrRescueIsAB() {
        assertThat(RULE.isFirst(KEY, event(EventKind.SIGHTING, "BUKIT_KAYU_HITAM", true, Direction.OUTBOUND, null)))
                .isTrue();
        assertThat(RULE.isFirst(KEY, event(EventKind.SIGHTING, "BUKIT_KAYU_HITAM", false, Direction.OUTBOUND, null)))
                .isFalse();
        assertThat(RULE.isFirst(KEY, event(EventKind.SIGHTING, "CHOW_KIT", true, Direction.OUTBOUND, null))).isFalse();
        assertThat(RULE.isFirst(KEY, event(EventKind.SIGHTING, null, true, Direction.OUTBOUND, null))).isFalse();
        assertThat(RULE.isFirst(KEY, event(EventKind.SIGHTING, "BUKIT_KAYU_HITAM", true, Direction.UNKNOWN, null)))
                .isFalse();
        assertThat(RULE.isFirst(CorrelationKey.site("BUKIT_KAYU_HITAM"),
                event(EventKind.SIGHTING, "BUKIT_KAYU_HITAM", true, Direction.OUTBOUND, null))).isFalse();

        assertThat(RULE.isNone(KEY, event(EventKind.SIGHTING, null, true, Direction.INBOUND, null))).isTrue();
        assertThat(RULE.isNone(KEY, event(EventKind.INTERCEPTION, null, true, Direction.OUTBOUND, Outcome.RESCUED)))
                .isTrue();
        assertThat(RULE.isNone(KEY, event(EventKind.INTERCEPTION, null, true, Direction.OUTBOUND, Outcome.DETAINED)))
                .isFalse();
        assertThat(RULE.isNone(KEY, event(EventKind.SIGHTING, null, true, Direction.INTERNAL, null))).isFalse();
    }

    @Test
    void itsAlertIsHighRaisedForTheMinorAndItsIdDependsOnTheRuleKeyAndA() {
        Observation left = event(EventKind.SIGHTING, "BUKIT_KAYU_HITAM", true, Direction.OUTBOUND, null);
        assertThat(AbsenceAlerts.severity(RULE, left)).isEqualTo(Severity.CRITICAL);
        assertThat(AbsenceAlerts.alertId("R1", KEY, "e")).isEqualTo(AbsenceAlerts.alertId("R1", KEY, "e"))
                .isNotEqualTo(AbsenceAlerts.alertId("R2", KEY, "e"))
                .isNotEqualTo(AbsenceAlerts.alertId("R1", CorrelationKey.token("other"), "e"))
                .isNotEqualTo(AbsenceAlerts.alertId("R1", KEY, "f"));
    }

    @Test
    void aBadRuleIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> rule("lower", List.of(EventFilter.any()), Duration.ofDays(1), Set.of()))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> rule("NO_B", List.of(), Duration.ofDays(1), Set.of())).hasMessageContaining("none");
        assertThatThrownBy(() -> rule("ZERO_T", List.of(EventFilter.any()), Duration.ZERO, Set.of()))
                .hasMessageContaining("within");
        assertThatThrownBy(() -> rule("TWICE", List.of(EventFilter.any()), Duration.ofDays(1),
                Set.of("twiceThreshold"))).hasMessageContaining("twiceThreshold");
        assertThatThrownBy(() -> new AbsenceRules(List.of(RULE, RULE), Duration.ofHours(24), AbsenceRules.IDLE))
                .hasMessageContaining(MinorOutboundNoReturn.ID);
    }

    private static AbsenceRule rule(String id, List<EventFilter> none, Duration within, Set<String> raisers) {
        return new AbsenceRule(id, "test", "token", EventFilter.any(), none, within, null, Severity.LOW, raisers,
                words -> "t", Map.of());
    }
}
