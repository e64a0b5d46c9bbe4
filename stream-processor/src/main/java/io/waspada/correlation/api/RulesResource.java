package io.waspada.correlation.api;

import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.config.RulesConfig;
import io.waspada.correlation.domain.RuleName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/rules}: the five rules with the window, threshold and grace this instance runs with, for any
 * signed-in officer or ops user (an officer token for audience {@code waspada-correlation}).
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
    RulesConfig config;

    @GET
    public RulesView rules() {
        RuleSettings settings = config.toSettings();
        List<RuleView> rules = new ArrayList<>();
        for (RuleName rule : RuleName.values()) {
            RuleSetting setting = settings.of(rule);
            rules.add(new RuleView(rule.name(), rule == RuleName.GROUP_CROSSING ? "site" : "token",
                    setting.window().toString(), setting.window().toMillis(), setting.threshold(), fires(rule)));
        }
        return new RulesView(settings.grace().toString(), settings.grace().toMillis(), settings.maxAlertEvidence(),
                rules);
    }

    private static String fires(RuleName rule) {
        return switch (rule) {
            case WATCHLIST_HIT -> "an event names an identifier on an active watchlist entry";
            case CROSS_BORDER_MOVEMENT -> "the same identifier is seen in threshold+ countries, "
                    + "or at threshold+ border sites by 2+ agencies, within the window";
            case SIGHTING_INTERCEPTION_LINK -> "an interception names an identifier that threshold+ sightings "
                    + "by other agencies saw earlier within the window";
            case FACILITATOR_NETWORK -> "one facilitator identifier is linked to threshold+ distinct suspected "
                    + "victims within the window";
            case GROUP_CROSSING -> "threshold+ persons with trafficking indicators cross the same border site "
                    + "within the window";
        };
    }
}
