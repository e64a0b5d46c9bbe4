package io.waspada.ingest.kafka;

/**
 * The broker did not acknowledge a write in time (down, unreachable, not enough in-sync replicas), or the write was
 * refused before it was sent because Kafka is known to be unable to deliver or too much already waits for it: retry
 * later. {@link #detail()} is what the client may be told. A refused write was not written; one that timed out may
 * have been (its acknowledgement lost): resending it is safe, ingest and correlation de-duplicate by eventId.
 */
public class KafkaUnavailableException extends RuntimeException {

    private static final String NOT_ACKNOWLEDGED = "the event was not acknowledged by Kafka in time";

    private final String detail;
    private final boolean refused;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.detail = NOT_ACKNOWLEDGED;
        this.refused = false;
    }

    private KafkaUnavailableException(String detail) {
        // Thrown thousands of times a second while Kafka is away: no stack trace to fill.
        super(detail, null, false, false);
        this.detail = detail;
        this.refused = true;
    }

    /** A write refused at once, without reaching the producer; {@code detail} says why, for the client. */
    public static KafkaUnavailableException refused(String detail) {
        return new KafkaUnavailableException(detail);
    }

    /** Why the write was not accepted, in words fit for the client (no identifiers, no broker internals). */
    public String detail() {
        return detail;
    }

    /** True when the write was refused before it reached the producer (nothing to log per request). */
    public boolean refused() {
        return refused;
    }
}
