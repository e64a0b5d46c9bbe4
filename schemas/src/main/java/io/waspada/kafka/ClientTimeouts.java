package io.waspada.kafka;

import java.time.Duration;

/**
 * Bounds every Kafka client of the platform obeys when it stops, so a service stops within seconds even when the
 * broker is gone (a terminal's Ctrl-C reaches Kafka and the services at the same moment). A producer closed within
 * {@link #CLOSE} fails what it has not sent yet; nothing was acknowledged for those records, so nothing accepted
 * is lost.
 */
public final class ClientTimeouts {

    /** How long a producer, consumer or admin client may take to close. */
    public static final Duration CLOSE = Duration.ofSeconds(2);

    /** How long a stop waits for a client's own thread (a poll loop) to end: its close and some slack. */
    public static final Duration THREAD_EXIT = CLOSE.plusSeconds(3);

    private ClientTimeouts() {
    }
}
