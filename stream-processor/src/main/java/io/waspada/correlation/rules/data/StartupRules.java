package io.waspada.correlation.rules.data;

import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rules.Rule;
import io.waspada.sites.SiteRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules in force: the shipped ones ({@code rules/*.yaml} on the classpath, in {@link #SHIPPED} order) and those of
 * the files given at start-up ({@code waspada.rules.files}), validated together (an id defined twice is a problem).
 * A built-in rule takes its window and threshold from the start-up settings ({@code waspada.rules.<config-name>.*}).
 * Condition rules become {@link DataRule}s in file order, whatever their mode: a rule written {@code mode: shadow}
 * is evaluated and raises nothing, one written {@code mode: disabled} is not evaluated, until a runtime version
 * changes its mode ({@link #modes()}, version 0 of each in the rule book). Absence rules are kept aside: another
 * engine evaluates them.
 */
public final class StartupRules {

    /** The rules shipped with the service, in evaluation order: the five built-ins, then the data-only ones. */
    public static final List<String> SHIPPED = List.of("rules/watchlist-hit.yaml", "rules/cross-border-movement.yaml",
            "rules/sighting-interception-link.yaml", "rules/facilitator-network.yaml", "rules/group-crossing.yaml",
            "rules/repeat-crossing.yaml", "rules/minor-outbound-no-return.yaml");

    private final List<RuleSpec> specs;
    private final List<Rule> rules;
    private final Map<String, RuleMode> modes;

    private StartupRules(List<RuleSpec> specs, List<Rule> rules, Map<String, RuleMode> modes) {
        this.specs = specs;
        this.rules = rules;
        this.modes = modes;
    }

    /** The rules shipped with the service, as their documents say (no start-up setting applied). */
    public static List<RuleSpec> shippedSpecs() {
        List<RuleSpec> specs = new ArrayList<>();
        for (String resource : SHIPPED) {
            specs.addAll(RuleFileParser.parse("classpath:" + resource, resource(resource)));
        }
        return specs;
    }

    /** The shipped rules and those of {@code files}; a file that does not validate fails with every problem. */
    public static StartupRules load(RuleSettings settings, SiteRegistry sites, List<Path> files) {
        List<RuleSpec> specs = new ArrayList<>();
        for (String resource : SHIPPED) {
            specs.addAll(RuleFileParser.parse("classpath:" + resource, resource(resource)));
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuleFileException(List.of(file + ":0: cannot read the rule file: " + e.getMessage()));
            }
            specs.addAll(RuleFileParser.parse(file.toString(), text));
        }
        return of(specs, settings, sites);
    }

    /** The rules of these specs (each id once), built-ins with their start-up settings. */
    public static StartupRules of(List<RuleSpec> specs, RuleSettings settings, SiteRegistry sites) {
        List<String> problems = new ArrayList<>();
        Map<String, RuleSpec> byId = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        Map<String, RuleMode> modes = new LinkedHashMap<>();
        for (RuleSpec spec : specs) {
            RuleSpec first = byId.putIfAbsent(spec.id(), spec);
            if (first != null) {
                problems.add(spec.source() + ": rule: " + spec.id() + " is defined twice (first at " + first.source()
                        + ")");
                continue;
            }
            if (spec.isAbsence()) {
                if (spec.mode() != RuleSpec.Mode.ACTIVE) {
                    // Refused rather than dropped: an absence rule in a file is in force; it is disabled (and enabled
                    // again) at runtime, where its id stays its own.
                    problems.add(spec.source() + ": mode: an absence rule in a rule file is active (disable it at "
                            + "runtime: rules mode " + spec.id() + " disabled); shadow is not supported for absence "
                            + "rules");
                }
                continue;
            }
            try {
                rules.add(new DataRule(spec, settingOf(spec, settings), sites));
                if (spec.mode() != RuleSpec.Mode.ACTIVE) {
                    modes.put(spec.id(), RuleMode.valueOf(spec.mode().name()));
                }
            } catch (IllegalArgumentException e) {
                problems.add(spec.source() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return new StartupRules(List.copyOf(byId.values()), List.copyOf(rules),
                java.util.Collections.unmodifiableMap(modes));
    }

    /** A built-in rule's start-up setting; any other rule's own window and threshold. */
    static RuleSetting settingOf(RuleSpec spec, RuleSettings settings) {
        RuleName builtIn = RuleName.builtIn(spec.id());
        if (builtIn != null) {
            return settings.of(builtIn);
        }
        return new RuleSetting(spec.window(), spec.threshold() == null ? 1 : spec.threshold());
    }

    /** The condition rules, in file order, whatever their mode (see {@link #modes()}). */
    public List<Rule> rules() {
        return rules;
    }

    /** The start-up mode of each condition rule that is not active ({@code shadow} or {@code disabled}), by id. */
    public Map<String, RuleMode> modes() {
        return modes;
    }

    /** Every rule read, whatever its mode or form (absence rules included), each id once, in file order. */
    public List<RuleSpec> specs() {
        return specs;
    }

    /** The absence rules read (evaluated by the absence engine, not by {@link #rules()}). */
    public List<RuleSpec> absences() {
        return specs.stream().filter(RuleSpec::isAbsence).toList();
    }

    private static String resource(String name) {
        try (InputStream in = StartupRules.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
