package io.waspada.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The build's compatibility gate: every current schema reads and is read by every released version. */
class SchemaCompatibilityTest {

    @Test
    void everyCurrentSchemaIsBackwardAndForwardCompatibleWithEveryReleasedVersion() throws Exception {
        assertThat(ReleasedSchemas.versions()).isNotEmpty();
        for (String record : ReleasedSchemas.RECORDS) {
            Schema current = SpecificData.get().getSchema(Class.forName("io.waspada.avro." + record));
            List<String> problems = SchemaCompatibility.problems(record, current, ReleasedSchemas.of(record));
            assertThat(problems)
                    .as("Incompatible schema change of %s: keep old fields, give new fields defaults", record)
                    .isEmpty();
        }
    }

    @Test
    void theInboxRecordIsBackwardAndForwardCompatibleWithEveryReleasedVersionOfIt() throws Exception {
        Schema current = SpecificData.get().getSchema(Class.forName("io.waspada.inbox."
                + ReleasedSchemas.INBOX_RECORD));
        assertThat(ReleasedSchemas.inbox()).containsKey("v1");
        assertThat(SchemaCompatibility.problems(ReleasedSchemas.INBOX_RECORD, current, ReleasedSchemas.inbox()))
                .as("An agency system built against a released AgencyReport must keep being read").isEmpty();
    }

    @Test
    void aNewFieldWithoutDefaultIsRejectedNamingTheField() {
        Schema released = ReleasedSchemas.of("Sighting").get("v1");
        Schema changed = withField(released,
                "{\"name\": \"vesselName\", \"type\": \"string\"}");

        List<String> problems = SchemaCompatibility.problems("Sighting", changed, Map.of("v1", released));

        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("backward")
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("Sighting.vesselName"));
    }

    @Test
    void aChangedFieldTypeIsRejectedInBothDirectionsNamingTheField() {
        Schema released = ReleasedSchemas.of("Sighting").get("v1");
        String json = released.toString().replace(
                "{\"name\":\"agency\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                "{\"name\":\"agency\",\"type\":\"int\"");
        Schema changed = new Schema.Parser().parse(json);

        List<String> problems = SchemaCompatibility.problems("Sighting", changed, Map.of("v1", released));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("backward").contains("Sighting.agency"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("forward").contains("Sighting.agency"));
    }

    @Test
    void removingARequiredFieldBreaksOldReaders() {
        Schema released = ReleasedSchemas.of("Alert").get("v1");
        String json = released.toString().replace("{\"name\":\"title\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}},", "");
        Schema changed = new Schema.Parser().parse(json);
        assertThat(changed.getField("title")).isNull();

        List<String> problems = SchemaCompatibility.problems("Alert", changed, Map.of("v1", released));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("forward").contains("Alert.title"));
    }

    private static Schema withField(Schema record, String fieldJson) {
        String json = record.toString();
        int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }
}
