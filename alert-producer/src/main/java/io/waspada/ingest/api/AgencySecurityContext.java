package io.waspada.ingest.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The authenticated caller of a request: one agency, whose code is the principal's name. */
record AgencySecurityContext(String agency, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return () -> agency;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
