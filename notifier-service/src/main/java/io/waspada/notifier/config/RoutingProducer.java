package io.waspada.notifier.config;

import io.waspada.avro.Severity;
import io.waspada.notifier.routing.EscalationDeadlines;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the routing configuration named by {@code waspada.routing.config} (env {@code WASPADA_ROUTING_CONFIG}),
 * or the shipped {@code routing.yaml}, with the service-wide {@code waspada.escalation.deadline.*} as the root
 * route's escalation deadlines. A bad file or deadline fails start-up with the line (or key) and the problem.
 */
@ApplicationScoped
public class RoutingProducer {

    private static final Logger LOG = Logger.getLogger(RoutingProducer.class);
    static final String DEADLINE_KEY = "waspada.escalation.deadline.";

    @Produces
    @Singleton
    Router router(@ConfigProperty(name = "waspada.routing.config") Optional<String> path,
            @ConfigProperty(name = DEADLINE_KEY + "critical", defaultValue = "5m") String critical,
            @ConfigProperty(name = DEADLINE_KEY + "high", defaultValue = "15m") String high,
            @ConfigProperty(name = DEADLINE_KEY + "medium", defaultValue = "4h") String medium,
            @ConfigProperty(name = DEADLINE_KEY + "low", defaultValue = EscalationDeadlines.NEVER) String low) {
        EscalationDeadlines rootDeadlines = serviceWide(Map.of(Severity.CRITICAL, critical, Severity.HIGH, high,
                Severity.MEDIUM, medium, Severity.LOW, low));
        RoutingConfig config = RoutingConfigLoader.load(path.orElse(""), rootDeadlines);
        LOG.infof("Routing from %s: %d task forces, %d inhibit rules, root escalation deadlines %s", config.source(),
                config.taskForces().size(), config.inhibitRules().size(), rootDeadlines);
        return new Router(config);
    }

    /** The {@code waspada.escalation.deadline.<severity>} settings; a bad one is refused naming its key. */
    static EscalationDeadlines serviceWide(Map<Severity, String> text) {
        Map<Severity, Optional<Duration>> deadlines = new EnumMap<>(Severity.class);
        text.forEach((severity, value) -> {
            try {
                deadlines.put(severity, EscalationDeadlineText.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(DEADLINE_KEY + severity.name().toLowerCase() + ": " + e.getMessage(), e);
            }
        });
        return new EscalationDeadlines(Map.of()).overriddenBy(deadlines);
    }
}
