package io.waspada.correlation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.correlation.audit.AccessAudit;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleVersion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Changing the correlation rules at runtime, for the role {@code rules-admin}: apply a rule document (a new version),
 * list a rule's versions, roll back to an earlier version's source, change a rule's mode. Every change is on the
 * access audit (with the diff of the source) before its version is on {@code tip.rules.v1}; every instance switches
 * at the version's activeFrom (event time). See the stream-processor README, "Changing rules at runtime".
 */
@Path("/api/v1/rules")
@RolesAllowed(RuleVersionsResource.RULES_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules", description = "The correlation rules in force")
@SecurityRequirement(name = "officer")
public class RuleVersionsResource {

    /** The role that may change rules. */
    public static final String RULES_ADMIN = "rules-admin";
    private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");

    /** One version of a rule as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RuleVersion", requiredProperties = {"rule", "version", "mode", "source", "author"})
    public record RuleVersionView(String rule, @Schema(minimum = "0") int version,
            @Schema(enumeration = {"active", "shadow", "disabled"}) String mode,
            @Schema(description = "Event time from which it governs events (absent: from the beginning, version 0)")
            String activeFrom, Long activeFromMs,
            @Schema(description = "The rule document (YAML)") String source, String author,
            @Schema(description = "When it was applied (absent for version 0)") String appliedAt, String reason,
            Integer previousVersion,
            @Schema(description = "In an apply's answer: whether this instance has read the version back") Boolean read) {

        static RuleVersionView of(RuleVersion version, Boolean read) {
            boolean startUp = version.version() == 0;
            return new RuleVersionView(version.rule(), version.version(), version.mode(),
                    startUp ? null : Instant.ofEpochMilli(version.activeFrom()).toString(),
                    startUp ? null : version.activeFrom(), version.source(), version.author(),
                    startUp ? null : Instant.ofEpochMilli(version.appliedAt()).toString(), version.reason(),
                    version.previousVersion(), read);
        }
    }

    @Inject
    RuleChanges changes;

    @Inject
    RuleBook book;

    @Inject
    JsonWebToken caller;

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Apply a rule document: a new version of its rule, in force from activeFrom (event time)")
    @APIResponse(responseCode = "201", description = "Audited and published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RuleVersionView.class)))
    @APIResponse(responseCode = "400", description = "The document has problems (each with its line), or a bad parameter; nothing written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token lacks the role rules-admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The document is longer than 64 K characters; nothing written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The audit or the rules topic cannot be written; nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response apply(String document,
            @Parameter(description = "ISO-8601 instant or +30s/+5m/+2h/+1d; default now + waspada.rules.switch-lead")
            @QueryParam("activeFrom") String activeFrom,
            @Parameter(description = "active, shadow or disabled; default the document's mode, else active")
            @QueryParam("mode") String mode,
            @Parameter(description = "Why (on the version and in the audit)") @QueryParam("reason") String reason) {
        return answer(() -> created(changes.apply(document, activeFrom, mode, reason, caller.getName())));
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({RULES_ADMIN, "ops", "admin"})
    @Operation(summary = "Every version of a rule, oldest first (0: the start-up configuration)")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleVersionView[].class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response versions(@PathParam("id") String id) {
        return answer(() -> {
            checkId(id);
            List<RuleVersionView> versions = book.versions(id).stream().map(v -> RuleVersionView.of(v, null)).toList();
            if (versions.isEmpty()) {
                throw new RuleChangeRefused(404, "Not Found", "no rule " + id, "id", null, null);
            }
            return Response.ok(versions).build();
        });
    }

    @POST
    @Path("{id}/rollback")
    @Operation(summary = "A new version of the rule with the source and mode of version `to`")
    @APIResponse(responseCode = "201", description = "Audited and published", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleVersionView.class)))
    @APIResponse(responseCode = "400", description = "No such version, or a bad parameter; nothing written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rollback(@PathParam("id") String id, @QueryParam("to") String to,
            @QueryParam("activeFrom") String activeFrom, @QueryParam("reason") String reason) {
        return answer(() -> {
            checkId(id);
            return created(changes.rollback(id, to, activeFrom, reason, caller.getName()));
        });
    }

    @POST
    @Path("{id}/mode")
    @Operation(summary = "A new version of the rule with its current source in another mode (active, shadow, disabled)")
    @APIResponse(responseCode = "201", description = "Audited and published", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleVersionView.class)))
    @APIResponse(responseCode = "400", description = "A bad mode or parameter; nothing written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response mode(@PathParam("id") String id, @QueryParam("mode") String mode,
            @QueryParam("activeFrom") String activeFrom, @QueryParam("reason") String reason) {
        return answer(() -> {
            checkId(id);
            return created(changes.mode(id, mode, activeFrom, reason, caller.getName()));
        });
    }

    private static void checkId(String id) {
        if (id == null || !RULE_ID.matcher(id).matches()) {
            throw RuleChangeRefused.badRequest("a rule id is [A-Z][A-Z0-9_]{2,63}", "id");
        }
    }

    private static Response created(RuleChanges.Applied applied) {
        RuleVersion version = applied.version();
        return Response.created(URI.create("/api/v1/rules/" + version.rule() + "/versions"))
                .entity(RuleVersionView.of(version, applied.read())).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response answer(Supplier<Response> change) {
        try {
            return change.get();
        } catch (RuleChangeRefused refused) {
            return refused.toResponse();
        } catch (AccessAudit.AuditUnavailable e) {
            return new RuleChangeRefused(503, "Audit unavailable", "the change could not be audited, so it was not "
                    + "made: " + e.getMessage(), null, null, null).toResponse();
        }
    }
}
