package io.waspada.ingest.kafka;

import io.waspada.schemas.ReleasedSchemas;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes single-object-encoded Avro (current and every released schema) into {@code type}, resolving generated
 * classes through {@code type}'s own class loader. Same bytes as {@code AvroSerde}; needed because the generated
 * classes' shared model resolves them through Avro's loader, which inside {@code @QuarkusTest} is a parent of the
 * application's and yields a foreign copy of the class (ClassCastException).
 */
public final class AvroReader<T extends SpecificRecord> implements Deserializer<T> {

    private final BinaryMessageDecoder<T> decoder;
    private final String name;

    public AvroReader(Class<T> type) {
        SpecificData model = new SpecificData(type.getClassLoader());
        // The only logical type of the platform's schemas (as the generated classes' own model registers it).
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        Schema schema = model.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        ReleasedSchemas.of(type.getSimpleName()).values().forEach(store::addSchema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
        this.name = type.getSimpleName();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + name + " from " + topic + ": " + e.getMessage(), e);
        }
    }
}
