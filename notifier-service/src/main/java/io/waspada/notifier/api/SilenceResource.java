package io.waspada.notifier.api;

import io.waspada.notifier.kafka.SilenceLog;
import io.waspada.notifier.routing.Silence;
import io.waspada.notifier.routing.SilenceRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Silences: {@code GET/POST /api/v1/silences}, {@code DELETE /api/v1/silences/{id}} (expires it). Ops and admins
 * only; the author is the caller; what a silence may be is {@link SilenceRules}; its comment is scrubbed of
 * identifier-shaped values. Saved on the compacted silences topic before the answer.
 */
@Path("/api/v1/silences")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"ops", "admin"})
public class SilenceResource {

    /** A new silence; {@code startsAt} defaults to now. */
    public record NewSilence(List<String> matchers, Instant startsAt, Instant endsAt, String comment) {
    }

    @Inject
    SilenceLog silences;
    @Inject
    JsonWebToken caller;
    @Inject
    Clock clock;
    @Inject
    SilenceRules rules;
    @Inject
    io.waspada.privacy.FreeTextScrubber comments;

    @GET
    public List<Silence> list() {
        return silences.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewSilence request) {
        Instant now = clock.instant();
        if (request == null) {
            return Problem.badRequest("matchers", "at least one matcher is required, e.g. subject=\"tok\"");
        }
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        SilenceRules.Problem problem = rules.check(request.matchers(), startsAt, request.endsAt(), now);
        if (problem != null) {
            return Problem.badRequest(problem.field(), problem.detail());
        }
        if (!request.endsAt().isAfter(now)) {
            return Problem.badRequest("endsAt", "endsAt must be in the future");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            return Problem.badRequest("comment", "comment is required: say why alerts are silenced");
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), request.matchers(), startsAt, request.endsAt(),
                caller.getName(), comments.scrub("comment", request.comment()), now);
        return Response.status(201).entity(silences.save(silence)).build();
    }

    @DELETE
    @Path("/{id}")
    public Response expire(@PathParam("id") String id) {
        return silences.get(id)
                .map(silence -> Response.ok(silences.save(silence.expiredAt(clock.instant()))).build())
                .orElseGet(() -> Problem.notFound("no silence " + id));
    }
}
