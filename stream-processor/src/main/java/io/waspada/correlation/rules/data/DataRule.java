package io.waspada.correlation.rules.data;

import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.rules.Headline;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.data.RuleSpec.Raiser;
import io.waspada.sites.SiteRegistry;
import java.util.List;
import java.util.Map;

/**
 * A {@link Rule} interpreting a {@link RuleSpec} (a condition rule): its evidence filter says which events are
 * relevant, its condition when they make it fire; severity, title and labels as the spec says. Everything is compiled
 * once when the rule is made, so an event costs a few small checks.
 */
public final class DataRule implements Rule {

    private final RuleSpec spec;
    private final RuleSetting setting;
    private final EventFilter evidence;
    private final Condition condition;
    private final Condition.Counting twice;
    private final TitleTemplate title;
    private final boolean watchlist;

    /** The rule of {@code spec} with {@code setting} (the spec's window and threshold, or the start-up override). */
    public DataRule(RuleSpec spec, RuleSetting setting, SiteRegistry sites) {
        if (spec.isAbsence()) {
            throw new IllegalArgumentException(spec.source() + ": " + spec.id() + " is an absence rule");
        }
        this.spec = spec;
        this.setting = setting;
        this.evidence = EventFilter.compile(spec.evidence(), sites);
        this.condition = Condition.compile(spec.condition(), setting.threshold(), sites);
        this.twice = spec.severity().raisers().contains(Raiser.TWICE_THRESHOLD)
                ? condition.firstUsingThreshold() : null;
        this.title = TitleTemplate.compile(spec.title());
        this.watchlist = Boolean.TRUE.equals(spec.evidence().watchlisted());
    }

    /** The spec's own window and threshold (1 when it has none). */
    public DataRule(RuleSpec spec, SiteRegistry sites) {
        this(spec, new RuleSetting(spec.window(), spec.threshold() == null ? 1 : spec.threshold()), sites);
    }

    public RuleSpec spec() {
        return spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public String keyedBy() {
        return spec.key();
    }

    @Override
    public String fires() {
        return spec.description() == null ? spec.id() : spec.description();
    }

    @Override
    public boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return evidence.test(key, event, marks);
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        return condition.holds(key, evidence);
    }

    @Override
    public boolean matchesWatchlist() {
        return watchlist;
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        if (spec.severity().watchlist()) {
            Severity highest = null;
            for (WatchMark mark : marks) {
                highest = highest == null || mark.severity().compareTo(highest) > 0 ? mark.severity() : highest;
            }
            return highest == null ? Severity.HIGH : highest;
        }
        return spec.severity().base();
    }

    @Override
    public boolean raisedByMinor() {
        return spec.severity().raisers().contains(Raiser.MINOR);
    }

    @Override
    public boolean raisedByThreeCountries() {
        return spec.severity().raisers().contains(Raiser.THREE_COUNTRIES);
    }

    @Override
    public boolean twiceTheThreshold(List<Observation> evidence) {
        return twice != null && twice.measure(evidence) >= 2 * setting.threshold();
    }

    @Override
    public String title(Headline headline) {
        return title.render(headline);
    }

    @Override
    public Map<String, String> labels() {
        return spec.labels();
    }
}
