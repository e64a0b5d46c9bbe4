package io.waspada.correlation.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.correlation.rules.data.DataRule;
import io.waspada.correlation.rules.data.RuleFileException;
import io.waspada.correlation.rules.data.RuleFileParser;
import io.waspada.correlation.rules.data.RuleSpec;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule documents in the rule language ("Rules as data"): a whole rule (a new one, or a rule in force rewritten) is
 * parsed and validated as a rule file's document is and becomes a {@link DataRule} with its own window and threshold;
 * a document of only {@code rule}, {@code window}, {@code threshold}, {@code mode} and {@code description} tunes a
 * rule in force at start-up ({@link BuiltInRuleCompiler}). Absence rules are refused: they are set at start-up.
 */
public final class DataRuleCompiler implements RuleCompiler {

    private static final Set<String> TUNING = Set.of("rule", "description", "window", "threshold", "mode");
    private static final String DOCUMENT = "document";
    private static final Pattern PROBLEM = Pattern.compile("^" + DOCUMENT + ":(\\d+): (.*)$", Pattern.DOTALL);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final RuleCompiler tuning;
    private final RuleEngine startUp;
    private final SiteRegistry sites;

    private final Set<String> absenceIds;

    /** {@code absenceIds}: the absence rules' ids, which no condition rule may take (one id, one alert type). */
    public DataRuleCompiler(RuleCompiler tuning, RuleEngine startUp, SiteRegistry sites, Set<String> absenceIds) {
        this.tuning = tuning;
        this.startUp = startUp;
        this.sites = sites;
        this.absenceIds = Set.copyOf(absenceIds);
    }

    @Override
    public CompiledRule compile(String source) throws RuleDocumentException {
        JsonNode fields = topLevel(source);
        if (fields != null && onlyTuning(fields)) {
            return tuning.compile(source);
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
        if (spec.isAbsence()) {
            throw new RuleDocumentException(line(spec), "absence: absence rules are set at start-up "
                    + "(waspada.rules.files); this API changes condition rules");
        }
        if (absenceIds.contains(spec.id())) {
            throw new RuleDocumentException(line(spec), "rule: " + spec.id() + " is an absence rule's id (set at "
                    + "start-up); a rule id is one alert type");
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
        RuleMode mode = fields != null && fields.has("mode") ? RuleMode.valueOf(spec.mode().name()) : null;
        return new CompiledRule(spec.id(), rule, mode);
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
