package io.waspada.correlation.rulebook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.sites.SiteRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tuning documents: a rule in force at start-up with another window or threshold (and a mode), e.g.
 * {@code rule: CROSS_BORDER_MOVEMENT / window: 48h / threshold: 3}; the rule as written, with that setting. Whole rule
 * documents are {@link DataRuleCompiler}'s. A window may not reach further than the start-up rules of its kind of key
 * do (the evidence store keeps no more).
 */
public final class BuiltInRuleCompiler implements RuleCompiler {

    private static final Set<String> FIELDS = Set.of("rule", "description", "window", "threshold", "mode");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Duration LONGEST = Duration.ofDays(90);
    private static final YAMLFactory YAML = new YAMLFactory();

    private final RuleSettings settings;
    private final SiteRegistry sites;
    private final RuleEngine startUp;

    public BuiltInRuleCompiler(RuleSettings settings, SiteRegistry sites, RuleEngine startUp) {
        this.settings = settings;
        this.sites = sites;
        this.startUp = startUp;
    }

    @Override
    public CompiledRule compile(String source) throws RuleDocumentException {
        String id = null;
        int idLine = 1;
        Duration window = null;
        int windowLine = 0;
        Integer threshold = null;
        RuleMode mode = null;
        List<String> problems = new ArrayList<>();
        int firstLine = 0;
        try (JsonParser parser = YAML.createParser(source == null ? "" : source)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RuleDocumentException(Math.max(1, parser.currentLocation().getLineNr()),
                        "a rule document is a mapping of fields (rule, window, threshold, ...)");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                int line = parser.currentLocation().getLineNr();
                JsonToken value = parser.nextToken();
                String text = value.isScalarValue() ? parser.getText() : null;
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
                String problem = null;
                switch (field) {
                    case "rule" -> {
                        idLine = line;
                        id = text;
                        if (text == null || !startUp.has(text)) {
                            problem = "rule: " + (text == null ? "a rule id is required" : "'" + text
                                    + "' is not a rule in force at start-up (one of " + String.join(", ", startUpIds()) + "); a new rule is "
                                    + "a whole document (key, window, condition, severity, title)");
                        }
                    }
                    case "window" -> {
                        windowLine = line;
                        window = duration(text);
                        if (window == null) {
                            problem = "window: '" + text + "' is not a duration from 1m to 90d (<n>m, <n>h or <n>d)";
                        }
                    }
                    case "threshold" -> {
                        threshold = value == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() >= 1
                                && parser.getLongValue() <= 1_000_000 ? parser.getIntValue() : null;
                        if (threshold == null) {
                            problem = "threshold: '" + text + "' is not a whole number from 1";
                        }
                    }
                    case "mode" -> {
                        mode = RuleMode.parse(text);
                        if (mode == null) {
                            problem = "mode: '" + text + "' is not one of active, shadow, disabled";
                        }
                    }
                    case "description" -> problem = text == null ? "description: plain words expected" : null;
                    default -> problem = "unknown field '" + field + "' (this build changes " + FIELDS + ")";
                }
                if (problem != null) {
                    firstLine = firstLine == 0 ? line : firstLine;
                    problems.add("line " + line + ": " + problem);
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                int line = parser.currentLocation().getLineNr();
                throw new RuleDocumentException(line, "one rule document (a single mapping) expected");
            }
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    && json.getLocation() != null ? json.getLocation().getLineNr() : 1;
            throw new RuleDocumentException(line, "not YAML: " + firstSentence(e.getMessage()));
        }
        if (id == null && problems.isEmpty()) {
            throw new RuleDocumentException(1, "rule: a rule id is required");
        }
        if (!problems.isEmpty()) {
            throw new RuleDocumentException(firstLine, problems);
        }
        Rule inForce = startUp.ruleOf(id);
        RuleSetting current = inForce.setting();
        RuleSetting setting = new RuleSetting(window == null ? current.window() : window,
                threshold == null ? current.threshold() : threshold);
        // Any rule in force at start-up (the built-ins, REPEAT_CROSSING, rules of waspada.rules.files) is tuned as it
        // is written; a Java rule (tests' references) through the settings it was built from.
        Rule rule = inForce instanceof io.waspada.correlation.rules.data.DataRule data
                ? new io.waspada.correlation.rules.data.DataRule(data.spec(), setting, sites)
                : ruleOf(RuleEngine.of(settings.with(RuleName.valueOf(id), setting), sites), RuleName.valueOf(id));
        long reach = startUp.horizonMs(rule.keyedBy().equals("site") ? CorrelationKey.site("X")
                : CorrelationKey.token("X"));
        if (setting.window().toMillis() > reach) {
            throw new RuleDocumentException(windowLine, "window: " + setting.window() + " reaches further than the "
                    + "evidence kept for " + rule.keyedBy() + " rules (" + Duration.ofMillis(reach) + ")");
        }
        return new CompiledRule(id, rule, mode);
    }

    private static Rule ruleOf(RuleEngine engine, RuleName name) {
        return engine.rules().stream().filter(rule -> rule.id().equals(name.name())).findFirst().orElseThrow();
    }

    private List<String> startUpIds() {
        return startUp.rules().stream().map(Rule::id).toList();
    }

    static Duration duration(String text) {
        Matcher matcher = text == null ? null : DURATION.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            return null;
        }
        long n = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return duration.compareTo(LONGEST) > 0 ? null : duration;
    }

    private static String firstSentence(String message) {
        String text = message == null ? "" : message;
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** The document of a start-up rule (version 0), so its changes have a source to differ from. */
    public static String sourceOf(Rule rule) {
        Duration window = rule.setting().window();
        String span = window.toDays() >= 7 && window.toHoursPart() == 0 && window.toMinutesPart() == 0
                ? window.toDays() + "d" : window.toMinutesPart() == 0 ? window.toHours() + "h" : window.toMinutes() + "m";
        return "rule: " + rule.id() + "\nwindow: " + span + "\nthreshold: " + rule.setting().threshold() + "\n";
    }
}
