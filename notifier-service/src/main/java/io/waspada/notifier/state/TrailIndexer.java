package io.waspada.notifier.state;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.kafka.TopicFollower.Undecodable;
import io.waspada.schemas.AvroSerde;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files each lifecycle event in the audit-trail store under its alert and position, as it was written (no re-encoding),
 * and the first resolution of each alert; then tells the listener. A record that does not decode is handed to
 * {@code undecodable} (dead-lettered and counted) and left out. Runs on the global store's thread, also when the store
 * is rebuilt from the topic (so a rebuilt store is the same as one filled live).
 */
final class TrailIndexer implements Processor<String, byte[], Void, Void> {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TrailIndexer.class);

    private final TrailListener listener;
    private final Consumer<Undecodable> undecodable;
    private final java.util.function.ObjLongConsumer<Integer> read;
    private final AvroSerde<AlertLifecycleEvent> events = new AvroSerde<>(AlertLifecycleEvent.class);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    /** {@code read} hears the partition and offset of every record processed, stored or not. */
    TrailIndexer(TrailListener listener, Consumer<Undecodable> undecodable,
            java.util.function.ObjLongConsumer<Integer> read) {
        this.listener = listener;
        this.undecodable = undecodable;
        this.read = read;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(NotifierStore.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        try {
            index(record, where);
        } finally {
            read.accept(where.partition(), where.offset());
        }
    }

    private void index(Record<String, byte[]> record, RecordMetadata where) {
        if (record.value() == null) {
            return;
        }
        AlertLifecycleEvent event;
        try {
            event = events.deserialize(where.topic(), record.value());
            if (event.getAlertId() == null || event.getAlertId().isEmpty()) {
                throw new IllegalArgumentException("lifecycle event without an alertId");
            }
        } catch (RuntimeException e) {
            Poison.report(undecodable, where, record, e);
            return;
        }
        long position = TrailKeys.position(where.partition(), where.offset());
        store.put(TrailKeys.event(event.getAlertId(), position), record.value());
        if (event.getAction() == LifecycleAction.RESOLVED) {
            String resolved = TrailKeys.resolved(event.getAlertId());
            if (store.get(resolved) == null) {
                store.put(resolved, ByteBuffer.allocate(Long.BYTES).putLong(event.getAt().toEpochMilli()).array());
            }
        }
        try {
            listener.stored(position, event);
        } catch (RuntimeException e) {
            // The event is stored: a status folded later from the store has it. The store itself must go on.
            LOG.errorf(e, "Event %s of alert %s stored, but telling the audit trail failed", event.getEventId(),
                    event.getAlertId());
        }
    }
}
