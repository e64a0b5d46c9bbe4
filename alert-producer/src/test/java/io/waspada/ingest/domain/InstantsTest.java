package io.waspada.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast date-time reader agrees with java.time on valid text and refuses what java.time refuses or has no zone. */
class InstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T03:15:00Z", "2026-11-20T03:15:00.5Z", "2026-11-20T03:15:00.123456789Z",
            "2026-11-20T11:15:00+08:00", "2026-11-19T20:15:00-07:00", "2024-02-29T23:59:59Z", "2026-11-20T03:15Z"})
    void agreesWithJavaTime(String text) {
        assertThat(Instants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T03:15:00", "2026-13-20T03:15:00Z", "2026-02-30T03:15:00Z", "2026-11-20T24:15:00Z",
            "2026-11-20T03:15:00+19:00", "2026-11-20 03:15:00Z", "yesterday", "2026-1l-20T03:15:00Z"})
    void refusesInvalidOrZonelessText(String text) {
        assertThat(Instants.parse(text)).isNull();
    }
}
