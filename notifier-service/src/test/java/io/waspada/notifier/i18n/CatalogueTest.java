package io.waspada.notifier.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every language has every key, no language has a key the others lack, each text has the same placeholders in every
 * language, and none is empty: a key missing in one catalogue fails here, not in front of an officer.
 */
class CatalogueTest {

    private final Catalogue catalogue = Catalogue.get();

    @Test
    void everyLanguageHasExactlyTheSameKeys() {
        Set<String> all = new TreeSet<>();
        for (Language language : Language.values()) {
            all.addAll(catalogue.all(language).keySet());
        }
        List<String> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String key : all) {
                if (!catalogue.has(language, key)) {
                    problems.add("messages_" + language.code() + " lacks " + key);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTextHasTheSamePlaceholdersInEveryLanguageAndIsNotEmpty() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> english : catalogue.all(Language.EN).entrySet()) {
            Set<String> wanted = Catalogue.placeholders(english.getValue());
            for (Language language : Language.values()) {
                String text = catalogue.all(language).get(english.getKey());
                if (text == null) {
                    continue;
                }
                if (text.isBlank()) {
                    problems.add(language.code() + " " + english.getKey() + " is empty");
                } else if (!Catalogue.placeholders(text).equals(wanted)) {
                    problems.add(language.code() + " " + english.getKey() + " has " + Catalogue.placeholders(text)
                            + ", English " + wanted);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void malayAndIndonesianAreTranslatedNotCopied() {
        // Words the two languages write differently; and most page texts differ from English in each.
        assertThat(catalogue.text(Language.MS, "ui.alerts.heading")).isEqualTo("Amaran");
        assertThat(catalogue.text(Language.ID, "ui.alerts.heading")).isEqualTo("Peringatan");
        assertThat(catalogue.text(Language.MS, "email.body.taskForce", "name", "X")).isEqualTo("Pasukan petugas X");
        assertThat(catalogue.text(Language.ID, "email.body.taskForce", "name", "X")).isEqualTo("Satuan tugas X");
        for (Language language : List.of(Language.MS, Language.ID)) {
            long same = catalogue.ui(Language.EN).entrySet().stream()
                    .filter(e -> e.getValue().equals(catalogue.all(language).get(e.getKey()))).count();
            assertThat(same).as("%s texts identical to English", language).isLessThan(10);
        }
        long sameMsId = catalogue.ui(Language.MS).entrySet().stream()
                .filter(e -> e.getValue().equals(catalogue.all(Language.ID).get(e.getKey()))).count();
        assertThat(sameMsId).as("texts identical in Malay and Indonesian").isLessThan(25);
    }

    @Test
    void everyKeyThePagesNameIsInTheCatalogue() throws Exception {
        // data-i18n attributes of the HTML, literal keys in the scripts, prefixes completed at run time.
        java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                "data-i18n(?:-placeholder)?=\"([^\"]+)\"|\"((?:ui|common)\\.[A-Za-z0-9.]+)\"");
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (String page : List.of("index.html", "ops.html", "console.js", "ops.js", "i18n.js",
                "follow-up.js", "alert-map.js", "alert-filters.js", "alert-keys.js", "alert-announcer.js",
                "alert-chime.js", "alert-history.js", "tip-verification.js")) {
            String text;
            try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/" + page)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            var m = named.matcher(text);
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                seen++;
                boolean known = key.endsWith(".") ? catalogue.all(Language.EN).keySet().stream().anyMatch(k -> k.startsWith(key))
                        : catalogue.has(Language.EN, key);
                if (!known) {
                    missing.add(page + ": " + key);
                }
            }
        }
        assertThat(seen).isGreaterThan(60);
        assertThat(missing).isEmpty();
    }

    @Test
    void placeholdersAreFilledByNameAndAnUnknownKeyFallsBackToItself() {
        assertThat(catalogue.text(Language.MS, "ui.alert.acknowledgedBy", "by", "officer.north", "at", "11:15 MYT"))
                .isEqualTo("Diakui oleh officer.north pada 11:15 MYT");
        assertThat(catalogue.text(Language.ID, "no.such.key")).isEqualTo("no.such.key");
        assertThat(catalogue.ui(Language.EN)).allSatisfy((key, value) -> assertThat(key).startsWith("ui."));
    }
}
