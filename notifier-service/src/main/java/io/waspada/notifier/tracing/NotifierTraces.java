package io.waspada.notifier.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.waspada.avro.Alert;
import io.waspada.notifier.delivery.Notification;
import io.waspada.tracing.KafkaTraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * The notifier's steps of a trace. An alert version read from the alerts topic is a {@code route} span (a
 * {@code show} span on an instance that only shows it), child of the correlator's span its record carries; each live
 * push to an officer's WebSocket is a child of it; and a page, which the notification groups send later and possibly
 * for several alerts at once, is a span whose parent is the route span of its first alert and which links to the
 * others'. Spans name alerts, versions, task forces and channels: never officers, labels or evidence.
 */
@ApplicationScoped
public class NotifierTraces {

    /** The route spans of the latest alerts decided here, for their pages (an evicted one's page starts a trace). */
    private static final int REMEMBERED = 10_000;

    private final Tracer tracer;
    private final KafkaTraceContext records;
    private final TextMapPropagator propagator;
    private final Map<String, SpanContext> routed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Inject
    public NotifierTraces(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("io.waspada.notifier");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.records = new KafkaTraceContext(propagator);
    }

    /**
     * The span of one alert version read from the topic, current until the returned scope is closed (the view's
     * WebSocket pushes happen inside it); {@code decides}: this instance routes and pages it.
     */
    public Scope intake(Alert alert, boolean decides, Headers headers) {
        if (!records.active()) {
            return Scope.noop();
        }
        Span span = alertSpan(tracer.spanBuilder(decides ? "route alert" : "show alert"), alert)
                .setParent(records.extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .startSpan();
        if (decides) {
            synchronized (routed) {
                routed.put(alert.getAlertId(), span.getSpanContext());
            }
        }
        Scope current = span.makeCurrent();
        return () -> {
            current.close();
            span.end();
        };
    }

    /** One live message to a task force's WebSocket connection, inside the span of the alert being shown. */
    public void pushed(String alertId, long version, String taskForce) {
        if (!Span.current().getSpanContext().isValid()) {
            return; // not a version from the topic (e.g. an officer's status change, traced by its request)
        }
        tracer.spanBuilder("websocket push").setSpanKind(SpanKind.PRODUCER)
                .setAttribute("waspada.alert.id", alertId)
                .setAttribute("waspada.alert.version", version)
                .setAttribute("waspada.task_force", taskForce)
                .startSpan().end();
    }

    /** A notification handed to one paging channel; the channel ends the span when delivered or given up. */
    public PageSpan page(Notification notification, String channel) {
        if (!records.active() || notification.alerts().isEmpty()) {
            return PageSpan.NONE;
        }
        SpanBuilder builder = tracer.spanBuilder("page " + channel).setSpanKind(SpanKind.CLIENT)
                .setAttribute("waspada.page.channel", channel)
                .setAttribute("waspada.task_force", notification.taskForce().id())
                .setAttribute("waspada.notification.id", notification.id())
                .setAttribute("waspada.notification.sequence", (long) notification.sequence())
                .setAttribute("waspada.notification.alerts", (long) notification.alerts().size());
        SpanContext parent = null;
        synchronized (routed) {
            for (Alert alert : notification.alerts()) {
                SpanContext route = routed.get(alert.getAlertId());
                if (route == null) {
                    continue;
                }
                if (parent == null) {
                    parent = route;
                } else {
                    builder.addLink(route);
                }
            }
        }
        builder.setParent(parent == null ? Context.root() : Context.root().with(Span.wrap(parent)));
        return new PageSpan(builder.startSpan(), propagator);
    }

    private static SpanBuilder alertSpan(SpanBuilder builder, Alert alert) {
        return builder.setAttribute("waspada.alert.id", alert.getAlertId())
                .setAttribute("waspada.alert.version", (long) alert.getVersion())
                .setAttribute("waspada.alert.rule", String.valueOf(alert.getType()))
                .setAttribute("waspada.alert.severity", alert.getSeverity().name());
    }
}
