package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.KUALA_LUMPUR;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.facilitatorPhone;
import static io.waspada.correlation.testing.Events.hours;
import static io.waspada.correlation.testing.Events.interception;
import static io.waspada.correlation.testing.Events.minorVictim;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.phone;
import static io.waspada.correlation.testing.Events.sighting;
import static io.waspada.correlation.testing.Events.victim;
import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.sites.SiteRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fan-out of an event to its correlation keys, what each copy carries, and the internal binary form. */
class ObservationsTest {

    private static final SiteRegistry SITES = SiteRegistry.defaults();

    @Test
    void anEventGoesOnceUnderEachTokenAndUnderItsBorderSiteWhenItReportsIndicators() {
        Observation event = Observations.of(interception("i1", "RMP_GOF", hours(0), TEBEDU, 4,
                List.of("DEBT_BONDAGE"), victim(passport("V1"), phone("PH")), victim(passport("V2")),
                facilitatorPhone("F1"), person(passport("V1"))));

        Map<String, Observation> keyed = Observations.byCorrelationKey(event, SITES).stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));

        assertThat(keyed.keySet()).containsExactlyInAnyOrder("t:V1", "t:PH", "t:V2", "t:F1", "s:TEBEDU");
        assertThat(keyed.get("t:V2").subjects()).extracting(ObservedSubject::identity).containsExactly("V2");
        assertThat(keyed.get("t:F1").subjects()).as("a facilitator keeps the event's victims")
                .extracting(ObservedSubject::identity).containsExactly("F1", "PH", "V2");
        assertThat(keyed.get("s:TEBEDU").subjects()).extracting(ObservedSubject::isPerson).containsOnly(true);
        assertThat(keyed.get("s:TEBEDU").personCount()).isEqualTo(4);
    }

    @Test
    void theReportedDirectionIsKeptUnderEveryKeyAndAnythingElseIsUnknown() {
        Observation out = Observations.of(io.waspada.avro.Sighting.newBuilder(sighting("s-out", "IMI", hours(0), TEBEDU,
                List.of("DEBT_BONDAGE"), victim(passport("V1")))).setDirection("OUTBOUND").build());
        assertThat(out.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(Observations.byCorrelationKey(out, SITES)).extracting(kv -> kv.value.direction())
                .containsOnly(Direction.OUTBOUND);
        assertThat(Observations.of(interception("i-in", "RMP", hours(0), TEBEDU, 1, List.of(), victim(passport("V1"))))
                .direction()).isEqualTo(Direction.INBOUND);
        assertThat(Direction.of("internal")).isEqualTo(Direction.INTERNAL);
        assertThat(Direction.of("SIDEWAYS")).isEqualTo(Direction.UNKNOWN);
        assertThat(Direction.of(null)).isEqualTo(Direction.UNKNOWN);
    }

    @Test
    void noSiteKeyInlandOrWithoutIndicators() {
        assertThat(Observations.byCorrelationKey(Observations.of(sighting("s1", "RMP", hours(0), KUALA_LUMPUR,
                List.of("DEBT_BONDAGE"), person(passport("A")))), SITES)).extracting(kv -> kv.key)
                .containsExactly("t:A");
        assertThat(Observations.byCorrelationKey(Observations.of(sighting("s2", "RMP", hours(0), TEBEDU,
                person(passport("A")))), SITES)).extracting(kv -> kv.key).containsExactly("t:A");
    }

    @Test
    void observationsAndEpisodesSurviveTheirBinaryForm() {
        Observation event = Observations.of(interception("i1", "RMP", hours(1), TEBEDU, 2, List.of("ISOLATION"),
                minorVictim(passport("V1")), facilitatorPhone("F1")));
        ObservationSerde observations = new ObservationSerde();
        assertThat(observations.deserialize("t", observations.serialize("t", event))).isEqualTo(event);

        assertThat(observations.deserialize("t", observations.serialize("t", event.admittedAt(7)))).isEqualTo(
                event.admittedAt(7));
        Episode episode = new Episode(RuleName.WATCHLIST_HIT, 0, 10, 12, 3, 20, 4, Severity.CRITICAL, Handling.H1,
                List.of(new Flag(FlagKind.COVERT, null, "RMP")), List.of(), List.of());
        EpisodesSerde episodes = new EpisodesSerde();
        assertThat(episodes.deserialize("t", episodes.serialize("t", List.of(episode)))).containsExactly(episode);
    }

    @Test
    void keysRoundTrip() {
        assertThat(CorrelationKey.parse(CorrelationKey.token("abc").asString())).isEqualTo(CorrelationKey.token("abc"));
        assertThat(CorrelationKey.parse("s:TEBEDU")).isEqualTo(CorrelationKey.site("TEBEDU"));
    }
}
