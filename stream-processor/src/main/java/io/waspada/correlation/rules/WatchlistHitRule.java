package io.waspada.correlation.rules;

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
    public RuleName name() {
        return RuleName.WATCHLIST_HIT;
    }

    @Override
    public long windowMs() {
        return setting.window().toMillis();
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
}
