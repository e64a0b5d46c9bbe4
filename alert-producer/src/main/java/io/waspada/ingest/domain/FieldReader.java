package io.waspada.ingest.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of one JSON object ({@link JsonFields}), recording a {@link Violation} (with the field's full path)
 * for each missing, mistyped or out-of-range value instead of stopping at the first. Getters return null
 * (or the default) for a field that broke a rule, so callers can keep reading and report everything.
 */
public final class FieldReader {


    private final JsonFields node;
    private final FieldPath path;
    private final List<Violation> violations;

    public FieldReader(JsonFields node, String path, List<Violation> violations) {
        this(node, FieldPath.of(path), violations);
    }

    public FieldReader(JsonFields node, FieldPath path, List<Violation> violations) {
        this.node = node;
        this.path = path;
        this.violations = violations;
    }

    /** Reads one item of an array: the value and where it is (spelt out only for a violation). */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(Object value, FieldPath path);
    }

    /** A reader for the root document; records a violation if it is not an object. */
    public static FieldReader root(JsonFields node, List<Violation> violations) {
        if (node == null) {
            violations.add(new Violation("$", "type", "the body must be a JSON object"));
        }
        return new FieldReader(node, FieldPath.ROOT, violations);
    }

    public boolean isObject() {
        return node != null;
    }

    public String path(String field) {
        return path.isRoot() ? field : path.field(field).toString();
    }

    public void violation(String field, String rule, String message) {
        violations.add(new Violation(path(field), rule, message));
    }

    /** Records an {@code unknown-field} violation for every field not in {@code known}. */
    public void rejectUnknown(Set<String> known) {
        if (!isObject()) {
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            String name = node.name(i);
            if (!known.contains(name)) {
                violation(name, "unknown-field", "is not a field of this object");
            }
        }
    }

    public boolean has(String field) {
        return present(field) != null;
    }

    /** The field's value, or null when it is absent or JSON null (looked up once per rule). */
    private Object present(String field) {
        if (!isObject()) {
            return null;
        }
        Object value = node.get(field);
        return value == JsonFields.NULL ? null : value;
    }

    public String requiredText(String field, int maxLength) {
        Object value = present(field);
        if (value == null) {
            violation(field, "required", "is required");
            return null;
        }
        return text(field, value, maxLength);
    }

    public String optionalText(String field, int maxLength) {
        Object value = present(field);
        return value == null ? null : text(field, value, maxLength);
    }

    private String text(String field, Object value, int maxLength) {
        if (!(value instanceof String text)) {
            violation(field, "type", "must be a string");
            return null;
        }
        if (text.isBlank()) {
            violation(field, "not-blank", "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            violation(field, "max-length", "must have at most " + maxLength + " characters (has " + text.length() + ")");
            return null;
        }
        return text;
    }

    public String requiredEnum(String field, Set<String> allowed) {
        String value = requiredText(field, 64);
        return value == null ? null : checkEnum(field, value, allowed);
    }

    public String optionalEnum(String field, Set<String> allowed, String fallback) {
        Object present = present(field);
        if (present == null) {
            return fallback;
        }
        String value = text(field, present, 64);
        return value == null ? null : checkEnum(field, value, allowed);
    }

    private String checkEnum(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            violation(field, "enum", "must be one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        return value;
    }

    /** An upper-case code such as a region or site: letters, digits and underscores. */
    public String code(String field, boolean required) {
        String value = required ? requiredText(field, 40) : optionalText(field, 40);
        if (value != null && !isCode(value)) {
            violation(field, "code", "must be 2 to 40 letters, digits or underscores");
            return null;
        }
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code [A-Za-z0-9_]{2,40}}, checked with a loop: it runs for every event's region and site. */
    private static boolean isCode(String value) {
        if (value.length() < 2 || value.length() > 40) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public String country(String field, boolean required) {
        String value = required ? requiredText(field, 2) : optionalText(field, 2);
        if (value != null && !Vocabulary.COUNTRIES.contains(value)) {
            violation(field, "iso-3166-alpha-2", "must be an ISO 3166-1 alpha-2 country code in upper case");
            return null;
        }
        return value;
    }

    public Double requiredNumber(String field, double min, double max) {
        Object present = present(field);
        if (present == null) {
            violation(field, "required", "is required");
            return null;
        }
        if (!(present instanceof Number value)) {
            violation(field, "type", "must be a number");
            return null;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            violation(field, "range", "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    public Integer optionalInt(String field, int min, int max, Integer fallback) {
        Object present = present(field);
        if (present == null) {
            return fallback;
        }
        Integer value = integer(present);
        if (value == null) {
            violation(field, "type", "must be an integer");
            return null;
        }
        int number = value;
        if (number < min || number > max) {
            violation(field, "range", "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    /** An ISO-8601 instant with a zone ({@code Z} or an offset). */
    public Instant requiredInstant(String field) {
        String value = requiredText(field, 40);
        if (value == null) {
            return null;
        }
        Instant instant = Instants.parse(value);
        if (instant == null) {
            violation(field, "date-time", "must be an ISO-8601 date-time with a zone, e.g. 2026-11-20T03:15:00Z");
        }
        return instant;
    }

    public Instant optionalInstant(String field) {
        return has(field) ? requiredInstant(field) : null;
    }

    public FieldReader requiredObject(String field) {
        Object present = present(field);
        if (present == null) {
            violation(field, "required", "is required");
            return new FieldReader(null, path.field(field), violations);
        }
        if (!(present instanceof JsonFields value)) {
            violation(field, "type", "must be an object");
            return new FieldReader(null, path.field(field), violations);
        }
        return new FieldReader(value, path.field(field), violations);
    }

    /**
     * Maps each element of an array field with {@code element(reader, index)}; null results are dropped.
     * Records {@code required}/{@code min-items}/{@code max-items}/{@code type} violations.
     */
    public <T> List<T> array(String field, int minItems, int maxItems, ItemReader<T> element) {
        Object present = present(field);
        if (present == null) {
            if (minItems > 0) {
                violation(field, "required", "is required");
            }
            return new ArrayList<>();
        }
        if (!(present instanceof JsonItems value)) {
            violation(field, "type", "must be an array");
            return new ArrayList<>();
        }
        List<T> result = new ArrayList<>(Math.min(value.size(), maxItems));
        if (value.size() < minItems) {
            violation(field, "min-items", "must have at least " + minItems + " item(s)");
        }
        if (value.size() > maxItems) {
            violation(field, "max-items", "must have at most " + maxItems + " items (has " + value.size() + ")");
            return result;
        }
        FieldPath arrayPath = path.field(field);
        for (int i = 0; i < value.size(); i++) {
            T mapped = element.read(value.get(i), arrayPath.item(i));
            if (mapped != null) {
                result.add(mapped);
            }
        }
        return result;
    }

    /** An integral number that fits an int (as Jackson's {@code isIntegralNumber() && canConvertToInt()}), else null. */
    private static Integer integer(Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        if (value instanceof BigInteger number && number.bitLength() <= 31) {
            return number.intValue();
        }
        return null;
    }

    public List<Violation> violations() {
        return violations;
    }
}
