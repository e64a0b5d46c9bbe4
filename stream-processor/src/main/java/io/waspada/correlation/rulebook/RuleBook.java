package io.waspada.correlation.rulebook;

import io.waspada.correlation.absence.AbsenceRule;
import io.waspada.correlation.rules.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Every version of every rule this instance has read from {@code tip.rules.v1}, and which one governs an event: for
 * each rule, the version whose {@code activeFrom} (event time) is the latest not after the event's observedAt (of two
 * with the same activeFrom, the higher version). The start-up rules are version 0, in force from the beginning of
 * time, each in its start-up mode (a rule file's {@code mode:}; active unless it says otherwise). Written by the global
 * rules thread ({@link #add}), read by every task; each change replaces an immutable
 * snapshot, so a reader never sees half of one.
 */
public final class RuleBook {

    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    /** One version and the rule it compiles to: a condition {@code rule} or an {@code absence} rule. */
    public record Entry(RuleVersion version, Rule rule, AbsenceRule absence) {

        Entry(RuleVersion version, Rule rule) {
            this(version, rule, null);
        }
    }

    /**
     * The rules that govern an event: the condition rules evaluated ({@code rules}); the absence rules in force
     * ({@code absences}, whatever their mode: a B cancels the As of a disabled rule too), of which those that admit
     * no new A ({@code disabledAbsences}); and, of all, the ones in shadow mode.
     */
    public record InForce(List<Rule> rules, Set<String> shadow, List<AbsenceRule> absences,
            Set<String> disabledAbsences) {

        public InForce(List<Rule> rules, Set<String> shadow) {
            this(rules, shadow, List.of(), Set.of());
        }

        public boolean shadow(String rule) {
            return !shadow.isEmpty() && shadow.contains(rule);
        }

        /** Whether an A of this absence rule observed now waits for its B (not when the rule is disabled). */
        public boolean admits(AbsenceRule rule) {
            return disabledAbsences.isEmpty() || !disabledAbsences.contains(rule.id());
        }
    }

    private record Snapshot(Map<String, NavigableMap<Integer, Entry>> byVersion,
            Map<String, NavigableMap<Long, Entry>> byActiveFrom, boolean versioned, InForce startUp) {
    }

    private record Cached(Snapshot snapshot, long from, long to, InForce inForce) {
    }

    private final RuleCompiler compiler;
    private final Consumer<String> missedSwitch;
    private volatile Snapshot snapshot;
    private volatile Cached cached;
    private final AtomicLong latestEvaluated = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, AtomicLong> shadowAlerts = new ConcurrentHashMap<>();

    /** Every start-up rule active (version 0 of each), no absence rules. */
    public RuleBook(List<Rule> startUp, RuleCompiler compiler, Consumer<String> missedSwitch) {
        this(startUp, Map.of(), List.of(), compiler, missedSwitch);
    }

    /**
     * @param startUp      the start-up rules (version 0 of each)
     * @param modes        how those not active run from the start (absent: active)
     * @param absences     the start-up absence rules (version 0 of each, active)
     * @param compiler     compiles each version's source
     * @param missedSwitch told the rule id when a version arrives whose activeFrom this instance's events are already
     *                     past (it evaluated some event observed after activeFrom under the previous version)
     */
    public RuleBook(List<Rule> startUp, Map<String, RuleMode> modes, List<AbsenceRule> absences,
            RuleCompiler compiler, Consumer<String> missedSwitch) {
        this.compiler = compiler;
        this.missedSwitch = missedSwitch;
        Map<String, NavigableMap<Integer, Entry>> byVersion = new LinkedHashMap<>();
        Map<String, NavigableMap<Long, Entry>> byActiveFrom = new LinkedHashMap<>();
        List<Rule> evaluated = new ArrayList<>(startUp.size());
        Set<String> shadow = new java.util.HashSet<>();
        for (Rule rule : startUp) {
            String id = rule.id();
            RuleMode mode = modes.getOrDefault(id, RuleMode.ACTIVE);
            Entry entry = new Entry(new RuleVersion(id, 0, mode.wire(), RuleVersion.BEGINNING,
                    BuiltInRuleCompiler.sourceOf(rule), "start-up configuration", 0, null, null), rule);
            byVersion.put(id, new TreeMap<>(Map.of(0, entry)));
            byActiveFrom.put(id, new TreeMap<>(Map.of(RuleVersion.BEGINNING, entry)));
            if (mode != RuleMode.DISABLED) {
                evaluated.add(rule);
            }
            if (mode == RuleMode.SHADOW) {
                shadow.add(id);
            }
        }
        for (AbsenceRule rule : absences) {
            Entry entry = new Entry(new RuleVersion(rule.id(), 0, RuleMode.ACTIVE.wire(), RuleVersion.BEGINNING,
                    sourceOf(rule), "start-up configuration", 0, null, null), null, rule);
            byVersion.put(rule.id(), new TreeMap<>(Map.of(0, entry)));
            byActiveFrom.put(rule.id(), new TreeMap<>(Map.of(RuleVersion.BEGINNING, entry)));
        }
        this.snapshot = new Snapshot(byVersion, byActiveFrom, false,
                new InForce(List.copyOf(evaluated), Set.copyOf(shadow), List.copyOf(absences), Set.of()));
    }

    public RuleCompiler compiler() {
        return compiler;
    }

    /**
     * Takes a version read from the topic. A version already known is ignored (a record read again, or the current
     * version's second record); one whose source does not compile here is skipped and logged (false).
     */
    public synchronized boolean add(RuleVersion version) {
        Snapshot current = snapshot;
        NavigableMap<Integer, Entry> known = current.byVersion.get(version.rule());
        if (known != null && known.containsKey(version.version())
                && known.get(version.version()).version().equals(version)) {
            return true;
        }
        Rule rule;
        AbsenceRule absence;
        try {
            CompiledRule compiled = compiler.compile(version.source());
            if (!compiled.id().equals(version.rule())) {
                throw new RuleDocumentException(0, "the document is rule " + compiled.id());
            }
            rule = compiled.rule();
            absence = compiled.absence();
            // Against the other versions (not one this record replaces): what a fresh instance reading the compacted
            // topic decides too.
            for (Entry other : known == null ? List.<Entry>of() : known.values()) {
                if (other.version().version() == version.version()) {
                    continue;
                }
                if ((other.absence() != null) != compiled.isAbsence()) {
                    throw new RuleDocumentException(0, "rule " + version.rule() + " is " + (compiled.isAbsence()
                            ? "a condition rule" : "an absence rule") + "; a version keeps its kind");
                }
                if (compiled.isAbsence() && other.absence().withinMs() != compiled.absence().withinMs()) {
                    throw new RuleDocumentException(0, "absence rule " + version.rule() + " waits "
                            + other.absence().within() + " in version " + other.version().version()
                            + "; a version keeps its within");
                }
            }
        } catch (RuleDocumentException e) {
            LOG.warnf("Rule version %s on the rules topic does not compile here, skipped: %s", version.historyKey(),
                    e.getMessage());
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever a record does to the compiler, the global thread (every instance reads the same record) goes on.
            LOG.errorf(e, "Rule version %s on the rules topic could not be compiled here, skipped",
                    version.historyKey());
            return false;
        }
        Map<String, NavigableMap<Integer, Entry>> byVersion = new LinkedHashMap<>(current.byVersion);
        Map<String, NavigableMap<Long, Entry>> byActiveFrom = new LinkedHashMap<>(current.byActiveFrom);
        Entry entry = new Entry(version, rule, absence);
        NavigableMap<Integer, Entry> versions = new TreeMap<>(byVersion.getOrDefault(version.rule(), new TreeMap<>()));
        versions.put(version.version(), entry);
        byVersion.put(version.rule(), versions);
        NavigableMap<Long, Entry> timeline = new TreeMap<>();
        for (Entry each : versions.values()) { // ascending versions: of two with one activeFrom, the higher wins
            timeline.put(each.version().activeFrom(), each);
        }
        byActiveFrom.put(version.rule(), timeline);
        // Counted before the version is visible (so whoever sees it sees the miss counted), and checked once more
        // after: an event evaluated in between, under the previous version, is a miss too.
        boolean missed = missed(version);
        snapshot = new Snapshot(byVersion, byActiveFrom, true, current.startUp);
        if (!missed) {
            missed(version);
        }
        return true;
    }

    private boolean missed(RuleVersion version) {
        long evaluated = latestEvaluated.get();
        if (version.activeFrom() > evaluated) {
            return false;
        }
        missedSwitch.accept(version.rule());
        LOG.warnf("Rule version %s is in force from %d, but this instance already evaluated events observed up to "
                + "%d: those after the switch were evaluated under the previous version", version.historyKey(),
                version.activeFrom(), evaluated);
        return true;
    }

    /** The rules that govern an event observed at {@code observedAt}; notes the time (see {@code missedSwitch}). */
    public InForce inForceAt(long observedAt) {
        if (observedAt > latestEvaluated.get()) {
            latestEvaluated.accumulateAndGet(observedAt, Math::max);
        }
        Snapshot current = snapshot;
        if (!current.versioned) {
            return current.startUp;
        }
        Cached last = cached;
        if (last != null && last.snapshot == current && observedAt >= last.from && observedAt < last.to) {
            return last.inForce;
        }
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        List<Rule> rules = new ArrayList<>(current.byActiveFrom.size());
        List<AbsenceRule> absences = new ArrayList<>(2);
        Set<String> disabledAbsences = new java.util.HashSet<>(2);
        Set<String> shadow = new java.util.HashSet<>(2);
        for (Map.Entry<String, NavigableMap<Long, Entry>> timeline : current.byActiveFrom.entrySet()) {
            Map.Entry<Long, Entry> governing = timeline.getValue().floorEntry(observedAt);
            Long next = timeline.getValue().higherKey(observedAt);
            if (next != null) {
                to = Math.min(to, next);
            }
            if (governing == null) {
                continue; // a new rule, not yet in force at this time
            }
            from = Math.max(from, governing.getKey());
            RuleMode mode = governing.getValue().version().runMode();
            AbsenceRule absence = governing.getValue().absence();
            if (absence != null) {
                absences.add(absence);
                if (mode == RuleMode.DISABLED) {
                    disabledAbsences.add(timeline.getKey());
                }
            } else if (mode != RuleMode.DISABLED) {
                rules.add(governing.getValue().rule());
            }
            if (mode == RuleMode.SHADOW) {
                shadow.add(timeline.getKey());
            }
        }
        InForce inForce = new InForce(List.copyOf(rules), Set.copyOf(shadow), List.copyOf(absences),
                Set.copyOf(disabledAbsences));
        cached = new Cached(current, from, to, inForce);
        return inForce;
    }

    /** The version of each rule that governs an event observed at {@code observedAt}, by rule id. */
    public Map<String, RuleVersion> governingAt(long observedAt) {
        Map<String, RuleVersion> governing = new LinkedHashMap<>();
        snapshot.byActiveFrom.forEach((id, timeline) -> {
            Map.Entry<Long, Entry> entry = timeline.floorEntry(observedAt);
            if (entry != null) {
                governing.put(id, entry.getValue().version());
            }
        });
        return governing;
    }

    /**
     * The rule of this id at event time {@code at}: the version in force then (whatever its mode), else its first
     * version; null for a rule no version names. Its episodes are composed and expire by it.
     */
    public Rule ruleAt(String id, long at) {
        NavigableMap<Long, Entry> timeline = snapshot.byActiveFrom.get(id);
        if (timeline == null) {
            return null;
        }
        Map.Entry<Long, Entry> governing = timeline.floorEntry(at);
        return (governing != null ? governing : timeline.firstEntry()).getValue().rule();
    }

    /**
     * The absence rule of this id as the version in force at event time {@code at} (an A is judged by the version in
     * force when it was observed), else its first version; null for an id that is no absence rule.
     */
    public AbsenceRule absenceAt(String id, long at) {
        Entry entry = absenceEntryAt(id, at);
        return entry == null ? null : entry.absence();
    }

    /**
     * The absence rule of this id and how it runs at event time {@code at}, read from one snapshot: the version in
     * force then, else its first version; null for an id that is no absence rule.
     */
    public Entry absenceEntryAt(String id, long at) {
        NavigableMap<Long, Entry> timeline = snapshot.byActiveFrom.get(id);
        if (timeline == null) {
            return null;
        }
        Map.Entry<Long, Entry> governing = timeline.floorEntry(at);
        Entry entry = (governing != null ? governing : timeline.firstEntry()).getValue();
        return entry.absence() == null ? null : entry;
    }

    /** The document of a start-up absence rule (version 0): its id (its within is set at start-up, kept). */
    public static String sourceOf(AbsenceRule rule) {
        return "rule: " + rule.id() + "\n";
    }

    /** How a rule runs at event time {@code observedAt}: DISABLED before its first version. */
    public RuleMode modeAt(String rule, long observedAt) {
        NavigableMap<Long, Entry> timeline = snapshot.byActiveFrom.get(rule);
        Map.Entry<Long, Entry> governing = timeline == null ? null : timeline.floorEntry(observedAt);
        return governing == null ? RuleMode.DISABLED : governing.getValue().version().runMode();
    }

    /** The rule ids known: the start-up rules first, then the others as they were first read. */
    public List<String> ids() {
        return List.copyOf(snapshot.byVersion.keySet());
    }

    /** Every version of a rule, ascending (0: the start-up configuration); empty for an unknown rule. */
    public List<RuleVersion> versions(String rule) {
        NavigableMap<Integer, Entry> versions = snapshot.byVersion.get(rule);
        return versions == null ? List.of() : versions.values().stream().map(Entry::version).toList();
    }

    /** The highest version of a rule, or null for an unknown rule. */
    public RuleVersion latest(String rule) {
        NavigableMap<Integer, Entry> versions = snapshot.byVersion.get(rule);
        return versions == null ? null : versions.lastEntry().getValue().version();
    }

    public boolean has(String rule, int version) {
        NavigableMap<Integer, Entry> versions = snapshot.byVersion.get(rule);
        return versions != null && versions.containsKey(version);
    }

    /** An alert version a rule in shadow mode would have raised and did not. */
    public void countShadow(String rule) {
        shadowAlerts.computeIfAbsent(rule, id -> new AtomicLong()).incrementAndGet();
    }

    /** How many alert versions the rule withheld in shadow mode on this instance since it started. */
    public long shadowAlerts(String rule) {
        AtomicLong count = shadowAlerts.get(rule);
        return count == null ? 0 : count.get();
    }

    /** Rule ids with withheld shadow alerts (unmodifiable view). */
    public Set<String> shadowed() {
        return Collections.unmodifiableSet(shadowAlerts.keySet());
    }
}
