package io.waspada.ingest.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.waspada.ingest.auth.AgencyAuthenticator;
import io.waspada.ingest.tips.OrganisationAuthenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every {@code /api/} request before the body is read: a declared body over the size limit is a 413
 * problem, and a request without a valid credential is a 401; otherwise the caller's agency becomes the
 * request's principal. Health, metrics and OpenAPI live under {@code /q/} and are not JAX-RS resources.
 */
public class AgencyFilter {

    @Inject
    AgencyAuthenticator authenticator;

    @Inject
    OrganisationAuthenticator organisations;

    @ConfigProperty(name = "waspada.ingest.max-body-bytes", defaultValue = "2097152")
    long maxBodyBytes;

    /**
     * An API key is checked here, on the event loop (a hash look-up). A JWT is checked on a worker thread: verifying
     * it may fetch its identity provider's keys over the network, which must never stall the event loop (anyone can
     * send a token naming a configured issuer).
     */
    @ServerRequestFilter(preMatching = true)
    public Uni<Response> guard(ContainerRequestContext request, HttpServerRequest http) {
        // The Vert.x request's raw path: cheaper than building the JAX-RS UriInfo for every call.
        if (!http.path().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        if (request.getLength() > maxBodyBytes) {
            return Uni.createFrom().item(Problems.response(413, "body-too-large", "The body is too large",
                    "the limit is " + maxBodyBytes + " bytes (a batch of 1,000 typical events is about 700 KB)"));
        }
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (isTips(http.path())) {
            if (request.getLength() > TipResource.MAX_BODY_BYTES) {
                // Refused before a byte of the body is read (a chunked one is bounded as it is read).
                return Uni.createFrom().item(TipResource.tooLarge());
            }
            // Civil-society tips (#18): organisation keys only; an agency's credential is no organisation's.
            Optional<String> organisation = organisations.authenticate(authorization);
            if (organisation.isEmpty()) {
                return Uni.createFrom().item(TipResource.unauthorized());
            }
            request.setSecurityContext(CallerSecurityContext.organisation(organisation.get(), http.isSSL()));
            return Uni.createFrom().nullItem();
        }
        if (authenticator.isToken(authorization)) {
            return Uni.createFrom().item(() -> authenticator.authenticate(authorization))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .map(agency -> admit(request, http, agency));
        }
        return Uni.createFrom().item(admit(request, http, authenticator.authenticate(authorization)));
    }

    /** {@code /api/v1/tips}, also spelled with a trailing or doubled slash. */
    static boolean isTips(String path) {
        return path.replaceAll("/{2,}", "/").replaceAll("/$", "").equals("/api/v1/tips");
    }

    private static Response admit(ContainerRequestContext request, HttpServerRequest http, Optional<String> agency) {
        if (agency.isEmpty()) {
            return Problems.unauthorized();
        }
        request.setSecurityContext(CallerSecurityContext.agency(agency.get(), http.isSSL()));
        return null;
    }
}
