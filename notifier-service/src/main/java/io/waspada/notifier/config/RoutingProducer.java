package io.waspada.notifier.config;

import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the routing configuration named by {@code waspada.routing.config} (env {@code WASPADA_ROUTING_CONFIG}),
 * or the shipped {@code routing.yaml}. A bad file fails start-up with the line and the problem.
 */
@ApplicationScoped
public class RoutingProducer {

    private static final Logger LOG = Logger.getLogger(RoutingProducer.class);

    @Produces
    @Singleton
    Router router(@ConfigProperty(name = "waspada.routing.config") Optional<String> path) {
        RoutingConfig config = RoutingConfigLoader.load(path.orElse(""));
        LOG.infof("Routing from %s: %d task forces, %d inhibit rules", config.source(),
                config.taskForces().size(), config.inhibitRules().size());
        return new Router(config);
    }
}
