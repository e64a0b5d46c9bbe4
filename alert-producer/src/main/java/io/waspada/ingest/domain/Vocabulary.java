package io.waspada.ingest.domain;

import java.util.Locale;
import java.util.Set;

/** The closed vocabularies of the event contract (ARCHITECTURE.md, Events), as the API validates them. */
public final class Vocabulary {

    public static final Set<String> SUBJECT_TYPES = Lexicon.of("PERSON", "VESSEL", "VEHICLE", "DOCUMENT", "PHONE", "ORGANIZATION");
    public static final Set<String> ROLES = Lexicon.of("SUSPECTED_VICTIM", "SUSPECTED_FACILITATOR", "WITNESS", "UNKNOWN");
    public static final Set<String> AGE_BANDS = Lexicon.of("MINOR", "ADULT", "UNKNOWN");
    public static final Set<String> SEXES = Lexicon.of("F", "M", "X", "UNKNOWN");
    public static final Set<String> DIRECTIONS = Lexicon.of("INBOUND", "OUTBOUND", "INTERNAL", "UNKNOWN");
    public static final Set<String> SOURCE_RELIABILITY = Lexicon.of("A", "B", "C", "X");
    public static final Set<String> HANDLING = Lexicon.of("H0", "H1", "H2", "H3");
    public static final Set<String> OUTCOMES = Lexicon.of("RESCUED", "ARRESTED", "DETAINED", "DENIED_ENTRY", "SEIZED");
    public static final Set<String> SEVERITIES = Lexicon.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    public static final Set<String> INDICATORS = Lexicon.of("DECEPTIVE_RECRUITMENT", "DEBT_BONDAGE",
            "DOCUMENTS_HELD_BY_THIRD_PARTY", "RESTRICTED_MOVEMENT", "ISOLATION", "INTIMIDATION_THREATS",
            "PHYSICAL_OR_SEXUAL_VIOLENCE", "WITHHELD_WAGES", "ABUSIVE_CONDITIONS", "EXCESSIVE_OVERTIME",
            "ABUSE_OF_VULNERABILITY", "UNACCOMPANIED_MINOR", "GROUP_TRAVEL_SAME_SPONSOR", "FRAUDULENT_DOCUMENTS");
    /** ISO 3166-1 alpha-2 codes known to the JDK. */
    public static final Set<String> COUNTRIES = Lexicon.of(Locale.getISOCountries());

    private Vocabulary() {
    }
}
