package io.waspada.correlation.backtest;

import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.data.AbsenceRuleCompiler;
import io.waspada.correlation.rules.data.DataRule;
import io.waspada.correlation.rules.data.RuleFileException;
import io.waspada.correlation.rules.data.RuleFileParser;
import io.waspada.correlation.rules.data.RuleSpec;
import io.waspada.sites.SiteRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one rules file as a back-test runs them: every rule of the file whatever its mode (the point is to try
 * one before it is switched on), each with its own window and threshold (not the start-up settings, which tune the
 * rules in force), absence rules beside the others.
 */
public record BacktestRules(List<Rule> rules, AbsenceRules absences) {

    /** The file's rules; a file that does not validate: {@link RuleFileException} with every {@code file:line}. */
    public static BacktestRules read(Path file, Duration grace, SiteRegistry sites) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(List.of(file + ":0: cannot read the rule file: " + e.getMessage()));
        }
        return of(RuleFileParser.parse(file.toString(), text), grace, sites);
    }

    static BacktestRules of(List<RuleSpec> specs, Duration grace, SiteRegistry sites) {
        List<Rule> rules = new ArrayList<>();
        List<AbsenceRule> absences = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RuleSpec spec : specs) {
            try {
                if (spec.isAbsence()) {
                    absences.add(AbsenceRuleCompiler.compile(spec, null, null, sites));
                } else {
                    rules.add(new DataRule(spec, sites));
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage().startsWith(spec.source()) ? e.getMessage()
                        : spec.source() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return new BacktestRules(List.copyOf(rules), new AbsenceRules(absences, grace, AbsenceRules.IDLE));
    }

    /** The ids of every rule, in file order (condition rules first). */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(rules.stream().map(Rule::id).toList());
        absences.rules().forEach(rule -> ids.add(rule.id()));
        return ids;
    }
}
