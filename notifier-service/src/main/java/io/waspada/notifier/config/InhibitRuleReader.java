package io.waspada.notifier.config;

import io.waspada.notifier.routing.InhibitRule;
import io.waspada.notifier.routing.Matchers;
import java.util.List;

/** Validates and converts the YAML inhibition rules; a rule without target matchers would mute everything. */
final class InhibitRuleReader {

    private final String source;

    InhibitRuleReader(String source) {
        this.source = source;
    }

    List<InhibitRule> read(List<RoutingFile.InhibitRuleSpec> specs) {
        return specs.stream().map(this::rule).toList();
    }

    private InhibitRule rule(RoutingFile.InhibitRuleSpec spec) {
        if (spec.targetMatchers.isEmpty() || spec.sourceMatchers.isEmpty()) {
            throw new RoutingConfigException(source, spec.line,
                    "an inhibit rule needs both 'source_matchers' and 'target_matchers'");
        }
        try {
            return new InhibitRule(Matchers.parse(spec.sourceMatchers), Matchers.parse(spec.targetMatchers),
                    spec.equal, spec.line);
        } catch (IllegalArgumentException e) {
            throw new RoutingConfigException(source, spec.line, e.getMessage(), e);
        }
    }
}
