package io.waspada.correlation.streams;

import io.waspada.avro.Identifier;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.correlation.absence.AbsenceAlerts;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.rulebook.BuiltInRuleCompiler;
import io.waspada.correlation.rulebook.DataRuleCompiler;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.schemas.AvroSerdes;
import io.waspada.sites.SiteRegistry;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The production correlation topology: sightings and interceptions (event time {@code observedAt}) through the
 * {@link Admission} (undecodable ones, and ones too late for every rule, to the DLQ as received, in the transaction),
 * re-keyed once by every identifier token and border site (one repartition), then one stateful processor evaluating
 * all five rules (each ignoring events too late for its own window) and the absence rules ({@link PendingAbsences}),
 * and emitting alert versions.
 */
public final class CorrelationTopology {

    /**
     * The evidence, append-only: one entry per (key, event time, event), in a time-segmented window store whose
     * segments expire past the widest window plus grace. A new event of a key is one small put, and its history one
     * time-range scan; nothing is rewritten per record.
     */
    public static final String EVIDENCE_STORE = "evidence-by-time";
    /**
     * The evidence as the first generation kept it (one list per key, rewritten per record). Read only to move a
     * key's entries into {@link #EVIDENCE_STORE} the first time the key is seen again after an upgrade, then deleted;
     * it empties itself within the retention (the sweep drops expired lists) and can go in a later release.
     */
    public static final String LEGACY_EVIDENCE_STORE = "evidence";
    public static final String EPISODE_STORE = "episodes";
    public static final String WATCHLIST_STORE = "watchlist-index";
    /** Token links of pseudonymisation key rotations (global, from {@code tip.token-links.v1}). */
    public static final String TOKEN_LINK_STORE = "token-links";
    /** Which watchlist entries each task has applied to which token's evidence (the retroactive watchlist). */
    public static final String WATCHLIST_APPLIED_STORE = "watchlist-applied";
    public static final String REPARTITION = "by-correlation-key";
    /** Updates of hot episodes waiting for the next flush ({@link DeferredVersions}). */
    public static final String DEFERRED_STORE = "deferred-versions";
    /** Absence rules: the As waiting for a B, by when they fall due (deadline + grace); the A as value. */
    public static final String ABSENCE_DUE_STORE = "absence-due";
    /** Absence rules: the same As by rule, key and event time (what a B of the key covers), to their due entry. */
    public static final String ABSENCE_PENDING_STORE = "absence-pending";
    /** Every rule version (global, from {@code tip.rules.v1}), behind the {@link RuleBook}. */
    public static final String RULES_STORE = "rule-versions";

    private final RuleSettings settings;
    private final SiteRegistry sites;
    private final StreamTopics topics;
    private final CorrelationListener listener;
    private final RuleEngine engine;
    private final boolean storesInMemory;
    private final AlertTraces traces;
    private final AbsenceRules absence;
    /** How start-up rules that are not active run (a rule file's {@code mode: shadow|disabled}): version 0's mode. */
    private final java.util.Map<String, io.waspada.correlation.rulebook.RuleMode> startUpModes;
    /** Bumped by the global watchlist thread on every change, so tasks look for new entries only after one. */
    private final java.util.concurrent.atomic.AtomicLong watchlistChanges = new java.util.concurrent.atomic.AtomicLong();
    /** The tokens with a watchlist entry, kept by the global watchlist thread, read by every task. */
    private final java.util.Set<String> listedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Which keys replaced another, and the links watchlist entries carry: kept by the global thread. */
    private final TokenLinks tokenLinks = new TokenLinks();
    /** The rule versions read from the rules topic, kept by the global thread, read by every task. */
    private final RuleBook ruleBook;

    public CorrelationTopology(RuleSettings settings, SiteRegistry sites, StreamTopics topics,
            CorrelationListener listener) {
        this(settings, sites, topics, listener, false, AlertTraces.NONE, RuleEngine.of(settings, sites),
                AbsenceRules.defaults(settings.grace(), sites), java.util.Map.of());
    }

    private CorrelationTopology(RuleSettings settings, SiteRegistry sites, StreamTopics topics,
            CorrelationListener listener, boolean storesInMemory, AlertTraces traces, RuleEngine engine,
            AbsenceRules absence, java.util.Map<String, io.waspada.correlation.rulebook.RuleMode> startUpModes) {
        this.traces = traces;
        this.absence = absence;
        this.startUpModes = java.util.Map.copyOf(startUpModes);
        this.settings = settings;
        this.sites = sites;
        this.topics = topics;
        this.listener = listener;
        this.storesInMemory = storesInMemory;
        // Runtime versions: whole rules in the rule language, or a rule in force tuned (window, threshold, mode).
        this.ruleBook = new RuleBook(engine.rules(), this.startUpModes, absence.rules(),
                new DataRuleCompiler(new BuiltInRuleCompiler(settings, sites, engine), engine, sites,
                        absence.rules().stream().collect(java.util.stream.Collectors.toMap(
                                io.waspada.correlation.absence.AbsenceRule::id, rule -> rule))),
                listener::ruleSwitchMissed);
        // Episodes are composed, and expire, by the version of their rule that made them (new rules included).
        this.engine = engine.resolving(ruleBook::ruleAt);
    }

    /**
     * The same topology with its stores in memory (still logged): for tests that push hundreds of thousands of events
     * through a TopologyTestDriver, which commits, and so flushes RocksDB, after every record.
     */
    public CorrelationTopology withStoresInMemory() {
        return new CorrelationTopology(settings, sites, topics, listener, true, traces, engine, absence,
                startUpModes);
    }

    /** The same topology with each alert version a span of the trace its event carried ({@link AlertTraces}). */
    public CorrelationTopology withTraces(AlertTraces traces) {
        return new CorrelationTopology(settings, sites, topics, listener, storesInMemory, traces, engine, absence,
                startUpModes);
    }

    /**
     * The same topology evaluating these rules (in this order) instead of the default ones: rules from files beside
     * the built-ins, or the Java reference rules of the equivalence test. Grace and evidence cap stay the settings'.
     */
    public CorrelationTopology withRules(java.util.List<io.waspada.correlation.rules.Rule> rules) {
        return withRules(rules, java.util.Map.of());
    }

    /**
     * The same topology with these start-up rules, some of them not active ({@code modes}: a rule file's
     * {@code mode: shadow} evaluates and raises nothing, {@code disabled} evaluates nothing), each mode version 0 of
     * its rule in the rule book, so {@code rules mode ID active} switches it on at runtime.
     */
    public CorrelationTopology withRules(java.util.List<io.waspada.correlation.rules.Rule> rules,
            java.util.Map<String, io.waspada.correlation.rulebook.RuleMode> modes) {
        return new CorrelationTopology(settings, sites, topics, listener, storesInMemory, traces,
                new RuleEngine(rules, settings), absence, modes);
    }

    /** The same topology with these absence rules (by default {@link AbsenceRules#defaults}) instead. */
    public CorrelationTopology withAbsenceRules(AbsenceRules rules) {
        return new CorrelationTopology(settings, sites, topics, listener, storesInMemory, traces, engine, rules,
                startUpModes);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        addTokenLinks(builder);
        addWatchlist(builder);
        addRuleVersions(builder);
        addStores(builder);
        KStream<String, Observation> observations = admit(builder, topics.sightings(), Sighting.class,
                AvroSerdes.SIGHTING, (Sighting event, Function<Identifier, String> names) -> Observations.of(event,
                        names), "sightings")
                .merge(admit(builder, topics.interceptions(), Interception.class, AvroSerdes.INTERCEPTION,
                        (Interception event, Function<Identifier, String> names) -> Observations.of(event, names),
                        "interceptions"), Named.as("events"));
        observations
                .flatMap((eventId, observation) -> Observations.byCorrelationKey(observation, sites),
                        Named.as("by-token-and-site"))
                .repartition(Repartitioned.<String, Observation>as(REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(ObservationSerde.remembering()))
                .process(() -> new CorrelationProcessor(engine, new AlertComposer(sites, engine), listener,
                                watchlistChanges, listedTokens, traces, absence, new AbsenceAlerts(sites), ruleBook),
                        Named.as("correlate"), EVIDENCE_STORE, LEGACY_EVIDENCE_STORE, EPISODE_STORE,
                        WATCHLIST_APPLIED_STORE, DEFERRED_STORE, ABSENCE_DUE_STORE, ABSENCE_PENDING_STORE)
                .to(topics.alerts(), Produced.with(Serdes.String(), AvroSerdes.ALERT).withName("alerts"));
        return builder.build();
    }

    /**
     * One input topic through the {@link Admission}: read as bytes, decoded in the topology; what does not decode, and
     * what is too late for every rule, goes to the DLQ as received (bytes and headers) in the same transaction.
     */
    private <V> KStream<String, Observation> admit(StreamsBuilder builder, String topic, Class<V> type, Serde<V> serde,
            BiFunction<V, Function<Identifier, String>, Observation> toObservation, String name) {
        KStream<String, Admission.Admitted> admitted = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new ObservedAtExtractor(serde.deserializer())).withName(name))
                .processValues(() -> new Admission<>(type, serde.deserializer(), toObservation, tokenLinks,
                        lateAfterMs(), name, listener), Named.as(name + "-admission"));
        // Links between an identifier's tokens under two keys, first shown by this event: in the same transaction.
        admitted.flatMap((eventId, event) -> event.links().stream()
                        .map(link -> KeyValue.pair(link.token(), link.toJson())).toList(), Named.as(name + "-links"))
                .to(topics.tokenLinks(), Produced.with(Serdes.String(), Serdes.String()).withName(name + "-to-links"));
        admitted.filter((eventId, event) -> event.deadLetter(), Named.as(name + "-dead"))
                .mapValues(Admission.Admitted::raw, Named.as(name + "-as-received"))
                .to(topics.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-to-dlq"));
        return admitted.filter((eventId, event) -> !event.deadLetter(), Named.as(name + "-admitted"))
                .mapValues(Admission.Admitted::observation, Named.as(name + "-observed"));
    }

    private void addTokenLinks(StreamsBuilder builder) {
        // Before the watchlist: restored first, so entries are indexed under their identifiers' oldest tokens.
        // Persistent: after a rotation it holds a link per identifier seen during the overlap.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(keyValueStore(TOKEN_LINK_STORE), Serdes.String(),
                        Serdes.String()).withLoggingDisabled(),
                topics.tokenLinks(), Consumed.with(Serdes.String(), Serdes.String()).withName("token-links"),
                () -> new TokenLinkIndexer(tokenLinks));
    }

    private void addWatchlist(StreamsBuilder builder) {
        // In memory: watchlists are small, and every event looks its tokens up. Rebuilt from the compacted topic.
        var entries = AvroSerdes.WATCHLIST_ENTRY;
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATCHLIST_STORE),
                        Serdes.String(), entries).withLoggingDisabled(),
                topics.watchlist(), Consumed.with(Serdes.String(), entries).withName("watchlist"),
                () -> new WatchlistIndexer(watchlistChanges, listedTokens, tokenLinks));
    }

    private void addRuleVersions(StreamsBuilder builder) {
        // In memory: a few versions per rule. Rebuilt from the compacted topic before any task starts.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled(),
                topics.rules(), Consumed.with(Serdes.String(), Serdes.String()).withName("rule-versions"),
                () -> new RuleVersionIndexer(ruleBook));
    }

    private void addStores(StreamsBuilder builder) {
        // Append-only evidence: duplicates retained (two events of one key in the same millisecond are both kept;
        // the processor deduplicates by eventId), segments dropped by stream time past the widest reach.
        java.time.Duration retention = java.time.Duration.ofMillis(lateAfterMs());
        java.time.Duration instant = java.time.Duration.ofMillis(1);
        builder.addStateStore(Stores.windowStoreBuilder(storesInMemory
                        ? Stores.inMemoryWindowStore(EVIDENCE_STORE, retention, instant, true)
                        : Stores.persistentWindowStore(EVIDENCE_STORE, retention, instant, true),
                Serdes.String(), new ObservationSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(LEGACY_EVIDENCE_STORE), Serdes.String(),
                new EvidenceSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(EPISODE_STORE), Serdes.String(),
                new EpisodesSerde()));
        // Small (entries x tasks) and read by every event of a listed token: in memory, restored from its changelog.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATCHLIST_APPLIED_STORE),
                Serdes.String(), AvroSerdes.WATCHLIST_ENTRY));
        // Only hot episodes' keys, each until the next flush: in memory, restored from its changelog.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEFERRED_STORE),
                Serdes.String(), Serdes.String()));
        // Absence rules' waiting As: logged, written in the transaction of the event (or punctuation) that changes them.
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(ABSENCE_DUE_STORE), Serdes.String(),
                new ObservationSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(ABSENCE_PENDING_STORE), Serdes.String(),
                Serdes.String()));
    }

    /**
     * How far behind stream time an event may be and still matter to a rule: the widest correlation rule window or
     * absence rule T, plus its grace. Older, it is late for every rule (DLQ); the evidence is kept this long.
     */
    private long lateAfterMs() {
        return Math.max(engine.lateAfterMs(), absence.lateAfterMs());
    }

    private org.apache.kafka.streams.state.KeyValueBytesStoreSupplier keyValueStore(String name) {
        return storesInMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    /** The rules this topology evaluates, with the settings it was built with. */
    public RuleEngine engine() {
        return engine;
    }

    /** The absence rules this topology evaluates. */
    public AbsenceRules absenceRules() {
        return absence;
    }

    /** The rule versions this topology's instance has read, and which governs an event. */
    public RuleBook ruleBook() {
        return ruleBook;
    }

    public RuleSettings settings() {
        return settings;
    }
}
