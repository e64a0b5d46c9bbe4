package io.waspada.correlation.streams;

import io.waspada.schemas.AvroSerde;
import io.waspada.schemas.ReleasedSchemas;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The platform's Avro serde (same encoding, same released schemas), decoding with a model
 * bound to the class loader of the generated classes. The shared model resolves record classes through Avro's
 * own loader, which under Quarkus test/dev mode finds a second copy of the classes (ClassCastException on every
 * record); in a packaged service both are the same loader.
 */
public final class ClassLoaderSafeSerde<T extends SpecificRecord> implements Serde<T>, Deserializer<T> {

    private final AvroSerde<T> platform;
    private final BinaryMessageDecoder<T> decoder;

    public ClassLoaderSafeSerde(AvroSerde<T> platform) {
        this.platform = platform;
        Class<T> type = platform.type();
        SpecificData shared = SpecificData.getForClass(type);
        SpecificData model = new SpecificData(type.getClassLoader());
        shared.getConversions().forEach(model::addLogicalTypeConversion);
        Schema schema = shared.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        ReleasedSchemas.of(type.getSimpleName()).values().forEach(store::addSchema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + platform.type().getSimpleName() + " from " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return platform;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
