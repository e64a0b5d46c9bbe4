package io.waspada.ingest.bench;

import java.util.Arrays;

/** Collected latencies (nanoseconds) of one benchmark phase, merged from all clients; percentiles in milliseconds. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    synchronized int count() {
        return size;
    }

    /** The {@code q}-quantile (0..1) in milliseconds, nearest-rank. */
    synchronized double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    String summary() {
        return String.format(java.util.Locale.ROOT, "p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms",
                percentileMillis(0.5), percentileMillis(0.99), percentileMillis(0.999), percentileMillis(1.0));
    }
}
