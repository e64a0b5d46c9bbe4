package io.waspada.correlation.streams;

import io.waspada.avro.Identifier;
import io.waspada.correlation.domain.Observation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The door of the topology: an agency event as received (bytes) in, an {@link Observation} or a dead letter out.
 * A record that does not decode, or whose event time is older than every rule's window plus the grace
 * ({@code lateAfterMs} before the task's stream time: it can join no window any more), becomes a dead letter: its
 * original bytes and headers, plus {@value #REASON_HEADER} and details. Dead letters leave through the topology's DLQ
 * sink, so they are written in the same exactly-once transaction as everything else the record causes. Identifiers are
 * named by their oldest token ({@link CanonicalTokens}), so correlation carries across pseudonymisation key rotations.
 */
final class Admission<V> implements FixedKeyProcessor<String, byte[], Admission.Admitted> {

    static final String REASON_HEADER = "waspada.dlq.reason";
    static final String LATE_REASON = "LATE_FOR_EVERY_RULE";
    static final String UNDECODABLE_REASON = "UNDECODABLE";
    /**
     * Header the previous version put on an admitted event: the stream time of its input partition when it was
     * admitted (8 bytes, big-endian). Now the observation carries it ({@link Observation#admittedStreamTime}); the
     * correlation step still reads the header on records of that version left in the repartition topic.
     */
    static final String ARRIVAL_STREAM_TIME_HEADER = "waspada.arrival-stream-time";

    /**
     * An observation to correlate, or (observation null) the record as received, for the DLQ; with the token links
     * (key rotation) the event showed for the first time, for the link topic.
     */
    record Admitted(Observation observation, byte[] raw, List<TokenLink> links) {
        boolean deadLetter() {
            return observation == null;
        }
    }

    private final Class<V> type;
    private final Deserializer<V> decoder;
    private final BiFunction<V, Function<Identifier, String>, Observation> toObservation;
    private final TokenLinks links;
    private CanonicalTokens names;
    private final long lateAfterMs;
    private final String kind;
    private final CorrelationListener listener;
    private FixedKeyProcessorContext<String, Admitted> context;

    Admission(Class<V> type, Deserializer<V> decoder,
            BiFunction<V, Function<Identifier, String>, Observation> toObservation, TokenLinks links, long lateAfterMs,
            String kind, CorrelationListener listener) {
        this.type = type;
        this.links = links;
        this.decoder = decoder;
        this.toObservation = toObservation;
        this.lateAfterMs = lateAfterMs;
        this.kind = kind;
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Admitted> context) {
        this.context = context;
        this.names = new CanonicalTokens(context.getStateStore(CorrelationTopology.TOKEN_LINK_STORE), links);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Observation observation;
        try {
            Object decoded = DecodedValues.take(record.value());
            V value = type.isInstance(decoded) ? type.cast(decoded) : decoder.deserialize(topic(), record.value());
            observation = value == null ? null : toObservation.apply(value, names::of);
            if (observation == null) {
                throw new IllegalArgumentException("empty value");
            }
        } catch (RuntimeException e) {
            listener.undecodableEvent(kind);
            Headers headers = record.headers();
            add(headers, REASON_HEADER, UNDECODABLE_REASON);
            Optional<RecordMetadata> source = context.recordMetadata();
            source.ifPresent(m -> {
                add(headers, "waspada.dlq.topic", m.topic());
                add(headers, "waspada.dlq.partition", Integer.toString(m.partition()));
                add(headers, "waspada.dlq.offset", Long.toString(m.offset()));
            });
            add(headers, "waspada.dlq.exception", e.getClass().getName());
            add(headers, "waspada.dlq.message", String.valueOf(e.getMessage()));
            names.discardNew();
            context.forward(record.withValue(new Admitted(null, record.value(), List.of())));
            return;
        }
        long lateBy = context.currentStreamTimeMs() - lateAfterMs - observation.observedAt();
        if (lateBy > 0) {
            listener.lateEvent(kind);
            add(record.headers(), REASON_HEADER, LATE_REASON);
            add(record.headers(), "waspada.dlq.detail", "event time " + lateBy + " ms beyond the widest rule window "
                    + "plus grace (" + lateAfterMs + " ms before stream time): it can join no window");
            context.forward(record.withValue(new Admitted(null, record.value(), newLinks())));
            return;
        }
        context.forward(record.withValue(new Admitted(observation.admittedAt(context.currentStreamTimeMs()), null,
                newLinks())));
    }

    /** The links this record's event showed first, counted: they go to the link topic with it. */
    private List<TokenLink> newLinks() {
        List<TokenLink> links = names.newLinks();
        if (!links.isEmpty()) {
            listener.tokenLinksWritten(links.size());
        }
        return links;
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(kind);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
