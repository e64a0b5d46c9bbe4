package io.waspada.notifier.api;

import io.waspada.notifier.kafka.SilenceLog;
import io.waspada.notifier.routing.Matcher;
import io.waspada.notifier.routing.Silence;
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
 * only; the author is the caller. A silence names at least one label exactly ({@code name="value"}: no silence of
 * everything by regex alone) and lasts at most {@code waspada.silences.max-duration} (7 days). Saved on the compacted
 * silences topic before the answer.
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
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waspada.silences.max-duration", defaultValue = "P7D")
    java.time.Duration maxDuration;

    @GET
    public List<Silence> list() {
        return silences.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewSilence request) {
        Instant now = clock.instant();
        if (request == null || request.matchers() == null || request.matchers().isEmpty()) {
            return Problem.badRequest("matchers", "at least one matcher is required, e.g. subject=\"tok\"");
        }
        if (request.matchers().size() > 20) {
            return Problem.badRequest("matchers", "at most 20 matchers");
        }
        boolean exact = false;
        for (String text : request.matchers()) {
            try {
                Matcher matcher = Matcher.parse(text);
                exact |= matcher.type() == io.waspada.notifier.routing.MatchType.EQUAL && !matcher.value().isEmpty();
            } catch (IllegalArgumentException e) {
                return Problem.badRequest("matchers", e.getMessage());
            }
        }
        if (!exact) {
            return Problem.badRequest("matchers", "at least one matcher must name a label's value exactly "
                    + "(name=\"value\"), so a silence cannot mute everything");
        }
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() == null || !request.endsAt().isAfter(startsAt) || !request.endsAt().isAfter(now)) {
            return Problem.badRequest("endsAt", "endsAt is required and must be after startsAt and in the future");
        }
        if (java.time.Duration.between(startsAt, request.endsAt()).compareTo(maxDuration) > 0) {
            String most = maxDuration.toHoursPart() == 0 && maxDuration.toMinutesPart() == 0
                    && maxDuration.toDays() > 0 ? maxDuration.toDays() + " days" : maxDuration.toString();
            return Problem.badRequest("endsAt", "a silence lasts at most " + most + " (waspada.silences."
                    + "max-duration); make a new one when it ends if it is still needed");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            return Problem.badRequest("comment", "comment is required: say why alerts are silenced");
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), request.matchers(), startsAt, request.endsAt(),
                caller.getName(), request.comment(), now);
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
