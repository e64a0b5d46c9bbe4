package io.waspada.correlation.rules;

import io.waspada.avro.Severity;
import io.waspada.correlation.config.RuleSetting;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code threshold}+ persons with trafficking indicators cross the same border site within the window. A person
 * reported by two agencies counts once (by token); unidentified persons count by each event's head count.
 */
public final class GroupCrossingRule implements Rule {

    private final RuleSetting setting;

    public GroupCrossingRule(RuleSetting setting) {
        this.setting = setting;
    }

    @Override
    public String id() {
        return RuleName.GROUP_CROSSING.name();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public String keyedBy() {
        return "site";
    }

    @Override
    public boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return !event.indicators().isEmpty() && event.personCount() > 0;
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        return persons(evidence) >= setting.threshold();
    }

    /** Distinct identified persons plus, per event, the persons it reports without identifiers. */
    public static int persons(List<Observation> evidence) {
        Set<String> identified = new HashSet<>();
        int unidentified = 0;
        for (Observation event : evidence) {
            int known = 0;
            for (ObservedSubject subject : event.subjects()) {
                if (subject.isPerson() && subject.identity() != null) {
                    identified.add(subject.identity());
                    known++;
                }
            }
            unidentified += Math.max(0, event.personCount() - known);
        }
        return identified.size() + unidentified;
    }

    @Override
    public String fires() {
        return "threshold+ persons with trafficking indicators cross the same border site within the window";
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        return Severity.HIGH;
    }

    @Override
    public String title(Headline headline) {
        return persons(headline.evidence()) + " persons with trafficking indicators crossed at " + headline.place();
    }

    @Override
    public boolean twiceTheThreshold(List<Observation> evidence) {
        return persons(evidence) >= 2 * setting.threshold();
    }
}
