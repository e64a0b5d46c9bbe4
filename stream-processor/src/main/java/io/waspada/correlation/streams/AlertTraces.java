package io.waspada.correlation.streams;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.waspada.avro.Alert;
import io.waspada.tracing.KafkaTraceContext;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The correlator's step of a trace: each alert version is a {@code correlate} span, child of the span whose context
 * the event that completed or widened the episode carried (the agency's POST at ingest), and the alert record carries
 * that span's context on to the notifier. A version raised by a watchlist entry rather than an event starts its own
 * trace. The span names the alert (id, version, rule, severity) and never its evidence or correlation key.
 */
public final class AlertTraces {

    /** Tracing off: alert records carry no headers and no span is built. */
    public static final AlertTraces NONE = new AlertTraces(null, KafkaTraceContext.NONE, "");

    private final Tracer tracer;
    private final KafkaTraceContext context;
    private final String alertsTopic;

    public AlertTraces(Tracer tracer, KafkaTraceContext context, String alertsTopic) {
        this.tracer = tracer;
        this.context = context;
        this.alertsTopic = alertsTopic;
    }

    /** The headers of an alert version's record; {@code cause} is the headers of the event behind it (null: none). */
    public Headers headersFor(Alert alert, Headers cause) {
        RecordHeaders headers = new RecordHeaders();
        if (tracer == null || !context.active()) {
            return headers;
        }
        Span span = tracer.spanBuilder("correlate " + alert.getType())
                .setParent(context.extract(cause))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", alertsTopic)
                .setAttribute("waspada.alert.id", alert.getAlertId())
                .setAttribute("waspada.alert.version", (long) alert.getVersion())
                .setAttribute("waspada.alert.rule", String.valueOf(alert.getType()))
                .setAttribute("waspada.alert.severity", alert.getSeverity().name())
                .startSpan();
        try {
            context.inject(Context.root().with(span), headers);
        } finally {
            span.end();
        }
        return headers;
    }
}
