package io.waspada.notifier.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per key and per minute over the last 60 minutes: a ring of 60 minute slots per key, each slot remembering
 * which minute it holds so a stale slot reads as zero. Hits older than an hour or in the future are ignored.
 * Not thread-safe on its own: the caller synchronises.
 */
public final class HourOfMinutes {

    public static final int MINUTES = 60;

    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, long[]> minuteOfSlot = new TreeMap<>();

    /** Starts {@code key} at zero so it shows before its first hit. */
    public void declare(String key) {
        counts.computeIfAbsent(key, k -> new long[MINUTES]);
        minuteOfSlot.computeIfAbsent(key, k -> filled(-1));
    }

    /** Counts one hit of {@code key} at {@code at}, if {@code at} lies within the hour up to {@code now}. */
    public void hit(String key, Instant at, Instant now) {
        long minute = minute(at);
        long current = minute(now);
        if (minute > current || minute <= current - MINUTES) {
            return;
        }
        declare(key);
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        long[] slotMinutes = minuteOfSlot.get(key);
        long[] slotCounts = counts.get(key);
        if (slotMinutes[slot] != minute) {
            slotMinutes[slot] = minute;
            slotCounts[slot] = 0;
        }
        slotCounts[slot]++;
    }

    /** Per key, the 60 counts of the minutes ending with the one containing {@code now}, oldest first. */
    public Map<String, List<Long>> lastHour(Instant now) {
        long current = minute(now);
        Map<String, List<Long>> series = new TreeMap<>();
        counts.forEach((key, slotCounts) -> {
            long[] slotMinutes = minuteOfSlot.get(key);
            List<Long> values = new ArrayList<>(MINUTES);
            for (long minute = current - MINUTES + 1; minute <= current; minute++) {
                int slot = (int) Math.floorMod(minute, (long) MINUTES);
                values.add(slotMinutes[slot] == minute ? slotCounts[slot] : 0L);
            }
            series.put(key, values);
        });
        return series;
    }

    /** The start of the first of the 60 minutes {@link #lastHour} covers. */
    public static Instant firstMinute(Instant now) {
        return Instant.ofEpochSecond((minute(now) - MINUTES + 1) * 60);
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60L);
    }

    private static long[] filled(long value) {
        long[] array = new long[MINUTES];
        Arrays.fill(array, value);
        return array;
    }
}
