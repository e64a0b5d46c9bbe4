package io.waspada.correlation.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.correlation.config.RulesConfig;
import io.waspada.sites.SiteRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Wires the production topology for Quarkus (which owns the KafkaStreams lifecycle) with metrics. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(RulesConfig rules, MeterRegistry registry) {
        return new CorrelationTopology(rules.toSettings(), SiteRegistry.defaults(), StreamTopics.platform(),
                new MetricsListener(registry)).build();
    }

    /** {@code waspada_late_events_total{kind}} and {@code waspada_alerts_emitted_total{rule,first}}. */
    static final class MetricsListener implements CorrelationListener {

        private final MeterRegistry registry;

        MetricsListener(MeterRegistry registry) {
            this.registry = registry;
            for (String kind : new String[] {"sightings", "interceptions"}) {
                Counter.builder("waspada.late.events").description("Events later than the grace period, sent to the DLQ")
                        .tag("kind", kind).register(registry);
            }
        }

        @Override
        public void lateEvent(String kind) {
            registry.counter("waspada.late.events", "kind", kind).increment();
        }

        @Override
        public void alertEmitted(String rule, long version) {
            registry.counter("waspada.alerts.emitted", "rule", rule, "first", Boolean.toString(version == 1))
                    .increment();
        }
    }
}
