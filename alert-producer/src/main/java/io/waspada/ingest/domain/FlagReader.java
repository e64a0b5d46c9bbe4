package io.waspada.ingest.domain;

import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads {@code flags}: an agency's jurisdiction flags on its event or watchlist entry, each
 * {@code {"kind": "INFORM_ONLY", "jurisdiction": "MY"}}, {@code {"kind": "COVERT"}} or {@code {"kind": "PROTECT_VICTIM"}}.
 * The jurisdiction is required for INFORM_ONLY and refused on the others (a covert flag holds everywhere); two flags
 * alike are refused, so what an agency asked for is exactly what travels. The agency on each flag is the caller, never
 * the body.
 */
public final class FlagReader {

    public static final int MAX_FLAGS = 4;
    public static final Set<String> KINDS = Lexicon.of("INFORM_ONLY", "COVERT", "PROTECT_VICTIM");
    private static final Set<String> FIELDS = Lexicon.of("kind", "jurisdiction");

    private FlagReader() {
    }

    /** The {@code flags} of {@code fields} set by {@code agency}, in the order given; empty when absent. */
    public static List<Flag> read(FieldReader fields, String agency) {
        List<Flag> flags = fields.array("flags", 0, MAX_FLAGS,
                (value, path) -> one(value, path, agency, fields.violations()));
        for (int i = 1; i < flags.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (alike(flags.get(i), flags.get(j))) {
                    fields.violations().add(new Violation(fields.path("flags") + "[" + i + "]", "unique",
                            "repeats flags[" + j + "]"));
                }
            }
        }
        return flags;
    }

    private static Flag one(Object value, FieldPath path, String agency, List<Violation> violations) {
        if (!(value instanceof JsonFields node)) {
            violations.add(new Violation(path.toString(), "type", "must be an object such as {\"kind\": \"COVERT\"}"));
            return null;
        }
        int before = violations.size();
        FieldReader flag = new FieldReader(node, path, violations);
        flag.rejectUnknown(FIELDS);
        String kind = flag.requiredEnum("kind", KINDS);
        String jurisdiction = flag.country("jurisdiction", "INFORM_ONLY".equals(kind));
        if (jurisdiction != null && kind != null && !"INFORM_ONLY".equals(kind)) {
            flag.violation("jurisdiction", "inform-only", "is for INFORM_ONLY flags only (" + kind
                    + " holds everywhere)");
        }
        if (violations.size() > before) {
            return null;
        }
        return new Flag(FlagKind.valueOf(kind), jurisdiction, agency);
    }

    private static boolean alike(Flag a, Flag b) {
        return a.getKind() == b.getKind() && Objects.equals(a.getJurisdiction(), b.getJurisdiction());
    }
}
