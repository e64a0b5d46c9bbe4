package io.waspada.ingest.kafka;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that make producer calls which may block: while a topic's metadata is unknown, {@code send()} waits
 * for it up to {@code max.block.ms}, which an HTTP event loop must never do. A fixed number of threads and a bounded
 * queue, so a broker that does not answer costs a known number of threads and queued writes however many clients
 * keep posting: a write that finds the queue full is refused at once. Idle threads end after a minute.
 */
final class ColdSends implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    ColdSends(int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("cold sends need at least one thread and one queue slot, not "
                    + threads + " and " + queue);
        }
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "kafka-cold-send-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** A queued write: what to do on a thread, and what to do instead if it never gets one (closing). */
    private record Task(Runnable send, Runnable refuse) implements Runnable {
        @Override
        public void run() {
            send.run();
        }
    }

    /**
     * Runs {@code send} on one of the threads; false (and nothing runs) when every thread and queue slot is taken.
     * A write still queued when this closes runs {@code refuse} instead, so no caller waits for ever.
     */
    boolean offer(Runnable send, Runnable refuse) {
        try {
            executor.execute(new Task(send, refuse));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Writes waiting for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        for (Runnable never : executor.shutdownNow()) {
            if (never instanceof Task task) {
                task.refuse().run();
            }
        }
    }
}
