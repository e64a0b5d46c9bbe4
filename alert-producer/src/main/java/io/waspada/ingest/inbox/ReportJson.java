package io.waspada.ingest.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An agency's Avro report as the JSON body the HTTP API would have received, so both doors run the one validation
 * ({@code EventReader}) and give the same problem details: fields by name, a null (absent) field left out, an empty
 * list with a default left out (as an HTTP client would omit it), {@code timestamp-millis} as an ISO-8601 instant.
 */
final class ReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportJson() {
    }

    static ObjectNode of(GenericRecord record) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value == null || value instanceof Collection<?> list && list.isEmpty() && field.hasDefaultValue()) {
                continue;
            }
            object.set(field.name(), node(value));
        }
        return object;
    }

    private static JsonNode node(Object value) {
        if (value instanceof GenericRecord record) {
            return of(record);
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(node(item)));
            return array;
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof ByteBuffer || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException("no JSON form for a " + value.getClass().getSimpleName());
    }
}
