package io.waspada.notifier.cap;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The official OASIS CAP 1.2 schema (test resources): validates a CAP document or throws naming the problem. */
public final class CapSchema {

    private CapSchema() {
    }

    public static void assertValid(String cap) throws Exception {
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CapSchema.class.getResource("/cap/cap-v1.2.xsd"));
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(cap)));
        } catch (SAXException e) {
            throw new AssertionError("invalid CAP: " + e.getMessage() + "\n" + cap, e);
        }
    }
}
