package io.waspada.ingest.kafka;

/** Where the broker acknowledged a record: topic, partition and offset. */
public record Written(String topic, int partition, long offset) {
}
