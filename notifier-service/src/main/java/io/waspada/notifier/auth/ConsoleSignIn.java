package io.waspada.notifier.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /auth/oidc/sign-in}: the console's sign-in at the officers' identity provider. quarkus-oidc's "console"
 * tenant (a web application, enabled with {@code WASPADA_OIDC_CONSOLE=true}) runs the authorization code flow for
 * this path; once the officer has signed in there, this page hands the provider's access token to the console
 * (sessionStorage, as a pasted token), which then calls every API and opens the WebSocket with it as a bearer token,
 * verified like any other. Never cached.
 */
@Path("/auth/oidc/sign-in")
@Authenticated
public class ConsoleSignIn {

    @Inject
    AccessTokenCredential accessToken;

    @GET
    // The browser half of the identity provider's sign-in flow, an HTML page: not part of the API.
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn() {
        String token = accessToken.getToken();
        // A JWT is base64url and dots only: nothing in it can end the attribute.
        if (!token.matches("[A-Za-z0-9_.-]+")) {
            return Response.status(502).type(MediaType.TEXT_PLAIN)
                    .entity("The identity provider's access token is not a JWT; the console needs one").build();
        }
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Waspada: signing in</title>"
                + "<meta name=\"waspada-token\" content=\"" + token + "\">"
                + "<script src=\"/oidc-sign-in.js\"></script></head><body>Signing in...</body></html>";
        return Response.ok(page).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
