package io.waspada.ingest.kafka;

import java.time.Duration;

/**
 * What one {@link EventPublisher} may hold while Kafka is slow or away, so that an outage costs bounded threads,
 * memory and waiting clients: bytes handed to the producer and not yet settled
 * ({@code waspada.ingest.max-pending-bytes}, below the producer's {@code buffer.memory}), threads and queue slots for
 * writes whose topic metadata is not known yet ({@code waspada.ingest.cold-send.threads}, {@code .queue}), and how
 * long writes are refused once Kafka is known to be unable to deliver before one probes
 * ({@code waspada.ingest.breaker.open-for}).
 */
public record PublisherLimits(int maxPendingBytes, int coldSendThreads, int coldSendQueue, Duration breakerOpenFor) {
}
