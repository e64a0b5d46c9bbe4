package io.waspada.correlation.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.correlation.rules.data.AbsenceRuleCompiler;
import io.waspada.correlation.rules.data.DataRule;
import io.waspada.correlation.rules.data.RuleFileException;
import io.waspada.correlation.rules.data.RuleFileParser;
import io.waspada.correlation.rules.data.RuleSpec;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule documents in the rule language ("Rules as data"): a whole rule (a new one, or a rule in force rewritten) is
 * parsed and validated as a rule file's document is and becomes a {@link DataRule} with its own window and threshold;
 * a document of only {@code rule}, {@code window}, {@code threshold}, {@code mode} and {@code description} tunes a
 * rule in force at start-up ({@link BuiltInRuleCompiler}). An absence rule document (a new one, or a rule in force
 * rewritten with the same {@code within}) becomes an {@link AbsenceRule}; a document of only {@code rule},
 * {@code mode} and {@code description} names an absence rule in force at start-up as it is (its mode changed).
 */
public final class DataRuleCompiler implements RuleCompiler {

    private static final Set<String> TUNING = Set.of("rule", "description", "window", "threshold", "mode");
    private static final String DOCUMENT = "document";
    private static final Pattern PROBLEM = Pattern.compile("^" + DOCUMENT + ":(\\d+): (.*)$", Pattern.DOTALL);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final RuleCompiler tuning;
    private final RuleEngine startUp;
    private final SiteRegistry sites;

    private final Map<String, AbsenceRule> absences;

    /**
     * {@code absences}: the start-up absence rules by id; no condition rule may take one of their ids (one id, one
     * alert type), and a rewrite of one keeps its within.
     */
    public DataRuleCompiler(RuleCompiler tuning, RuleEngine startUp, SiteRegistry sites,
            Map<String, AbsenceRule> absences) {
        this.tuning = tuning;
        this.startUp = startUp;
        this.sites = sites;
        this.absences = Map.copyOf(absences);
    }

    @Override
    public CompiledRule compile(String source) throws RuleDocumentException {
        JsonNode fields = topLevel(source);
        if (fields != null && onlyTuning(fields)) {
            AbsenceRule inForce = fields.path("rule").isTextual() ? absences.get(fields.get("rule").asText()) : null;
            return inForce == null ? tuning.compile(source) : absenceAsItIs(inForce, fields);
        }
        List<RuleSpec> specs;
        try {
            specs = RuleFileParser.parse(DOCUMENT, source == null ? "" : source);
        } catch (RuleFileException e) {
            throw problems(e.problems());
        }
        if (specs.size() != 1) {
            throw new RuleDocumentException(1, "one rule per document (this one has " + specs.size() + ")");
        }
        RuleSpec spec = specs.get(0);
        RuleMode named = fields != null && fields.has("mode") ? RuleMode.valueOf(spec.mode().name()) : null;
        if (spec.isAbsence()) {
            return absence(spec, named);
        }
        if (absences.containsKey(spec.id())) {
            throw new RuleDocumentException(line(spec), "rule: " + spec.id() + " is an absence rule; a rule id is "
                    + "one alert type");
        }
        DataRule rule;
        try {
            rule = new DataRule(spec, sites);
        } catch (IllegalArgumentException e) {
            throw problems(List.of(e.getMessage()));
        }
        long reach = startUp.horizonMs(rule.keyedBy().equals("site") ? CorrelationKey.site("X")
                : CorrelationKey.token("X"));
        if (rule.windowMs() > reach) {
            throw new RuleDocumentException(line(spec), "window: " + spec.window() + " reaches further than the "
                    + "evidence kept for " + rule.keyedBy() + " rules (" + Duration.ofMillis(reach) + ")");
        }
        return new CompiledRule(spec.id(), rule, named);
    }

    /** A whole absence rule document: a new absence rule, or one in force at start-up rewritten (same within). */
    private CompiledRule absence(RuleSpec spec, RuleMode mode) throws RuleDocumentException {
        if (startUp.has(spec.id())) {
            throw new RuleDocumentException(line(spec), "rule: " + spec.id() + " is a condition rule; a rule id is "
                    + "one alert type");
        }
        if (mode == RuleMode.SHADOW) {
            throw new RuleDocumentException(line(spec), "mode: shadow is not supported for absence rules (active or "
                    + "disabled)");
        }
        AbsenceRule inForce = absences.get(spec.id());
        AbsenceRule rule;
        try {
            // A start-up rule rewritten keeps its own grace (start-up settings) as it keeps its within.
            rule = AbsenceRuleCompiler.compile(spec, null, inForce == null ? null : inForce.grace(), sites);
        } catch (IllegalArgumentException e) {
            throw problems(List.of(e.getMessage()));
        }
        if (inForce != null && inForce.withinMs() != rule.withinMs()) {
            throw new RuleDocumentException(line(spec), "within: " + spec.absence().within() + " differs from the "
                    + "rule in force (" + Duration.ofMillis(inForce.withinMs()) + "); it is set at start-up "
                    + "(an absence rule keeps its within: give the rule a new id)");
        }
        long reach = startUp.horizonMs(rule.keyedBy().equals("site") ? CorrelationKey.site("X")
                : CorrelationKey.token("X"));
        if (rule.withinMs() > reach) {
            throw new RuleDocumentException(line(spec), "within: " + spec.absence().within() + " reaches further "
                    + "than the evidence kept for " + rule.keyedBy() + " rules (" + Duration.ofMillis(reach) + ")");
        }
        return CompiledRule.absence(spec.id(), rule, mode);
    }

    /** A start-up absence rule named by a tuning document: as it is, in the mode the document names. */
    private static CompiledRule absenceAsItIs(AbsenceRule inForce, JsonNode fields) throws RuleDocumentException {
        if (fields.has("window") || fields.has("threshold")) {
            throw new RuleDocumentException(1, "rule: " + inForce.id() + " is an absence rule: window and "
                    + "threshold are not its fields (its within is set at start-up)");
        }
        RuleMode mode = null;
        if (fields.has("mode")) {
            mode = RuleMode.parse(fields.get("mode").asText());
            if (mode == null || mode == RuleMode.SHADOW) {
                throw new RuleDocumentException(1, "mode: '" + fields.get("mode").asText() + "' is not one of "
                        + "active, disabled (absence rules have no shadow mode)");
            }
        }
        return CompiledRule.absence(inForce.id(), inForce, mode);
    }

    private static JsonNode topLevel(String source) {
        try {
            JsonNode node = YAML.readTree(source == null ? "" : source);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException notYaml) {
            return null; // the parser says where
        }
    }

    private static boolean onlyTuning(JsonNode fields) {
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            if (!TUNING.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** The parser's {@code document:N: problem}s as {@code line N: problem}s, the first one's line. */
    private static RuleDocumentException problems(List<String> problems) {
        List<String> lines = new ArrayList<>();
        int first = 0;
        for (String problem : problems) {
            Matcher matcher = PROBLEM.matcher(problem);
            if (matcher.matches()) {
                int line = Integer.parseInt(matcher.group(1));
                first = first == 0 ? line : first;
                lines.add(line > 0 ? "line " + line + ": " + matcher.group(2) : matcher.group(2));
            } else {
                lines.add(problem.startsWith(DOCUMENT + ":") ? problem.substring(DOCUMENT.length() + 1).strip()
                        : problem);
            }
        }
        return new RuleDocumentException(first, lines);
    }

    private static int line(RuleSpec spec) {
        String source = spec.source();
        return Integer.parseInt(source.substring(source.lastIndexOf(':') + 1));
    }
}
