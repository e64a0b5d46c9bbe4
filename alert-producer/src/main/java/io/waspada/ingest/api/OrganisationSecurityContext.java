package io.waspada.ingest.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The authenticated caller of {@code /api/v1/tips}: one registered civil-society organisation or hotline (#18), a
 * credential kind apart from agencies. Only the tips endpoint admits it; the tips endpoint admits nothing else.
 */
public record OrganisationSecurityContext(String organisation, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return () -> organisation;
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
