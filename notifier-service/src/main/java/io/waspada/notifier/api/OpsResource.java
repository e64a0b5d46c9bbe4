package io.waspada.notifier.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.waspada.notifier.ops.OpsSampler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/ops/overview}: the ops sampler's latest figures (topics, consumer lag, DLQs, rule hits, service
 * health) for the ops page. Ops or admin role only: no token is a 401, any other officer a 403 problem.
 */
@Path("/api/v1/ops")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Authenticated
@Tag(name = "ops", description = "The platform's figures for ops")
@SecurityRequirement(name = "officer")
public class OpsResource {

    @Inject
    OpsSampler sampler;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/overview")
    @Operation(summary = "Topics, consumer lag, dead letters, rule hits and service health, as last sampled")
    @APIResponse(responseCode = "200", description = "The latest sample",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.waspada.notifier.ops.OpsOverview.class)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "Neither ops nor admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not ops", value = ProblemExamples.NOT_OPS)))
    public Response overview() {
        if (!identity.hasRole("ops") && !identity.hasRole("admin")) {
            return Problem.forbidden("the ops view needs the ops or admin role");
        }
        return Response.ok(sampler.latest()).type(MediaType.APPLICATION_JSON).build();
    }
}
