package io.waspada.ingest.domain;

import io.waspada.avro.Location;
import java.util.Set;

/** Reads {@code location}: WGS84 lat/lon in range, ISO country, region code, optional site (unknown sites are fine). */
public final class LocationReader {

    private static final Set<String> FIELDS = Lexicon.of("lat", "lon", "country", "region", "site");

    private LocationReader() {
    }

    public static Location read(FieldReader location) {
        if (!location.isObject()) {
            return null;
        }
        int before = location.violations().size();
        location.rejectUnknown(FIELDS);
        Double lat = location.requiredNumber("lat", -90, 90);
        Double lon = location.requiredNumber("lon", -180, 180);
        String country = location.country("country", true);
        String region = location.code("region", true);
        String site = location.code("site", false);
        if (location.violations().size() > before) {
            return null;
        }
        return new Location(lat, lon, country, region, site);
    }
}
