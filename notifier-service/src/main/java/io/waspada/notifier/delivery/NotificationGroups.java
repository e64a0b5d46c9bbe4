package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.RouteOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Alertmanager's aggregation groups for the paging channels (webhook, email): alerts reaching the same route and
 * task force with equal {@code group_by} labels share one notification, first sent {@code group_wait} after the
 * group starts, then at most every {@code group_interval} while something changed, and re-sent unchanged after
 * {@code repeat_interval} without the alerts the task force has answered (acknowledged, or resolved). A new version of an alert updates
 * the group: it never starts a new page. Resolving an alert sends its paged groups a last notification saying so.
 * Time is passed in, so tests control it. Thread-safe.
 */
public final class NotificationGroups {

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final BiPredicate<String, String> answered;

    /** Groups that repeat every alert (nothing is ever answered). */
    public NotificationGroups() {
        this((alertId, taskForce) -> false);
    }

    /**
     * Groups whose repeats leave out the alerts {@code answered} says the group's task force has answered (by alertId
     * and task force id).
     */
    public NotificationGroups(BiPredicate<String, String> answered) {
        this.answered = answered;
    }

    /** Adds (or updates) the alert in its group for this route match. */
    public synchronized void add(RouteMatch match, Alert alert, Instant now) {
        RouteOptions options = match.route().options();
        Map<String, String> groupLabels = options.groupLabels(alert.getLabels());
        String id = groupId(match.taskForce().id(), match.route().path(), groupLabels);
        Group group = groups.computeIfAbsent(id, key -> new Group(key, match, groupLabels, now));
        Alert known = group.alerts.get(alert.getAlertId());
        if (known == null || known.getVersion() < alert.getVersion()) {
            group.alerts.put(alert.getAlertId(), alert);
            group.dirty = true;
        }
    }

    /**
     * After a restart: the alert was already paged to this route and task force at {@code pagedAt}, so its group
     * counts as sent then; reminders and a resolution notice go on from there ({@code sequence} starts again at 1).
     * Sends nothing by itself; a group still waiting for its first page just takes the alert in.
     */
    public synchronized void restore(RouteMatch match, Alert alert, Instant pagedAt) {
        Map<String, String> groupLabels = match.route().options().groupLabels(alert.getLabels());
        String id = groupId(match.taskForce().id(), match.route().path(), groupLabels);
        Group group = groups.computeIfAbsent(id, key -> new Group(key, match, groupLabels, pagedAt));
        if (group.alerts.isEmpty()) {
            group.sequence = 1;
            group.lastSent = pagedAt;
        } else if (group.sequence > 0 && group.lastSent.isBefore(pagedAt)) {
            group.lastSent = pagedAt;
        }
        Alert known = group.alerts.get(alert.getAlertId());
        if (known == null || known.getVersion() < alert.getVersion()) {
            group.alerts.put(alert.getAlertId(), alert);
        }
    }

    /** The notifications due at {@code now}; marks them sent. A repeat with every alert answered is not sent. */
    public synchronized List<Notification> due(Instant now) {
        List<Notification> due = new ArrayList<>();
        for (Group group : groups.values()) {
            RouteOptions options = group.match.route().options();
            boolean first = group.sequence == 0 && !now.isBefore(group.startedAt.plus(options.groupWait()));
            boolean update = group.sequence > 0 && group.dirty
                    && !now.isBefore(group.lastSent.plus(options.groupInterval()));
            boolean repeat = group.sequence > 0 && !group.dirty
                    && !now.isBefore(group.lastSent.plus(options.repeatInterval()));
            // Acknowledged means stop chasing: a reminder carries only the alerts this task force has not answered yet.
            String taskForce = group.match.taskForce().id();
            List<Alert> alerts = repeat
                    ? group.alerts.values().stream().filter(a -> !answered.test(a.getAlertId(), taskForce)).toList()
                    : List.copyOf(group.alerts.values());
            if ((first || update || repeat) && !alerts.isEmpty()) {
                due.add(group.sent(now, alerts, repeat, Set.of()));
            }
        }
        return due;
    }

    /**
     * The alert is resolved: every group that has paged it sends now, one last time with it (marked resolved) among its
     * other alerts; then it leaves every group, and a group left empty ends. The notifications to send.
     */
    public synchronized List<Notification> resolve(String alertId, Instant now) {
        List<Notification> last = new ArrayList<>();
        for (Group group : groups.values()) {
            if (group.sequence > 0 && group.alerts.containsKey(alertId)) {
                last.add(group.sent(now, List.copyOf(group.alerts.values()), false, Set.of(alertId)));
            }
        }
        remove(alertId);
        return last;
    }

    /** A resolved alert leaves every group (no more updates or repeats); a group left empty ends. How many it left. */
    public synchronized int remove(String alertId) {
        int removed = 0;
        for (var it = groups.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            if (group.alerts.remove(alertId) != null) {
                removed++;
                if (group.alerts.isEmpty()) {
                    it.remove();
                }
            }
        }
        return removed;
    }

    /**
     * The alerts {@code released} names leave every group without a notice (another instance pages them from now on);
     * a group left empty ends. How many alerts left.
     */
    public synchronized int release(java.util.function.Predicate<String> released) {
        Set<String> left = new java.util.HashSet<>();
        for (var it = groups.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            for (var alerts = group.alerts.keySet().iterator(); alerts.hasNext(); ) {
                String alertId = alerts.next();
                if (released.test(alertId)) {
                    left.add(alertId);
                    alerts.remove();
                }
            }
            if (group.alerts.isEmpty()) {
                it.remove();
            }
        }
        return left.size();
    }

    /** The alert leaves the groups of one task force (it lost the clearance); a group left empty ends. */
    public synchronized void removeFrom(String alertId, String taskForce) {
        for (var it = groups.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            if (group.match.taskForce().id().equals(taskForce) && group.alerts.remove(alertId) != null
                    && group.alerts.isEmpty()) {
                it.remove();
            }
        }
    }

    public synchronized int size() {
        return groups.size();
    }

    private static String groupId(String receiver, String routePath, Map<String, String> groupLabels) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((receiver + "\n" + routePath + "\n" + groupLabels).getBytes(StandardCharsets.UTF_8));
            return receiver + "-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Group {
        final String id;
        final RouteMatch match;
        final Map<String, String> groupLabels;
        final Instant startedAt;
        final Map<String, Alert> alerts = new LinkedHashMap<>();
        Instant lastSent;
        int sequence;
        boolean dirty;

        Group(String id, RouteMatch match, Map<String, String> groupLabels, Instant startedAt) {
            this.id = id;
            this.match = match;
            this.groupLabels = groupLabels;
            this.startedAt = startedAt;
        }

        /** Counts one more send of this group, now, and gives the notification for it. */
        Notification sent(Instant now, List<Alert> alerts, boolean repeat, Set<String> resolved) {
            sequence++;
            lastSent = now;
            dirty = false;
            return new Notification(id, match.taskForce(), match.route().path(), groupLabels, alerts, sequence, repeat,
                    resolved);
        }
    }
}
