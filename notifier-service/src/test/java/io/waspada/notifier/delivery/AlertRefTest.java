package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert version named in a notification: typed in memory, stored and shown as {@code <alertId>:<version>}. */
class AlertRefTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsAndWritesTheStoredForm() throws Exception {
        AlertRef ref = AlertRef.parse("3f0c:a:b:7");
        assertThat(ref).isEqualTo(new AlertRef("3f0c:a:b", 7));
        assertThat(json.writeValueAsString(List.of(ref))).isEqualTo("[\"3f0c:a:b:7\"]");
        assertThat(json.readValue("\"abc:12\"", AlertRef.class)).isEqualTo(new AlertRef("abc", 12));
    }

    @Test
    void aDeadLetterStoredBeforeItWasATypeReadsAndWritesTheSame() throws Exception {
        String stored = json.writeValueAsString(json.readTree("""
                {"id":"d1","receiver":"HOOK","notificationId":"n1","alerts":["a1:3","a2:1"],"body":"{}",
                 "attempts":3,"lastError":"HTTP 500","deadAt":"2026-12-01T00:00:00Z"}"""));
        DeadLetter letter = json.readValue(stored, DeadLetter.class);
        assertThat(letter.alerts()).containsExactly(new AlertRef("a1", 3), new AlertRef("a2", 1));
        assertThat(json.readTree(json.writeValueAsString(letter)).get("alerts").toString())
                .isEqualTo("[\"a1:3\",\"a2:1\"]");
    }

    @Test
    void refusesWhatIsNotAnAlertVersion() {
        assertThatThrownBy(() -> AlertRef.parse("no-version")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertRef.parse("a:")).isInstanceOf(IllegalArgumentException.class);
    }
}
