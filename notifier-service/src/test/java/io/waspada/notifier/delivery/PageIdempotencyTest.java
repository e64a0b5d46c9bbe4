package io.waspada.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A page sent again keeps its key; a page that says something else gets another. */
class PageIdempotencyTest {

    private static byte[] page(String sentAt, int sequence, long version, String status, boolean repeat) {
        return """
                {"notificationId":"n-1","receiver":"HOOK","status":"FIRING","sequence":%d,"repeat":%s,\
                "groupLabels":{"subject":"s"},"sentAt":"%s","alerts":[{"alertId":"a-1","version":%d,"status":"%s"}]}"""
                .formatted(sequence, repeat, sentAt, version, status).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSamePageSentAgainLaterOrWithAnotherSequenceHasTheSameKey() {
        String first = PageIdempotency.key("n-1", page("2026-12-06T10:00:00Z", 1, 1, "OPEN", false));
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T10:05:00Z", 1, 1, "OPEN", false))).isEqualTo(first);
        // After a restart the group's sequence starts again: the page is the same.
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T10:05:00Z", 3, 1, "OPEN", false))).isEqualTo(first);
        assertThat(first).startsWith("n-1-").hasSize("n-1-".length() + 16);
    }

    @Test
    void aNewVersionAStatusChangeOrAReminderIsANewPage() {
        String first = PageIdempotency.key("n-1", page("2026-12-06T10:00:00Z", 1, 1, "OPEN", false));
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T10:00:00Z", 1, 2, "OPEN", false))).isNotEqualTo(first);
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T10:00:00Z", 1, 1, "RESOLVED", false))).isNotEqualTo(first);
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T10:00:00Z", 1, 1, "OPEN", true))).isNotEqualTo(first);
        assertThat(PageIdempotency.key("n-2", page("2026-12-06T10:00:00Z", 1, 1, "OPEN", false))).isNotEqualTo(first);
    }

    @Test
    void eachReminderIsAPageOfItsOwn() {
        String second = PageIdempotency.key("n-1", page("2026-12-06T14:00:00Z", 2, 1, "OPEN", true));
        String third = PageIdempotency.key("n-1", page("2026-12-06T18:00:00Z", 3, 1, "OPEN", true));
        assertThat(third).isNotEqualTo(second);
        // The same reminder tried again later keeps its key.
        assertThat(PageIdempotency.key("n-1", page("2026-12-06T18:00:09Z", 3, 1, "OPEN", true))).isEqualTo(third);
    }

    @Test
    void aBodyThatIsNotJsonIsKeyedByItsBytes() {
        byte[] text = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(PageIdempotency.key("n-1", text)).isEqualTo(PageIdempotency.key("n-1", text));
    }
}
