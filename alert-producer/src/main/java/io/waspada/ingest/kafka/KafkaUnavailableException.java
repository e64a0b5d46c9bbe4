package io.waspada.ingest.kafka;

/** The broker did not acknowledge a write in time (down, unreachable, not enough in-sync replicas): retry later. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
