package io.waspada.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The claims under way, against a map: through growth, and removals from the middle of probe runs. */
class ClaimsUnderWayTest {

    @Test
    void holdsExactlyTheClaimsPutAndNotRemoved() {
        RecentEvents recent = new RecentEvents(0);
        ClaimsUnderWay underWay = new ClaimsUnderWay();
        Map<String, RecentEvents.Claim> model = new HashMap<>();
        List<String> ids = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            // a few ids that are no UUID, and UUIDs that differ in one half only (alike hashes)
            ids.add(i % 100 == 0 ? "event-" + i : new UUID(i % 7, random.nextLong()).toString());
        }
        for (int step = 0; step < 30_000; step++) {
            String id = ids.get(random.nextInt(ids.size()));
            RecentEvents.Claim held = model.get(id);
            if (held == null) {
                RecentEvents.Claim claim = recent.claim(id, Fingerprint.of(step, 0, 0, 0));
                underWay.put(claim);
                model.put(id, claim);
            } else if (random.nextBoolean()) {
                underWay.remove(held);
                model.remove(id);
            }
            if (step % 1000 == 0) {
                for (String probe : ids) {
                    RecentEvents.Claim expected = model.get(probe);
                    UUID uuid = AcknowledgedEvents.uuid(probe);
                    long high = uuid == null ? probe.hashCode() : uuid.getMostSignificantBits();
                    long low = uuid == null ? 0 : uuid.getLeastSignificantBits();
                    assertThat(underWay.get(probe, high, low)).as("step %d, %s", step, probe).isSameAs(expected);
                }
                assertThat(underWay.size()).isEqualTo(model.size());
            }
        }
    }
}
