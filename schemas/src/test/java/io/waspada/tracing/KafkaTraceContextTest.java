package io.waspada.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaTraceContextTest {

    private final KafkaTraceContext traces = new KafkaTraceContext(W3CTraceContextPropagator.getInstance());
    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

    @Test
    void aSpanWrittenIntoHeadersIsReadBackAsTheRemoteParentOfTheNextStep() {
        Span span = provider.get("test").spanBuilder("post").startSpan();
        RecordHeaders headers = new RecordHeaders();
        traces.inject(Context.root().with(span), headers);

        String traceparent = new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).isEqualTo("00-" + span.getSpanContext().getTraceId() + "-"
                + span.getSpanContext().getSpanId() + "-01");
        SpanContext parent = Span.fromContext(traces.extract(headers)).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(parent.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(parent.isSampled()).isTrue();
    }

    @Test
    void aNewContextReplacesTheOneARecordAlreadyCarries() {
        RecordHeaders headers = new RecordHeaders();
        traces.inject(Context.root().with(provider.get("test").spanBuilder("first").startSpan()), headers);
        Span second = provider.get("test").spanBuilder("second").startSpan();
        traces.inject(Context.root().with(second), headers);

        assertThat(headers.headers("traceparent")).hasSize(1);
        assertThat(Span.fromContext(traces.extract(headers)).getSpanContext().getSpanId())
                .isEqualTo(second.getSpanContext().getSpanId());
    }

    @Test
    void recordsWithoutAContextOrWithAMalformedOneStartFromTheRoot() {
        assertThat(Span.fromContext(traces.extract(new RecordHeaders())).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(traces.extract(null)).getSpanContext().isValid()).isFalse();
        RecordHeaders hostile = new RecordHeaders();
        hostile.add("traceparent", "00-not-a-trace-01\n<script>".getBytes(StandardCharsets.UTF_8));
        assertThat(Span.fromContext(traces.extract(hostile)).getSpanContext().isValid()).isFalse();
        RecordHeaders empty = new RecordHeaders();
        empty.add("traceparent", null);
        assertThat(Span.fromContext(traces.extract(empty)).getSpanContext().isValid()).isFalse();
    }

    @Test
    void withTracingOffNothingIsWritten() {
        RecordHeaders headers = new RecordHeaders();
        KafkaTraceContext.NONE.inject(Context.root().with(provider.get("test").spanBuilder("x").startSpan()), headers);
        assertThat(headers.toArray()).isEmpty();
        assertThat(KafkaTraceContext.NONE.active()).isFalse();
        assertThat(traces.active()).isTrue();
    }
}
