package io.waspada.ingest.kafka;

/**
 * The answer for one event: where it was written, and whether it was a known resend (then {@code written} is
 * where the first copy went and nothing new was written). {@code conflict} means the eventId is already taken
 * by different content.
 */
public record WriteOutcome(Written written, boolean duplicate, boolean conflict) {

    static WriteOutcome fresh(Written written) {
        return new WriteOutcome(written, false, false);
    }

    static WriteOutcome resend(Written written) {
        return new WriteOutcome(written, true, false);
    }

    static WriteOutcome conflicting(Written written) {
        return new WriteOutcome(written, false, true);
    }
}
