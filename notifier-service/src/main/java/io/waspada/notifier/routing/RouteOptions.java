package io.waspada.notifier.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a matching route does with an alert: which task force gets it, how notifications are grouped and paced, and
 * how long the task force has to acknowledge it before it escalates. Children inherit their parent's options and
 * override what they set (Alertmanager's RouteOpts; escalation deadlines one severity at a time).
 */
public record RouteOptions(String receiver, Set<String> groupBy, boolean groupByAll, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, EscalationDeadlines escalationDeadlines) {

    /** Alertmanager's defaults for the root route, and the escalation deadlines. */
    public static final RouteOptions DEFAULTS = new RouteOptions(null, Set.of(), false,
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), EscalationDeadlines.DEFAULTS);

    public RouteOptions {
        groupBy = Set.copyOf(new TreeSet<>(groupBy));
    }

    /** The values of the group_by labels of an alert: alerts with equal keys share one notification. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        Map<String, String> key = new TreeMap<>();
        if (groupByAll) {
            key.putAll(labels);
        } else {
            groupBy.forEach(name -> key.put(name, labels.getOrDefault(name, "")));
        }
        return key;
    }

    public RouteOptions withReceiver(String value) {
        return new RouteOptions(value, groupBy, groupByAll, groupWait, groupInterval, repeatInterval, escalationDeadlines);
    }

    public RouteOptions withGroupBy(Set<String> value, boolean all) {
        return new RouteOptions(receiver, value, all, groupWait, groupInterval, repeatInterval, escalationDeadlines);
    }

    public RouteOptions withTimers(Duration wait, Duration interval, Duration repeat) {
        return new RouteOptions(receiver, groupBy, groupByAll, wait, interval, repeat, escalationDeadlines);
    }

    public RouteOptions withEscalationDeadlines(EscalationDeadlines value) {
        return new RouteOptions(receiver, groupBy, groupByAll, groupWait, groupInterval, repeatInterval, value);
    }
}
