package io.waspada.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matcher parsing and semantics per Alertmanager's pkg/labels: anchored regexes, missing label = empty string. */
class MatcherTest {

    @ParameterizedTest(name = "{0} on region={1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "region=\"SABAH\"            ; SABAH       ; true",
        "region=\"SABAH\"            ; SABAH_UTARA ; false",
        "region!=\"SABAH\"           ; SARAWAK     ; true",
        "region!=\"SABAH\"           ;             ; true",
        "region=\"\"                 ;             ; true",
        "region=~\"SABAH|SARAWAK\"   ; SARAWAK     ; true",
        "region=~\"SABAH|SARAWAK\"   ; SABAH_UTARA ; false",
        "region=~\"SAB\"             ; SABAH       ; false",
        "region=~\"SAB.*\"           ; SABAH       ; true",
        "region=~\".*\"              ;             ; true",
        "region=~\".+\"              ;             ; false",
        "region!~\"KALIMANTAN_.*\"   ; KALIMANTAN_BARAT ; false",
        "region!~\"KALIMANTAN_.*\"   ; KEDAH       ; true",
        "region = KEDAH              ; KEDAH       ; true",
    })
    void matches(String matcher, String region, boolean expected) {
        Map<String, String> labels = region == null ? Map.of() : Map.of("region", region);
        assertThat(Matcher.parse(matcher).matches(labels)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"region", "=\"x\"", "1region=\"x\"", "region=~\"[\"",
        // Backreferences and lookarounds need backtracking: RE2 (like Alertmanager's Go regexes) refuses them.
        "region=~\"(a)\\1\"", "region=~\"(?=a)a\""})
    void rejectsBadSyntax(String text) {
        assertThatThrownBy(() -> Matcher.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The classic catastrophic patterns against a 100,000-character label: a backtracking engine would not finish
     * within the deadline (java.util.regex takes exponential time on the first); RE2/J answers in linear time.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(10)
    void noPatternCanFreezeDispatch() {
        String label = "a".repeat(100_000);
        for (String regex : java.util.List.of("(a+)+b", "(a|a)*b", "(a*)*b", "(.*a){20}b")) {
            assertThat(Matcher.parse("region=~\"" + regex + "\"").matches(Map.of("region", label))).as(regex).isFalse();
        }
        assertThatThrownBy(() -> Matcher.parse("region=~\"" + "a".repeat(1_001) + "\""))
                .hasMessageContaining("longer than");
        // RE2 compiles x{n} into n copies: nested counts would take memory, not time, so they are bounded too.
        assertThatThrownBy(() -> Matcher.parse("region=~\"((a{1000}){1000}){1000}\""))
                .hasMessageContaining("multiply to more than 1000");
        assertThat(Matcher.parse("region=~\"(a{10}){100}\"").matches(Map.of("region", "a".repeat(1000)))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"countries=~\".*ID.*\"", "agencies!=\"LABOUR\"", "a=\"q\\\"uote\""})
    void printsWhatItParses(String text) {
        assertThat(Matcher.parse(Matcher.parse(text).toString())).isEqualTo(Matcher.parse(text));
    }
}
