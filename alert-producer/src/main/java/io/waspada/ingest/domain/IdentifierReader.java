package io.waspada.ingest.domain;

import io.waspada.avro.Identifier;
import io.waspada.avro.PreviousToken;
import io.waspada.ingest.privacy.Pseudonymiser;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code {"scheme", "value", "issuer"}}, normalises the value by its scheme and replaces it with its
 * token: the Avro {@link Identifier} it returns never holds the raw value. Null (with violations) if invalid.
 * During a key rotation's overlap the identifier also carries its token under the previous key.
 */
public final class IdentifierReader {

    private static final Set<String> FIELDS = Set.of("scheme", "value", "issuer");
    private static final int MAX_VALUE_LENGTH = 64;

    private final Pseudonymiser pseudonymiser;

    public IdentifierReader(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public Identifier read(Object element, FieldPath path, List<Violation> violations) {
        if (!(element instanceof JsonFields node)) {
            violations.add(new Violation(path.toString(), "type", "must be an object"));
            return null;
        }
        FieldReader fields = new FieldReader(node, path, violations);
        fields.rejectUnknown(FIELDS);
        String schemeName = fields.requiredText("scheme", 32);
        String value = fields.requiredText("value", MAX_VALUE_LENGTH);
        String issuer = fields.country("issuer", false);
        if (schemeName == null) {
            return null;
        }
        Optional<IdentifierScheme> scheme = IdentifierScheme.of(schemeName);
        if (scheme.isEmpty()) {
            fields.violation("scheme", "enum", "must be one of " + List.of(IdentifierScheme.values()));
            return null;
        }
        if (value == null) {
            return null;
        }
        Optional<String> normalised = scheme.get().normalise(value, issuer);
        if (normalised.isEmpty()) {
            fields.violation("value", scheme.get().rule(), "is not a valid " + schemeName + ": expected "
                    + scheme.get().expectation());
            return null;
        }
        Pseudonymiser previous = pseudonymiser.previous();
        return new Identifier(schemeName, pseudonymiser.token(schemeName, normalised.get()),
                pseudonymiser.keyId(), issuer, previous == null ? null
                        : new PreviousToken(previous.keyId(), previous.token(schemeName, normalised.get())));
    }
}
