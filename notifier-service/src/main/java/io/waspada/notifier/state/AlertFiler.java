package io.waspada.notifier.state;

import io.waspada.avro.Alert;
import io.waspada.kafka.TopicFollower.Undecodable;
import io.waspada.schemas.AvroSerde;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files each alert version in the alerts store under {@code <alertId>\0<version, 19 digits>}, as it was written after
 * its position on the topic (8 bytes: partition and offset, see {@link TrailKeys#position}), so
 * every version of an alert is at hand (a CAP Update references each earlier one, an alert that left memory is read
 * back) without keeping them in the heap. A record that does not decode is left out (the alert intake reports it).
 */
final class AlertFiler implements Processor<String, byte[], Void, Void> {

    private final Consumer<Undecodable> undecodable;
    private final AvroSerde<Alert> alerts = new AvroSerde<>(Alert.class);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    AlertFiler(Consumer<Undecodable> undecodable) {
        this.undecodable = undecodable;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(NotifierStore.ALERTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        RecordMetadata where = context.recordMetadata().orElseThrow();
        Alert alert;
        try {
            alert = alerts.deserialize(where.topic(), record.value());
        } catch (RuntimeException e) {
            Poison.report(undecodable, where, record, e);
            return;
        }
        byte[] value = java.nio.ByteBuffer.allocate(Long.BYTES + record.value().length)
                .putLong(TrailKeys.position(where.partition(), where.offset())).put(record.value()).array();
        // A version written twice keeps its first position (the one earlier runs delivered).
        store.putIfAbsent(TrailKeys.event(alert.getAlertId(), alert.getVersion()), value);
    }
}
