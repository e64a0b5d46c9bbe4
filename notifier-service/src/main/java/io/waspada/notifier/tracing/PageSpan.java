package io.waspada.notifier.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.BiConsumer;

/**
 * One notification on one paging channel (webhook or email), from the moment it is handed over until it is delivered
 * or given up: each failed try is an event on it, and a webhook request carries its context ({@code traceparent}) to
 * the task force's receiver.
 */
public final class PageSpan {

    /** Tracing off, or a page with no trace. */
    public static final PageSpan NONE = new PageSpan(Span.getInvalid(), TextMapPropagator.noop());

    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("waspada.page.attempt");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

    private final Span span;
    private final TextMapPropagator propagator;

    PageSpan(Span span, TextMapPropagator propagator) {
        this.span = span;
        this.propagator = propagator;
    }

    /** Writes this span's context as request headers (e.g. {@code traceparent}) through {@code header}. */
    public void inject(BiConsumer<String, String> header) {
        if (span.getSpanContext().isValid()) {
            propagator.inject(Context.root().with(span), header, (carrier, name, value) -> carrier.accept(name, value));
        }
    }

    public void failedTry(int attempt, String error) {
        span.addEvent("try failed", Attributes.of(ATTEMPT, (long) attempt, ERROR, String.valueOf(error)));
    }

    public void delivered(int attempts) {
        span.setAttribute(ATTEMPT, (long) attempts);
        span.end();
    }

    /** Given up (dead-lettered, or mail not sent after its tries). */
    public void failed(int attempts, String error) {
        span.setAttribute(ATTEMPT, (long) attempts);
        span.setStatus(StatusCode.ERROR, String.valueOf(error));
        span.end();
    }
}
