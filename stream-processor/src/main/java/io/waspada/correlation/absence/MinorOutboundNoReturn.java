package io.waspada.correlation.absence;

import io.waspada.avro.EventKind;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Direction;
import io.waspada.sites.SiteRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seventh rule, {@value #ID}: a minor (a subject of age band MINOR, or the UNACCOMPANIED_MINOR indicator) is
 * sighted going OUTBOUND at a registered border site, and within {@code within} (7 days) no event naming the same
 * token records their return (any INBOUND event) or their rescue (an interception with outcome RESCUED). Severity HIGH,
 * one step up for the minor (so CRITICAL). As a rule file would say it:
 * <pre>
 * absence:
 *   first: {kind: SIGHTING, direction: OUTBOUND, minor: true, siteKind: border}
 *   none: [{direction: INBOUND}, {kind: INTERCEPTION, outcome: RESCUED}]
 *   within: 7d
 * severity: {base: HIGH, raisers: [minor]}
 * </pre>
 */
public final class MinorOutboundNoReturn {

    public static final String ID = "MINOR_OUTBOUND_NO_RETURN";
    /** {@code waspada.rules.minor-outbound-no-return.within}. */
    public static final Duration WITHIN = Duration.ofDays(7);

    private MinorOutboundNoReturn() {
    }

    /** The rule with its T and its own grace (null: the rules' grace). */
    public static AbsenceRule rule(Duration within, Duration grace, SiteRegistry sites) {
        EventFilter first = EventFilter.kind(EventKind.SIGHTING).and(EventFilter.direction(Direction.OUTBOUND))
                .and(EventFilter.minor()).and(EventFilter.borderSite(sites));
        List<EventFilter> none = List.of(EventFilter.direction(Direction.INBOUND),
                EventFilter.kind(EventKind.INTERCEPTION).and(EventFilter.outcome(Outcome.RESCUED)));
        return new AbsenceRule(ID,
                "a minor is sighted going outbound at a border site and no return (inbound event) or rescue "
                        + "(interception, RESCUED) names the same token within the window",
                "token", first, none, within, grace, Severity.HIGH, Set.of("minor"),
                words -> words.what(true) + " of a minor left " + words.place()
                        + " and was not seen returning within " + words.within(),
                Map.of());
    }
}
