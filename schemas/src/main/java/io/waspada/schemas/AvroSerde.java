package io.waspada.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro class using Avro's single-object encoding
 * ({@code C3 01} + 8-byte schema fingerprint + body). The decoder knows the current schema and every
 * released version of the record, so no registry server is needed and old writers resolve.
 * Thread-safe; null stays null (tombstones).
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024));

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type) {
        this(type, ReleasedSchemas.of(type.getSimpleName()).values());
    }

    /** A serde whose decoder also accepts the given writer schemas (released versions, or a test's). */
    public AvroSerde(Class<T> type, Iterable<Schema> writerSchemas) {
        this.type = type;
        // A model bound to the generated class's own class loader: Avro's shared model resolves classes through
        // Avro's loader, which under Quarkus' split class loaders (tests, dev mode) yields a foreign copy of the
        // class and a ClassCastException. The conversions are the ones the generated class registers.
        SpecificData model = new OptionalUnionData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        Schema schema = model.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (Schema writer : writerSchemas) {
            store.addSchema(writer);
        }
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try {
            encoder.encode(data, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for " + topic, e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot decode " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
        }
    }

    // Both Serializer and Deserializer declare configure/close defaults: say which one applies.
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
