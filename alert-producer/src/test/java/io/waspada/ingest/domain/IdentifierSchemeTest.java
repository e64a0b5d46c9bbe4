package io.waspada.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Normalisation per scheme: spellings of one identifier meet in one canonical value; broken values are refused. */
class IdentifierSchemeTest {

    @ParameterizedTest(name = "{0} {1} (issuer {2}) -> {3}")
    @CsvSource(nullValues = "-", value = {
            "PASSPORT, c 123-4567, ID, C1234567",
            "PASSPORT, A12345678, MY, A12345678",
            "NATIONAL_ID, 900101-14-5567, MY, 900101145567",
            "NATIONAL_ID, 3171 0123 4567 0001, ID, 3171012345670001",
            "NATIONAL_ID, ab-12345, TH, AB12345",
            "MMSI, 525 012 345, -, 525012345",
            "IMO, IMO 9074729, -, IMO9074729",
            "IMO, 9074729, -, IMO9074729",
            "IMO, imo9321483, -, IMO9321483",
            "PLATE, jju 4821, MY, JJU4821",
            "PLATE, B-1234-XYZ, ID, B1234XYZ",
            "PHONE, +62 812-3456-7890, -, +6281234567890",
            "PHONE, 0062 812 3456 7890, -, +6281234567890",
            "PHONE, 0812-3456-7890, ID, +6281234567890",
            "PHONE, (012) 345 6789, MY, +60123456789",
            "COMPANY_REG, 201901-012345, MY, 201901012345",
            "OTHER, '  boat   Bintang Laut ', -, BOAT BINTANG LAUT"})
    void normalises(IdentifierScheme scheme, String raw, String issuer, String expected) {
        assertThat(scheme.normalise(raw, issuer)).contains(expected);
    }

    @ParameterizedTest(name = "{0} {1} (issuer {2}) is refused")
    @CsvSource(nullValues = "-", value = {
            "PASSPORT, C12, ID",
            "PASSPORT, C123/4567!, ID",
            "NATIONAL_ID, 9001011455, MY",
            "NATIONAL_ID, 31710123456700, ID",
            "MMSI, 52501234, -",
            "MMSI, 125012345, -",
            "MMSI, 52501234X, -",
            "IMO, 9074728, -",
            "IMO, 907472, -",
            "PLATE, X, MY",
            "PHONE, 812345678, -",
            "PHONE, 0812345678, -",
            "PHONE, +0 812 345, -",
            "PHONE, +62 8a2 345 678, -",
            "PHONE, +1234567, -",
            "COMPANY_REG, AB, MY"})
    void refuses(IdentifierScheme scheme, String raw, String issuer) {
        assertThat(scheme.normalise(raw, issuer)).isEmpty();
    }
}
