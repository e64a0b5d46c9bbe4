package io.waspada.notifier.cap;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.EventKind;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Severity;
import io.waspada.testing.Fixtures;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;

/** Every CAP message the writer produces is valid against the official OASIS CAP 1.2 schema. */
class CapWriterTest {

    private static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private final CapWriter writer = new CapWriter("waspada@notifier.local", MALAYSIA);

    @Test
    void theFirstVersionIsAnAlertMessage() throws Exception {
        Alert v1 = Fixtures.alert("WATCHLIST_HIT-abc", Fixtures.sighting("e1", Fixtures.passport("tok-1")));

        String cap = writer.message(v1, List.of());

        assertValid(cap);
        assertThat(cap).contains("<msgType>Alert</msgType>", "<scope>Restricted</scope>",
                "<restriction>Handling H2", "<category>Security</category>", "<severity>Extreme</severity>",
                "<urgency>Immediate</urgency>", "<certainty>Unknown</certainty>",
                "<circle>6.43,100.42 1.0</circle>", "<areaDesc>BUKIT_KAYU_HITAM (MY)</areaDesc>",
                "<valueName>rule</valueName><value>WATCHLIST_HIT</value>",
                "<valueName>evidenceCount</valueName><value>1</value>");
        assertThat(cap).doesNotContain("<references>");
        assertThat(cap).contains("<sent>2026-11-20T11:16:01+08:00</sent>");
    }

    @Test
    void aLaterVersionIsAnUpdateReferencingEveryEarlierMessage() throws Exception {
        Alert v1 = Fixtures.alert("X-1", Fixtures.sighting("e1", Fixtures.passport("tok-1")));
        Alert v2 = nextVersion(v1, new Location(1.0043, 110.367, "MY", "SARAWAK", "TEBEDU"));
        Alert v3 = nextVersion(v2, new Location(0.9856, 110.3544, "ID", "KALIMANTAN_BARAT", "ENTIKONG"));

        String cap = writer.message(v3, List.of(v1, v2));

        assertValid(cap);
        assertThat(cap).contains("<msgType>Update</msgType>",
                "<identifier>waspada:X-1:v3</identifier>",
                "<references>waspada@notifier.local,waspada:X-1:v1,2026-11-20T11:16:01+08:00 "
                        + "waspada@notifier.local,waspada:X-1:v2,2026-11-20T12:16:01+08:00</references>",
                "<areaDesc>TEBEDU (MY)</areaDesc>", "<areaDesc>ENTIKONG (ID)</areaDesc>",
                "<valueName>evidenceCount</valueName><value>3</value>");
    }

    @Test
    void anAcknowledgementIsAnAckReferencingTheAlertMessages() throws Exception {
        Alert v1 = Fixtures.alert("X-2", Fixtures.sighting("e1", Fixtures.passport("tok-1")));
        Alert v2 = nextVersion(v1, Fixtures.PENANG);
        CapAcknowledgement ack = new CapAcknowledgement("officer.north", "LAND_NORTH",
                Instant.parse("2026-11-20T05:00:00Z"), "Team dispatched <now> & on the way");

        String cap = writer.acknowledgement(v2, List.of(v1), ack);

        assertValid(cap);
        assertThat(cap).contains("<msgType>Ack</msgType>", "<sent>2026-11-20T13:00:00+08:00</sent>",
                "waspada:X-2:v1", "waspada:X-2:v2", "Team dispatched &lt;now&gt; &amp; on the way");
        assertThat(cap).doesNotContain("<info>");
    }

    @Test
    void timesNeverUseZEvenInUtc() throws Exception {
        Alert v1 = Fixtures.alert("X-3", Fixtures.sighting("e1", Fixtures.passport("tok-1")));

        String cap = new CapWriter("waspada@notifier.local", ZoneId.of("UTC")).message(v1, List.of());

        assertValid(cap);
        assertThat(cap).contains("<sent>2026-11-20T03:16:01+00:00</sent>").doesNotContain(":01Z<");
    }

    @Test
    void everySeverityAndAccuracyMapsToValidCap() throws Exception {
        for (Severity severity : Severity.values()) {
            for (int accuracy = 1; accuracy <= 4; accuracy++) {
                Alert alert = Alert.newBuilder(Fixtures.alert("X-" + severity, Fixtures.sighting("e", Fixtures.passport("t"))))
                        .setSeverity(severity).setInformationAccuracy(accuracy).setHandling(Handling.H3).build();
                assertValid(writer.message(alert, List.of()));
            }
        }
    }

    private static Alert nextVersion(Alert previous, Location where) {
        List<EvidenceRef> evidence = new ArrayList<>(previous.getEvidence());
        evidence.add(EvidenceRef.newBuilder(previous.getEvidence().get(0))
                .setEventId("e" + (evidence.size() + 1)).setKind(EventKind.INTERCEPTION)
                .setAgency("RMP").setLocation(where).build());
        return Alert.newBuilder(previous)
                .setVersion(previous.getVersion() + 1)
                .setEvidence(evidence)
                .setEventCount(evidence.size())
                .setUpdatedAt(previous.getUpdatedAt().plusSeconds(3600))
                .build();
    }

    @Test
    void anAlertHasOneInfoBlockPerLanguageEachInItsLanguage() throws Exception {
        Alert v1 = Fixtures.alert("WATCHLIST_HIT-lang", Fixtures.sighting("e1", Fixtures.passport("tok-1")));

        String cap = writer.message(v1, List.of());

        assertValid(cap);
        var document = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(cap)));
        var infos = document.getElementsByTagNameNS(CapWriter.NAMESPACE, "info");
        assertThat(infos.getLength()).isEqualTo(3);
        List<String> languages = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (int i = 0; i < infos.getLength(); i++) {
            var info = (org.w3c.dom.Element) infos.item(i);
            languages.add(info.getElementsByTagNameNS(CapWriter.NAMESPACE, "language").item(0).getTextContent());
            headlines.add(info.getElementsByTagNameNS(CapWriter.NAMESPACE, "headline").item(0).getTextContent());
            descriptions.add(info.getElementsByTagNameNS(CapWriter.NAMESPACE, "description").item(0).getTextContent());
            // The facts are the same in each: every parameter and area is repeated.
            assertThat(info.getElementsByTagNameNS(CapWriter.NAMESPACE, "area").getLength()).isEqualTo(1);
            assertThat(info.getElementsByTagNameNS(CapWriter.NAMESPACE, "parameter").getLength()).isEqualTo(9);
        }
        assertThat(languages).containsExactly("en-US", "ms-MY", "id-ID");
        assertThat(cap).contains("<event>Watchlist hit</event>", "<event>Padanan senarai pantau</event>",
                "<event>Kecocokan daftar pantauan</event>");
        assertThat(headlines).containsExactly("Watchlisted passport seen at Bukit Kayu Hitam",
                "Subjek dalam senarai pantau dikesan oleh IMMIGRATION di Bukit Kayu Hitam",
                "Subjek dalam daftar pantauan terlihat oleh IMMIGRATION di Bukit Kayu Hitam");
        assertThat(descriptions.get(1)).startsWith("1 kejadian dilaporkan oleh IMMIGRATION").contains("MYT",
                "Kanak-kanak bawah umur terlibat.");
        assertThat(descriptions.get(2)).startsWith("1 peristiwa dilaporkan oleh IMMIGRATION").contains("MYT",
                "Melibatkan anak di bawah umur.");
    }

    static void assertValid(String cap) throws Exception {
        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CapWriterTest.class.getResource("/cap/cap-v1.2.xsd"))
                .newValidator();
        validator.validate(new StreamSource(new StringReader(cap)));
    }
}
