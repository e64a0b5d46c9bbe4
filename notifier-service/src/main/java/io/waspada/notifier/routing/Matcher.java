package io.waspada.notifier.routing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher with Alertmanager's semantics: a missing label is the empty string, and regexes are fully
 * anchored ({@code region=~"SABAH"} does not match {@code SABAH_NORTH}). Immutable and thread-safe.
 */
public final class Matcher {

    private static final Pattern SYNTAX = Pattern.compile(
            "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    public Matcher(String name, MatchType type, String value) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        this.pattern = type == MatchType.REGEX || type == MatchType.NOT_REGEX ? compile(value) : null;
    }

    /** Parses {@code name op "value"} (quotes optional), e.g. {@code region=~"SABAH|SARAWAK"}. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher '" + text + "': expected name=\"value\", name!=\"value\", "
                    + "name=~\"regex\" or name!~\"regex\"");
        }
        MatchType type = switch (m.group(2)) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        return new Matcher(m.group(1), type, unquote(m.group(3)));
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return raw;
    }

    private static Pattern compile(String regex) {
        try {
            // Fully anchored, as Alertmanager does with ^(?:regex)$.
            return Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex \"" + regex + "\": " + e.getDescription(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher other && name.equals(other.name) && type == other.type && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + type.operator() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
