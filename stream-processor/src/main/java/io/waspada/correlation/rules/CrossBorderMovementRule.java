package io.waspada.correlation.rules;

import io.waspada.correlation.domain.WatchMark;
import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.sites.SiteRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The same identifier seen in {@code threshold}+ countries, or at {@code threshold}+ border sites by 2+ agencies,
 * within the window. Two sightings in one country, or one agency at two of its own posts, do not fire.
 */
public final class CrossBorderMovementRule implements Rule {

    private final RuleSetting setting;
    private final SiteRegistry sites;

    public CrossBorderMovementRule(RuleSetting setting, SiteRegistry sites) {
        this.setting = setting;
        this.sites = sites;
    }

    @Override
    public String id() {
        return RuleName.CROSS_BORDER_MOVEMENT.name();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        Set<String> countries = new HashSet<>();
        Set<String> borderSites = new HashSet<>();
        Set<String> borderAgencies = new HashSet<>();
        for (Observation event : evidence) {
            countries.add(event.country());
            if (event.site() != null && sites.isBorderSite(event.site())) {
                borderSites.add(event.site());
                borderAgencies.add(event.agency());
            }
        }
        return countries.size() >= setting.threshold()
                || (borderSites.size() >= setting.threshold() && borderAgencies.size() >= 2);
    }

    @Override
    public String fires() {
        return "the same identifier is seen in threshold+ countries, or at threshold+ border sites by 2+ agencies, "
                + "within the window";
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        return Severity.MEDIUM;
    }

    @Override
    public String title(Headline headline) {
        return headline.what(true) + " seen in " + headline.all(Observation::country) + " by "
                + headline.all(Observation::agency);
    }
}
