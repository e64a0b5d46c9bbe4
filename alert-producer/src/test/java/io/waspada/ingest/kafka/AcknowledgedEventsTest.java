package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The array memory answers as a map of the last {@code capacity} acknowledged events would, through many evictions. */
class AcknowledgedEventsTest {

    private static Fingerprint fingerprint(Random random) {
        return Fingerprint.of(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    @Test
    void remembersExactlyTheLastCapacityEvents() {
        Random random = new Random(20261207);
        int capacity = 1000;
        AcknowledgedEvents memory = new AcknowledgedEvents(capacity);
        Map<String, AcknowledgedEvents.Seen> model = new LinkedHashMap<>();
        List<String> everIds = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String id = new UUID(random.nextInt(4) == 0 ? 7 : random.nextLong(), random.nextLong()).toString();
            Written written = new Written(random.nextBoolean() ? "waspada.sightings.v1" : "waspada.interceptions.v1",
                    random.nextInt(12), random.nextLong() & Long.MAX_VALUE);
            Fingerprint content = fingerprint(random);
            memory.remember(AcknowledgedEvents.uuid(id), content, written);
            model.put(id, new AcknowledgedEvents.Seen(content, written));
            if (model.size() > capacity) {
                model.remove(model.keySet().iterator().next());
            }
            everIds.add(id);
            if (i % 97 == 0) {
                for (String probe : everIds.subList(Math.max(0, everIds.size() - 3 * capacity), everIds.size())) {
                    assertThat(memory.find(AcknowledgedEvents.uuid(probe))).as("after %d, %s", i, probe)
                            .isEqualTo(model.get(probe));
                }
            }
        }
        assertThat(memory.size()).isEqualTo(capacity);
    }

    @Test
    void anEventIdThatIsNoUuidIsNotRemembered() {
        AcknowledgedEvents memory = new AcknowledgedEvents(10);
        memory.remember(AcknowledgedEvents.uuid("not-a-uuid"), Fingerprint.of(1, 2, 3, 4), new Written("t", 0, 1));

        assertThat(AcknowledgedEvents.uuid("not-a-uuid")).isNull();
        assertThat(memory.find(null)).isNull();
        assertThat(memory.size()).isZero();
    }

    @Test
    void aCapacityOfNothingRemembersNothing() {
        AcknowledgedEvents memory = new AcknowledgedEvents(0);
        String id = UUID.randomUUID().toString();
        memory.remember(AcknowledgedEvents.uuid(id), Fingerprint.of(1, 2, 3, 4), new Written("t", 0, 1));

        assertThat(memory.find(AcknowledgedEvents.uuid(id))).isNull();
    }
}
