package io.waspada.notifier.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.waspada.notifier.ops.OpsSampler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/ops/overview}: the ops sampler's latest figures (topics, consumer lag, DLQs, rule hits, service
 * health) for the ops page. Ops or admin role only: no token is a 401, any other officer a 403 problem.
 */
@Path("/api/v1/ops")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Authenticated
public class OpsResource {

    @Inject
    OpsSampler sampler;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/overview")
    public Response overview() {
        if (!identity.hasRole("ops") && !identity.hasRole("admin")) {
            return Problem.forbidden("the ops view needs the ops or admin role");
        }
        return Response.ok(sampler.latest()).type(MediaType.APPLICATION_JSON).build();
    }
}
