package io.waspada.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks identifier-shaped values in free text (an event's {@code notes} and {@code caseReference}, an officer's ack or
 * resolve comment) before it reaches Kafka: identifiers travel only as pseudonymised tokens, so a passport number
 * typed into a note must not travel in clear beside them. Masks, in this order: IMO numbers, phone numbers (Malaysia,
 * Indonesia, international), MyKad and NIK numbers, MMSI numbers, passport numbers, vehicle plates; each becomes
 * {@code [masked-KIND]}. It errs on the side of masking (a 12-digit reference looks like a MyKad). Each mask is
 * reported to {@code masked} (field, kind), for a metric. Thread-safe.
 */
public final class FreeTextScrubber {

    /** The kinds of identifier it masks, with their shapes (tried in this order). */
    private static final List<Map.Entry<String, Pattern>> SHAPES = List.of(
            Map.entry("imo", Pattern.compile("\\bIMO(?:\\s*(?:no\\.?|number|#))?[\\s:.]*\\d{7}\\b",
                    Pattern.CASE_INSENSITIVE)),
            Map.entry("phone", Pattern.compile("(?<![\\w+])(?:\\+?6[02][\\s-]?|0)(?:1\\d|8\\d{1,2})[\\s-]?\\d{3,4}[\\s-]?\\d{3,5}\\b"
                    + "|\\+\\d{1,3}[\\s-]?\\d{2,4}[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}\\b"
                    + "|(?<![\\w+])0[3-9]-?\\d{3,4}[\\s-]?\\d{4}\\b")),
            Map.entry("mykad", Pattern.compile("\\b\\d{6}-\\d{2}-\\d{4}\\b|\\b\\d{12}\\b")),
            Map.entry("nik", Pattern.compile("\\b\\d{16}\\b")),
            Map.entry("mmsi", Pattern.compile("\\b\\d{9}\\b")),
            Map.entry("passport", Pattern.compile("\\b(?:[A-Z]\\s?|[A-Z]{2})\\d{6,9}[A-Z]?\\b", Pattern.CASE_INSENSITIVE)),
            // Upper case only, and a one-letter prefix needs a letter suffix ("B 1234 XYZ"): "in 2026", "Gate C12" and
            // "A 14-year-old" are not plates.
            Map.entry("plate", Pattern.compile("\\b(?:[A-Z]{2,3}\\s?\\d{1,4}(?:\\s?[A-Z]{1,3})?|[A-Z]\\s?\\d{1,4}\\s?[A-Z]{1,3})\\b")));

    /** Letter prefixes that start amounts, flights, distances and agency codes, not passports or plates. */
    private static final java.util.Set<String> NOT_AN_IDENTIFIER = java.util.Set.of("RM", "MYR", "USD", "SGD", "IDR",
            "RP", "MH", "AK", "OD", "KM", "KG", "RMP", "APM", "MOH", "NTF", "NO");

    private final BiConsumer<String, String> masked;

    /** {@code masked} hears (field, kind) for every value masked. */
    public FreeTextScrubber(BiConsumer<String, String> masked) {
        this.masked = masked;
    }

    /** Without a metric. */
    public static FreeTextScrubber silent() {
        return new FreeTextScrubber((field, kind) -> { });
    }

    /** {@code text} with every identifier-shaped value masked; null stays null. */
    public String scrub(String field, String text) {
        if (text == null || !hasDigit(text)) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, Pattern> shape : SHAPES) {
            Matcher matcher = shape.getValue().matcher(result);
            StringBuilder out = null;
            while (matcher.find()) {
                if (NOT_AN_IDENTIFIER.contains(prefix(matcher.group()))) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(result.length());
                }
                matcher.appendReplacement(out, "[masked-" + shape.getKey() + "]");
                masked.accept(field, shape.getKey());
            }
            if (out != null) {
                matcher.appendTail(out);
                result = out.toString();
            }
        }
        return result;
    }

    /**
     * Every shape needs at least one ASCII digit ({@code \d} without UNICODE_CHARACTER_CLASS), so a text without one
     * has nothing to mask: the common note is answered by one scan instead of seven regular expressions.
     */
    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String prefix(String match) {
        int end = 0;
        while (end < match.length() && Character.isLetter(match.charAt(end))) {
            end++;
        }
        return match.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }

    /** What {@link #scrub} would mask in {@code text}, by kind (for tests and reports). */
    public static Map<String, Integer> count(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        new FreeTextScrubber((field, kind) -> counts.merge(kind, 1, Integer::sum)).scrub("text", text);
        return counts;
    }
}
