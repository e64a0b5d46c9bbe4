package io.waspada.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic paired with its serdes and creation spec, so no caller repeats a name or mismatches a serde. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {

    @Override
    public String toString() {
        return name;
    }
}
