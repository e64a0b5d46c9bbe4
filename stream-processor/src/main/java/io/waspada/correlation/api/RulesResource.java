package io.waspada.correlation.api;

import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.RuleEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/rules}: the rules the running topology evaluates, with the window, threshold and grace it
 * uses, for any signed-in officer or ops user (an officer token for audience {@code waspada-correlation}).
 */
@Path("/api/v1/rules")
@RolesAllowed({"investigator", "officer", "ops", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    /** One rule as served: durations in ISO-8601 and in milliseconds. */
    public record RuleView(String name, String keyedBy, String window, long windowMs, int threshold, String fires) {
    }

    /** The whole answer. */
    public record RulesView(String grace, long graceMs, int maxAlertEvidence, List<RuleView> rules) {
    }

    @Inject
    RuleEngine engine;

    /** The rules the running topology evaluates, each as it describes itself, with its setting and the grace. */
    @GET
    public RulesView rules() {
        List<RuleView> rules = new ArrayList<>();
        for (Rule rule : engine.rules()) {
            RuleSetting setting = rule.setting();
            rules.add(new RuleView(rule.name().name(), rule.keyedBy(), setting.window().toString(),
                    setting.window().toMillis(), setting.threshold(), rule.fires()));
        }
        Duration grace = Duration.ofMillis(engine.graceMs());
        return new RulesView(grace.toString(), grace.toMillis(), engine.maxEvidence(), rules);
    }
}
