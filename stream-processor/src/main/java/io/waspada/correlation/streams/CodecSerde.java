package io.waspada.correlation.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over {@link ObservationCodec}'s binary form for one internal type; checks the format byte.
 * Stateless and thread-safe; null stays null (store deletes).
 */
abstract class CodecSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    abstract void write(DataOutputStream out, T value) throws IOException;

    /** The format this serde writes ({@link ObservationCodec#FORMAT} unless its type kept an earlier one). */
    byte format() {
        return ObservationCodec.FORMAT;
    }

    /** Reads a value written in {@code format} (one of {@link ObservationCodec#READABLE}). */
    abstract T read(DataInputStream in, byte format) throws IOException;

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(format());
            write(out, value);
        } catch (IOException e) {
            throw new SerializationException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (!ObservationCodec.READABLE.contains(format)) {
                throw new SerializationException("Unknown internal format " + format + " on " + topic);
            }
            return read(in, format);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode internal record from " + topic, e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
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
