package io.waspada.correlation.rules;

import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import java.util.List;

/** Fires at once when an event names an identifier on an active watchlist entry; later hits in the window update it. */
public final class WatchlistHitRule implements Rule {

    private final RuleSetting setting;

    public WatchlistHitRule(RuleSetting setting) {
        this.setting = setting;
    }

    @Override
    public String id() {
        return RuleName.WATCHLIST_HIT.name();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return !marks.isEmpty();
    }

    @Override
    public boolean matchesWatchlist() {
        return true;
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        return evidence.size() >= setting.threshold();
    }

    @Override
    public String fires() {
        return "an event names an identifier on an active watchlist entry";
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        return marks.stream().map(WatchMark::severity).max(Enum::compareTo).orElse(Severity.HIGH);
    }

    @Override
    public String title(Headline headline) {
        return "Watchlisted " + headline.what(false) + " seen by " + headline.latest().agency() + " at "
                + headline.place();
    }
}
