package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.delivery.LiveFeed;
import io.waspada.notifier.ops.OpsOverview;
import io.waspada.notifier.ops.OpsSampler;
import io.waspada.notifier.view.AlertView;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The notifier's gauges for the ops page and Prometheus: {@code waspada_notifier_alerts} (alerts in the view),
 * {@code waspada_notifier_websocket_connections}, {@code waspada_notifier_dead_letters}, {@code waspada_notifier_silences},
 * and from the ops sampler {@code waspada_consumer_lag{group,topic}}, {@code waspada_dlq_depth{topic}},
 * {@code waspada_topic_messages_per_second{topic}}. Counters of routing and delivery outcomes are
 * {@code waspada_notifier_lifecycle_total{action,channel}} (see LifecyclePublisher); the delivery series start at zero.
 * Every series named here exists from start, before any traffic.
 */
@ApplicationScoped
public class NotifierMetrics {

    private static final List<LifecycleAction> DELIVERY_OUTCOMES = List.of(LifecycleAction.DELIVERED,
            LifecycleAction.DELIVERY_FAILED, LifecycleAction.DEAD_LETTERED);
    private static final List<String> CHANNELS = List.of("websocket", "webhook", "email");

    void register(@Observes StartupEvent event, MeterRegistry registry, AlertView view, LiveFeed feed,
            DeadLetterLog deadLetters, SilenceLog silences, OpsSampler ops,
            @ConfigProperty(name = "waspada.ops.lag-series") List<String> lagSeries) {
        Gauge.builder("waspada.notifier.alerts", view, AlertView::size).register(registry);
        Gauge.builder("waspada.notifier.websocket.connections", feed, LiveFeed::connections).register(registry);
        Gauge.builder("waspada.notifier.dead.letters", deadLetters, d -> d.all().size()).register(registry);
        Gauge.builder("waspada.notifier.silences", silences, s -> s.all().size()).register(registry);
        for (LifecycleAction action : DELIVERY_OUTCOMES) {
            CHANNELS.forEach(channel -> registry.counter("waspada.notifier.lifecycle", "action", action.name(),
                    "channel", channel));
        }
        for (Topic<?, ?> topic : Topics.ALL) {
            Gauge.builder("waspada.topic.messages.per.second", ops, o -> rate(o.latest(), topic.name()))
                    .tag("topic", topic.name()).register(registry);
        }
        // Records skipped because they do not decode, per topic the notifier reads (dead-lettered to tip.dlq.v1).
        for (Topic<?, ?> topic : List.of(Topics.ALERTS, Topics.ALERT_LIFECYCLE, Topics.SILENCES, Topics.DELIVERY_DLQ)) {
            registry.counter("waspada.notifier.undecodable.records", "topic", topic.name());
        }
        for (Topic<?, ?> topic : List.of(Topics.DLQ, Topics.DELIVERY_DLQ)) {
            Gauge.builder("waspada.dlq.depth", ops, o -> depth(o.latest(), topic.name()))
                    .tag("topic", topic.name()).register(registry);
        }
        MultiGauge lag = MultiGauge.builder("waspada.consumer.lag")
                .description("Messages a consumer group has not committed yet, per topic").register(registry);
        lag.register(lagRows(lagSeries, OpsOverview.empty(null)), true);
        ops.onSample(overview -> lag.register(lagRows(lagSeries, overview), true));
    }

    private static double rate(OpsOverview overview, String topic) {
        return overview.topics().stream().filter(t -> t.topic().equals(topic)).mapToDouble(t -> t.messagesPerSecond())
                .findFirst().orElse(0);
    }

    private static double depth(OpsOverview overview, String topic) {
        return overview.dlq().stream().filter(d -> d.topic().equals(topic)).mapToDouble(d -> d.depth())
                .findFirst().orElse(0);
    }

    /** The sampled lags, plus the expected {@code group:topic} series at zero until their group shows up. */
    private static List<MultiGauge.Row<?>> lagRows(List<String> expected, OpsOverview overview) {
        Map<String, Long> lags = new LinkedHashMap<>();
        expected.forEach(series -> lags.put(series, 0L));
        overview.groups().forEach(group -> group.topics().forEach(t -> lags.put(group.group() + ":" + t.topic(), t.lag())));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        lags.forEach((series, value) -> {
            int colon = series.lastIndexOf(':');
            rows.add(MultiGauge.Row.of(Tags.of("group", series.substring(0, colon), "topic", series.substring(colon + 1)),
                    value));
        });
        return rows;
    }
}
