package io.waspada.correlation.streams;

import io.waspada.avro.Alert;
import io.waspada.correlation.absence.AbsenceAlerts;
import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The absence rules of one correlation task: "A, and no B for the same key within T". Each A (an event of a rule's
 * {@code first}, not late for it) waits in two logged stores, written in the transaction of the record that caused the
 * change: {@value CorrelationTopology#ABSENCE_DUE_STORE} (ordered by when it falls due, deadline + grace; the A itself
 * as value, so the alert needs no other state) and {@value CorrelationTopology#ABSENCE_PENDING_STORE} (by rule, key and
 * A's event time, to find the As a B covers). A B of the same key with A.observedAt &lt; B.observedAt &lt;=
 * A.observedAt + T cancels A whichever arrives first: an A that arrives after its B finds it in the key's evidence; a B
 * removes the As waiting that it covers. What is due when time passes deadline + grace is raised ({@link #raiseDue}), at
 * most {@link #BATCH} per call, and forgotten: one alert, one version.
 *
 * <p>Rules changed at runtime ({@code tip.rules.v1}, {@link RuleBook}): an A waits if the version in force at its
 * observedAt admits it (not disabled) and is raised as that version says (title, severity; a version read after the
 * A was admitted counts too); a B cancels by the version in force at the B's observedAt. An absence rule keeps its
 * within at runtime, so every A of a rule waits the same time.
 */
final class PendingAbsences {

    /** The most As raised by one punctuation (the rest at the next one). */
    static final int BATCH = 1_000;
    private static final char SEP = '\u0000';

    private final AbsenceRules rules;
    private final AbsenceAlerts alerts;
    private final KeyValueStore<String, Observation> due;
    private final KeyValueStore<String, String> pending;
    private final WindowStore<String, Observation> evidence;
    private final CorrelationListener listener;
    private final RuleBook book;
    private long lastInputAt;
    /** No A falls due before this (in memory; read from the store when the task starts): most calls look no further. */
    private long nextDue;
    /**
     * How many As wait per rule and key (in memory, rebuilt from the store when the task starts): a B of a key with none
     * waiting, nearly every event, costs no store read.
     */
    private final Map<String, Integer> waitingPerKey = new HashMap<>();

    PendingAbsences(AbsenceRules rules, AbsenceAlerts alerts, KeyValueStore<String, Observation> due,
            KeyValueStore<String, String> pending, WindowStore<String, Observation> evidence,
            CorrelationListener listener, RuleBook book, long nowMs) {
        this.rules = rules;
        this.book = book;
        this.alerts = alerts;
        this.due = due;
        this.pending = pending;
        this.evidence = evidence;
        this.listener = listener;
        this.lastInputAt = nowMs;
        try (KeyValueIterator<String, Observation> first = due.all()) {
            this.nextDue = first.hasNext() ? dueAt(first.next().key) : Long.MAX_VALUE;
        }
        try (KeyValueIterator<String, String> all = pending.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                waitingPerKey.merge(key.substring(0, key.indexOf(SEP, key.indexOf(SEP) + 1) + 1), 1,
                        Integer::sum);
            }
        }
    }

    /** The task read a record (any: a duplicate too) at wall-clock time {@code nowMs}: it is not idle. */
    void sawInput(long nowMs) {
        lastInputAt = nowMs;
    }

    /**
     * A new event of {@code key}, already in its evidence (not a duplicate): it cancels the As waiting that it is a B
     * for, and waits itself if it is an A no B already follows.
     */
    void onEvent(CorrelationKey key, Observation event, RuleBook.InForce inForce) {
        for (AbsenceRule rule : inForce.absences()) {
            if (rule.isNone(key, event)) {
                cancelCoveredBy(rule, key, event);
            }
            if (rule.isFirst(key, event) && inForce.admits(rule)) {
                if (event.lateFor(rule.withinMs() + rules.graceMs(rule))) {
                    listener.lateForRule(rule.id());
                } else if (!followed(rule, key, event)) {
                    String dueKey = dueKey(event.observedAt() + rule.withinMs() + rules.graceMs(rule), rule, key,
                            event.eventId());
                    due.put(dueKey, event);
                    nextDue = Math.min(nextDue, dueAt(dueKey));
                    String pendingKey = pendingKey(rule, key, event.observedAt(), event.eventId());
                    if (pending.get(pendingKey) == null) {
                        waitingPerKey.merge(prefix(rule.id(), key), 1, Integer::sum);
                    }
                    pending.put(pendingKey, dueKey);
                }
            }
        }
    }

    /** Whether the key's evidence already holds a B of the rule in (A, A + T]. */
    private boolean followed(AbsenceRule rule, CorrelationKey key, Observation first) {
        try (WindowStoreIterator<Observation> after = evidence.fetch(key.asString(), first.observedAt() + 1,
                first.observedAt() + rule.withinMs())) {
            while (after.hasNext()) {
                Observation b = after.next().value;
                // Each B by the version in force when it was observed, as when it arrives after its A: the same
                // answer in either order.
                RuleBook.Entry atB = book.absenceEntryAt(rule.id(), b.observedAt());
                if ((atB == null ? rule : atB.absence()).isNone(key, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The As of the rule waiting under the key that {@code b} covers: observed in [B - T, B). */
    private void cancelCoveredBy(AbsenceRule rule, CorrelationKey key, Observation b) {
        long from = Math.max(0, b.observedAt() - rule.withinMs());
        long to = b.observedAt() - 1;
        if (to < from) {
            return;
        }
        String prefix = prefix(rule.id(), key);
        if (!waitingPerKey.containsKey(prefix)) {
            return;
        }
        List<KeyValue<String, String>> covered = new ArrayList<>(1);
        try (KeyValueIterator<String, String> waiting = pending.range(prefix + hex(from), prefix + hex(to) + '\u0001')) {
            while (waiting.hasNext()) {
                covered.add(waiting.next());
            }
        }
        for (KeyValue<String, String> entry : covered) {
            pending.delete(entry.key);
            due.delete(entry.value);
            forget(prefix);
        }
    }

    /**
     * Raises (and forgets) the As whose deadline + grace is before {@code time}: at most {@link #BATCH}, the earliest
     * due first. {@code time} is the task's stream time, or the wall clock when the task is idle.
     */
    List<Alert> raiseDue(long time, long nowMs) {
        if (time <= nextDue) {
            return List.of();
        }
        List<KeyValue<String, Observation>> raised = new ArrayList<>();
        nextDue = Long.MAX_VALUE;
        try (KeyValueIterator<String, Observation> waiting = due.all()) {
            while (waiting.hasNext()) {
                KeyValue<String, Observation> entry = waiting.next();
                if (dueAt(entry.key) >= time || raised.size() == BATCH) {
                    nextDue = dueAt(entry.key);
                    break;
                }
                raised.add(entry);
            }
        }
        List<Alert> out = new ArrayList<>(raised.size());
        for (KeyValue<String, Observation> entry : raised) {
            String[] parts = entry.key.split(String.valueOf(SEP), 4);
            CorrelationKey key = CorrelationKey.parse(parts[2]);
            Observation first = entry.value;
            due.delete(entry.key);
            if (pending.delete(pendingKey(parts[1], key, first.observedAt(), parts[3])) != null) {
                forget(prefix(parts[1], key));
            }
            // Judged by the version in force when A was observed; an A of a rule no version names is dropped.
            RuleBook.Entry governing = book.absenceEntryAt(parts[1], first.observedAt());
            if (governing == null || governing.version().runMode() == RuleMode.DISABLED) {
                continue; // disabled after A was admitted (a version read late): not raised
            }
            out.add(alerts.compose(governing.absence(), key, first, nowMs));
        }
        return out;
    }

    /**
     * What a wall-clock punctuation raises: what stream time makes due (a backlog the stream-time punctuation left),
     * and, once the task has seen no input for {@code idle}, what the wall clock makes due.
     */
    List<Alert> onWallClock(long streamTime, long nowMs) {
        long idleMs = rules.idle().toMillis();
        boolean idle = idleMs > 0 && nowMs - lastInputAt >= idleMs;
        return raiseDue(idle ? Math.max(streamTime, nowMs) : streamTime, nowMs);
    }

    private void forget(String prefix) {
        waitingPerKey.computeIfPresent(prefix, (k, count) -> count > 1 ? count - 1 : null);
    }

    /** The start of the pending keys of one rule and correlation key. */
    private static String prefix(String ruleId, CorrelationKey key) {
        return ruleId + SEP + key.asString() + SEP;
    }

    private static long dueAt(String dueKey) {
        return Long.parseLong(dueKey.substring(0, 16), 16);
    }

    private static String dueKey(long dueAt, AbsenceRule rule, CorrelationKey key, String eventId) {
        return hex(dueAt) + SEP + rule.id() + SEP + key.asString() + SEP + eventId;
    }

    private static String pendingKey(AbsenceRule rule, CorrelationKey key, long observedAt, String eventId) {
        return pendingKey(rule.id(), key, observedAt, eventId);
    }

    private static String pendingKey(String ruleId, CorrelationKey key, long observedAt, String eventId) {
        return prefix(ruleId, key) + hex(observedAt) + SEP + eventId;
    }

    /** Fixed-width, so that the stores' byte order is time order. */
    private static String hex(long time) {
        String digits = Long.toHexString(Math.max(0, time));
        return "0".repeat(16 - digits.length()) + digits;
    }
}
