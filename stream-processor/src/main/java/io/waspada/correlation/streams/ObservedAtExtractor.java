package io.waspada.correlation.streams;

import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is {@code observedAt} for sightings and interceptions. The topology reads them as bytes (so that what
 * does not decode reaches the DLQ as received, inside the transaction), so the extractor decodes the value for its
 * time. A value that does not decode keeps the partition's time: it must not move stream time, and {@link Admission}
 * dead-letters it. Anything else keeps its record time.
 */
public final class ObservedAtExtractor implements TimestampExtractor {

    private final Deserializer<?> decoder;

    /** For decoded values (the watchlist, tests). */
    public ObservedAtExtractor() {
        this(null);
    }

    /** For a topic read as bytes, decoded with {@code decoder}. */
    public ObservedAtExtractor(Deserializer<?> decoder) {
        this.decoder = decoder;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (decoder != null && value instanceof byte[] bytes) {
            try {
                value = decoder.deserialize(record.topic(), bytes);
            } catch (RuntimeException e) {
                return Math.max(partitionTime, 0);
            }
            DecodedValues.put(bytes, value);
        }
        if (value instanceof Sighting sighting) {
            return sighting.getObservedAt().toEpochMilli();
        }
        if (value instanceof Interception interception) {
            return interception.getObservedAt().toEpochMilli();
        }
        return decoder != null ? Math.max(partitionTime, 0) : record.timestamp();
    }
}
