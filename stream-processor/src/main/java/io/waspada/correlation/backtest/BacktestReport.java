package io.waspada.correlation.backtest;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a back-test found: the alerts the rules would have raised (each by its last version), per day of the event
 * time at which each was first raised, and how they compare with the alerts of the same rules actually raised live.
 */
public final class BacktestReport {

    /** An alert as the back-test or the live platform ended with it. */
    public record Raised(String alertId, String rule, LocalDate day, Alert last) {

        Set<String> evidenceIds() {
            Set<String> ids = new HashSet<>();
            for (EvidenceRef ref : last.getEvidence()) {
                ids.add(ref.getEventId());
            }
            return ids;
        }
    }

    /** How the back-test's alerts compare with the live ones of the same rules. */
    public record Overlap(int live, int sameAlertId, int sameEvidence, int onlyBacktest, int onlyLive) {
    }

    private final Set<String> rules;
    private final Instant from;
    private final Instant to;
    private final Map<String, Raised> raised = new LinkedHashMap<>();
    private final Map<String, Raised> live = new LinkedHashMap<>();
    private long events;
    private long late;
    private long undecodable;
    private long versions;
    private Map<String, Integer> waiting = Map.of();

    BacktestReport(Collection<String> rules, Instant from, Instant to) {
        this.rules = Set.copyOf(rules);
        this.from = from;
        this.to = to;
    }

    void backtested(Alert version) {
        versions++;
        keep(raised, version);
    }

    void live(Alert version) {
        if (rules.contains(version.getType())) {
            keep(live, version);
        }
    }

    /** The As of absence rules still waiting at the end of the records, per rule. */
    void waiting(Map<String, Integer> waiting) {
        this.waiting = Map.copyOf(waiting);
    }

    /** The As of absence rules still waiting at the end (their B may come, or their deadline pass), per rule. */
    public Map<String, Integer> waitingAbsences() {
        return waiting;
    }

    void read(long events, long late, long undecodable) {
        this.events = events;
        this.late = late;
        this.undecodable = undecodable;
    }

    private static void keep(Map<String, Raised> alerts, Alert version) {
        Raised before = alerts.get(version.getAlertId());
        LocalDate day = before != null ? before.day()
                : LocalDate.ofInstant(version.getLastSeen(), ZoneOffset.UTC);
        if (before == null || version.getVersion() >= before.last().getVersion()) {
            alerts.put(version.getAlertId(), new Raised(version.getAlertId(), version.getType(), day, version));
        }
    }

    /** The alerts the rules would have raised, each by its last version, in the order they were first raised. */
    public List<Raised> raised() {
        return List.copyOf(raised.values());
    }

    /** How many alerts were first raised on each day (UTC, by event time), per rule. */
    public Map<String, Map<LocalDate, Integer>> perDay() {
        Map<String, Map<LocalDate, Integer>> days = new TreeMap<>();
        for (Raised alert : raised.values()) {
            days.computeIfAbsent(alert.rule(), rule -> new TreeMap<>()).merge(alert.day(), 1, Integer::sum);
        }
        return days;
    }

    /**
     * Compared with the live alerts of the same rules: an alert raised by both under the same alertId; one whose
     * evidence shares an event with a live alert of its rule (raised under another alertId, e.g. another window);
     * one only the back-test raised; a live one the back-test did not raise (by alertId or shared evidence).
     */
    public Overlap overlap() {
        Map<String, List<Raised>> liveByEvent = new HashMap<>();
        for (Raised alert : live.values()) {
            for (String eventId : alert.evidenceIds()) {
                liveByEvent.computeIfAbsent(alert.rule() + "|" + eventId, key -> new ArrayList<>()).add(alert);
            }
        }
        int same = 0;
        int sharing = 0;
        Set<String> matchedLive = new HashSet<>();
        for (Raised alert : raised.values()) {
            if (live.containsKey(alert.alertId())) {
                same++;
                matchedLive.add(alert.alertId());
                continue;
            }
            boolean shares = false;
            for (String eventId : alert.evidenceIds()) {
                for (Raised other : liveByEvent.getOrDefault(alert.rule() + "|" + eventId, List.of())) {
                    matchedLive.add(other.alertId());
                    shares = true;
                }
            }
            if (shares) {
                sharing++;
            }
        }
        return new Overlap(live.size(), same, sharing, raised.size() - same - sharing,
                live.size() - matchedLive.size());
    }

    /** The report as an analyst reads it: counts per day, a sample with evidence, the overlap with live alerts. */
    public void print(PrintStream out, int sample) {
        out.printf("back-test of %s over records from %s to %s%n", String.join(", ", new java.util.TreeSet<>(rules)),
                from == null ? "the beginning" : from, to == null ? "now" : to);
        out.printf("events read: %,d (late for every rule: %,d; undecodable: %,d)%n", events, late, undecodable);
        out.printf("alerts it would have raised: %,d (%,d versions)%n", raised.size(), versions);
        perDay().forEach((rule, days) -> {
            out.printf("  %s per day (UTC, event time first raised):%n", rule);
            days.forEach((day, count) -> out.printf("    %s  %,d%n", day, count));
        });
        new TreeMap<>(waiting).forEach((rule, count) -> out.printf("  %s: %,d still waiting at the end (no B yet, "
                + "deadline not passed): alerts it may still raise%n", rule, count));
        List<Raised> all = raised();
        int shown = Math.min(sample, all.size());
        if (shown > 0) {
            out.printf("sample (%d of %,d, evenly spread):%n", shown, all.size());
            for (int i = 0; i < shown; i++) {
                Raised alert = all.get((int) ((long) i * all.size() / shown));
                Alert last = alert.last();
                out.printf("  %s %s %s v%d, %d events %s..%s: %s%n", alert.rule(), alert.alertId(),
                        last.getSeverity(), last.getVersion(), last.getEventCount(),
                        last.getFirstSeen(), last.getLastSeen(),
                        last.getTitle());
                for (EvidenceRef ref : last.getEvidence()) {
                    out.printf("      %s %s %s %s %s%s%n", ref.getEventId(), ref.getKind(), ref.getAgency(),
                            ref.getObservedAt(), ref.getLocation().getCountry(),
                            ref.getLocation().getSite() == null ? "" : " " + ref.getLocation().getSite());
                }
            }
        }
        Overlap overlap = overlap();
        out.printf("live alerts of these rules in the same records: %,d; raised by both (same alertId): %,d; "
                        + "sharing evidence with a live alert: %,d; only in the back-test: %,d; only live: %,d%n",
                overlap.live(), overlap.sameAlertId(), overlap.sameEvidence(), overlap.onlyBacktest(),
                overlap.onlyLive());
    }
}
