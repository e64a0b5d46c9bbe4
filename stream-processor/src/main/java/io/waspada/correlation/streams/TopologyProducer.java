package io.waspada.correlation.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.avro.Severity;
import io.waspada.correlation.config.RulesConfig;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.data.StartupRules;
import java.util.List;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.sites.SiteRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Wires the production topology for Quarkus (which owns the KafkaStreams lifecycle) with metrics. */
@ApplicationScoped
public class TopologyProducer {

    private CorrelationTopology correlation;

    @jakarta.inject.Inject
    io.opentelemetry.api.OpenTelemetry telemetry;

    @jakarta.inject.Inject
    io.waspada.correlation.config.AbsenceConfig absence;

    @Produces
    public Topology topology(RulesConfig rules, MeterRegistry registry) {
        return correlation(rules, registry).build();
    }

    /** The rules the running topology evaluates (for {@code GET /api/v1/rules}). */
    @Produces
    @jakarta.inject.Singleton
    public RuleEngine rules(RulesConfig rules, MeterRegistry registry) {
        return correlation(rules, registry).engine();
    }

    /** The rule versions read from {@code tip.rules.v1} (the rules admin API and {@code GET /api/v1/rules}). */
    @Produces
    @jakarta.inject.Singleton
    public io.waspada.correlation.rulebook.RuleBook ruleBook(RulesConfig rules, MeterRegistry registry) {
        return correlation(rules, registry).ruleBook();
    }

    /** The absence rules the running topology evaluates (for the rules API). */
    @Produces
    @jakarta.inject.Singleton
    public io.waspada.correlation.absence.AbsenceRules absenceRules(RulesConfig rules, MeterRegistry registry) {
        return correlation(rules, registry).absenceRules();
    }

    private synchronized CorrelationTopology correlation(RulesConfig rules, MeterRegistry registry) {
        if (correlation == null) {
            StreamTopics topics = StreamTopics.platform();
            SiteRegistry sites = SiteRegistry.defaults();
            RuleSettings settings = rules.toSettings();
            StartupRules startUp = StartupRules.load(settings, sites, rules.ruleFiles());
            List<Rule> inForce = startUp.rules();
            // Every condition rule of the files, each in its start-up mode (shadow and disabled ones too: switched on
            // at runtime by a version of their mode).
            correlation = new CorrelationTopology(settings, sites, topics,
                    new MetricsListener(registry).registerRules(inForce)).withRules(inForce, startUp.modes())
                    .withTraces(new AlertTraces(
                            telemetry.getTracer("io.waspada.correlation"),
                            new io.waspada.tracing.KafkaTraceContext(telemetry.getPropagators().getTextMapPropagator()),
                            topics.alerts()))
                    .withAbsenceRules(absence.toRules(startUp.specs(), rules.grace(), sites));
        }
        return correlation;
    }

    /**
     * {@code waspada_late_events_total{kind}}, {@code waspada_alerts_emitted_total{rule,severity,first}} and
     * {@code waspada_token_links_written_total} (a key rotation's overlap at work), every
     * series registered at start so dashboards see zeros before the first alert.
     */
    static final class MetricsListener implements CorrelationListener {

        private final MeterRegistry registry;

        MetricsListener(MeterRegistry registry) {
            this.registry = registry;
            for (String kind : new String[] {"sightings", "interceptions"}) {
                Counter.builder("waspada.late.events")
                        .description("Events older than every rule's window plus grace, sent to the DLQ as received")
                        .tag("kind", kind).register(registry);
                Counter.builder("waspada.undecodable.events").description("Records that do not decode, sent to the DLQ")
                        .tag("kind", kind).register(registry);
            }
            Counter.builder("waspada.token.links.written")
                    .description("Key rotation links first shown by an event and written to tip.token-links.v1")
                    .register(registry);
        }

        /** The per-rule series of the rules in force (their ids from data), registered at start. */
        MetricsListener registerRules(List<Rule> rules) {
            for (Rule rule : rules) {
                Counter.builder("waspada.rule.shadow.alerts")
                        .description("New alerts a rule in shadow mode would have raised and did not")
                        .tag("rule", rule.id()).register(registry);
                Counter.builder("waspada.rule.switch.missed")
                        .description("Rule versions read after this instance evaluated events observed past activeFrom")
                        .tag("rule", rule.id()).register(registry);
                Counter.builder("waspada.late.for.rule")
                        .description("Events too late for one rule's window plus grace, still correlated by the others")
                        .tag("rule", rule.id()).register(registry);
                for (Severity severity : Severity.values()) {
                    for (boolean first : new boolean[] {true, false}) {
                        emitted(rule.id(), severity.name(), first);
                    }
                }
            }
            return this;
        }

        private Counter emitted(String rule, String severity, boolean first) {
            return Counter.builder("waspada.alerts.emitted").description("Alert versions emitted, by rule and severity")
                    .tag("rule", rule).tag("severity", severity).tag("first", Boolean.toString(first))
                    .register(registry);
        }

        @Override
        public void lateEvent(String kind) {
            registry.counter("waspada.late.events", "kind", kind).increment();
        }

        @Override
        public void lateForRule(String rule) {
            registry.counter("waspada.late.for.rule", "rule", rule).increment();
        }

        @Override
        public void undecodableEvent(String kind) {
            registry.counter("waspada.undecodable.events", "kind", kind).increment();
        }

        @Override
        public void tokenLinksWritten(int links) {
            registry.counter("waspada.token.links.written").increment(links);
        }

        @Override
        public void ruleShadowAlert(String rule) {
            registry.counter("waspada.rule.shadow.alerts", "rule", rule).increment();
        }

        @Override
        public void ruleSwitchMissed(String rule) {
            registry.counter("waspada.rule.switch.missed", "rule", rule).increment();
        }

        @Override
        public void alertEmitted(String rule, String severity, long version) {
            emitted(rule, severity, version == 1).increment();
        }
    }
}
