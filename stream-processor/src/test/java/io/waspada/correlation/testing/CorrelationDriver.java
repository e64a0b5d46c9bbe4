package io.waspada.correlation.testing;

import io.waspada.avro.Alert;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.streams.CorrelationListener;
import io.waspada.correlation.streams.CorrelationTopology;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.sites.SiteRegistry;
import io.waspada.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The PRODUCTION correlation topology in a TopologyTestDriver (no cache, so every update is visible), with
 * typed inputs and outputs from the topic registry and a count of late events.
 */
public final class CorrelationDriver implements AutoCloseable {

    public final AtomicInteger lateEvents = new AtomicInteger();
    public final AtomicInteger undecodable = new AtomicInteger();
    public final AtomicInteger tokenLinksWritten = new AtomicInteger();
    public final java.util.List<String> lateForRule = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TopologyTestDriver driver;
    private final org.apache.kafka.streams.TestInputTopic<String, String> tokenLinks;
    private final org.apache.kafka.streams.TestOutputTopic<String, String> tokenLinksOut;
    private final TestInputTopic<String, Sighting> sightings;
    private final TestInputTopic<String, Interception> interceptions;
    private final TestInputTopic<String, WatchlistEntry> watchlist;
    private final TestInputTopic<String, byte[]> rawSightings;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<byte[], byte[]> dlq;

    public CorrelationDriver() {
        this(RuleSettings.defaults());
    }

    public CorrelationDriver(RuleSettings settings) {
        this(settings, false);
    }

    /** With {@code storesInMemory}: the production topology with in-memory stores, for runs of many events. */
    public CorrelationDriver(RuleSettings settings, boolean storesInMemory) {
        this(settings, storesInMemory, io.waspada.correlation.streams.AlertTraces.NONE);
    }

    /** With {@code traces}: each alert version a span of the trace its event's headers carry. */
    public CorrelationDriver(RuleSettings settings, boolean storesInMemory,
            io.waspada.correlation.streams.AlertTraces traces) {
        this(settings, storesInMemory, traces, null, java.util.Map.of(), null);
    }

    /** Evaluating {@code rules} (null: the rules in force by default). */
    public CorrelationDriver(RuleSettings settings, boolean storesInMemory,
            java.util.List<io.waspada.correlation.rules.Rule> rules) {
        this(settings, storesInMemory, io.waspada.correlation.streams.AlertTraces.NONE, rules, java.util.Map.of(),
                null);
    }

    /** Evaluating the start-up rules of rule files, each in its start-up mode (shadow, disabled or active). */
    public CorrelationDriver(RuleSettings settings, io.waspada.correlation.rules.data.StartupRules startUp) {
        this(settings, false, io.waspada.correlation.streams.AlertTraces.NONE, startUp.rules(), startUp.modes(), null);
    }

    /** With {@code absence}: these absence rules instead of the shipped ones. */
    public CorrelationDriver(RuleSettings settings, io.waspada.correlation.absence.AbsenceRules absence) {
        this(settings, false, io.waspada.correlation.streams.AlertTraces.NONE, null, java.util.Map.of(), absence);
    }

    private CorrelationDriver(RuleSettings settings, boolean storesInMemory,
            io.waspada.correlation.streams.AlertTraces traces, java.util.List<io.waspada.correlation.rules.Rule> rules,
            java.util.Map<String, io.waspada.correlation.rulebook.RuleMode> modes,
            io.waspada.correlation.absence.AbsenceRules absence) {
        CorrelationListener listener = new CorrelationListener() {
            @Override
            public void lateEvent(String kind) {
                lateEvents.incrementAndGet();
            }

            @Override
            public void lateForRule(String rule) {
                lateForRule.add(rule);
            }

            @Override
            public void undecodableEvent(String kind) {
                undecodable.incrementAndGet();
            }

            @Override
            public void tokenLinksWritten(int links) {
                tokenLinksWritten.addAndGet(links);
            }
        };
        var shipped = new CorrelationTopology(settings, SiteRegistry.defaults(), StreamTopics.platform(), listener);
        var withRules = rules == null ? shipped : shipped.withRules(rules, modes);
        var production = absence == null ? withRules : withRules.withAbsenceRules(absence);
        var topology = (storesInMemory ? production.withStoresInMemory() : production).withTraces(traces).build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlation-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/ttd-state/" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props, Instant.parse("2026-11-29T00:00:00Z"));
        sightings = driver.createInputTopic(Topics.SIGHTINGS.name(), Serdes.String().serializer(),
                Topics.SIGHTINGS.valueSerde().serializer());
        interceptions = driver.createInputTopic(Topics.INTERCEPTIONS.name(), Serdes.String().serializer(),
                Topics.INTERCEPTIONS.valueSerde().serializer());
        rawSightings = driver.createInputTopic(Topics.SIGHTINGS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        watchlist = driver.createInputTopic(Topics.WATCHLIST.name(), Serdes.String().serializer(),
                Topics.WATCHLIST.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Serdes.String().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        tokenLinks = driver.createInputTopic(Topics.TOKEN_LINKS.name(), Serdes.String().serializer(),
                Serdes.String().serializer());
        tokenLinksOut = driver.createOutputTopic(Topics.TOKEN_LINKS.name(), Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    /** A record on the token-link topic as given (a link another instance wrote, or a damaged record). */
    public CorrelationDriver link(String token, String json) {
        tokenLinks.pipeInput(token, json);
        return this;
    }

    /** The token links written since the last call: token to its JSON link. */
    public List<org.apache.kafka.streams.KeyValue<String, String>> links() {
        return tokenLinksOut.readKeyValuesToList();
    }

    public CorrelationDriver send(Sighting... events) {
        for (Sighting event : events) {
            sightings.pipeInput(event.getEventId(), event);
        }
        return this;
    }

    public CorrelationDriver send(Interception... events) {
        for (Interception event : events) {
            interceptions.pipeInput(event.getEventId(), event);
        }
        return this;
    }

    /**
     * Moves stream time to {@code hours} after {@code Events.T0} with a sighting of an unrelated passport ({@code CLOCK},
     * in Kuala Lumpur: no rule fires on it alone).
     */
    public CorrelationDriver streamTimeAt(double hours) {
        return send(Events.sighting("clock-" + hours, "RMP", Events.hours(hours), Events.KUALA_LUMPUR,
                Events.person(Events.passport("CLOCK"))));
    }

    /** A record on the sightings topic exactly as given: bytes and headers (a poison record, a traced one). */
    public CorrelationDriver sendRaw(String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
        rawSightings.pipeInput(new TestRecord<>(key, value, headers, Instant.parse("2026-11-29T00:00:00Z")));
        return this;
    }

    /** A rule version on {@code tip.rules.v1}, as the rules API writes it (read by the rule book's global store). */
    public CorrelationDriver ruleVersion(io.waspada.correlation.rulebook.RuleVersion version) {
        driver.createInputTopic(Topics.RULES.name(), Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput(version.rule(), version.toJson());
        return this;
    }

    public CorrelationDriver list(WatchlistEntry entry) {
        watchlist.pipeInput(entry.getEntryId(), entry);
        return this;
    }

    public CorrelationDriver unlist(String entryId) {
        watchlist.pipeInput(entryId, null);
        return this;
    }

    /**
     * Lets a second of wall-clock time pass: the correlation tasks' punctuations run (a new watchlist entry is
     * applied to the evidence of tokens that saw no new event).
     */
    public CorrelationDriver settle() {
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        return this;
    }

    /** One sighting as a record with {@code headers} (e.g. a trace context), written by ingest. */
    public CorrelationDriver send(Sighting event, org.apache.kafka.common.header.Headers headers) {
        sightings.pipeInput(new TestRecord<>(event.getEventId(), event, headers, (Instant) null));
        return this;
    }

    /** Every alert record emitted since the last call, in order, with its headers. */
    public List<TestRecord<String, Alert>> alertRecords() {
        return alerts.readRecordsToList();
    }

    /** Every alert version emitted since the last call, in order. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (var record : alerts.readKeyValuesToList()) {
            if (!record.key.equals(record.value.getAlertId())) {
                throw new AssertionError("Alert keyed " + record.key + " but its id is " + record.value.getAlertId());
            }
            out.add(record.value);
        }
        return out;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
