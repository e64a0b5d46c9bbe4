package io.waspada.e2e.bench;

import io.waspada.e2e.platform.ConsumerLag;
import io.waspada.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the lag of consumer groups every few seconds with an AdminClient while the load runs, and judges it:
 * "bounded" when its least-squares growth over the load is below 1% of the offered rate and it drains back to
 * near zero after the load (a consumer that keeps up on average; bursts allowed). "Near zero" tolerates a consumer
 * that commits the offset after its last record of a transactional topic: it keeps up to one commit marker per
 * partition as lag.
 */
final class LagSampler implements AutoCloseable {

    /** One sample: seconds since the start, and the lag of each group (in the order given). */
    record Sample(double seconds, long[] lags, boolean underLoad) {
    }

    private final ConsumerLag lag;
    private final List<String> groups;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final long start = System.nanoTime();
    private volatile boolean underLoad = true;

    LagSampler(KafkaConnection kafka, List<String> groups, Duration every) {
        this.lag = new ConsumerLag(kafka);
        this.groups = List.copyOf(groups);
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The load has stopped: later samples show the drain. */
    void loadEnded() {
        underLoad = false;
    }

    private void sample() {
        long[] lags;
        try {
            lags = groups.stream().mapToLong(lag::of).toArray();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: skip this sample, keep sampling.
            System.out.printf(Locale.ROOT, "[bench] lag not sampled: %s%n", e);
            return;
        }
        Sample sample = new Sample((System.nanoTime() - start) / 1e9, lags, underLoad);
        synchronized (samples) {
            samples.add(sample);
        }
        System.out.printf(Locale.ROOT, "[bench] %6.1fs lag %s%n", sample.seconds(), describe(lags));
    }

    /** The latest lag of every group, or -1 where nothing was sampled yet. */
    long latest(int group) {
        synchronized (samples) {
            return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).lags()[group];
        }
    }

    /** Per group: start, peak, at the end of the load, after the drain, growth per second under load, verdict. */
    List<String> report(double offeredRate) {
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        List<String> lines = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int group = g;
            List<Sample> one = all.stream().map(s -> new Sample(s.seconds(), new long[] {s.lags()[group]}, s.underLoad()))
                    .toList();
            lines.add(verdict(groups.get(group), one, offeredRate));
        }
        return lines;
    }

    /** The figures and verdict of one group's samples (lag at index 0). */
    static String verdict(String group, List<Sample> samples, double offeredRate) {
        // -1: the group has committed nothing yet (before the first event reached it).
        List<Sample> seen = samples.stream().filter(s -> s.lags()[0] >= 0).toList();
        List<Sample> load = seen.stream().filter(Sample::underLoad).toList();
        long peak = seen.stream().mapToLong(s -> s.lags()[0]).max().orElse(-1);
        long first = load.isEmpty() ? -1 : load.get(0).lags()[0];
        long endOfLoad = load.isEmpty() ? -1 : load.get(load.size() - 1).lags()[0];
        long drained = seen.isEmpty() ? -1 : seen.get(seen.size() - 1).lags()[0];
        double slope = slope(load);
        boolean bounded = slope < 0.01 * Math.max(offeredRate, 1) && drained <= Math.max(10, 0.01 * offeredRate);
        return String.format(Locale.ROOT,
                "%-26s start %d, peak %d, end of load %d, after drain %d; growth under load %.1f records/s -> %s",
                group, first, peak, endOfLoad, drained, slope, bounded ? "BOUNDED" : "NOT BOUNDED");
    }

    private static double slope(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double meanY = samples.stream().mapToDouble(s -> s.lags()[0]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample s : samples) {
            num += (s.seconds() - meanX) * (s.lags()[0] - meanY);
            den += (s.seconds() - meanX) * (s.seconds() - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    private String describe(long[] lags) {
        StringBuilder text = new StringBuilder();
        for (int g = 0; g < groups.size(); g++) {
            text.append(g == 0 ? "" : ", ").append(groups.get(g)).append(' ').append(lags[g]);
        }
        return text.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lag.close();
    }
}
