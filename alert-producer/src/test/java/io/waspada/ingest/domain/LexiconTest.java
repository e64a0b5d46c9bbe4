package io.waspada.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A lexicon holds exactly its words, however alike their lengths and letters, as Set.of would. */
class LexiconTest {

    @Test
    void holdsExactlyItsWords() {
        List<String> words = List.of("A", "B", "AB", "BA", "ABA", "AAA", "ADA", "UNKNOWN", "UNKNOWM", "", "H0", "H1");
        Lexicon lexicon = Lexicon.of(words.toArray(String[]::new));

        for (String word : words) {
            assertThat(lexicon.contains(new String(word))).as(word).isTrue();
        }
        for (String stranger : List.of("C", "AC", "AAB", "UNKNOWN ", "unknown", "H2", "ABAA")) {
            assertThat(lexicon.contains(stranger)).as(stranger).isFalse();
        }
        assertThat(lexicon.contains(7)).isFalse();
        assertThat(lexicon.contains(null)).isFalse();
        assertThat(lexicon).containsExactlyElementsOf(words).isEqualTo(Set.copyOf(words));
    }

    @Test
    void everyCountryCodeAndNothingElse() {
        Lexicon countries = Lexicon.of(Locale.getISOCountries());
        for (char first = 'A'; first <= 'Z'; first++) {
            for (char second = 'A'; second <= 'Z'; second++) {
                String code = "" + first + second;
                assertThat(countries.contains(code)).as(code).isEqualTo(Set.of(Locale.getISOCountries()).contains(code));
            }
        }
        assertThat(Lexicon.of("X", "X").with(List.of("X", "Y"))).containsExactly("X", "Y");
    }
}
