package io.waspada.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a schema against released versions in both directions: backward (the new schema reads what
 * an old writer wrote) and forward (an old reader reads what the new schema writes). Each problem
 * names the record, the version, the direction and the field location Avro reports.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    public static List<String> problems(String record, Schema current, Map<String, Schema> released) {
        List<String> problems = new ArrayList<>();
        released.forEach((version, old) -> {
            check(problems, record, version, "backward (new reader, " + version + " writer)", current, old);
            check(problems, record, version, "forward (" + version + " reader, new writer)", old, current);
        });
        return problems;
    }

    private static void check(List<String> problems, String record, String version, String direction,
                              Schema reader, Schema writer) {
        SchemaPairCompatibility result =
                org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(String.format("%s is not %s compatible with released %s: %s at field %s (%s)",
                    record, direction, version, incompatibility.getType(),
                    fieldPath(reader, incompatibility.getLocation()), incompatibility.getMessage()));
        }
    }

    /** Turns Avro's JSON-pointer location ({@code /fields/1/type}) into field names ({@code Sighting.agency}). */
    static String fieldPath(Schema schema, String location) {
        StringBuilder path = new StringBuilder(schema.getName());
        Schema current = schema;
        String[] steps = location.split("/");
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            if (step.equals("fields") && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                path.append('.').append(field.name());
                current = field.schema();
            } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
                path.append("[]");
            } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
                path.append("{}");
            } else if (step.matches("\\d+") && current.getType() == Schema.Type.UNION) {
                current = current.getTypes().get(Integer.parseInt(step));
            }
        }
        return path + " (" + location + ")";
    }
}
