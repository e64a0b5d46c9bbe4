package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waspada.inbox.AgencyReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The HTTP API's JSON bodies ({@link SampleBodies}) as an agency's Avro reports, field by field, so a test can send the
 * same content through both doors. A field the report schema does not have (e.g. {@code agency}) is left out.
 */
public final class Reports {

    private static final Schema SCHEMA = AgencyReport.getClassSchema();
    private static final BinaryMessageEncoder<GenericRecord> ENCODER =
            new BinaryMessageEncoder<>(GenericData.get(), SCHEMA);

    private Reports() {
    }

    /** {@code body} (with {@code kind}) in the Avro single-object encoding the inbox expects. */
    public static byte[] encode(String kind, ObjectNode body) {
        return encode(kind, body, SCHEMA, ENCODER);
    }

    /** As above, written with an earlier {@code AgencyReport} schema, as an agency system built against it does. */
    public static byte[] encodeAs(Schema writer, String kind, ObjectNode body) {
        return encode(kind, body, writer, new BinaryMessageEncoder<>(GenericData.get(), writer));
    }

    private static byte[] encode(String kind, ObjectNode body, Schema schema,
            BinaryMessageEncoder<GenericRecord> encoder) {
        ObjectNode withKind = body.deepCopy();
        withKind.put("kind", kind);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.encode(record(schema, withKind), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericRecord record(Schema schema, JsonNode json) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            record.put(field.pos(), value == null || value.isNull() ? defaultOf(field) : value(field.schema(), value));
        }
        return record;
    }

    private static Object defaultOf(Schema.Field field) {
        return field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
    }

    private static Object value(Schema schema, JsonNode json) {
        switch (schema.getType()) {
            case UNION:
                return value(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                        .orElseThrow(), json);
            case RECORD:
                return record(schema, json);
            case ARRAY:
                List<Object> items = new ArrayList<>();
                json.forEach(item -> items.add(value(schema.getElementType(), item)));
                return new GenericData.Array<>(schema, items);
            case STRING:
                return json.asText();
            case DOUBLE:
                return json.asDouble();
            case INT:
                return json.asInt();
            case LONG:
                return "timestamp-millis".equals(schema.getProp("logicalType")) || schema.getLogicalType() != null
                        ? Instant.parse(json.asText()).toEpochMilli() : json.asLong();
            default:
                throw new IllegalArgumentException("no conversion to " + schema);
        }
    }
}
