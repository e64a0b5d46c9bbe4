package io.waspada.ingest.api;

import io.vertx.core.http.HttpServerRequest;
import io.waspada.ingest.auth.AgencyAuthenticator;
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

    @ConfigProperty(name = "waspada.ingest.max-body-bytes", defaultValue = "2097152")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request, HttpServerRequest http) {
        // The Vert.x request's raw path: cheaper than building the JAX-RS UriInfo for every call.
        if (!http.path().startsWith("/api/")) {
            return Optional.empty();
        }
        if (request.getLength() > maxBodyBytes) {
            return Optional.of(Problems.response(413, "body-too-large", "The body is too large",
                    "the limit is " + maxBodyBytes + " bytes (a batch of 1,000 typical events is about 700 KB)"));
        }
        Optional<String> agency = authenticator.authenticate(http.getHeader(HttpHeaders.AUTHORIZATION));
        if (agency.isEmpty()) {
            return Optional.of(Problems.unauthorized());
        }
        request.setSecurityContext(new AgencySecurityContext(agency.get(), http.isSSL()));
        return Optional.empty();
    }
}
