package io.waspada.correlation.rules.data;

import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.absence.AbsenceWords;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An absence rule's document ({@code absence: {first, none, within}}) as the {@link AbsenceRule} the absence engine
 * evaluates: its filters compiled once as a condition rule's evidence filter is, its title from the words about its A.
 */
public final class AbsenceRuleCompiler {

    private static final Map<String, Function<AbsenceWords, String>> WORDS = Map.of(
            "What", words -> words.what(true),
            "what", words -> words.what(false),
            "place", AbsenceWords::place,
            "within", AbsenceWords::within);
    /** The placeholders of an absence rule's title, as the README lists them. */
    public static final List<String> PLACEHOLDERS = List.of("What", "what", "place", "within");

    private AbsenceRuleCompiler() {
    }

    /** The rule of {@code spec}, waiting {@code within} (null: the spec's) and {@code grace} (null: the rules'). */
    public static AbsenceRule compile(RuleSpec spec, Duration within, Duration grace, SiteRegistry sites) {
        if (!spec.isAbsence()) {
            throw new IllegalArgumentException(spec.source() + ": " + spec.id() + " is not an absence rule");
        }
        RuleSpec.AbsenceSpec absence = spec.absence();
        List<io.waspada.correlation.absence.EventFilter> none = new ArrayList<>();
        for (FilterSpec filter : absence.none()) {
            none.add(filter(filter, sites, spec, "absence.none"));
        }
        Set<String> raisers = new LinkedHashSet<>();
        for (RuleSpec.Raiser raiser : spec.severity().raisers()) {
            if (raiser != RuleSpec.Raiser.MINOR) {
                // An absence alert carries one event, its A: one country, no threshold to reach twice.
                throw new IllegalArgumentException(spec.source() + ": severity.raisers: an absence rule is raised "
                        + "for a minor only, not " + raiser.word());
            }
            raisers.add(raiser.word());
        }
        if (spec.severity().watchlist() || spec.severity().base() == null) {
            throw new IllegalArgumentException(spec.source() + ": severity.base: an absence rule has a fixed base "
                    + "(LOW, MEDIUM, HIGH or CRITICAL), not the watchlist's");
        }
        return new AbsenceRule(spec.id(), spec.description() == null ? "" : spec.description(), spec.key(),
                filter(absence.first(), sites, spec, "absence.first"), none,
                within == null ? absence.within() : within, grace, spec.severity().base(), raisers,
                TitleTemplate.compile(spec.title(), WORDS), spec.labels());
    }

    /** The first placeholder of an absence rule's title that is not one of {@link #PLACEHOLDERS}, or null. */
    static String unknownPlaceholder(String title) {
        return TitleTemplate.unknownPlaceholder(title, WORDS.keySet());
    }

    private static io.waspada.correlation.absence.EventFilter filter(FilterSpec spec, SiteRegistry sites,
            RuleSpec rule, String path) {
        if (spec.watchlisted() != null) {
            throw new IllegalArgumentException(rule.source() + ": " + path + ".watchlisted: an absence rule's events "
                    + "are not tested against the watchlist");
        }
        EventFilter compiled = EventFilter.compile(spec, sites);
        return (CorrelationKey key, Observation event) -> compiled.test(key, event, List.of());
    }
}
