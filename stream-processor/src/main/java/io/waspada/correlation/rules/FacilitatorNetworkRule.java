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
 * One facilitator identifier (phone, vehicle, vessel, organisation, person) linked to {@code threshold}+ distinct
 * suspected victims within the window. A victim reported twice counts once (by its smallest token).
 */
public final class FacilitatorNetworkRule implements Rule {

    private final RuleSetting setting;

    public FacilitatorNetworkRule(RuleSetting setting) {
        this.setting = setting;
    }

    @Override
    public String id() {
        return RuleName.FACILITATOR_NETWORK.name();
    }

    @Override
    public RuleSetting setting() {
        return setting;
    }

    @Override
    public boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return event.namesInRole(key.value(), ObservedSubject.FACILITATOR);
    }

    @Override
    public boolean holds(CorrelationKey key, List<Observation> evidence) {
        return victims(evidence).size() >= setting.threshold();
    }

    /** The distinct suspected victims of the evidence; a victim without identifiers is one per event. */
    public static Set<String> victims(List<Observation> evidence) {
        Set<String> victims = new HashSet<>();
        for (Observation event : evidence) {
            int anonymous = 0;
            for (ObservedSubject subject : event.subjects()) {
                if (subject.isVictim()) {
                    String identity = subject.identity();
                    victims.add(identity != null ? identity : event.eventId() + "#" + anonymous++);
                }
            }
        }
        return victims;
    }

    @Override
    public String fires() {
        return "one facilitator identifier is linked to threshold+ distinct suspected victims within the window";
    }

    @Override
    public Severity baseSeverity(List<WatchMark> marks) {
        return Severity.HIGH;
    }

    @Override
    public String title(Headline headline) {
        return headline.what(true) + " of a suspected facilitator linked to " + victims(headline.evidence()).size()
                + " suspected victims";
    }

    @Override
    public boolean twiceTheThreshold(List<Observation> evidence) {
        return victims(evidence).size() >= 2 * setting.threshold();
    }
}
