package io.waspada.feed;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of a feed: events posted, accepted (202), rejected (4xx) and failed (5xx or no answer). Thread-safe. */
final class FeedCounts {

    final AtomicLong posted = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final AnswerLog answers;

    FeedCounts(AnswerLog answers) {
        this.answers = answers;
    }

    /** The last failure seen (an HTTP status and problem title, or an I/O error), for the operator. */
    final java.util.concurrent.atomic.AtomicReference<String> lastFailure = new java.util.concurrent.atomic.AtomicReference<>();

    /** An event that got no answer (an I/O error or timeout): it may or may not have been written. */
    void failure(String description, String eventId) {
        answers.record(-1, eventId);
        failed.incrementAndGet();
        lastFailure.set(description);
    }

    void record(int status, String eventId) {
        answers.record(status, eventId);
        if (status == 202) {
            accepted.incrementAndGet();
        } else if (status >= 400 && status < 500) {
            rejected.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    private double lastSeconds;
    private long lastAccepted;

    /** A progress line: the totals, and the accepted rate since the previous line (events per second). */
    synchronized String line(double seconds) {
        long accepted = this.accepted.get();
        double rate = seconds > lastSeconds ? (accepted - lastAccepted) / (seconds - lastSeconds) : 0.0;
        lastSeconds = seconds;
        lastAccepted = accepted;
        return String.format(java.util.Locale.ROOT, "[feed] %6.1fs  posted %d  accepted %d  rejected %d  failed %d  (%.1f accepted/s)",
                seconds, posted.get(), accepted, rejected.get(), failed.get(), rate);
    }
}
