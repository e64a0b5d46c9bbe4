package io.waspada.ingest.domain;

import java.util.Arrays;

/** A JSON array as {@link JsonDocument} read it: its values in order, of the kinds {@link JsonFields} lists. */
public final class JsonItems {

    private Object[] items = new Object[4];
    private int size;

    void add(Object value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    public Object get(int index) {
        return items[index];
    }

    public int size() {
        return size;
    }
}
