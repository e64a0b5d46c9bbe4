package io.waspada.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The planted patterns' plan depends on the seed alone (the running feed is tested against the service, in alert-producer). */
class PlantedPatternsTest {

    @Test
    void theSameSeedPlansTheSameIdentifiersPlacesAndTimes() {
        Instant start = Instant.parse("2026-11-29T00:00:00Z");
        Function<Long, String> plan = seed -> new PlantedPatterns(new EventFactory(new java.util.Random(seed), 1L), start)
                .plan(PlantedPatterns.NAMES).stream().flatMap(p -> p.steps().stream()).map(Object::toString)
                .collect(Collectors.joining("\n"));
        assertThat(plan.apply(7L)).isEqualTo(plan.apply(7L)).isNotEqualTo(plan.apply(8L));
    }

    @Test
    void aMinorLeavesAndOnlyTheNearMissReturnsWithinTheWeek() {
        Instant start = Instant.parse("2026-11-29T00:00:00Z");
        var planted = new PlantedPatterns(new EventFactory(new java.util.Random(7L), 1L), start)
                .plan(java.util.Set.of("minor-no-return"));
        assertThat(planted).extracting(Planted::expectedAlertType).containsExactly("MINOR_OUTBOUND_NO_RETURN", null);
        assertThat(planted).extracting(Planted::mustNotRaise).containsExactly(null, "MINOR_OUTBOUND_NO_RETURN");
        // Left 7 d + 24 h (the rule's window and grace) less two minutes before the start: due two minutes after it.
        Instant left = start.minus(java.time.Duration.ofDays(8)).plus(PlantedPatterns.ABSENCE_MARGIN);
        for (Planted pattern : planted) {
            Step.Event out = (Step.Event) pattern.steps().get(0);
            assertThat(out.body().path("direction").asText()).isEqualTo("OUTBOUND");
            assertThat(out.body().path("observedAt").asText()).isEqualTo(left.toString());
            assertThat(out.body().path("subjects").get(0).path("ageBand").asText()).isEqualTo("MINOR");
        }
        assertThat(planted.get(0).steps()).hasSize(1);
        Step.Event back = (Step.Event) planted.get(1).steps().get(1);
        assertThat(back.body().path("direction").asText()).isEqualTo("INBOUND");
        assertThat(back.body().path("observedAt").asText()).isEqualTo(left.plus(java.time.Duration.ofDays(5)).toString());
        // Not part of "all": it is raised only when stream time has passed the deadline plus grace.
        assertThat(PlantedPatterns.NAMES).doesNotContainAnyElementsOf(PlantedPatterns.ON_REQUEST);
    }
}
