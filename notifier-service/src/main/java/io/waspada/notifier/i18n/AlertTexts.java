package io.waspada.notifier.i18n;

import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An alert's title and summary in a language, made from its structured fields (rule, evidence, agencies, places,
 * counts, times) through the {@link Catalogue}. The record's own {@code title}/{@code summary} are the
 * stream-processor's English and stay as they are: English shows them (they name the identifier's scheme, which
 * the alert's fields do not carry), and so does every language for a rule the catalogue has no title for.
 */
public final class AlertTexts {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final String MINOR = "UNACCOMPANIED_MINOR";

    private final Catalogue catalogue;

    public AlertTexts(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public static AlertTexts standard() {
        return new AlertTexts(Catalogue.get());
    }

    /** The title in {@code language}. */
    public String title(Alert alert, Language language) {
        String key = "alert.title." + alert.getType();
        if (useRecord(alert.getTitle(), language) || !catalogue.has(language, key)) {
            return alert.getTitle();
        }
        EvidenceRef latest = latest(alert);
        String interceptor = alert.getEvidence().stream().filter(e -> e.getKind() == EventKind.INTERCEPTION)
                .map(EvidenceRef::getAgency).findFirst().orElse(latest == null ? "" : latest.getAgency());
        return catalogue.text(language, key,
                "agency", latest == null ? "" : latest.getAgency(),
                "interceptor", interceptor,
                "place", latest == null ? "" : place(latest.getLocation()),
                "countries", String.join(", ", alert.getCountries()),
                "agencies", String.join(", ", alert.getAgencies()),
                "regions", places(alert.getRegions()),
                "count", alert.getEventCount(),
                "siteCount", alert.getEvidence().stream().map(e -> e.getLocation().getSite())
                        .filter(site -> site != null && !site.isBlank()).distinct().count());
    }

    /** The summary in {@code language}, its times in {@code zone} (e.g. {@code 2026-11-20 11:15 MYT}). */
    public String summary(Alert alert, Language language, OfficerZone zone) {
        if (useRecord(alert.getSummary(), language) || !catalogue.has(language, "alert.title." + alert.getType())) {
            return alert.getSummary();
        }
        int count = alert.getEventCount();
        StringBuilder text = new StringBuilder(catalogue.text(language,
                count == 1 ? "alert.summary.events.one" : "alert.summary.events.other",
                "count", count,
                "agencies", String.join(", ", alert.getAgencies()),
                "regions", places(alert.getRegions()),
                "countries", String.join(", ", alert.getCountries()),
                "first", time(alert.getFirstSeen(), zone),
                "last", time(alert.getLastSeen(), zone)));
        if (alert.getEvidence().stream().anyMatch(e -> e.getIndicators().contains(MINOR))) {
            text.append(' ').append(catalogue.text(language, "alert.summary.minor"));
        }
        text.append(' ').append(catalogue.text(language, "alert.summary.evidence"));
        return text.toString();
    }

    /** A time as officers read it: local date and time and the zone's abbreviation. */
    public static String time(Instant instant, OfficerZone zone) {
        return SHOWN.format(instant.atZone(zone.zone())) + " " + zone.abbreviation();
    }

    /** As {@link #time(Instant, OfficerZone)} for any zone id (CAP's configured zone). */
    public static String time(Instant instant, ZoneId zone) {
        return OfficerZone.of(zone.getId()).map(z -> time(instant, z))
                .orElseGet(() -> SHOWN.format(instant.atZone(zone)) + " " + zone.getId());
    }

    /** English keeps the stream-processor's words; an empty record text is made from the catalogue's English. */
    private static boolean useRecord(String recordText, Language language) {
        return language == Language.EN && recordText != null && !recordText.isBlank();
    }

    private static EvidenceRef latest(Alert alert) {
        return alert.getEvidence().stream().max(Comparator.comparing(EvidenceRef::getObservedAt)).orElse(null);
    }

    /** A site or region code as a place name: {@code BUKIT_KAYU_HITAM} is Bukit Kayu Hitam. */
    static String place(Location location) {
        return name(location.getSite() != null ? location.getSite() : location.getRegion());
    }

    private static String places(List<String> codes) {
        return codes.stream().map(AlertTexts::name).collect(Collectors.joining(", "));
    }

    private static String name(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return java.util.Arrays.stream(code.split("_"))
                .map(w -> w.isEmpty() ? w : w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
