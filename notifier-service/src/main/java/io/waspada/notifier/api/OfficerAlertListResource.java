package io.waspada.notifier.api;

import io.waspada.avro.Severity;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.officers.OfficerStatus;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /api/v1/alerts?status=&severity=&type=&since=&page=&size=}: the caller's task force's alerts, newest
 * update first, one page at a time. Bad filters get a 400 problem naming the parameter.
 */
@Path("/api/v1/alerts")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"officer", "ops", "admin"})
@Tag(name = "alerts", description = "The caller's task force's alerts")
@SecurityRequirement(name = "officer")
public class OfficerAlertListResource {

    /** One page of alerts and how many match in all. */
    @Schema(name = "AlertPage", requiredProperties = {"items", "page", "size", "total"})
    public record Page(List<AlertJson> items, @Schema(minimum = "0") int page, @Schema(minimum = "1") int size,
            @Schema(minimum = "0", description = "How many alerts match in all") long total) {
    }

    static final int MAX_SIZE = 200;

    @Inject
    OfficerAlerts alerts;
    @Inject
    AuditTrail trail;
    @Inject
    JsonWebToken caller;
    @Inject
    io.waspada.notifier.routing.Router router;

    @GET
    @Operation(summary = "The caller's task force's alerts, newest update first, one page at a time")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one alert", value = ApiExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A filter is not valid; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad status", value = ProblemExamples.BAD_FILTER)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    public Response list(
            @QueryParam("status") @Parameter(description = "The task force's own status",
                    schema = @Schema(enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED"})) String status,
            @QueryParam("severity") @Parameter(schema = @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}))
            String severity,
            @QueryParam("type") @Parameter(description = "A rule name, e.g. CROSS_BORDER_MOVEMENT") String type,
            @QueryParam("since") @Parameter(description = "Only alerts updated at or after it",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String since,
            @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(minimum = "0")) int page,
            @QueryParam("size") @DefaultValue("50") @Parameter(schema = @Schema(minimum = "1", maximum = "200")) int size,
            @QueryParam("lang") @Parameter(description = "title and summary in this language (default: the record's English)",
                    schema = @Schema(enumeration = {"en", "ms", "id"})) String lang,
            @QueryParam("tz") @Parameter(description = "the summary's times in this zone (default: the officer's)",
                    schema = @Schema(enumeration = {"Asia/Kuala_Lumpur", "Asia/Jakarta", "Asia/Makassar"})) String tz) {
        Response badLanguage = AlertLanguage.problem(lang, tz);
        if (badLanguage != null) {
            return badLanguage;
        }
        OfficerStatus wanted = OfficerStatus.named(status);
        if (status != null && wanted == null) {
            return Problem.badRequest("status", "one of " + List.of(OfficerStatus.values()));
        }
        if (severity != null && !isSeverity(severity)) {
            return Problem.badRequest("severity", "one of " + List.of(Severity.values()));
        }
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            return Problem.badRequest("since", "an ISO-8601 instant such as 2026-11-20T03:00:00Z");
        }
        if (page < 0) {
            return Problem.badRequest("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            return Problem.badRequest("size", "between 1 and " + MAX_SIZE);
        }
        Officer officer = OfficerAlerts.officer(caller);
        io.waspada.notifier.routing.Projection projection = alerts.projection(officer);
        java.util.Optional<AlertLanguage> language = AlertLanguage.of(lang, tz, caller, router);
        List<AlertJson> matching = alerts.all(officer).stream()
                .filter(s -> severity == null || s.alert().getSeverity().name().equals(severity))
                .filter(s -> type == null || type.equals(s.alert().getType()))
                .filter(s -> from == null || !s.alert().getUpdatedAt().isBefore(from))
                .sorted(Comparator.comparing((AlertState s) -> s.alert().getUpdatedAt()).reversed()
                        .thenComparing(AlertState::alertId))
                .map(s -> language.map(l -> l.apply(AlertJson.of(s, officer.taskForce()), s.alert()))
                        .orElseGet(() -> AlertJson.of(s, officer.taskForce()))
                        .withStatus(trail.status(s.alertId()).statusFor(officer.taskForce()))
                        .projectedFor(projection))
                .filter(a -> wanted == null || wanted.name().equals(a.status()))
                .toList();
        List<AlertJson> items = matching.stream().skip((long) page * size).limit(size).toList();
        return Response.ok(new Page(items, page, size, matching.size())).build();
    }

    private static boolean isSeverity(String value) {
        for (Severity s : Severity.values()) {
            if (s.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
