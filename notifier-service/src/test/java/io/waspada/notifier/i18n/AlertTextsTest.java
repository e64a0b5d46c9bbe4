package io.waspada.notifier.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import io.waspada.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Titles and summaries per language from the alert's fields; the record's English stays as it is. */
class AlertTextsTest {

    private final AlertTexts texts = AlertTexts.standard();

    private static Alert watchlistHit() {
        return Fixtures.alert("WATCHLIST_HIT-t", Fixtures.sighting("e1", Fixtures.passport("tok-1")));
    }

    @Test
    void englishIsTheRecordsOwnTitleAndSummary() {
        Alert alert = watchlistHit();
        assertThat(texts.title(alert, Language.EN)).isEqualTo("Watchlisted passport seen at Bukit Kayu Hitam");
        assertThat(texts.summary(alert, Language.EN, OfficerZone.WIB)).isEqualTo(alert.getSummary());
    }

    @Test
    void watchlistHitInMalayAndIndonesian() {
        Alert alert = watchlistHit();
        assertThat(texts.title(alert, Language.MS))
                .isEqualTo("Subjek dalam senarai pantau dikesan oleh IMMIGRATION di Bukit Kayu Hitam");
        assertThat(texts.title(alert, Language.ID))
                .isEqualTo("Subjek dalam daftar pantauan terlihat oleh IMMIGRATION di Bukit Kayu Hitam");
    }

    @Test
    void summaryTimesAreInTheChosenZone() {
        Alert alert = watchlistHit();
        alert.setFirstSeen(Instant.parse("2026-11-20T03:15:00Z"));
        alert.setLastSeen(Instant.parse("2026-11-20T03:15:00Z"));
        assertThat(texts.summary(alert, Language.MS, OfficerZone.MYT)).isEqualTo(
                "1 kejadian dilaporkan oleh IMMIGRATION di Kedah (MY) antara 2026-11-20 11:15 MYT dan 2026-11-20 11:15 MYT."
                        + " Kanak-kanak bawah umur terlibat. Bukti kekal pada agensi yang melaporkan.");
        assertThat(texts.summary(alert, Language.ID, OfficerZone.WIB)).startsWith(
                "1 peristiwa dilaporkan oleh IMMIGRATION di Kedah (MY) antara 2026-11-20 10:15 WIB dan 2026-11-20 10:15 WIB.");
        alert.setEventCount(3);
        assertThat(texts.summary(alert, Language.ID, OfficerZone.WITA)).startsWith("3 peristiwa").contains("11:15 WITA");
    }

    @Test
    void everyRuleHasItsTitleInEveryLanguage() {
        Alert alert = watchlistHit();
        EvidenceRef interception = EvidenceRef.newBuilder(alert.getEvidence().get(0)).setEventId("e2")
                .setKind(EventKind.INTERCEPTION).setAgency("MMEA")
                .setObservedAt(alert.getEvidence().get(0).getObservedAt().plusSeconds(60))
                .setLocation(new Location(4.24, 117.88, "MY", "SABAH", "TAWAU")).build();
        alert.setEvidence(List.of(alert.getEvidence().get(0), interception));
        alert.setAgencies(List.of("IMMIGRATION", "MMEA"));
        alert.setCountries(List.of("ID", "MY"));
        alert.setRegions(List.of("KEDAH", "SABAH"));
        alert.setEventCount(2);

        alert.setType("CROSS_BORDER_MOVEMENT");
        assertThat(texts.title(alert, Language.MS)).isEqualTo("Subjek yang sama dikesan di ID, MY oleh IMMIGRATION, MMEA");
        assertThat(texts.title(alert, Language.ID)).isEqualTo("Subjek yang sama terlihat di ID, MY oleh IMMIGRATION, MMEA");
        alert.setType("SIGHTING_INTERCEPTION_LINK");
        assertThat(texts.title(alert, Language.MS))
                .isEqualTo("Subjek yang dipintas oleh MMEA telah dikesan lebih awal oleh agensi lain");
        assertThat(texts.title(alert, Language.ID))
                .isEqualTo("Subjek yang dicegat oleh MMEA sebelumnya terlihat oleh instansi lain");
        alert.setType("FACILITATOR_NETWORK");
        assertThat(texts.title(alert, Language.MS)).isEqualTo(
                "Suspek fasilitator dikaitkan dengan 2 laporan mangsa yang disyaki di Kedah, Sabah");
        alert.setType("GROUP_CROSSING");
        assertThat(texts.title(alert, Language.ID))
                .isEqualTo("Rombongan orang dengan indikator perdagangan orang melintas di Tawau");
        alert.setType("WATCHLIST_HIT");
        assertThat(texts.title(alert, Language.MS)).isEqualTo("Subjek dalam senarai pantau dikesan oleh MMEA di Tawau");
        // Counted by sites, as the rule and its English title count: not by events (a third event at Tawau).
        alert.setType("REPEAT_CROSSING");
        alert.setEvidence(List.of(alert.getEvidence().get(0), interception,
                EvidenceRef.newBuilder(interception).setEventId("e3").build()));
        alert.setEventCount(3);
        assertThat(texts.title(alert, Language.MS)).isEqualTo("Orang yang sama dikesan di 2 pintu sempadan di Kedah, Sabah");
        assertThat(texts.title(alert, Language.ID))
                .isEqualTo("Orang yang sama terlihat di 2 pos lintas batas di Kedah, Sabah");
    }

    @Test
    void anUnknownRuleKeepsTheRecordsEnglishInEveryLanguage() {
        Alert alert = watchlistHit();
        alert.setType("NEW_RULE_NOT_IN_THE_CATALOGUE");
        for (Language language : Language.values()) {
            assertThat(texts.title(alert, language)).isEqualTo(alert.getTitle());
            assertThat(texts.summary(alert, language, OfficerZone.MYT)).isEqualTo(alert.getSummary());
        }
    }

    @Test
    void anEmptyEnglishTitleIsMadeFromTheCatalogue() {
        Alert alert = watchlistHit();
        alert.setTitle("");
        assertThat(texts.title(alert, Language.EN)).isEqualTo("Watchlisted subject seen by IMMIGRATION at Bukit Kayu Hitam");
    }
}
