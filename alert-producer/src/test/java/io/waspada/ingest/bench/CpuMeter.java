package io.waspada.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds used by named processes (from {@code /proc/<pid>/stat}, Linux) between two readings, so a phase
 * can say where the machine's two cores went: service, broker, or the load generator itself.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids;

    CpuMeter(Map<String, Long> pids) {
        this.pids = pids;
    }

    Map<String, Double> read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, cpuSeconds(pid)));
        return seconds;
    }

    static String delta(Map<String, Double> before, Map<String, Double> after, long events) {
        StringBuilder out = new StringBuilder();
        before.forEach((name, start) -> {
            double used = after.get(name) - start;
            out.append(String.format(java.util.Locale.ROOT, "  %s %.1f s CPU (%.0f µs/event)", name, used,
                    events == 0 ? 0.0 : used * 1e6 / events));
        });
        return out.toString();
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11] = utime, fields[12] = stime (fields 14 and 15 of stat(5), counted after the command name)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
