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
}
