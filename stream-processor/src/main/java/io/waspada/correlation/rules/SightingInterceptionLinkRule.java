package io.waspada.correlation.rules;

import io.waspada.correlation.domain.WatchMark;
import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import java.util.List;

/**
 * An interception names an identifier that another agency sighted earlier (in event time, within the window),
 * however late the sighting is reported. A sighting by the intercepting agency itself does not link.
 */
public final class SightingInterceptionLinkRule implements Rule {

    private final RuleSetting setting;

    public SightingInterceptionLinkRule(RuleSetting setting) {
        this.setting = setting;
    }

    @Override
    public String id() {
        return RuleName.SIGHTING_INTERCEPTION_LINK.name();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        for (Observation interception : evidence) {
            if (!interception.isInterception()) {
                continue;
            }
            int linkedSightings = 0;
            for (Observation sighting : evidence) {
                if (!sighting.isInterception() && !sighting.agency().equals(interception.agency())
                        && sighting.observedAt() <= interception.observedAt()) {
                    linkedSightings++;
                }
            }
            if (linkedSightings >= setting.threshold()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String fires() {
        return "an interception names an identifier that threshold+ sightings by other agencies saw earlier "
                + "within the window";
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        return Severity.MEDIUM;
    }

    @Override
    public String title(Headline headline) {
        String interceptor = headline.evidence().stream().filter(Observation::isInterception)
                .map(Observation::agency).findFirst().orElse("an agency");
        return headline.what(true) + " intercepted by " + interceptor + " was sighted earlier by another agency";
    }
}
