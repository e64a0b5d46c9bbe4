package io.waspada.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identifier-shaped values in free text are masked; ordinary words, dates, times and case references are not. */
class FreeTextScrubberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Passport A12345678 held by the employer           | Passport [masked-passport] held by the employer | passport",
        "ID passport B1234567 seen                         | ID passport [masked-passport] seen              | passport",
        "Called +60 12-345 6789 twice                      | Called [masked-phone] twice                     | phone",
        "Recruiter 012-3456789 in Tawau                    | Recruiter [masked-phone] in Tawau               | phone",
        "Agent +62 812 3456 7890 in Nunukan                | Agent [masked-phone] in Nunukan                 | phone",
        "MyKad 900101-12-5678 found                        | MyKad [masked-mykad] found                      | mykad",
        "NIK 6401234567890001 on the card                  | NIK [masked-nik] on the card                    | nik",
        "Boat MMSI 533123456 adrift                        | Boat MMSI [masked-mmsi] adrift                  | mmsi",
        "Vessel IMO 9074729 boarded                        | Vessel [masked-imo] boarded                     | imo",
        "Van WXY 1234 at the checkpoint                    | Van [masked-plate] at the checkpoint            | plate",
        "Truck B 1234 XYZ crossed                          | Truck [masked-plate] crossed                    | plate",
        "lower-case passport a12345678 too                 | lower-case passport [masked-passport] too       | passport",
        "Passport A 12345678 and P1234567A                 | Passport [masked-passport] and [masked-passport] | passport",
        "Ship IMO No. 9074729 sank                         | Ship [masked-imo] sank                          | imo",
        "Office 03-2345 6789 called                        | Office [masked-phone] called                    | phone",
        "Van WXY1234 again                                 | Van [masked-plate] again                        | plate"})
    void masksIdentifierShapes(String text, String expected, String kind) {
        assertThat(FreeTextScrubber.silent().scrub("notes", text)).isEqualTo(expected.strip());
        assertThat(FreeTextScrubber.count(text)).containsKey(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Travelling with an adult who is not a relative",
        "MMEA/TWU/2026/0311",
        "Seen at 14:30 on 2026-11-20, 14 persons, handling H2",
        "Two minors, one with a burn on the left arm",
        "Each paid RM 3000 or RM3500 or USD 500 to the agent",
        "A 14-year-old girl, flight MH 370 and AK 6241",
        "RMP 14 persons at Gate C12, KM 5 from the border",
        "Seen in 2026 near the post",
        "No digits at all: passport withheld, IMO unknown, van WXY, phone number refused"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(FreeTextScrubber.silent().scrub("notes", text)).isEqualTo(text);
        assertThat(FreeTextScrubber.count(text)).isEqualTo(Map.of());
    }
}
