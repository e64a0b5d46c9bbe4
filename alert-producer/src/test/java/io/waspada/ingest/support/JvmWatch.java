package io.waspada.ingest.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches what a phase of a test costs the JVM (the service under a {@code @QuarkusTest} runs in it): samples the
 * live thread count and the used heap every 50 ms on one thread of its own and keeps the peaks since the last
 * {@link #resetPeaks()}, so a test can bound them without trusting a single moment.
 */
public final class JvmWatch implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicInteger peakThreads = new AtomicInteger();
    private final AtomicLong peakHeap = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jvm-watch");
        thread.setDaemon(true);
        return thread;
    });

    public JvmWatch() {
        sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peakThreads.accumulateAndGet(THREADS.getThreadCount(), Math::max);
        peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** Starts a new phase: the peaks from now on. */
    public void resetPeaks() {
        peakThreads.set(THREADS.getThreadCount());
        peakHeap.set(MEMORY.getHeapMemoryUsage().getUsed());
    }

    public int peakThreads() {
        sample();
        return peakThreads.get();
    }

    public long peakHeapBytes() {
        sample();
        return peakHeap.get();
    }

    /** The JVM's live threads now, as the peaks count them. */
    public static int threadCount() {
        return THREADS.getThreadCount();
    }

    /** The heap in use once garbage is collected: what the JVM really holds on to. */
    public static long heapAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
