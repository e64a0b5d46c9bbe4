package io.waspada.ingest.domain;

import io.waspada.avro.Identifier;
import io.waspada.avro.Subject;
import java.util.List;
import java.util.Set;

/** Reads one subject (type, role, nationality, sex, ageBand, identifiers) into an Avro {@link Subject} with tokens. */
public final class SubjectReader {

    public static final int MAX_IDENTIFIERS = 10;
    private static final Set<String> FIELDS = Lexicon.of("type", "role", "nationality", "sex", "ageBand", "identifiers");

    private final IdentifierReader identifiers;

    public SubjectReader(IdentifierReader identifiers) {
        this.identifiers = identifiers;
    }

    public Subject read(Object value, FieldPath path, List<Violation> violations) {
        if (!(value instanceof JsonFields node)) {
            violations.add(new Violation(path.toString(), "type", "must be an object"));
            return null;
        }
        int before = violations.size();
        FieldReader fields = new FieldReader(node, path, violations);
        fields.rejectUnknown(FIELDS);
        String type = fields.requiredEnum("type", Vocabulary.SUBJECT_TYPES);
        String role = fields.optionalEnum("role", Vocabulary.ROLES, "UNKNOWN");
        String nationality = fields.country("nationality", false);
        String sex = fields.optionalEnum("sex", Vocabulary.SEXES, null);
        String ageBand = fields.optionalEnum("ageBand", Vocabulary.AGE_BANDS, null);
        List<Identifier> ids = fields.array("identifiers", 0, MAX_IDENTIFIERS,
                (element, elementPath) -> identifiers.read(element, elementPath, violations));
        if (violations.size() > before) {
            return null;
        }
        // The constructor, not the builder: the builder checked and copied what was checked here already.
        return new Subject(type, role, nationality, sex, ageBand, ids);
    }
}
