package io.waspada.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
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

    /** The single-object encoding's marker, before the schema's fingerprint. */
    private static final byte[] MARKER = {(byte) 0xC3, 0x01};
    private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(Encoding::new);

    private final Class<T> type;
    /** {@code C3 01} and the schema's CRC-64-AVRO fingerprint, little-endian: what every value starts with. */
    private final byte[] header;
    private final DatumWriter<T> writer;
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
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = Arrays.copyOf(MARKER, MARKER.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            header[MARKER.length + i] = (byte) (fingerprint >>> (8 * i));
        }
        @SuppressWarnings("unchecked")
        DatumWriter<T> datumWriter = (DatumWriter<T>) model.createDatumWriter(schema);
        this.writer = datumWriter;
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
        Encoding encoding = ENCODING.get();
        try {
            return encoding.encode(header, writer, data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for " + topic, e);
        }
    }

    /**
     * One thread's buffer and buffered encoder, reused: Avro's message encoder wrote each field through a direct
     * encoder into a synchronized stream and copied the result twice. The same bytes (AvroSerdeTest).
     */
    private static final class Encoding extends OutputStream {

        private byte[] bytes = new byte[1024];
        private int count;
        private BinaryEncoder encoder;

        <T> byte[] encode(byte[] header, DatumWriter<T> writer, T data) throws IOException {
            count = 0;
            write(header, 0, header.length);
            try {
                encoder = EncoderFactory.get().binaryEncoder(this, encoder);
                writer.write(data, encoder);
                encoder.flush();
            } catch (IOException | RuntimeException e) {
                encoder = null; // it may hold part of the failed value, which reuse would flush into the next one
                throw e;
            }
            return Arrays.copyOf(bytes, count);
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }
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
