package io.waspada.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The agencies' Kafka door: per agency an inbox it alone may write (raw reports, {@code AgencyReport} Avro, kept one
 * hour) and a rejects topic it alone may read (the problem details of every report the alert-producer refused, JSON).
 * One topic per agency because Kafka does not record who wrote a record: the agency of a report is the one whose
 * principal the ACLs let write that inbox, never a field of the payload.
 */
public final class AgencyTopics {

    /** The agency codes of the contract; {@code WASPADA_AGENCIES} (comma list) replaces them. */
    public static final List<String> DEFAULT_AGENCIES = List.of("RMP", "RMP_GOF", "MMEA", "IMMIGRATION", "CUSTOMS",
            "LABOUR", "NTF", "MAPO", "APM", "MOH", "ID_POLRI", "ID_IMIGRASI", "ID_BP2MI");
    public static final String AGENCIES_VARIABLE = "WASPADA_AGENCIES";

    public static final String INBOX_PREFIX = "tip.inbox.";
    public static final String REJECTS_PREFIX = "tip.rejects.";
    /** An agency principal's name is this plus the agency's slug, e.g. {@code agency-id-imigrasi}. */
    public static final String PRINCIPAL_PREFIX = "agency-";

    /** Short: a report is read within seconds, and it is the only place a raw identifier is ever written. */
    public static final Duration INBOX_RETENTION = Duration.ofHours(1);
    /** Segments roll this often, so a report is deleted at most this long after its retention (not 7 days after). */
    public static final Duration INBOX_SEGMENT = Duration.ofMinutes(10);
    public static final Duration REJECTS_RETENTION = Duration.ofDays(7);

    private AgencyTopics() {
    }

    /** {@code ID_IMIGRASI} becomes {@code id-imigrasi}: topic and principal names without '_' beside '.'. */
    public static String slug(String agency) {
        if (agency == null || !agency.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new IllegalArgumentException("not an agency code (A-Z, 0-9, _): " + agency);
        }
        return agency.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String principal(String agency) {
        return PRINCIPAL_PREFIX + slug(agency);
    }

    /** Raw bytes: the alert-producer decodes them itself, so an undecodable report becomes a reject, not a crash. */
    public static Topic<byte[], byte[]> inbox(String agency) {
        return new Topic<>(INBOX_PREFIX + slug(agency) + ".v1", Serdes.ByteArray(), Serdes.ByteArray(),
                TopicSpec.deleteAfter(3, INBOX_RETENTION).rollingEvery(INBOX_SEGMENT));
    }

    /** Keyed by the report's eventId (or none), values JSON problem details with the report's position. */
    public static Topic<String, String> rejects(String agency) {
        return new Topic<>(REJECTS_PREFIX + slug(agency) + ".v1", Serdes.String(), Serdes.String(),
                TopicSpec.deleteAfter(1, REJECTS_RETENTION));
    }

    /** Every agency's inbox and rejects topic. */
    public static List<Topic<?, ?>> all(List<String> agencies) {
        List<Topic<?, ?>> topics = new ArrayList<>();
        for (String agency : agencies) {
            topics.add(inbox(agency));
            topics.add(rejects(agency));
        }
        return topics;
    }

    /** {@code WASPADA_AGENCIES} if set, else {@link #DEFAULT_AGENCIES}; each code checked. */
    public static List<String> agencies(Map<String, String> env) {
        String value = env.get(AGENCIES_VARIABLE);
        List<String> agencies = value == null || value.isBlank() ? DEFAULT_AGENCIES
                : Arrays.stream(value.split(",")).map(String::trim).filter(code -> !code.isEmpty()).distinct().toList();
        agencies.forEach(AgencyTopics::slug);
        return agencies;
    }
}
