package io.waspada.notifier.routing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One label matcher with Alertmanager's semantics: a missing label is the empty string, and regexes are fully
 * anchored ({@code region=~"SABAH"} does not match {@code SABAH_NORTH}). Regexes run on RE2/J, in time linear in the
 * label's length whatever the pattern (no backtracking: a pattern like {@code (a+)+$} cannot freeze dispatch), with
 * RE2's syntax as Alertmanager's Go regexes have it (no backreferences or lookarounds). Immutable and thread-safe.
 */
public final class Matcher {

    /** Longer patterns are refused: RE2 compiles in time and memory linear in the pattern, still bounded here. */
    static final int MAX_REGEX_LENGTH = 1_000;
    static final long MAX_REPEAT_PRODUCT = 1_000;
    private static final Pattern COUNTED = Pattern.compile("\\{(\\d{1,4})(?:,(\\d{0,4}))?\\}");
    private static final Pattern SYNTAX = Pattern.compile(
            "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

    private final String name;
    private final MatchType type;
    private final String value;
    private final com.google.re2j.Pattern pattern;

    public Matcher(String name, MatchType type, String value) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        this.pattern = type == MatchType.REGEX || type == MatchType.NOT_REGEX ? compile(value) : null;
    }

    /** Parses {@code name op "value"} (quotes optional), e.g. {@code region=~"SABAH|SARAWAK"}. */
    public static Matcher parse(String text) {
        if (text != null && text.length() > MAX_REGEX_LENGTH + 100) {
            throw new IllegalArgumentException("matcher longer than " + (MAX_REGEX_LENGTH + 100) + " characters");
        }
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

    private static com.google.re2j.Pattern compile(String regex) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("regex longer than " + MAX_REGEX_LENGTH + " characters");
        }
        // RE2 runs in linear time but compiles x{n} into n copies of x: nested counts multiply (((a{1000}){1000})
        // would be 10^6 instructions), so their product is bounded, as Go's regexp bounds it.
        long copies = 1;
        java.util.regex.Matcher count = COUNTED.matcher(regex);
        while (count.find()) {
            if (count.start() > 0 && regex.charAt(count.start() - 1) == '\\') {
                continue;
            }
            copies *= Math.max(1, Long.parseLong(count.group(count.group(2) != null && !count.group(2).isEmpty()
                    ? 2 : 1)));
            if (copies > MAX_REPEAT_PRODUCT) {
                throw new IllegalArgumentException("bad regex \"" + regex + "\": counted repetitions multiply to more "
                        + "than " + MAX_REPEAT_PRODUCT);
            }
        }
        try {
            // Fully anchored, as Alertmanager does with ^(?:regex)$.
            return com.google.re2j.Pattern.compile("^(?:" + regex + ")$");
        } catch (com.google.re2j.PatternSyntaxException e) {
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
