package io.waspada.notifier.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Prometheus durations such as {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 250ms}, {@code 0}. */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    private Durations() {
    }

    /** The shortest Prometheus form: {@code 0s}, {@code 250ms}, {@code 1h30m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < MILLIS.length; i++) {
            if (millis >= MILLIS[i]) {
                text.append(millis / MILLIS[i]).append(units[i]);
                millis %= MILLIS[i];
            }
        }
        return text.toString();
    }

    public static Duration parse(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (text == null || text.isBlank() || !m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected e.g. 30s, 5m, 1h30m, 2d");
        }
        long total = 0;
        for (int i = 0; i < MILLIS.length; i++) {
            if (m.group(i + 1) != null) {
                total += Long.parseLong(m.group(i + 1)) * MILLIS[i];
            }
        }
        return Duration.ofMillis(total);
    }
}
