package io.waspada.correlation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waspada.correlation.domain.RuleName;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rule settings from {@code application.properties} ({@code waspada.rules.*}, overridable by env such as
 * {@code WASPADA_RULES_CROSS_BORDER_MOVEMENT_WINDOW=48h}); {@link #toSettings()} gives the topology's view.
 */
@ConfigMapping(prefix = "waspada.rules")
public interface RulesConfig {

    /** How late (in event time) an agency may report and still be correlated. */
    Duration grace();

    /** At most this many evidence items are carried in one alert (the event count keeps counting). */
    @WithDefault("100")
    int maxAlertEvidence();

    /**
     * Rule files (YAML, see the README's "Rules as data") read at start-up beside the shipped rules; a file that does
     * not validate fails start-up with every problem as {@code file:line: problem}.
     */
    java.util.Optional<java.util.List<String>> files();

    /** The rule files given in {@link #files()}. */
    default java.util.List<java.nio.file.Path> ruleFiles() {
        return files().orElse(java.util.List.of()).stream().filter(file -> !file.isBlank())
                .map(file -> java.nio.file.Path.of(file.strip())).toList();
    }

    /**
     * How far after now a runtime rule change takes over by default (event time), so that every instance has read it
     * before any event it governs is observed.
     */
    @WithDefault("30s")
    Duration switchLead();

    Rule watchlistHit();

    Rule crossBorderMovement();

    Rule sightingInterceptionLink();

    Rule facilitatorNetwork();

    Rule groupCrossing();

    /** One rule's window and threshold. */
    interface Rule {
        Duration window();

        int threshold();
    }

    default RuleSettings toSettings() {
        Map<RuleName, RuleSetting> rules = new EnumMap<>(RuleName.class);
        rules.put(RuleName.WATCHLIST_HIT, setting(watchlistHit()));
        rules.put(RuleName.CROSS_BORDER_MOVEMENT, setting(crossBorderMovement()));
        rules.put(RuleName.SIGHTING_INTERCEPTION_LINK, setting(sightingInterceptionLink()));
        rules.put(RuleName.FACILITATOR_NETWORK, setting(facilitatorNetwork()));
        rules.put(RuleName.GROUP_CROSSING, setting(groupCrossing()));
        return new RuleSettings(rules, grace(), maxAlertEvidence());
    }

    private static RuleSetting setting(Rule rule) {
        return new RuleSetting(rule.window(), rule.threshold());
    }
}
