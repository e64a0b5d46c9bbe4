package io.waspada.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.ingest.domain.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch answer written field by field is byte for byte what data binding writes for the same results. */
class BatchAnswerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesWhatDataBindingWrites() throws Exception {
        List<BatchResource.ItemResult> items = List.of(
                new BatchResource.ItemResult(0, "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", 202, "waspada.sightings.v1", 3,
                        12345678901L, false, null),
                new BatchResource.ItemResult(1, "9d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f", 202, "waspada.sightings.v1", 0, 0L,
                        true, null),
                BatchResource.ItemResult.rejected(2, null, Problems.invalid(List.of(
                        new Violation("events[2].kind", "required", "must be SIGHTING or INTERCEPTION")))),
                BatchResource.ItemResult.rejected(3, "ad3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f",
                        Problems.conflict("ad3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f")),
                BatchResource.ItemResult.rejected(4, "\"quoted\" \u00e9\u2028", Problems.unavailable("Kafka is away")),
                new BatchResource.ItemResult(5, null, 202, "t", 1, 2L, null, null));

        String written = new String(BatchAnswer.json(MAPPER, 3, items), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(MAPPER.writeValueAsString(new BatchResource.BatchResult(3, 3, items)));
        assertThat(new String(BatchAnswer.json(MAPPER, 0, List.of()), StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(new BatchResource.BatchResult(0, 0, List.of())));
    }
}
