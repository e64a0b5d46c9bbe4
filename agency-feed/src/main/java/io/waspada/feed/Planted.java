package io.waspada.feed;

import java.util.List;

/**
 * A planted pattern: the alert type the platform should raise ({@code expectedAlertType}), or for a near-miss
 * the one it must not raise ({@code mustNotRaise}), the events that carry it and the calls that post it.
 */
record Planted(String pattern, String expectedAlertType, String mustNotRaise, List<Step> steps) {

    List<String> eventIds() {
        return steps.stream().filter(Step.Event.class::isInstance).map(s -> ((Step.Event) s).eventId()).toList();
    }

    List<String> watchlistEntryIds() {
        return steps.stream().filter(Step.WatchlistPut.class::isInstance).map(s -> ((Step.WatchlistPut) s).entryId()).toList();
    }
}
