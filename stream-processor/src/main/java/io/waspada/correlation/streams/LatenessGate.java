package io.waspada.correlation.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Marks events whose event time is older than the task's stream time minus the grace period: they are counted
 * and carry a reason header ({@value #REASON_HEADER}) so the topology routes them to the DLQ, never drops them.
 */
final class LatenessGate<V> implements FixedKeyProcessor<String, V, Gated<V>> {

    static final String REASON_HEADER = "waspada.dlq.reason";
    static final String LATE_REASON = "LATE_BEYOND_GRACE";

    private final long graceMs;
    private final String kind;
    private final CorrelationListener listener;
    private FixedKeyProcessorContext<String, Gated<V>> context;

    LatenessGate(long graceMs, String kind, CorrelationListener listener) {
        this.graceMs = graceMs;
        this.kind = kind;
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Gated<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        long lateBy = context.currentStreamTimeMs() - graceMs - record.timestamp();
        if (lateBy > 0) {
            listener.lateEvent(kind);
            record.headers().add(REASON_HEADER, LATE_REASON.getBytes(StandardCharsets.UTF_8));
            record.headers().add("waspada.dlq.detail", ("event time " + lateBy + " ms beyond the grace period of "
                    + graceMs + " ms").getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(new Gated<>(record.value(), true)));
        } else {
            context.forward(record.withValue(new Gated<>(record.value(), false)));
        }
    }
}
