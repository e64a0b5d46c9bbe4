package io.waspada.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The trafficking patterns the correlation rules should find at their default settings, each with a near-miss
 * that must not raise the same alert. Event times are hours before {@code start}; watchlist sightings are
 * observed when posted, after their watchlist change. Each pattern's events carry one fixed handling code
 * (cross-border H0, vessel link and group crossing H2, the others H1), so which task forces are cleared for its
 * alert does not depend on the seed.
 */
final class PlantedPatterns {

    static final Set<String> NAMES = Set.of("cross-border", "facilitator-network", "vessel-link", "watchlist",
            "group-crossing", "tip-only", "repeat-crossing");
    /**
     * Planted only when named ({@code --patterns minor-no-return}), not with {@code all}: an absence rule fires when
     * stream time passes its deadline plus grace, about {@link #ABSENCE_MARGIN} after the feed starts, not at once.
     */
    static final Set<String> ON_REQUEST = Set.of("minor-no-return");
    /** MINOR_OUTBOUND_NO_RETURN at its default settings: 7 days, plus the 24 h grace, after the departure. */
    private static final Duration ABSENCE_DUE = Duration.ofDays(8);
    /** The departure is planted this long less than {@link #ABSENCE_DUE} before the start: not too late, soon due. */
    static final Duration ABSENCE_MARGIN = Duration.ofMinutes(2);
    private static final List<String> GROUP_INDICATORS = List.of("GROUP_TRAVEL_SAME_SPONSOR", "DECEPTIVE_RECRUITMENT");

    /** The demo hotline whose tips are planted (DemoCredentials.ORGANISATIONS). */
    static final String TIP_ORGANISATION = "HOTLINE_MY";

    private final EventFactory events;
    private final FakeIdentifiers ids;
    private final Instant start;

    PlantedPatterns(EventFactory events, Instant start) {
        this.events = events;
        this.ids = events.ids();
        this.start = start;
    }

    /** The patterns named (each with its near-miss), in a fixed order so a seed always gives the same plan. */
    List<Planted> plan(Set<String> names) {
        List<Planted> planted = new ArrayList<>();
        if (names.contains("cross-border")) {
            planted.add(victimCrossingTwoBorders());
            planted.add(samePassportSameCountry());
        }
        if (names.contains("facilitator-network")) {
            planted.add(facilitatorPhone("facilitator-phone-four-victims", "FACILITATOR_NETWORK", null, 3));
            planted.add(facilitatorPhone("facilitator-phone-two-victims", null, "FACILITATOR_NETWORK", 2));
        }
        if (names.contains("vessel-link")) {
            planted.add(vessel("sighted-vessel-intercepted-by-customs", "CUSTOMS", "SIGHTING_INTERCEPTION_LINK", null));
            planted.add(vessel("vessel-sighted-and-intercepted-by-mmea-alone", "MMEA", null, "SIGHTING_INTERCEPTION_LINK"));
        }
        if (names.contains("watchlist")) {
            planted.add(watchlistedPlate());
            planted.add(plateRemovedBeforeSighting());
        }
        if (names.contains("group-crossing")) {
            planted.add(group("group-crossing-bukit-kayu-hitam", "BUKIT_KAYU_HITAM", 6, "GROUP_CROSSING", null));
            planted.add(group("three-persons-crossing-padang-besar", "PADANG_BESAR", 3, null, "GROUP_CROSSING"));
        }
        if (names.contains("tip-only")) {
            planted.add(tipsAlone());
        }
        if (names.contains("repeat-crossing")) {
            planted.add(repeatCrossing("one-person-three-border-posts-in-three-days",
                    List.of("BUKIT_KAYU_HITAM", "PADANG_BESAR", "RANTAU_PANJANG"), "REPEAT_CROSSING", null));
            planted.add(repeatCrossing("one-person-three-crossings-at-two-border-posts",
                    List.of("JOHOR_CAUSEWAY", "SECOND_LINK", "JOHOR_CAUSEWAY"), null, "REPEAT_CROSSING"));
        }
        if (names.contains("minor-no-return")) {
            planted.add(minorLeaves("minor-leaves-bukit-kayu-hitam-no-return", null, "MINOR_OUTBOUND_NO_RETURN", null));
            planted.add(minorLeaves("minor-leaves-padang-besar-returns-day-5", Duration.ofDays(5), null,
                    "MINOR_OUTBOUND_NO_RETURN"));
        }
        return planted;
    }

    private Instant hoursAgo(double hours) {
        return start.minus(Duration.ofMinutes(Math.round(hours * 60)));
    }

    private Planted victimCrossingTwoBorders() {
        String passport = ids.passport();
        ObjectNode out = events.sighting("ID_IMIGRASI", Place.named("ENTIKONG"), hoursAgo(5),
                List.of(events.person("SUSPECTED_VICTIM", "ID", "ADULT", passport)), List.of("DECEPTIVE_RECRUITMENT"), "OUTBOUND");
        ObjectNode in = events.sighting("IMMIGRATION", Place.named("TEBEDU"), hoursAgo(3),
                List.of(events.person("SUSPECTED_VICTIM", "ID", "ADULT", passport)), List.of(), "INBOUND");
        handling("H0", out, in);
        // Immigration asks everyone acting on this to protect the victim first: the alert carries the flag.
        in.putArray("flags").addObject().put("kind", "PROTECT_VICTIM");
        return new Planted("victim-passport-entikong-then-tebedu", "CROSS_BORDER_MOVEMENT", null, List.of(
                new Step.Event(hoursAgo(5), "ID_IMIGRASI", "SIGHTING", out, false),
                new Step.Event(hoursAgo(3), "IMMIGRATION", "SIGHTING", in, false)));
    }

    /**
     * Civil-society tips (#18): a hotline is told twice about one woman's passport, at Entikong and then at Tebedu. The
     * tips correlate like agency sightings, into an alert resting only on tips: the verification desk's alone.
     */
    private Planted tipsAlone() {
        String passport = ids.passport();
        List<Step> steps = new ArrayList<>();
        for (String site : List.of("ENTIKONG", "TEBEDU")) {
            Instant at = hoursAgo("ENTIKONG".equals(site) ? 4 : 2);
            ObjectNode tip = events.sighting(TIP_ORGANISATION, Place.named(site), at,
                    List.of(events.person("SUSPECTED_VICTIM", "ID", "ADULT", passport)), List.of("DECEPTIVE_RECRUITMENT"),
                    "ENTIKONG".equals(site) ? "OUTBOUND" : "INBOUND");
            // What a tip is worth is Waspada's to set: a tip names no agency, handling or evaluation.
            tip.remove(List.of("agency", "handling", "sourceReliability", "informationAccuracy"));
            tip.put("notes", "Hotline caller: her sister was taken across by an agent who keeps her passport");
            steps.add(new Step.Event(at, TIP_ORGANISATION, "TIP", tip, false));
        }
        return new Planted("tips-alone-passport-entikong-then-tebedu", "CROSS_BORDER_MOVEMENT", null, steps);
    }

    private Planted samePassportSameCountry() {
        String passport = ids.passport();
        Place place = Place.named("BUKIT_KAYU_HITAM");
        List<Step> steps = new ArrayList<>();
        for (double hours : new double[] {6, 2}) {
            ObjectNode body = events.sighting("IMMIGRATION", place, hoursAgo(hours),
                    List.of(events.person("UNKNOWN", "TH", "ADULT", passport)), List.of(), "INBOUND");
            steps.add(new Step.Event(hoursAgo(hours), "IMMIGRATION", "SIGHTING", body, false));
        }
        return new Planted("same-passport-twice-bukit-kayu-hitam-same-agency", null, "CROSS_BORDER_MOVEMENT", steps);
    }

    /** One facilitator phone named in rescues in Kuala Lumpur with {@code rescues} victims' passports, 1 to 2 per rescue. */
    private Planted facilitatorPhone(String name, String expected, String mustNot, int rescues) {
        String phone = ids.phone("ID");
        List<String> agencies = List.of("RMP", "LABOUR", "RMP");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < rescues; i++) {
            Instant at = hoursAgo(7 - 2 * i);
            List<ObjectNode> subjects = new ArrayList<>();
            subjects.add(events.thing("PHONE", "SUSPECTED_FACILITATOR", "PHONE", phone, null));
            int victims = rescues == 3 && i == 0 ? 2 : 1;
            for (int v = 0; v < victims; v++) {
                subjects.add(events.person("SUSPECTED_VICTIM", "ID", "ADULT", ids.passport()));
            }
            ObjectNode body = events.interception(agencies.get(i), Place.named("KUALA_LUMPUR"), at, subjects,
                    List.of("DEBT_BONDAGE", "WITHHELD_WAGES"), "RESCUED", victims);
            handling("H1", body);
            steps.add(new Step.Event(at, agencies.get(i), "INTERCEPTION", body, false));
        }
        return new Planted(name, expected, mustNot, steps);
    }

    private Planted vessel(String name, String interceptingAgency, String expected, String mustNot) {
        String mmsi = ids.mmsi();
        ObjectNode seen = events.sighting("MMEA", Place.named("STRAIT_OF_MALACCA"), hoursAgo(8),
                List.of(events.thing("VESSEL", "UNKNOWN", "MMSI", mmsi, null)), List.of(), "INBOUND");
        Place port = Place.named("CUSTOMS".equals(interceptingAgency) ? "PORT_KLANG" : "PASIR_GUDANG");
        ObjectNode stopped = events.interception(interceptingAgency, port, hoursAgo(2),
                List.of(events.thing("VESSEL", "SUSPECTED_FACILITATOR", "MMSI", mmsi, null),
                        events.person("SUSPECTED_VICTIM", "MM", "ADULT", ids.passport())),
                List.of("ABUSIVE_CONDITIONS"), "SEIZED", 1);
        handling("H2", seen, stopped);
        return new Planted(name, expected, mustNot, List.of(
                new Step.Event(hoursAgo(8), "MMEA", "SIGHTING", seen, false),
                new Step.Event(hoursAgo(2), interceptingAgency, "INTERCEPTION", stopped, false)));
    }

    private ObjectNode plateEntry(String plate) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.putObject("identifier").put("scheme", "PLATE").put("value", plate).put("issuer", "MY");
        entry.put("reason", "Van used to move workers across the causeway").put("severity", "HIGH")
                .put("expiresAt", start.plus(Duration.ofDays(60)).toString());
        // The van is under surveillance: whoever sees it must not approach (the hit's alert carries the flag).
        entry.putArray("flags").addObject().put("kind", "COVERT");
        return entry;
    }

    private ObjectNode plateSighting(String plate, String site) {
        ObjectNode body = events.sighting("CUSTOMS", Place.named(site), start, List.of(
                events.thing("VEHICLE", "SUSPECTED_FACILITATOR", "PLATE", plate, "MY"),
                events.person("UNKNOWN", "ID", "ADULT", ids.passport())), List.of(), "OUTBOUND");
        handling("H1", body);
        return body;
    }

    private Planted watchlistedPlate() {
        String plate = ids.plate("MY");
        String entryId = "rmp-plate-" + events.eventId().substring(0, 8);
        return new Planted("watchlisted-plate-sighted-at-johor-causeway", "WATCHLIST_HIT", null, List.of(
                new Step.WatchlistPut(start.plusMillis(10), "RMP", entryId, plateEntry(plate)),
                new Step.Event(start.plusMillis(11), "CUSTOMS", "SIGHTING", plateSighting(plate, "JOHOR_CAUSEWAY"), true)));
    }

    private Planted plateRemovedBeforeSighting() {
        String plate = ids.plate("MY");
        String entryId = "rmp-plate-" + events.eventId().substring(0, 8);
        return new Planted("plate-removed-from-watchlist-then-sighted", null, "WATCHLIST_HIT", List.of(
                new Step.WatchlistPut(start.plusMillis(20), "RMP", entryId, plateEntry(plate)),
                new Step.WatchlistDelete(start.plusMillis(21), "RMP", entryId),
                new Step.Event(start.plusMillis(22), "CUSTOMS", "SIGHTING", plateSighting(plate, "SECOND_LINK"), true)));
    }

    /** {@code persons} sightings, one person with indicators each, ten minutes apart, at one crossing. */
    private Planted group(String name, String site, int persons, String expected, String mustNot) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < persons; i++) {
            Instant at = start.minus(Duration.ofMinutes(80 - 10L * i));
            String agency = i % 2 == 0 ? "IMMIGRATION" : "RMP_GOF";
            ObjectNode body = events.sighting(agency, Place.named(site), at,
                    List.of(events.person("SUSPECTED_VICTIM", "ID", i == 0 ? "MINOR" : "ADULT", ids.passport())),
                    GROUP_INDICATORS, "INBOUND");
            handling("H2", body);
            steps.add(new Step.Event(at, agency, "SIGHTING", body, false));
        }
        return new Planted(name, expected, mustNot, steps);
    }

    /**
     * The sixth rule, shipped as data (#19): one passport at three border crossings, 30 hours
     * apart, by Immigration alone (one agency, one country: no cross-border alert); the near miss crosses three times
     * at two posts (the Johor causeway and the Second Link).
     */
    private Planted repeatCrossing(String name, List<String> sites, String expected, String mustNot) {
        String passport = ids.passport();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Instant at = hoursAgo(64 - 30 * i);
            ObjectNode body = events.sighting("IMMIGRATION", Place.named(sites.get(i)), at,
                    List.of(events.person("UNKNOWN", "TH", "ADULT", passport)), List.of(), i % 2 == 0 ? "OUTBOUND"
                            : "INBOUND");
            handling("H1", body);
            steps.add(new Step.Event(at, "IMMIGRATION", "SIGHTING", body, false));
        }
        return new Planted(name, expected, mustNot, steps);
    }

    /**
     * A girl's passport sighted leaving Malaysia at a border crossing, {@link #ABSENCE_DUE} less
     * {@link #ABSENCE_MARGIN} before the start; with {@code returnAfter}, the same passport is sighted coming back at
     * the same crossing that long after (the near miss: back on day 5, within the 7 days).
     */
    private Planted minorLeaves(String name, Duration returnAfter, String expected, String mustNot) {
        String passport = ids.passport();
        Place place = Place.named(returnAfter == null ? "BUKIT_KAYU_HITAM" : "PADANG_BESAR");
        Instant left = start.minus(ABSENCE_DUE).plus(ABSENCE_MARGIN);
        ObjectNode out = events.sighting("IMMIGRATION", place, left,
                List.of(events.person("SUSPECTED_VICTIM", "MY", "MINOR", passport)), List.of(), "OUTBOUND");
        handling("H1", out);
        List<Step> steps = new ArrayList<>(List.of(new Step.Event(left, "IMMIGRATION", "SIGHTING", out, false)));
        if (returnAfter != null) {
            Instant back = left.plus(returnAfter);
            ObjectNode in = events.sighting("IMMIGRATION", place, back,
                    List.of(events.person("SUSPECTED_VICTIM", "MY", "MINOR", passport)), List.of(), "INBOUND");
            handling("H1", in);
            steps.add(new Step.Event(back, "IMMIGRATION", "SIGHTING", in, false));
        }
        return new Planted(name, expected, mustNot, steps);
    }

    private static void handling(String code, ObjectNode... bodies) {
        for (ObjectNode body : bodies) {
            body.put("handling", code);
        }
    }
}
