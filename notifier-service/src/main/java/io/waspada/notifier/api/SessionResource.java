package io.waspada.notifier.api;

import io.waspada.notifier.auth.DemoSessions;
import io.vertx.core.http.HttpServerRequest;
import io.waspada.notifier.auth.DemoSignIn;
import io.waspada.notifier.auth.SignInThrottle;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/v1/session} {@code {"username","password"}}: the local platform's password sign-in, answering
 * {@code {"token","username","taskForce","roles"}}; 401 for wrong credentials, 400 naming a missing field, 404 when
 * there are no demo officers (production signs in at its identity provider), 429 with {@code Retry-After} once a
 * username or a client address has failed too often ({@link SignInThrottle}). Never logs the body.
 */
@Path("/api/v1/session")
@PermitAll
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "session", description = "The local platform's password sign-in")
public class SessionResource {

    /** What the sign-in form sends. */
    @Schema(name = "Credentials", requiredProperties = {"username", "password"})
    public record Credentials(String username, String password) {
    }

    @Inject
    DemoSessions sessions;
    @Inject
    SignInThrottle throttle;
    @Inject
    Clock clock;
    @Context
    HttpServerRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with a demo officer's password (local platform only): a bearer token")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.waspada.notifier.auth.DemoSignIn.Session.class),
                    examples = @ExampleObject(name = "officer", value = ApiExamples.SESSION)))
    @APIResponse(responseCode = "400", description = "username or password missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no password", value = ProblemExamples.BAD_SIGN_IN)))
    @APIResponse(responseCode = "401", description = "Wrong username or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong", value = ProblemExamples.WRONG_PASSWORD)))
    @APIResponse(responseCode = "404", description = "No demo officers here: sign in at the identity provider",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "production", value = ProblemExamples.NO_DEMO_OFFICERS)))
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this username or address; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "throttled", value = ProblemExamples.THROTTLED)))
    public Response signIn(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Credentials.class),
                    examples = @ExampleObject(name = "officer", value = ApiExamples.CREDENTIALS))) Credentials credentials) {
        Optional<DemoSignIn> signIn = sessions.signIn();
        if (signIn.isEmpty()) {
            return Problem.notFound("password sign-in is only for the local platform's demo officers: sign in at your "
                    + "identity provider and use its token");
        }
        if (credentials == null || blank(credentials.username())) {
            return Problem.badRequest("username", "username is required");
        }
        if (blank(credentials.password())) {
            return Problem.badRequest("password", "password is required");
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.attempt(credentials.username(), address, now);
        if (wait.isPresent()) {
            return Problem.tooManyRequests("too many failed sign-ins: try again later", wait.get());
        }
        Optional<DemoSignIn.Session> session = signIn.get().signIn(credentials.username(), credentials.password());
        if (session.isEmpty()) {
            return Problem.unauthorized("wrong username or password");
        }
        throttle.succeeded(credentials.username(), address);
        return Response.ok(session.get()).build();
    }

    /** Which sign-ins this deployment offers: the console shows the identity provider's, the password form, or both. */
    @Schema(name = "SignInMethods", requiredProperties = {"identityProvider", "password"})
    public record Methods(boolean identityProvider, boolean password) {
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.console.tenant-enabled",
            defaultValue = "false")
    boolean identityProvider;

    /** {@code GET /api/v1/session/methods}: open to all, as the sign-in page needs it before anyone is signed in. */
    @jakarta.ws.rs.GET
    @Path("/methods")
    @Operation(summary = "Which sign-ins this deployment offers (no credential needed)")
    @APIResponse(responseCode = "200", description = "The sign-in methods",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Methods.class),
                    examples = @ExampleObject(name = "local", value = ApiExamples.METHODS)))
    public Methods methods() {
        return new Methods(identityProvider, sessions.signIn().isPresent());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
