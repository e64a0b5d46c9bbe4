package io.waspada.ingest.domain;

/**
 * Where a value is in a body ({@code subjects[1].identifiers[0].value}), spelt out only when a violation names it:
 * spelling every subject's and identifier's path while reading a valid event was a tenth of reading it.
 */
public final class FieldPath {

    /** The body itself (its fields' paths are their names). */
    public static final FieldPath ROOT = new FieldPath(null, null, -1, "");

    private final FieldPath parent;
    private final String name;
    private final int index;
    private String text;

    private FieldPath(FieldPath parent, String name, int index, String text) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.text = text;
    }

    /** A path spelt out already. */
    public static FieldPath of(String text) {
        return text.isEmpty() ? ROOT : new FieldPath(null, null, -1, text);
    }

    /** The member {@code name} of the object here. */
    public FieldPath field(String name) {
        return new FieldPath(this, name, -1, null);
    }

    /** The item {@code index} of the array here. */
    public FieldPath item(int index) {
        return new FieldPath(this, null, index, null);
    }

    public boolean isRoot() {
        return this == ROOT;
    }

    @Override
    public String toString() {
        if (text == null) {
            String above = parent.toString();
            text = name == null ? above + "[" + index + "]" : above.isEmpty() ? name : above + "." + name;
        }
        return text;
    }
}
