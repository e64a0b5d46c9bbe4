package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.delivery.LiveFeed;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The notifier's gauges for the ops page and Prometheus: {@code waspada_notifier_alerts} (alerts in the view),
 * {@code waspada_notifier_websocket_connections}, {@code waspada_notifier_dead_letters}, {@code waspada_notifier_silences}.
 * Counters of routing and delivery outcomes are {@code waspada_notifier_lifecycle_total} (see LifecyclePublisher).
 */
@ApplicationScoped
public class NotifierMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, AlertView view, LiveFeed feed,
            DeadLetterLog deadLetters, SilenceLog silences) {
        Gauge.builder("waspada.notifier.alerts", view, AlertView::size).register(registry);
        Gauge.builder("waspada.notifier.websocket.connections", feed, LiveFeed::connections).register(registry);
        Gauge.builder("waspada.notifier.dead.letters", deadLetters, d -> d.all().size()).register(registry);
        Gauge.builder("waspada.notifier.silences", silences, s -> s.all().size()).register(registry);
    }
}
