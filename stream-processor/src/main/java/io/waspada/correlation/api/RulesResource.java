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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/rules}: the rules the running topology evaluates (the shipped rules as data and those of the
 * files given at start-up; ids from the data, not a fixed list), with the window, threshold and grace it uses, for any signed-in officer or ops user (an officer token for audience {@code waspada-correlation}).
 */
@Path("/api/v1/rules")
@RolesAllowed({"investigator", "officer", "ops", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules", description = "The correlation rules in force")
@SecurityRequirement(name = "officer")
public class RulesResource {

    /** One rule as served: durations in ISO-8601 and in milliseconds. */
    @Schema(name = "Rule", requiredProperties = {"name", "keyedBy", "window", "windowMs", "threshold", "fires"})
    public record RuleView(
            @Schema(pattern = "^[A-Z][A-Z0-9_]{2,63}$", description = "The rule's id (the alert type): a built-in "
                    + "rule or one defined as data, as in force", example = "REPEAT_CROSSING") String name,
            @Schema(enumeration = {"token", "site"}, description = "What the rule correlates on") String keyedBy,
            @Schema(description = "ISO-8601 duration", example = "PT72H") String window,
            @Schema(minimum = "0") long windowMs, int threshold,
            @Schema(description = "When it fires, in words") String fires,
            @Schema(enumeration = {"condition", "absence"}, description = "condition: fires when its evidence holds; "
                    + "absence: an A and no B within the window (its T), raised when stream time passes T + grace")
            String form) {
    }

    /** The whole answer. */
    @Schema(name = "Rules", requiredProperties = {"grace", "graceMs", "maxAlertEvidence", "rules"})
    public record RulesView(@Schema(description = "How late an event may be past a window (ISO-8601)") String grace,
            @Schema(minimum = "0") long graceMs, @Schema(minimum = "1") int maxAlertEvidence, List<RuleView> rules,
            @Schema(description = "Runtime versions (tip.rules.v1): per rule the version governing events observed "
                    + "now, the latest version and the new alerts withheld in shadow mode on this instance")
            List<RuntimeRuleView> versions) {
    }

    /** A rule's runtime versions, as this instance has read them. */
    @Schema(name = "RuntimeRule", requiredProperties = {"rule", "inForce", "mode", "latest", "shadowAlerts"})
    public record RuntimeRuleView(String rule, @Schema(description = "The version governing events observed now")
            int inForce, @Schema(enumeration = {"active", "shadow", "disabled"}) String mode,
            @Schema(description = "The highest version (may be in force later)") int latest,
            @Schema(description = "When the latest version takes over (event time, ISO-8601); absent for version 0")
            String latestFrom, @Schema(minimum = "0") long shadowAlerts) {
    }

    @Inject
    io.waspada.correlation.rulebook.RuleBook book;

    @Inject
    RuleEngine engine;

    @Inject
    io.waspada.correlation.absence.AbsenceRules absences;

    /** The rules the running topology evaluates, each as it describes itself, with its setting and the grace. */
    @GET
    @Operation(summary = "The rules the running topology evaluates, with window, threshold and grace")
    @APIResponse(responseCode = "200", description = "The rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulesView.class),
                    examples = @ExampleObject(name = "four of the rules", value = QueryExamples.RULES)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted here; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = QueryExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = QueryExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = QueryExamples.NO_OFFICER_ROLE)))
    public RulesView rules() {
        List<RuleView> rules = new ArrayList<>();
        for (Rule rule : engine.rules()) {
            RuleSetting setting = rule.setting();
            rules.add(new RuleView(rule.id(), rule.keyedBy(), setting.window().toString(),
                    setting.window().toMillis(), setting.threshold(), rule.fires(), "condition"));
        }
        for (var absence : absences.rules()) {
            rules.add(new RuleView(absence.id(), absence.keyedBy(), absence.within().toString(), absence.withinMs(), 1,
                    absence.description(), "absence"));
        }
        Duration grace = Duration.ofMillis(engine.graceMs());
        List<RuntimeRuleView> versions = new ArrayList<>();
        var governing = book.governingAt(System.currentTimeMillis());
        for (String id : book.ids()) {
            var now = governing.get(id);
            var latest = book.latest(id);
            versions.add(new RuntimeRuleView(id, now == null ? 0 : now.version(),
                    now == null ? "disabled" : now.mode(), latest.version(), latest.version() == 0 ? null
                            : java.time.Instant.ofEpochMilli(latest.activeFrom()).toString(), book.shadowAlerts(id)));
        }
        return new RulesView(grace.toString(), grace.toMillis(), engine.maxEvidence(), rules, versions);
    }
}
