package io.waspada.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A trace's context in Kafka record headers ({@code traceparent}, {@code tracestate} with the W3C propagator), so that
 * one trace runs from an agency's POST through every topic to the pages. The services' plain Kafka clients and the
 * Streams topology carry it by hand: each writes the context of its own span into what it produces and continues the
 * context it reads. With tracing off the propagator is a no-op and nothing is written.
 * <p>
 * Headers carry only trace and span ids (and the sampled flag): no identifier, label or evidence of an alert ever
 * reaches a trace backend, which sits outside the platform's trust boundary.
 */
public final class KafkaTraceContext {

    /** Tracing off: nothing injected, every extraction the root context. */
    public static final KafkaTraceContext NONE = new KafkaTraceContext(TextMapPropagator.noop());

    private static final TextMapSetter<Headers> SETTER = (headers, name, value) -> {
        if (headers != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String name) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(name);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final TextMapPropagator propagator;

    public KafkaTraceContext(TextMapPropagator propagator) {
        this.propagator = propagator;
    }

    /** Writes {@code context}'s span (if it has one) into {@code headers}, replacing a context already there. */
    public void inject(Context context, Headers headers) {
        propagator.inject(context, headers, SETTER);
    }

    /** The context a record carries, as the parent of the span that processes it; the root context if none. */
    public Context extract(Headers headers) {
        if (headers == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), headers, GETTER);
    }

    /** Whether this propagates anything at all (false with tracing off: callers skip building spans). */
    public boolean active() {
        return !propagator.fields().isEmpty();
    }
}
