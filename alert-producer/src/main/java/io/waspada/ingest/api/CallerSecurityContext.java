package io.waspada.ingest.api;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The authenticated caller of an {@code /api/} request, whose code is the principal's name: an agency, or a registered
 * civil-society organisation or hotline (#18), a credential kind apart. Only the tips endpoint admits an organisation;
 * the tips endpoint admits nothing else.
 */
public record CallerSecurityContext(Kind kind, String code, boolean secure) implements SecurityContext {

    /** Who holds the credential. */
    public enum Kind { AGENCY, ORGANISATION }

    static CallerSecurityContext agency(String agency, boolean secure) {
        return new CallerSecurityContext(Kind.AGENCY, agency, secure);
    }

    static CallerSecurityContext organisation(String organisation, boolean secure) {
        return new CallerSecurityContext(Kind.ORGANISATION, organisation, secure);
    }

    @Override
    public Principal getUserPrincipal() {
        return () -> code;
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
