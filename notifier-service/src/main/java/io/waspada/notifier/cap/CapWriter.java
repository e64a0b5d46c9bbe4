package io.waspada.notifier.cap;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import io.waspada.notifier.view.FlagNotices;
import io.waspada.notifier.i18n.AlertTexts;
import io.waspada.notifier.i18n.Catalogue;
import io.waspada.notifier.i18n.Language;
import io.waspada.notifier.i18n.OfficerZone;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an alert as an OASIS CAP 1.2 message: the first version is {@code Alert}, a later version an
 * {@code Update} referencing every earlier message, an acknowledgement an {@code Ack}. Scope is Restricted
 * with the handling code; times carry the configured offset (e.g. +08:00), never "Z". An alert or update has one
 * {@code <info>} per {@link Language} (en-US, ms-MY, id-ID), its headline and description in that language.
 */
public final class CapWriter {

    static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    // An evidence point is a place seen, not an area: a 1 km circle around it.
    private static final String CIRCLE_RADIUS_KM = "1.0";

    private final String sender;
    private final ZoneId zone;
    private final Catalogue catalogue = Catalogue.get();
    private final AlertTexts texts = new AlertTexts(catalogue);
    /** The zone the descriptions' times are written in: the CAP zone's (MYT, WIB, WITA), else Malaysia's. */
    private final OfficerZone shownZone;

    public CapWriter(String sender, ZoneId zone) {
        this.sender = sender;
        this.zone = zone;
        this.shownZone = OfficerZone.of(zone.getId()).orElse(OfficerZone.MYT);
    }

    /** The CAP message of {@code current}; {@code earlier} are the alert's previous versions, oldest first. */
    public String message(Alert current, List<Alert> earlier) {
        return write(current, earlier, null);
    }

    /** A CAP Ack of {@code current}, referencing every message sent for the alert. */
    public String acknowledgement(Alert current, List<Alert> earlier, CapAcknowledgement ack) {
        return write(current, earlier, ack);
    }

    public String identifier(Alert version) {
        return "waspada:" + version.getAlertId() + ":v" + version.getVersion();
    }

    private String write(Alert current, List<Alert> earlier, CapAcknowledgement ack) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "alert");
            xml.writeDefaultNamespace(NAMESPACE);
            if (ack == null) {
                header(xml, identifier(current), current.getUpdatedAt(), earlier.isEmpty() ? "Alert" : "Update", current);
                references(xml, earlier);
                for (Language language : Language.values()) {
                    info(xml, current, language);
                }
            } else {
                header(xml, identifier(current) + ":ack:" + ack.at().toEpochMilli(), ack.at(), "Ack", current);
                element(xml, "note", ack.comment() == null || ack.comment().isBlank()
                        ? catalogue.text(Language.EN, "cap.ack", "officer", ack.officer(), "taskForce", ack.taskForce())
                        : catalogue.text(Language.EN, "cap.ack.comment", "officer", ack.officer(),
                                "taskForce", ack.taskForce(), "comment", ack.comment()));
                references(xml, append(earlier, current));
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write CAP for " + current.getAlertId(), e);
        }
    }

    private void header(XMLStreamWriter xml, String identifier, java.time.Instant sent, String msgType, Alert alert)
            throws XMLStreamException {
        element(xml, "identifier", identifier);
        element(xml, "sender", sender);
        element(xml, "sent", CapMapping.time(sent, zone));
        element(xml, "status", "Actual");
        element(xml, "msgType", msgType);
        element(xml, "source", catalogue.text(Language.EN, "cap.source", "agencies", String.join(", ", alert.getAgencies())));
        element(xml, "scope", "Restricted");
        element(xml, "restriction", catalogue.text(Language.EN, "cap.restriction", "code", alert.getHandling(),
                "text", catalogue.text(Language.EN, "cap.handling." + alert.getHandling().name())));
        element(xml, "code", "waspada-alert-id:" + alert.getAlertId());
    }

    private void references(XMLStreamWriter xml, List<Alert> messages) throws XMLStreamException {
        if (messages.isEmpty()) {
            return;
        }
        element(xml, "references", messages.stream()
                .map(m -> sender + "," + identifier(m) + "," + CapMapping.time(m.getUpdatedAt(), zone))
                .collect(Collectors.joining(" ")));
    }

    /** One {@code <info>} per language: the same facts, headline and description in that language. */
    private void info(XMLStreamWriter xml, Alert alert, Language language) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, "info");
        element(xml, "language", language.capTag());
        element(xml, "category", "Security");
        // The rule in words where the catalogue has it; a new rule by its name.
        element(xml, "event", catalogue.has(language, "cap.event." + alert.getType())
                ? catalogue.text(language, "cap.event." + alert.getType()) : alert.getType());
        element(xml, "responseType", CapMapping.responseType(alert.getSeverity()));
        element(xml, "urgency", CapMapping.urgency(alert.getSeverity()));
        element(xml, "severity", CapMapping.severity(alert.getSeverity()));
        element(xml, "certainty", CapMapping.certainty(alert.getInformationAccuracy()));
        element(xml, "eventCode", "waspada-rule", alert.getType());
        element(xml, "effective", CapMapping.time(alert.getFirstSeen(), zone));
        element(xml, "senderName", catalogue.text(language, "cap.senderName"));
        element(xml, "headline", texts.title(alert, language));
        element(xml, "description", texts.summary(alert, language, shownZone));
        if (!alert.getFlags().isEmpty()) {
            element(xml, "instruction", String.join("\n", FlagNotices.of(alert, language)));
        }
        for (Map.Entry<String, String> parameter : parameters(alert).entrySet()) {
            element(xml, "parameter", parameter.getKey(), parameter.getValue());
        }
        for (Map.Entry<String, Location> place : places(alert).entrySet()) {
            area(xml, place.getKey(), place.getValue());
        }
        xml.writeEndElement();
    }

    private static Map<String, String> parameters(Alert alert) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("rule", alert.getType());
        parameters.put("evidenceCount", Integer.toString(alert.getEvidence().size()));
        parameters.put("eventCount", Integer.toString(alert.getEventCount()));
        parameters.put("alertVersion", Long.toString(alert.getVersion()));
        parameters.put("handling", alert.getHandling().name());
        parameters.put("sourceReliability", alert.getSourceReliability());
        parameters.put("informationAccuracy", Integer.toString(alert.getInformationAccuracy()));
        parameters.put("countries", String.join(",", alert.getCountries()));
        parameters.put("agencies", String.join(",", alert.getAgencies()));
        if (!alert.getFlags().isEmpty()) {
            parameters.put("flags", alert.getFlags().stream().map(f -> f.getKind() + (f.getJurisdiction() == null ? ""
                    : ":" + f.getJurisdiction()) + "@" + f.getAgency()).collect(Collectors.joining(",")));
        }
        return parameters;
    }

    /** One area per distinct place of the evidence (site code, else region), in evidence order. */
    private static Map<String, Location> places(Alert alert) {
        Map<String, Location> places = new LinkedHashMap<>();
        for (EvidenceRef evidence : alert.getEvidence()) {
            Location location = evidence.getLocation();
            String name = location.getSite() != null ? location.getSite() : location.getRegion();
            places.putIfAbsent(name + " (" + location.getCountry() + ")", location);
        }
        return places;
    }

    private static void area(XMLStreamWriter xml, String description, Location location) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, "area");
        element(xml, "areaDesc", description);
        element(xml, "circle", location.getLat() + "," + location.getLon() + " " + CIRCLE_RADIUS_KM);
        element(xml, "geocode", "ISO3166-1", location.getCountry());
        xml.writeEndElement();
    }

    private static List<Alert> append(List<Alert> earlier, Alert current) {
        return java.util.stream.Stream.concat(earlier.stream(), java.util.stream.Stream.of(current)).toList();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    /** A CAP valueName/value pair element (parameter, eventCode, geocode). */
    private static void element(XMLStreamWriter xml, String name, String valueName, String value)
            throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        element(xml, "valueName", valueName);
        element(xml, "value", value);
        xml.writeEndElement();
    }
}
