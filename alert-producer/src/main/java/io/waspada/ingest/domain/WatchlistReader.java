package io.waspada.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.avro.Flag;
import io.waspada.avro.Identifier;
import io.waspada.avro.Severity;
import io.waspada.avro.WatchlistEntry;
import io.waspada.ingest.privacy.Pseudonymiser;
import io.waspada.privacy.FreeTextScrubber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a watchlist entry body ({@code identifier, reason, severity, expiresAt, flags}) for entry {@code id} and the
 * calling agency into a pseudonymised {@link WatchlistEntry}; the caller becomes the owning agency.
 */
public final class WatchlistReader {

    public static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    public static final int MAX_REASON = 500;
    private static final Set<String> FIELDS = Lexicon.of("identifier", "reason", "severity", "expiresAt", "owningAgency",
            "flags");

    private final IdentifierReader identifiers;
    private final Clock clock;
    private final FreeTextScrubber freeText;

    public WatchlistReader(Pseudonymiser pseudonymiser, Clock clock) {
        this(pseudonymiser, clock, FreeTextScrubber.silent());
    }

    /** {@code freeText} masks identifier-shaped values in {@code reason}. */
    public WatchlistReader(Pseudonymiser pseudonymiser, Clock clock, FreeTextScrubber freeText) {
        this.identifiers = new IdentifierReader(pseudonymiser);
        this.clock = clock;
        this.freeText = freeText;
    }

    /** The entry, or the violations; {@code owningAgency} in the body, if any, must be the caller (checked by the caller). */
    public Result read(String id, JsonNode body, String caller) {
        return read(id, JsonDocument.of(body) instanceof JsonFields fields ? fields : null, caller);
    }

    /** As above, for a body {@link JsonDocument} read (null if it is not a JSON object). */
    public Result read(String id, JsonFields body, String caller) {
        List<Violation> violations = new ArrayList<>();
        if (id == null || !ENTRY_ID.matcher(id).matches()) {
            violations.add(new Violation("id", "entry-id", "the path id must be 1 to 100 letters, digits or . _ : -"));
        }
        FieldReader fields = FieldReader.root(body, violations);
        if (!fields.isObject()) {
            return new Result(null, violations, null);
        }
        fields.rejectUnknown(FIELDS);
        String owner = fields.optionalText("owningAgency", 32);
        Identifier identifier = null;
        if (!fields.has("identifier")) {
            fields.violation("identifier", "required", "is required");
        } else {
            identifier = identifiers.read(body.get("identifier"), FieldPath.ROOT.field("identifier"), violations);
        }
        String reason = freeText.scrub("reason", fields.requiredText("reason", MAX_REASON));
        String severity = fields.requiredEnum("severity", Vocabulary.SEVERITIES);
        Instant expiresAt = fields.optionalInstant("expiresAt");
        List<Flag> flags = FlagReader.read(fields, caller);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            fields.violation("expiresAt", "future", "must be in the future");
        }
        if (!violations.isEmpty()) {
            return new Result(null, violations, owner);
        }
        WatchlistEntry entry = WatchlistEntry.newBuilder().setEntryId(id).setOwningAgency(caller)
                .setIdentifier(identifier).setReason(reason).setSeverity(Severity.valueOf(severity))
                .setCreatedAt(now).setExpiresAt(expiresAt).setFlags(flags).build();
        return new Result(entry, List.of(), owner);
    }

    /** The entry (null if invalid), the violations, and the owning agency the body claimed (null if none). */
    public record Result(WatchlistEntry entry, List<Violation> violations, String claimedOwner) {
    }
}
