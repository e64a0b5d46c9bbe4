package io.waspada.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The feed's agencies answer follow-up requests after a wait (half for urgent ones), and decline about one in four. */
class FollowUpResponderTest {

    private final FollowUpResponder responder = new FollowUpResponder(new IngestClient("http://localhost:1",
            java.util.Map.of("RMP", "k")), List.of("RMP"), Duration.ofSeconds(20), System.err);

    @Test
    void aRequestIsDueAfterTheWaitAndAnUrgentOneAfterHalfOfIt() {
        Instant asked = Instant.parse("2026-12-07T10:00:00Z");
        ObjectNode normal = new ObjectMapper().createObjectNode().put("askedAt", asked.toString()).put("urgency", "NORMAL");
        ObjectNode urgent = normal.deepCopy().put("urgency", "URGENT");
        assertThat(responder.due(normal, asked.plusSeconds(19))).isFalse();
        assertThat(responder.due(normal, asked.plusSeconds(20))).isTrue();
        assertThat(responder.due(urgent, asked.plusSeconds(10))).isTrue();
    }

    @Test
    void aboutOneRequestInFourIsDeclinedReproduciblyAndAnAnswerSpeaksOfTheAgencysOwnRecord() {
        List<String> ids = IntStream.range(0, 400).mapToObj(i -> UUID.nameUUIDFromBytes(new byte[] {(byte) i, 1})
                .toString()).toList();
        long declined = ids.stream().filter(FollowUpResponder::declines).count();
        assertThat(declined).isBetween(60L, 140L);
        assertThat(ids.stream().filter(FollowUpResponder::declines).count()).isEqualTo(declined);
        ObjectNode request = new ObjectMapper().createObjectNode().put("eventId", "ev-1");
        assertThat(FollowUpResponder.answerTo("RMP", request).path("text").asText()).contains("RMP record ev-1");
        assertThat(FollowUpResponder.answerTo("RMP", request).path("fields").size()).isPositive();
        assertThat(FollowUpResponder.declineOf("RMP").path("reason").asText()).isNotBlank();
    }
}
