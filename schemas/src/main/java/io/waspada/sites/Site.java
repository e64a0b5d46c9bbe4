package io.waspada.sites;

/** A registered place: a border crossing, port or airport, with its coordinates. */
public record Site(String code, SiteKind kind, String country, String region, double lat, double lon, String name) {

    /** An unregistered site code: accepted, and treated as an inland place. */
    public static Site inland(String code) {
        return new Site(code, SiteKind.INLAND, null, null, Double.NaN, Double.NaN, code);
    }
}
