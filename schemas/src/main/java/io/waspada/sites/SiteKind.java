package io.waspada.sites;

/** What kind of place a registered site is; unregistered sites are {@link #INLAND}. */
public enum SiteKind {
    LAND_BORDER("LAND"),
    SEA_PORT("SEA"),
    AIRPORT("AIR"),
    INLAND("INLAND");

    private final String domain;

    SiteKind(String domain) {
        this.domain = domain;
    }

    /** The routing label {@code domain}: LAND, SEA, AIR or INLAND. */
    public String domain() {
        return domain;
    }

    /** A crossing point: where people enter or leave a country. */
    public boolean isBorder() {
        return this != INLAND;
    }
}
