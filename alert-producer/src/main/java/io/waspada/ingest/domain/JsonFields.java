package io.waspada.ingest.domain;

import java.util.Arrays;

/**
 * A JSON object as {@link JsonDocument} read it from the parser's tokens: its members in document order, found by a
 * scan of a dozen names (the same instances mostly: the parser interns them, as Java interns literals; else their
 * cached hash codes are compared first) instead of a hash map per object. Values are {@code String},
 * {@code Boolean}, {@code Integer}/{@code Long}/{@code BigInteger} (integral numbers), {@code Double},
 * {@link JsonFields}, {@link JsonItems}, {@link #NULL} or {@link #OTHER}.
 */
public final class JsonFields {

    /** JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    /** A value no JSON text can hold (an embedded object of a tree): of no type the contract accepts. */
    public static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "other";
        }
    };

    // Six fit a subject, an identifier and a location; an event's dozen fields grow it once.
    private String[] names = new String[6];
    private Object[] values = new Object[6];
    private int size;
    /** Where the last look-up found its name: readers mostly ask for the members in document order. */
    private int next;

    void add(String name, Object value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    /**
     * The value of {@code name}, {@link #NULL} for an explicit null, Java null when absent. The scan starts after the
     * member found last, so reading the members in document order finds each at the first look. One object is read
     * by one thread (the request's).
     */
    public Object get(String name) {
        int hash = name.hashCode();
        for (int seen = 0, i = next; seen < size; seen++, i = i + 1 == size ? 0 : i + 1) {
            String candidate = names[i];
            if (candidate == name || candidate.hashCode() == hash && candidate.equals(name)) {
                next = i + 1 == size ? 0 : i + 1;
                return values[i];
            }
        }
        return null;
    }

    public int size() {
        return size;
    }

    /** The name of the {@code index}th member, in document order. */
    public String name(int index) {
        return names[index];
    }
}
