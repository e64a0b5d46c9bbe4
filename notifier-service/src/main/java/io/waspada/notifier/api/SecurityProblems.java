package io.waspada.notifier.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The security layer's refusals of an API call as problem documents: no officer token and a token not accepted are
 * {@code 401} with the authentication mechanism's own challenge ({@code WWW-Authenticate: Bearer}), a token without
 * the endpoint's role is {@code 403} naming the roles. The detail never repeats the token or why its check failed
 * in particular. A challenge that is not a 401 (the console's sign-in at the identity provider redirects the browser,
 * 302) is passed on as the mechanism made it, without a body. Pages and the WebSocket upgrade are not REST endpoints
 * and keep their answers.
 */
public class SecurityProblems {

    static final String NO_TOKEN = "no officer token: send Authorization: Bearer <officer token>";
    static final String TOKEN_REFUSED = "the officer token was not accepted (malformed, expired, not signed by the "
            + "officers' identity provider, or for another issuer or service): sign in again";
    static final String ROLE_MISSING = "the officer token lacks the role this call needs";

    // Quarkus REST's own mappers for these types are at Priorities.USER + 1 (no body); a lower number wins.
    @ServerExceptionMapper(value = UnauthorizedException.class, priority = Priorities.USER)
    public Uni<Response> noToken(RoutingContext request) {
        return challenge(request, NO_TOKEN);
    }

    @ServerExceptionMapper(priority = Priorities.USER)
    public Uni<Response> tokenRefused(AuthenticationFailedException refusal, RoutingContext request) {
        // As Quarkus' own mapper does: the mechanism may shape its challenge by the failure.
        HttpSecurityUtils.addAuthenticationFailureToEvent(refusal, request);
        return challenge(request, TOKEN_REFUSED);
    }

    @ServerExceptionMapper(priority = Priorities.USER)
    public Response roleMissing(ForbiddenException refusal, ResourceInfo resource) {
        return Problem.forbidden(roleDetail(resource));
    }

    /** The roles the endpoint's {@code @RolesAllowed} asks for, alphabetically; a general sentence if not known. */
    static String roleDetail(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? ROLE_MISSING
                : ROLE_MISSING + ": one of " + String.join(", ", new TreeSet<>(List.of(roles.value())));
    }

    private static Uni<Response> challenge(RoutingContext request, String detail) {
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(Problem.unauthorized(detail));
        }
        return authenticator.getChallenge(request).map(challenge -> answer(challenge, detail))
                .onFailure().recoverWithItem(() -> Problem.unauthorized(detail));
    }

    private static Response answer(ChallengeData challenge, String detail) {
        if (challenge == null) {
            return Problem.unauthorized(detail);
        }
        Response.ResponseBuilder answer = challenge.status == 401
                ? Response.fromResponse(Problem.unauthorized(detail))
                : Response.status(challenge.status);
        for (Map.Entry<CharSequence, String> header : challenge.getHeaders().entrySet()) {
            answer.header(header.getKey().toString(), header.getValue());
        }
        return answer.build();
    }
}
