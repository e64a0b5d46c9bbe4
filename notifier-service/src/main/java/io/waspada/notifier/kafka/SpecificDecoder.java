package io.waspada.notifier.kafka;

import io.waspada.schemas.ReleasedSchemas;
import java.io.IOException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a topic's Avro values (single-object encoding, every released schema of the record) into the generated
 * class of the caller's class loader. Same wire format as {@code AvroSerdes}; it exists because Avro's shared model
 * resolves generated classes through whatever loader it meets, which under Quarkus' split class loaders (tests, dev
 * mode) can be the wrong one and fail with a ClassCastException.
 */
public final class SpecificDecoder<T> implements Deserializer<T> {

    private final Class<T> type;
    private final BinaryMessageDecoder<T> decoder;

    public SpecificDecoder(Class<T> type) {
        this.type = type;
        SpecificData model = new SpecificData(type.getClassLoader());
        SchemaStore.Cache store = new SchemaStore.Cache();
        ReleasedSchemas.of(type.getSimpleName()).values().forEach(store::addSchema);
        this.decoder = new BinaryMessageDecoder<>(model, model.getSchema(type), store);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " from " + topic + ": "
                    + e.getMessage(), e);
        }
    }
}
