package io.waspada.correlation.rules;

import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Flags;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.rules.data.StartupRules;
import io.waspada.sites.SiteRegistry;
import io.waspada.avro.Flag;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Evaluates every rule for one new event of a correlation key against the key's nearby evidence and open episodes.
 * A rule's episodes are defined by the set of its events alone: for each cell of an event-time grid (cells as long as
 * the rule's window), the windows starting at one of its events in that cell in which the rule holds; the episode's
 * evidence is every event of those windows. An event adds a version to each episode whose evidence it joins, and one
 * that makes a window hold starts its cell's episode at once (eager) or widens it. Pure: same inputs, same episodes;
 * the same events in any order, the same final episodes (as long as a key's nearby evidence is within the history
 * cap).
 */
public final class RuleEngine {

    private static final Comparator<Observation> EVENT_ORDER =
            Comparator.comparingLong(Observation::observedAt).thenComparing(Observation::eventId);

    private final List<Rule> rules;
    private final long graceMs;
    private final int maxEvidence;
    private final SeverityPolicy severity;
    /** The version of a rule at an event time (runtime rule changes); null: the rules of this engine. */
    private final Versions versions;

    /**
     * Where a rule's version at an event time is found: the rule book of runtime changes ({@code tip.rules.v1}),
     * which knows rules the engine was not started with. Null when it knows no version of the rule.
     */
    @FunctionalInterface
    public interface Versions {
        Rule at(String id, long eventTime);
    }

    public RuleEngine(List<Rule> rules, RuleSettings settings) {
        this(List.copyOf(rules), settings.grace().toMillis(), settings.maxAlertEvidence(), null);
    }

    private RuleEngine(List<Rule> rules, long graceMs, int maxEvidence, Versions versions) {
        this.rules = rules;
        this.graceMs = graceMs;
        this.maxEvidence = maxEvidence;
        this.severity = new SeverityPolicy();
        this.versions = versions;
    }

    /**
     * This engine, finding a rule's episodes' window, words and severity in {@code versions} (the version in force at
     * the episode's latest window start) before its own start-up rules: so a rule added or changed at runtime is
     * composed, and its episodes expire, by the version that made them.
     */
    public RuleEngine resolving(Versions versions) {
        return new RuleEngine(rules, graceMs, maxEvidence, versions);
    }

    /** The rule with this id at event time {@code eventTime}: its version then, else the start-up rule. */
    public Rule ruleAt(String id, long eventTime) {
        Rule versioned = versions == null ? null : versions.at(id, eventTime);
        return versioned != null ? versioned : ruleOf(id);
    }

    /** The rules this engine evaluates, in evaluation order. */
    public List<Rule> rules() {
        return rules;
    }

    /** How far behind its partition's stream time an event may be and still count for a rule, beyond its window. */
    public long graceMs() {
        return graceMs;
    }

    /**
     * The shipped rules as data ({@code rules/*.yaml}), the built-ins with the start-up settings: the active ones (a
     * shipped rule in shadow or disabled runs only where its mode is known, {@code CorrelationTopology.withRules}).
     */
    public static RuleEngine of(RuleSettings settings, SiteRegistry sites) {
        StartupRules shipped = StartupRules.load(settings, sites, List.of());
        return new RuleEngine(shipped.rules().stream().filter(rule -> !shipped.modes().containsKey(rule.id()))
                .toList(), settings);
    }

    /**
     * The five built-in rules as Java classes, in the order the shipped data lists them: the reference the rules as
     * data are checked against (equivalence test, benchmark).
     */
    public static List<Rule> javaRules(RuleSettings settings, SiteRegistry sites) {
        return List.of(
                new WatchlistHitRule(settings.of(RuleName.WATCHLIST_HIT)),
                new CrossBorderMovementRule(settings.of(RuleName.CROSS_BORDER_MOVEMENT), sites),
                new SightingInterceptionLinkRule(settings.of(RuleName.SIGHTING_INTERCEPTION_LINK)),
                new FacilitatorNetworkRule(settings.of(RuleName.FACILITATOR_NETWORK)),
                new GroupCrossingRule(settings.of(RuleName.GROUP_CROSSING)));
    }

    /** How far (either side, in event time) a key's evidence can matter: its widest rule window. */
    public long horizonMs(CorrelationKey key) {
        long horizon = 0;
        for (Rule rule : rules) {
            if (rule.appliesTo(key)) {
                horizon = Math.max(horizon, rule.windowMs());
            }
        }
        return horizon;
    }

    /**
     * How far behind stream time an event may be and still join some rule's window: the widest window of all rules
     * plus the grace. Older, it is late for every rule and goes to the DLQ.
     */
    public long lateAfterMs() {
        long widest = 0;
        for (Rule rule : rules) {
            widest = Math.max(widest, rule.windowMs());
        }
        return widest + graceMs;
    }

    /** How long evidence of this kind of key must be kept: widest window plus grace. */
    public long retentionMs(CorrelationKey key) {
        return horizonMs(key) + graceMs;
    }

    /**
     * Whether an episode can no longer change once stream time is {@code streamTimeMs}: its cell's last window has
     * ended and the grace after it has passed, so every event that could still join it would be late for its rule.
     */
    public boolean expired(Episode episode, long streamTimeMs) {
        long window = windowMs(episode.rule(), episode.lastStart());
        return Episode.cellStart(episode.anchor(), window) + 3 * window + graceMs < streamTimeMs;
    }

    /**
     * What one new event does to the key's episodes. For each rule the event is evidence for (and not too late for:
     * older than its admission stream time minus the rule's window and grace), it joins every episode whose
     * evidence range it falls in, and every window holding it in which the rule now holds starts an episode for its
     * grid cell or widens that cell's episode. Only windows holding the event can change, so the result after the
     * last event is the same whatever order the events came in.
     *
     * @param event   a new event of the key (not seen before under this key), with its admission stream time
     * @param history the key's other evidence within {@link #horizonMs} of the event (a hot key's: the nearest part)
     * @param open    the key's episodes still open
     * @param marksAt the watchlist entries naming the key that are active at an event time
     */
    public Evaluation evaluate(CorrelationKey key, Observation event, List<Observation> history, List<Episode> open,
            LongFunction<List<WatchMark>> marksAt, long streamTimeMs, long nowMs) {
        return evaluate(rules, key, event, history, open, marksAt, streamTimeMs, nowMs);
    }

    /**
     * As {@link #evaluate}, under the rules given (the versions in force at the event's time) instead of this
     * engine's start-up rules.
     */
    public Evaluation evaluateUnder(List<Rule> inForce, CorrelationKey key, Observation event,
            List<Observation> history, List<Episode> open, LongFunction<List<WatchMark>> marksAt, long streamTimeMs,
            long nowMs) {
        return evaluate(inForce, key, event, history, open, marksAt, streamTimeMs, nowMs);
    }

    /**
     * What an event already in the key's evidence does to one rule's episodes when it becomes evidence for it later:
     * a watchlist entry listed after the event was correlated ({@code history}: the events already counted for the
     * rule, and no others).
     */
    public Evaluation evaluateFor(String rule, CorrelationKey key, Observation event, List<Observation> history,
            List<Episode> open, LongFunction<List<WatchMark>> marksAt, long streamTimeMs, long nowMs) {
        return evaluate(List.of(ruleAt(rule, event.observedAt())), key, event, history, open, marksAt, streamTimeMs,
                nowMs);
    }

    private Evaluation evaluate(List<Rule> evaluated, CorrelationKey key, Observation event, List<Observation> history,
            List<Episode> open, LongFunction<List<WatchMark>> marksAt, long streamTimeMs, long nowMs) {
        List<Episode> kept = new ArrayList<>(open.size() + 1);
        for (Episode episode : open) {
            if (!expired(episode, streamTimeMs)) {
                kept.add(episode);
            }
        }
        boolean openChanged = kept.size() != open.size();
        Set<Integer> changed = new LinkedHashSet<>(2);
        List<String> late = List.of();
        for (Rule rule : evaluated) {
            if (!rule.appliesTo(key) || !relevant(rule, key, event, marksAt)) {
                continue;
            }
            long window = rule.windowMs();
            if (event.lateFor(window + graceMs)) {
                late = late.isEmpty() ? new ArrayList<>(2) : late;
                late.add(rule.id());
                continue;
            }
            List<Observation> near = near(rule, key, event, history, marksAt);
            for (int i = 0; i < kept.size(); i++) {
                Episode episode = kept.get(i);
                if (episode.rule().equals(rule.id()) && episode.covers(event.observedAt(), window)) {
                    kept.set(i, grown(episode, episode.firstStart(), episode.lastStart(), 1, event));
                    changed.add(i);
                }
            }
            // Monotone rules: if all the evidence within one window's reach either side does not make the rule
            // fire, no window holding the event can. This keeps a key named by many events that fire nothing cheap.
            if (rule.holds(key, near)) {
                for (long cell = Episode.cellStart(event.observedAt() - window, window);
                        cell <= event.observedAt(); cell += window) {
                    int index = widen(rule, key, event, near, kept, cell, changed, nowMs);
                    if (index >= 0) {
                        changed.add(index);
                    }
                }
            }
        }
        List<Episode> versions = new ArrayList<>(changed.size());
        for (int index : changed) {
            versions.add(kept.get(index));
        }
        return new Evaluation(kept, versions, openChanged || !changed.isEmpty(), late);
    }

    private static boolean relevant(Rule rule, CorrelationKey key, Observation event,
            LongFunction<List<WatchMark>> marksAt) {
        return rule.relevant(key, event, rule.matchesWatchlist() ? marksAt.apply(event.observedAt()) : List.of());
    }

    /** The rule's events (not late for it) within one window of the event either side, the event included, in order. */
    private List<Observation> near(Rule rule, CorrelationKey key, Observation event, List<Observation> history,
            LongFunction<List<WatchMark>> marksAt) {
        long window = rule.windowMs();
        List<Observation> near = new ArrayList<>();
        near.add(event);
        for (Observation other : history) {
            if (Math.abs(other.observedAt() - event.observedAt()) <= window && !other.lateFor(window + graceMs)
                    && relevant(rule, key, other, marksAt)) {
                near.add(other);
            }
        }
        near.sort(EVENT_ORDER);
        return near;
    }

    /**
     * The windows holding the event that start in one grid cell and in which the rule holds: the earliest before the
     * cell's episode and the latest after it widen it (or, without an episode, start one). Returns the index of the
     * episode changed, or -1.
     */
    private int widen(Rule rule, CorrelationKey key, Observation event, List<Observation> near, List<Episode> kept,
            long cell, Set<Integer> changed, long nowMs) {
        long window = rule.windowMs();
        long from = Math.max(cell, event.observedAt() - window);
        long to = Math.min(cell + window - 1, event.observedAt());
        int index = indexOf(kept, rule.id(), cell, window);
        Episode episode = index < 0 ? null : kept.get(index);
        long first = Long.MAX_VALUE;
        for (int i = 0; i < near.size(); i++) {
            long start = near.get(i).observedAt();
            if (start > to || episode != null && start >= episode.firstStart()) {
                break;
            }
            if (start >= from && (i == 0 || near.get(i - 1).observedAt() != start) && holdsFrom(rule, key, near, i)) {
                first = start;
                break;
            }
        }
        long last = Long.MIN_VALUE;
        for (int i = near.size() - 1; i >= 0; i--) {
            long start = near.get(i).observedAt();
            if (start < from || episode != null && start <= episode.lastStart()) {
                break;
            }
            int lowest = i;
            while (lowest > 0 && near.get(lowest - 1).observedAt() == start) {
                lowest--;
            }
            if (start <= to && holdsFrom(rule, key, near, lowest)) {
                last = start;
                break;
            }
            i = lowest;
        }
        if (first == Long.MAX_VALUE && last == Long.MIN_VALUE) {
            return -1;
        }
        // Without an episode both searches looked at the same starts: both found one.
        long newFirst = episode == null ? first : Math.min(first, episode.firstStart());
        long newLast = episode == null ? last : Math.max(last, episode.lastStart());
        int added = 0;
        Handling strictest = Handling.H0;
        List<Flag> flags = episode == null ? List.of() : episode.flags();
        boolean agencyBacked = episode != null && episode.agencyBacked();
        for (Observation other : near) {
            long time = other.observedAt();
            boolean inside = time >= newFirst && time <= newLast + window;
            boolean before = episode != null && episode.covers(time, window);
            if (inside && !before) {
                added++;
                strictest = max(strictest, other.handling());
                flags = Flags.union(flags, other.flags());
                agencyBacked |= !other.tip();
            }
        }
        if (episode == null) {
            kept.add(new Episode(rule.id(), cell, newFirst, newLast, 1, nowMs, added, null, strictest, flags,
                    List.of(), List.of(), agencyBacked));
            return kept.size() - 1;
        }
        // The event itself was counted (and the version moved) when it joined the episode, if it fell in its range.
        long version = changed.contains(index) ? episode.version() : episode.version() + 1;
        kept.set(index, new Episode(episode.rule(), episode.anchor(), newFirst, newLast, version, episode.createdAt(),
                episode.eventCount() + added, episode.severity(), max(episode.handling(), strictest), flags,
                List.of(), List.of(), agencyBacked));
        return index;
    }

    /** Whether the rule holds in the window starting at {@code near.get(start)} (all events at that time included). */
    private static boolean holdsFrom(Rule rule, CorrelationKey key, List<Observation> near, int start) {
        long end = near.get(start).observedAt() + rule.windowMs();
        int after = start;
        while (after < near.size() && near.get(after).observedAt() <= end) {
            after++;
        }
        return rule.holds(key, near.subList(start, after));
    }

    private int indexOf(List<Episode> episodes, String rule, long cell, long window) {
        for (int i = 0; i < episodes.size(); i++) {
            Episode episode = episodes.get(i);
            if (episode.rule().equals(rule) && Episode.cellStart(episode.anchor(), window) == cell) {
                return i;
            }
        }
        return -1;
    }

    /** The episode with {@code added} more events, {@code event} among them (one version more). */
    private static Episode grown(Episode episode, long first, long last, int added, Observation event) {
        return new Episode(episode.rule(), episode.anchor(), first, last, episode.version() + 1, episode.createdAt(),
                episode.eventCount() + added, episode.severity(), max(episode.handling(), event.handling()),
                Flags.union(episode.flags(), event.flags()), List.of(), List.of(),
                episode.agencyBacked() || !event.tip());
    }

    private static Handling max(Handling a, Handling b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private long windowOf(String id) {
        for (Rule rule : rules) {
            if (rule.id().equals(id)) {
                return rule.windowMs();
            }
        }
        return 0;
    }

    /** The most evidence an alert version carries. */
    public int maxEvidence() {
        return maxEvidence;
    }

    /** The window of a rule of this engine. */
    public long windowMs(String id) {
        return windowOf(id);
    }

    /** The window of a rule at event time {@code eventTime} (its version then; a rule no one knows: 0). */
    public long windowMs(String id, long eventTime) {
        Rule versioned = versions == null ? null : versions.at(id, eventTime);
        return versioned != null ? versioned.windowMs() : windowOf(id);
    }

    /** The window of a built-in rule of this engine. */
    public long windowMs(RuleName name) {
        return windowOf(name.name());
    }

    /**
     * An episode as the alert version carries it: of the rule's events stored for the key within the episode's range
     * ({@code stored}, any order; the event that changed it included), the last {@link RuleSettings#maxAlertEvidence}
     * in event order, the watchlist entries behind them, and the severity they give (never lowered).
     */
    public Episode carried(CorrelationKey key, Episode episode, List<Observation> stored,
            LongFunction<List<WatchMark>> marksAt) {
        Rule rule = ruleAt(episode.rule(), episode.lastStart());
        long window = rule.windowMs();
        List<Observation> evidence = new ArrayList<>();
        for (Observation event : stored) {
            if (episode.covers(event.observedAt(), window) && !event.lateFor(window + graceMs)
                    && relevant(rule, key, event, marksAt)) {
                evidence.add(event);
            }
        }
        evidence.sort(EVENT_ORDER);
        if (evidence.size() > maxEvidence) {
            evidence = evidence.subList(evidence.size() - maxEvidence, evidence.size());
        }
        List<WatchMark> marks = new ArrayList<>();
        if (rule.matchesWatchlist()) {
            for (Observation event : evidence) {
                for (WatchMark mark : marksAt.apply(event.observedAt())) {
                    if (marks.stream().noneMatch(m -> m.entryId().equals(mark.entryId()))) {
                        marks.add(mark);
                    }
                }
            }
        }
        Severity assessed = severity.assess(rule, evidence, marks, episode.severity());
        Handling strictest = episode.handling();
        List<Flag> flags = episode.flags();
        for (Observation event : evidence) {
            strictest = max(strictest, event.handling());
            flags = Flags.union(flags, event.flags());
        }
        for (WatchMark mark : marks) {
            flags = Flags.union(flags, mark.flags());
        }
        return episode.carrying(evidence, marks, assessed, strictest, flags);
    }

    /** The rule of this engine with this id. */
    public Rule ruleOf(String id) {
        for (Rule rule : rules) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("No rule " + id + " in this engine");
    }

    /** Whether this engine evaluates a rule with this id. */
    public boolean has(String id) {
        for (Rule rule : rules) {
            if (rule.id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
