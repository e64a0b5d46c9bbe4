package io.waspada.correlation.bench;

import io.waspada.avro.Handling;
import io.waspada.avro.Identifier;
import io.waspada.avro.PreviousToken;
import io.waspada.avro.Interception;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.avro.Sighting;
import io.waspada.avro.Subject;
import io.waspada.avro.WatchlistEntry;
import io.waspada.sites.Site;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded, reproducible agency feed for the benchmark: sightings (80%) and interceptions over a month, half at
 * registered border sites and half inland, 1-4 persons each (one in fifty from a recurring population seen about
 * five times a month at random places, the rest seen once), a suspected facilitator phone on one event in fifty
 * (each phone behind about ten events a month), trafficking indicators on one in eight, 2% reported hours late.
 */
public final class EventGenerator {

    private static final String[] MY_AGENCIES = {"RMP", "RMP_GOF", "MMEA", "IMMIGRATION", "CUSTOMS", "LABOUR", "APM"};
    private static final String[] ID_AGENCIES = {"ID_POLRI", "ID_IMIGRASI", "ID_BP2MI"};
    private static final String[] INDICATORS = {"DECEPTIVE_RECRUITMENT", "DEBT_BONDAGE",
        "DOCUMENTS_HELD_BY_THIRD_PARTY", "RESTRICTED_MOVEMENT", "ISOLATION", "INTIMIDATION_THREATS",
        "WITHHELD_WAGES", "ABUSIVE_CONDITIONS", "EXCESSIVE_OVERTIME", "ABUSE_OF_VULNERABILITY",
        "UNACCOMPANIED_MINOR", "GROUP_TRAVEL_SAME_SPONSOR", "FRAUDULENT_DOCUMENTS"};
    private static final Location[] INLAND = {
        new Location(3.139, 101.6869, "MY", "KUALA_LUMPUR", null),
        new Location(5.4141, 100.3288, "MY", "PULAU_PINANG", null),
        new Location(1.4927, 103.7414, "MY", "JOHOR", null),
        new Location(1.5533, 110.3592, "MY", "SARAWAK", null),
        new Location(5.9804, 116.0735, "MY", "SABAH", null),
        new Location(6.1248, 100.3678, "MY", "KEDAH", null),
        new Location(3.0738, 101.5183, "MY", "SELANGOR", null),
        new Location(-0.0263, 109.3425, "ID", "KALIMANTAN_BARAT", null),
        new Location(3.3000, 117.6333, "ID", "KALIMANTAN_UTARA", null)};

    private final Random random;
    private final List<Site> borderSites = new ArrayList<>();
    private final String[] persons;
    private final String[] phones;
    private final Instant start = Instant.parse("2026-10-01T00:00:00Z");
    private final long stepMs;
    private long index;
    private boolean overlap;

    public EventGenerator(long seed, long events, SiteRegistry sites) {
        this.random = new Random(seed);
        // In code order: the registry's own order is not the same in every JVM, and the feed must be.
        sites.all().stream().filter(site -> site.kind().isBorder())
                .sorted(java.util.Comparator.comparing(Site::code)).forEach(borderSites::add);
        this.persons = tokens((int) Math.max(100, events / 100));
        this.phones = tokens((int) Math.max(20, events / 500));
        this.stepMs = Duration.ofDays(30).toMillis() / Math.max(1, events);
    }

    /** The next event: a Sighting or an Interception. */
    public Object next() {
        long i = index++;
        Instant observed = start.plusMillis(i * stepMs + random.nextInt(1_800_000));
        if (random.nextInt(100) < 2) {
            observed = observed.minusMillis(random.nextInt(12 * 3_600_000));
        }
        Location where = random.nextBoolean() ? INLAND[random.nextInt(INLAND.length)] : borderLocation();
        String agency = "ID".equals(where.getCountry()) ? pick(ID_AGENCIES) : pick(MY_AGENCIES);
        List<Subject> subjects = subjects();
        List<String> indicators = random.nextInt(8) == 0 ? indicators() : List.of();
        Handling handling = Handling.values()[random.nextInt(Handling.values().length)];
        String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
        if (random.nextInt(5) > 0) {
            return Sighting.newBuilder().setEventId(eventId).setAgency(agency).setObservedAt(observed)
                    .setLocation(where).setSubjects(subjects).setIndicators(indicators).setDirection("INBOUND")
                    .setHandling(handling).setSourceReliability(pick(new String[] {"A", "B", "C", "X"}))
                    .setInformationAccuracy(1 + random.nextInt(4)).setSource(io.waspada.avro.EventSource.AGENCY)
                    .setReceivedAt(observed.plusSeconds(60)).build();
        }
        return Interception.newBuilder().setEventId(eventId).setAgency(agency).setObservedAt(observed)
                .setLocation(where).setSubjects(subjects).setIndicators(indicators).setDirection("INBOUND")
                .setHandling(handling).setSourceReliability("A").setInformationAccuracy(2)
                .setOutcome(Outcome.values()[random.nextInt(5)]).setPersonsCount(subjects.size() + random.nextInt(4))
                .setCaseReference("CASE-" + i).setReceivedAt(observed.plusSeconds(120)).build();
    }

    /** Watchlist entries on tokens of the population. */
    public List<WatchlistEntry> watchlist(int count) {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean phone = random.nextBoolean();
            Identifier id = phone ? new Identifier("PHONE", pick(phones), "k1", null, null)
                    : new Identifier("PASSPORT", pick(persons), "k1", "ID", null);
            entries.add(WatchlistEntry.newBuilder().setEntryId("bench-w" + i).setOwningAgency(pick(MY_AGENCIES))
                    .setIdentifier(id).setReason("benchmark").setSeverity(Severity.values()[random.nextInt(4)])
                    .setCreatedAt(start).setExpiresAt(null).build());
        }
        return entries;
    }

    /**
     * An event's identifier: its k1 token, or during a key rotation's overlap ({@link #duringOverlap}) its k2 token
     * with the k1 token as the previous one (every identifier then needs its link looked up, and written once).
     */
    private Identifier identifier(String scheme, String token, String issuer) {
        return overlap ? new Identifier(scheme, "k2-" + token, "k2", issuer, new PreviousToken("k1", token))
                : new Identifier(scheme, token, "k1", issuer, null);
    }

    /** Events as during a key rotation's overlap (watchlist entries stay k1 tokens, as made before it). */
    public EventGenerator duringOverlap() {
        overlap = true;
        return this;
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int s = 0; s < count; s++) {
            List<Identifier> ids = new ArrayList<>();
            boolean recurring = random.nextInt(50) == 0;
            ids.add(identifier("PASSPORT", recurring ? pick(persons) : freshToken(), "ID"));
            if (random.nextInt(10) == 0) {
                ids.add(identifier("PHONE", freshToken(), null));
            }
            boolean victim = random.nextInt(10) < 4;
            subjects.add(Subject.newBuilder().setType("PERSON").setRole(victim ? "SUSPECTED_VICTIM" : "UNKNOWN")
                    .setNationality("ID").setSex(random.nextBoolean() ? "F" : "M")
                    .setAgeBand(random.nextInt(20) == 0 ? "MINOR" : "ADULT").setIdentifiers(ids).build());
        }
        if (random.nextInt(50) == 0) {
            subjects.add(Subject.newBuilder().setType("PHONE").setRole("SUSPECTED_FACILITATOR")
                    .setIdentifiers(List.of(identifier("PHONE", pick(phones), null))).build());
        }
        return subjects;
    }

    private List<String> indicators() {
        List<String> chosen = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            String indicator = pick(INDICATORS);
            if (!chosen.contains(indicator)) {
                chosen.add(indicator);
            }
        }
        return chosen;
    }

    private Location borderLocation() {
        Site site = borderSites.get(random.nextInt(borderSites.size()));
        return new Location(site.lat(), site.lon(), site.country(), site.region(), site.code());
    }

    private String[] tokens(int count) {
        String[] tokens = new String[count];
        byte[] bytes = new byte[32];
        for (int i = 0; i < count; i++) {
            random.nextBytes(bytes);
            tokens[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return tokens;
    }

    private String freshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
