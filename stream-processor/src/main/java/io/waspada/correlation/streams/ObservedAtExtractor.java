package io.waspada.correlation.streams;

import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Event time is {@code observedAt} for sightings and interceptions; anything else keeps its record time. */
public final class ObservedAtExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof Sighting sighting) {
            return sighting.getObservedAt().toEpochMilli();
        }
        if (value instanceof Interception interception) {
            return interception.getObservedAt().toEpochMilli();
        }
        return record.timestamp();
    }
}
