package io.waspada.alerts;

/**
 * The label keys every alert carries for routing (Alertmanager-style matchers match on them). The
 * stream-processor fills them; the notifier routes on them. Multi-valued labels are sorted and joined
 * with commas, so a matcher like {@code countries=~".*ID.*"} works.
 */
public final class AlertLabels {

    /** The rule: WATCHLIST_HIT, CROSS_BORDER_MOVEMENT, SIGHTING_INTERCEPTION_LINK, FACILITATOR_NETWORK, GROUP_CROSSING. */
    public static final String TYPE = "type";
    /** LOW, MEDIUM, HIGH, CRITICAL. */
    public static final String SEVERITY = "severity";
    /** The region (state/province code, e.g. KEDAH, SABAH, SARAWAK, KALIMANTAN_BARAT) of the latest evidence. */
    public static final String REGION = "region";
    /** Every region of the evidence, sorted, comma-joined. */
    public static final String REGIONS = "regions";
    /** Where the latest evidence was seen: LAND (land border), SEA (port/sea), AIR (airport) or INLAND. */
    public static final String DOMAIN = "domain";
    /** ISO 3166-1 alpha-2 codes of the evidence, sorted, comma-joined, e.g. "ID,MY". */
    public static final String COUNTRIES = "countries";
    /** Agency codes of the evidence, sorted, comma-joined, e.g. "ID_IMIGRASI,IMMIGRATION". */
    public static final String AGENCIES = "agencies";
    /** The most restrictive handling code of the evidence: H0..H3. */
    public static final String HANDLING = "handling";
    /** The correlation key (identifier token or site code): inhibition matches "the same subject" on it. */
    public static final String SUBJECT = "subject";
    /** "true" when the evidence involves a minor. */
    public static final String MINOR = "minor";
    /**
     * "true" when the evidence concerns a victim: a minor, a SUSPECTED_VICTIM subject, or a PROTECT_VICTIM flag.
     * Protection receivers (social welfare, consular protection) are routed on it.
     */
    public static final String VICTIM = "victim";
    /**
     * The kinds of the alert's jurisdiction flags, strictest first, comma-joined, e.g. "INFORM_ONLY,PROTECT_VICTIM";
     * absent when it has none. A route can match {@code flags=~".*PROTECT_VICTIM.*"}.
     */
    public static final String FLAGS = "flags";
    /**
     * "required" when every event behind the alert is a civil-society tip (none from an agency, ever, in this
     * episode): such an alert goes to a verification desk first and never escalates on its own; absent otherwise.
     * A version after agency evidence joined drops it.
     */
    public static final String VERIFICATION = "verification";
    /** The value of {@link #VERIFICATION} on an alert resting only on tips. */
    public static final String VERIFICATION_REQUIRED = "required";

    private AlertLabels() {
    }
}
