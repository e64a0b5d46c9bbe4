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
public class OfficerAlertListResource {

    /** One page of alerts and how many match in all. */
    public record Page(List<AlertJson> items, int page, int size, long total) {
    }

    static final int MAX_SIZE = 200;

    @Inject
    OfficerAlerts alerts;
    @Inject
    AuditTrail trail;
    @Inject
    JsonWebToken caller;

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("type") String type, @QueryParam("since") String since,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
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
        List<AlertJson> matching = alerts.all(officer).stream()
                .filter(s -> severity == null || s.alert().getSeverity().name().equals(severity))
                .filter(s -> type == null || type.equals(s.alert().getType()))
                .filter(s -> from == null || !s.alert().getUpdatedAt().isBefore(from))
                .sorted(Comparator.comparing((AlertState s) -> s.alert().getUpdatedAt()).reversed()
                        .thenComparing(AlertState::alertId))
                .map(s -> AlertJson.of(s, officer.taskForce()).withStatus(trail.status(s.alertId()).statusFor(officer.taskForce())))
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
