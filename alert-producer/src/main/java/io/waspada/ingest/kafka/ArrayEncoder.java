package io.waspada.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;

/**
 * Avro's binary encoding written straight into one growing array (what {@code BinaryEncoder} writes, byte for byte):
 * no buffer copied into a stream, and a string of ASCII characters written without a UTF-8 array of its own. Reused
 * by one thread for many values ({@link #reset}); not thread-safe.
 */
final class ArrayEncoder extends BinaryEncoder {

    private byte[] bytes = new byte[1024];
    private int count;

    /** Forgets what was written; the array is kept. */
    void reset() {
        count = 0;
    }

    /** What was written since the last {@link #reset}, in an array of its own. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }

    void writeRaw(byte[] source) {
        writeFixed(source, 0, source.length);
    }

    @Override
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, right for ASCII
    public void writeString(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                writeInt(utf8.length);
                writeFixed(utf8, 0, utf8.length);
                return;
            }
        }
        writeInt(length);
        ensure(length);
        text.getBytes(0, length, bytes, count); // ASCII: each char is its byte
        count += length;
    }

    @Override
    public void writeBoolean(boolean value) {
        ensure(1);
        bytes[count++] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeInt(int value) {
        writeVarint(((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL);
    }

    @Override
    public void writeLong(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    private void writeVarint(long zigZagged) {
        ensure(10);
        long rest = zigZagged;
        while ((rest & ~0x7FL) != 0) {
            bytes[count++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[count++] = (byte) rest;
    }

    @Override
    public void writeFloat(float value) {
        writeLittleEndian(Float.floatToRawIntBits(value), 4);
    }

    @Override
    public void writeDouble(double value) {
        writeLittleEndian(Double.doubleToRawLongBits(value), 8);
    }

    private void writeLittleEndian(long bits, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            bytes[count++] = (byte) (bits >>> (8 * i));
        }
    }

    @Override
    public void writeFixed(byte[] source, int start, int length) {
        ensure(length);
        System.arraycopy(source, start, bytes, count, length);
        count += length;
    }

    @Override
    protected void writeZero() {
        ensure(1);
        bytes[count++] = 0;
    }

    @Override
    public int bytesBuffered() {
        return 0;
    }

    @Override
    public void flush() {
        // everything is in the array already
    }

    private void ensure(int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }
}
