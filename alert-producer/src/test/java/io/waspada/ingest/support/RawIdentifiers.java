package io.waspada.ingest.support;

import java.util.List;

/** Identifiers of every scheme, as an agency might spell them, with every form that must never reach a topic or a log. */
public final class RawIdentifiers {

    /** scheme, raw value as posted, issuer, the normalised forms that must not appear either. */
    public record Raw(String scheme, String value, String issuer, List<String> forms) {
    }

    public static final List<Raw> RAW = List.of(
            new Raw("PASSPORT", "x9876543", "ID", List.of("x9876543", "X9876543")),
            new Raw("NATIONAL_ID", "900101-14-5567", "MY", List.of("900101-14-5567", "900101145567")),
            new Raw("PHONE", "012-987 6543", "MY", List.of("012-987 6543", "0129876543", "60129876543", "129876543")),
            new Raw("PHONE", "+62 813-1111-2222", null, List.of("+62 813-1111-2222", "6281311112222", "81311112222")),
            new Raw("MMSI", "533 123 456", null, List.of("533 123 456", "533123456")),
            new Raw("IMO", "IMO 9074729", null, List.of("IMO 9074729", "9074729")),
            new Raw("PLATE", "wxy-7788", "MY", List.of("wxy-7788", "WXY7788", "WXY-7788")),
            new Raw("COMPANY_REG", "201901012345", "MY", List.of("201901012345")),
            new Raw("OTHER", "Boat named Bintang Laut", null, List.of("Bintang Laut", "BINTANG LAUT")));

    /** {@code body}'s subjects replaced by one person per raw identifier; the body, for chaining. */
    public static com.fasterxml.jackson.databind.node.ObjectNode asSubjects(
            com.fasterxml.jackson.databind.node.ObjectNode body) {
        var subjects = body.putArray("subjects");
        for (Raw raw : RAW) {
            var identifier = subjects.addObject().put("type", "PERSON").putArray("identifiers").addObject()
                    .put("scheme", raw.scheme()).put("value", raw.value());
            if (raw.issuer() != null) {
                identifier.put("issuer", raw.issuer());
            }
        }
        return body;
    }

    private RawIdentifiers() {
    }
}
