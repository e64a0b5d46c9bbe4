package io.waspada.ingest.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of a feed: events posted, accepted (202), rejected (4xx) and failed (5xx or no answer). Thread-safe. */
final class FeedCounts {

    final AtomicLong posted = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    /** The last failure seen (an HTTP status and problem title, or an I/O error), for the operator. */
    final java.util.concurrent.atomic.AtomicReference<String> lastFailure = new java.util.concurrent.atomic.AtomicReference<>();

    void failure(String description) {
        failed.incrementAndGet();
        lastFailure.set(description);
    }

    void record(int status) {
        if (status == 202) {
            accepted.incrementAndGet();
        } else if (status >= 400 && status < 500) {
            rejected.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    String line(double seconds) {
        return String.format(java.util.Locale.ROOT, "[feed] %6.1fs  posted %d  accepted %d  rejected %d  failed %d  (%.1f events/s)",
                seconds, posted.get(), accepted.get(), rejected.get(), failed.get(), seconds > 0 ? accepted.get() / seconds : 0.0);
    }
}
