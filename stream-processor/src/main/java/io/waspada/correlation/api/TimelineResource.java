package io.waspada.correlation.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /api/v1/entities/{token}/timeline}: the evidence and open alerts of an identifier token, answered by
 * the instance owning the token's state; another instance forwards the request there over HTTP once.
 */
@Path("/api/v1/entities/{token}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    TimelineQuery query;

    @GET
    public Response timeline(@PathParam("token") String token, @QueryParam("forwarded") boolean forwarded) {
        if (!TOKEN.matcher(token).matches()) {
            return problem(400, "Invalid token", "token must be a base64url identifier token (1-128 characters)",
                    "token");
        }
        try {
            Optional<HostInfo> owner = forwarded ? Optional.empty() : query.remoteOwner(token);
            if (owner.isPresent()) {
                return forward(owner.get(), token);
            }
            return Response.ok(query.local(token)).build();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return problem(503, "State not available", e.getMessage(), null);
        }
    }

    private static Response forward(HostInfo owner, String token) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/api/v1/entities/" + token
                + "/timeline?forwarded=true");
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
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
        Map<String, Object> body = field == null
                ? Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)
                : Map.of("type", "about:blank", "title", title, "status", status, "detail", detail, "field", field);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
