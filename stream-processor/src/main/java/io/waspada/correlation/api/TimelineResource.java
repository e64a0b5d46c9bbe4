package io.waspada.correlation.api;

import io.waspada.correlation.audit.AccessAudit;
import io.waspada.correlation.audit.AccessRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/entities/{token}/timeline}: the evidence and open alerts of an identifier token, for an officer
 * whose token (issuer and keys of the officers' identity provider, audience {@code waspada-correlation}) has the
 * {@code investigator} role. Only evidence and alerts within the officer's handling clearance are shown, and every
 * answer is on the access audit ({@code tip.access-audit.v1}) before it leaves: no audit, no answer (503).
 * The instance owning the token's state answers; another forwards the request there once, with the caller's token.
 */
@Path("/api/v1/entities/{token}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"investigator", "admin"})
@Tag(name = "timeline", description = "What the platform knows about one identifier token")
@SecurityRequirement(name = "officer")
public class TimelineResource {

    static final String ACTION = "ENTITY_TIMELINE";
    private static final Logger LOG = Logger.getLogger(TimelineResource.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    TimelineQuery query;

    @Inject
    JsonWebToken caller;

    @Inject
    AccessAudit audit;

    @GET
    @Operation(summary = "An identifier token's evidence and open alerts",
            description = "Investigator role; only evidence and alerts within the caller's handling clearance are shown, "
                    + "and the answer is written to the access audit before it is sent.")
    @APIResponse(responseCode = "200", description = "The timeline, within the caller's clearance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Timeline.class),
                    examples = @ExampleObject(name = "seen at Entikong, then at Tebedu", value = QueryExamples.TIMELINE)))
    @APIResponse(responseCode = "400", description = "The token is not an identifier token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad token", value = QueryExamples.BAD_TOKEN)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted here; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = QueryExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = QueryExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = QueryExamples.NOT_AN_INVESTIGATOR)))
    @APIResponse(responseCode = "502", description = "The instance holding the token's state did not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "owner unreachable", value = QueryExamples.OWNER_UNREACHABLE)))
    @APIResponse(responseCode = "503", description = "The state is not queryable yet (starting, rebalancing), or the audit cannot be written; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "audit unavailable", value = QueryExamples.AUDIT_UNAVAILABLE)))
    public Response timeline(@PathParam("token") @Parameter(description = "An identifier token as alerts and events carry it",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,128}$"),
                    example = "Xq3v0kPj8mE2c9YwT1aB5nR7uL4sD6fG0hJ2kM8pQ1w") String token,
            @QueryParam("forwarded") @Parameter(hidden = true) boolean forwarded,
            @HeaderParam(HttpHeaders.AUTHORIZATION) @Parameter(hidden = true) String authorization) {
        if (!TOKEN.matcher(token).matches()) {
            return problem(400, "Invalid token", "token must be a base64url identifier token (1-128 characters)",
                    "token");
        }
        Investigator investigator = Investigator.of(caller);
        try {
            Optional<HostInfo> owner = forwarded ? Optional.empty() : query.remoteOwner(token);
            if (owner.isPresent()) {
                return forward(owner.get(), token, authorization);
            }
            TimelineQuery.Answer answer = query.localFor(token, investigator);
            audit.record(record(investigator, token, answer.timeline().events().size()
                    + answer.timeline().alerts().size(), answer.withheld(), "SERVED"));
            return Response.ok(answer.timeline()).build();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return problem(503, "State not available", e.getMessage(), null);
        } catch (AccessAudit.AuditUnavailable e) {
            LOG.warnf("Timeline of %s for %s not served: %s", token, investigator.username(), e.getMessage());
            return problem(503, "Audit unavailable",
                    "Every query is audited before it is answered, and the audit cannot be written now; try again",
                    null);
        }
    }

    private static AccessRecord record(Investigator investigator, String token, int shown, int withheld,
            String outcome) {
        return new AccessRecord(UUID.randomUUID().toString(), Instant.now(), "stream-processor",
                investigator.username(), investigator.taskForce(), ACTION, token,
                investigator.cleared().stream().map(Enum::name).toList(), shown, withheld, outcome);
    }

    private static Response forward(HostInfo owner, String token, String authorization) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/api/v1/entities/" + token
                + "/timeline?forwarded=true");
        try {
            // Longer than the owner may take to write its audit record (AccessAudit: 5 s to send, 11 s to be acknowledged).
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header(HttpHeaders.AUTHORIZATION, authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Response.status(answer.statusCode()).entity(answer.body())
                    .type(answer.headers().firstValue("content-type").orElse(MediaType.APPLICATION_JSON)).build();
        } catch (java.io.IOException e) {
            return problem(502, "Owner unreachable", "The instance owning this token (" + owner + ") did not answer",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(503, "Interrupted", "Interrupted while asking " + owner, null);
        }
    }

    private static Response problem(int status, String title, String detail, String field) {
        return Problem.response(status, title, detail, field);
    }
}
