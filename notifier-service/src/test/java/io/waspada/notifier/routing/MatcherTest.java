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
    @CsvSource(delimiter = '|', value = {"region", "=\"x\"", "1region=\"x\"", "region=~\"[\""})
    void rejectsBadSyntax(String text) {
        assertThatThrownBy(() -> Matcher.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"countries=~\".*ID.*\"", "agencies!=\"LABOUR\"", "a=\"q\\\"uote\""})
    void printsWhatItParses(String text) {
        assertThat(Matcher.parse(Matcher.parse(text).toString())).isEqualTo(Matcher.parse(text));
    }
}
