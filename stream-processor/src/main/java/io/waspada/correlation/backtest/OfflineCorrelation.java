package io.waspada.correlation.backtest;

import io.waspada.avro.Alert;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.streams.CorrelationListener;
import io.waspada.correlation.streams.CorrelationTopology;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.sites.SiteRegistry;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production correlation topology run in this process over records given to it, with its state in memory (in a
 * temporary directory that is removed on close): what the live engine would have done with those records under the
 * given rules, without touching the live engine, its consumer group, its state or its topics. Records go in as they
 * are on the broker (bytes and headers), so decoding, admission, lateness and the watchlist behave as live.
 */
final class OfflineCorrelation implements AutoCloseable {

    final AtomicLong late = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> sightings;
    private final TestInputTopic<byte[], byte[]> interceptions;
    private final TestInputTopic<byte[], byte[]> watchlist;
    private final TestInputTopic<byte[], byte[]> tokenLinks;
    private final TestOutputTopic<String, Alert> alerts;

    OfflineCorrelation(RuleSettings settings, List<Rule> rules, AbsenceRules absences, SiteRegistry sites) {
        CorrelationListener listener = new CorrelationListener() {
            @Override
            public void lateEvent(String kind) {
                late.incrementAndGet();
            }

            @Override
            public void undecodableEvent(String kind) {
                undecodable.incrementAndGet();
            }
        };
        StreamTopics topics = StreamTopics.platform();
        var topology = new CorrelationTopology(settings, sites, topics, listener).withRules(rules)
                .withAbsenceRules(absences).withStoresInMemory().build();
        try {
            stateDir = Files.createTempDirectory("waspada-backtest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "waspada-backtest");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props, Instant.EPOCH);
        var bytes = Serdes.ByteArray().serializer();
        sightings = driver.createInputTopic(topics.sightings(), bytes, bytes);
        interceptions = driver.createInputTopic(topics.interceptions(), bytes, bytes);
        watchlist = driver.createInputTopic(topics.watchlist(), bytes, bytes);
        tokenLinks = driver.createInputTopic(topics.tokenLinks(), bytes, bytes);
        alerts = driver.createOutputTopic(topics.alerts(), Serdes.String().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    void sighting(ConsumerRecord<byte[], byte[]> record) {
        sightings.pipeInput(asTest(record));
    }

    void interception(ConsumerRecord<byte[], byte[]> record) {
        interceptions.pipeInput(asTest(record));
    }

    void watchlistEntry(ConsumerRecord<byte[], byte[]> record) {
        watchlist.pipeInput(asTest(record));
    }

    void tokenLink(ConsumerRecord<byte[], byte[]> record) {
        tokenLinks.pipeInput(asTest(record));
    }

    /**
     * Lets a second of (the driver's) wall-clock time pass, so the punctuations run as they would live: the flush of
     * the versions a hot episode held back, the sweep of expired episodes, the watchlist's backfill.
     */
    void tick() {
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
    }

    /**
     * The As of absence rules still waiting for their B or their deadline, per rule id: the alerts the rule may still
     * raise after the records read (stream time has not passed their deadline plus grace).
     */
    java.util.Map<String, Integer> waitingAbsences() {
        java.util.Map<String, Integer> waiting = new java.util.TreeMap<>();
        org.apache.kafka.streams.state.KeyValueStore<String, Object> due =
                driver.getKeyValueStore(CorrelationTopology.ABSENCE_DUE_STORE);
        try (var all = due.all()) {
            while (all.hasNext()) {
                // hex(due) SEP rule SEP key SEP eventId (PendingAbsences)
                String[] parts = all.next().key.split("\u0000", 3);
                waiting.merge(parts[1], 1, Integer::sum);
            }
        }
        return waiting;
    }

    /** The alert versions emitted since the last call, in order. */
    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    private static TestRecord<byte[], byte[]> asTest(ConsumerRecord<byte[], byte[]> record) {
        return new TestRecord<>(record.key(), record.value(), record.headers(),
                Instant.ofEpochMilli(record.timestamp()));
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A temporary directory left behind is not worth failing a finished back-test for.
            }
        }
    }
}
