package io.waspada.correlation.bench;

import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.streams.CorrelationListener;
import io.waspada.correlation.streams.CorrelationTopology;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.streams.DeadLetterHandler;
import io.waspada.correlation.streams.ObservationSerde;
import io.waspada.correlation.streams.Observations;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.correlation.streams.StreamsProperties;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerdes;
import io.waspada.sites.SiteRegistry;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.TopicSpec;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * How fast the production correlation topology drains a pre-loaded backlog, next to an identity topology
 * (source to sink, same Streams settings) and a plain consumer on the same data, in one run. Prints events/s,
 * ratios, state store size on disk, peak heap used and the heap after a full GC at the end of each drain. Not a test: run it with {@code stream-processor/bench.sh}.
 * <p>Arguments: {@code [--events 1000000] [--bootstrap host:port] [--watchlist 500] [--seed 42] [--brokers 1|3]
 * [--instances 1|2] [--rotation none|overlap]}; without {@code --bootstrap} it starts the platform's standalone
 * broker (or {@code --brokers 3} nodes) in a separate JVM. {@code --instances 2} also drains with two instances of the correlation topology (one
 * application, two KafkaStreams clients in this JVM, each with the shipped thread count) and prints both side by side.
 */
public final class CorrelationBenchmark {

    private final KafkaConnection kafka;
    private final long events;
    /** {@code --rotation overlap}: every event's identifiers as during a key rotation's overlap. */
    private final boolean rotationOverlap;
    private final String prefix = "bench-" + System.currentTimeMillis() + ".";
    private final StreamTopics topics = StreamTopics.prefixed(prefix);
    private final Map<String, LongAdder> emitted = new ConcurrentSkipListMap<>();
    /** The broker's CPU time so far, when the benchmark runs it (null against an existing broker). */
    private final java.util.function.Supplier<Duration> brokerCpu;

    /** Instances of the correlation topology in the scale-out phase (1: no such phase). */
    private final int instances;
    /** {@code --rules java-vs-data}: only drain with the five built-in rules as Java classes, then as data. */
    private boolean rulesJavaVsData;
    /** {@code --rounds}: how many times each side drains in the rules comparison. */
    private int rulesRounds = 2;

    private CorrelationBenchmark(KafkaConnection kafka, long events, java.util.function.Supplier<Duration> brokerCpu,
            int instances, boolean rotationOverlap) {
        this.rotationOverlap = rotationOverlap;
        this.kafka = kafka;
        this.events = events;
        this.brokerCpu = brokerCpu;
        this.instances = instances;
    }

    public static void main(String[] args) throws Exception {
        // The JBoss log manager (the service's) logs everything unless told: INFO, and Kafka's own chatter at WARN.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        long events = Long.parseLong(option(args, "--events", "1000000"));
        String bootstrap = option(args, "--bootstrap", null);
        int watchlist = Integer.parseInt(option(args, "--watchlist", "500"));
        long seed = Long.parseLong(option(args, "--seed", "42"));
        int brokers = Integer.parseInt(option(args, "--brokers", "1"));
        int instances = Integer.parseInt(option(args, "--instances", "1"));
        boolean rotationOverlap = "overlap".equals(option(args, "--rotation", "none"));
        boolean javaVsData = "java-vs-data".equals(option(args, "--rules", "in-force"));
        int rounds = Integer.parseInt(option(args, "--rounds", "2"));
        if (bootstrap != null) {
            // Security settings for an existing broker come from the environment (KAFKA_SASL_USERNAME, ...).
            new CorrelationBenchmark(KafkaConnection.fromEnvironment(System.getenv(), bootstrap), events, null,
                    instances, rotationOverlap).javaVsData(javaVsData, rounds).run(seed, watchlist);
            return;
        }
        try (BrokerProcess broker = BrokerProcess.start(brokers)) {
            new CorrelationBenchmark(broker.connection(), events, broker::cpu, instances, rotationOverlap)
                    .javaVsData(javaVsData, rounds).run(seed, watchlist);
        }
        System.exit(0);
    }

    private CorrelationBenchmark javaVsData(boolean only, int rounds) {
        this.rulesJavaVsData = only;
        this.rulesRounds = Math.max(1, rounds);
        return this;
    }

    /**
     * The five built-in rules as Java classes and as data ({@code rules/*.yaml}), each draining the same events with
     * the production topology, Java first: both rates and what the data costs (issue #19: at most 20 %).
     */
    private void compareRules(DrainMeter meter, Set<TopicPartition> inputs) throws Exception {
        SiteRegistry sites = SiteRegistry.defaults();
        RuleSettings settings = RuleSettings.defaults();
        List<io.waspada.correlation.rules.Rule> java = io.waspada.correlation.rules.RuleEngine.javaRules(settings,
                sites);
        List<io.waspada.correlation.rules.Rule> data = io.waspada.correlation.rules.RuleEngine.of(settings, sites)
                .rules().stream().filter(rule -> io.waspada.correlation.domain.RuleName.builtIn(rule.id()) != null)
                .toList();
        // A first drain (not counted) warms the JVM and the broker up: the first drain of a run is always the slowest.
        drain("rules-warm-up", new CorrelationTopology(settings, sites, topics, CorrelationListener.NONE)
                .withRules(java).build(), meter, inputs);
        // Alternating which goes first, so the order and a busy machine do not favour one side.
        double javaSeconds = 0;
        double dataSeconds = 0;
        for (int round = 0; round < rulesRounds; round++) {
            for (boolean javaTurn : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                String name = (javaTurn ? "rules-java-" : "rules-data-") + round;
                Phase phase = drain(name, new CorrelationTopology(settings, sites, topics, CorrelationListener.NONE)
                        .withRules(javaTurn ? java : data).build(), meter, inputs);
                if (javaTurn) {
                    javaSeconds += events / phase.rate;
                } else {
                    dataSeconds += events / phase.rate;
                }
            }
        }
        double asJava = rulesRounds * events / javaSeconds;
        double asData = rulesRounds * events / dataSeconds;
        System.out.printf("the five built-in rules over %d round(s): as Java %,10.0f events/s, as data %,10.0f "
                + "events/s: data/Java %.2f (%+.0f%% time per event)%n", rulesRounds, asJava, asData,
                asData / asJava, 100 * (dataSeconds / javaSeconds - 1));
    }

    private void run(long seed, int watchlist) throws Exception {
        System.out.printf("Waspada correlation benchmark: %,d events, broker %s, %d cores, max heap %d MB%s%n",
                events, kafka.bootstrapServers(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                rotationOverlap ? ", every identifier in a key rotation's overlap (k2 token + k1 previous)" : "");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            createTopics(admin);
            preload(seed, watchlist);
            Set<TopicPartition> inputs = inputPartitions(admin);
            DrainMeter meter = new DrainMeter(admin);
            if (rulesJavaVsData) {
                compareRules(meter, inputs);
                return;
            }

            double plain = plainConsumer();
            System.out.printf("plain consumer        %,10.0f events/s%n", plain);
            Phase identity = drain("identity", identity(), meter, inputs);
            System.out.printf("identity topology     %,10.0f events/s  (%.0f%% of plain)%n", identity.rate,
                    100 * identity.rate / plain);
            Phase rekey = drain("rekey", rekeyOnly(), meter, inputs);
            System.out.printf("re-key only (no rules) %,9.0f events/s  (%.0f%% of identity)%n", rekey.rate,
                    100 * rekey.rate / identity.rate);
            Phase correlation = drain("correlation", correlation(), meter, inputs);
            System.out.printf("correlation topology  %,10.0f events/s  (%.0f%% of identity, %.0f%% of plain)%n",
                    correlation.rate, 100 * correlation.rate / identity.rate, 100 * correlation.rate / plain);
            if (instances > 1) {
                Phase scaled = drain("correlation-x" + instances, this::correlation, instances, meter, inputs);
                System.out.printf("correlation topology, 1 instance vs %d: %,10.0f vs %,10.0f events/s (x%.2f) on %d "
                        + "broker(s), %d cores%n", instances, correlation.rate, scaled.rate,
                        scaled.rate / correlation.rate, admin.describeCluster().nodes().get().size(),
                        Runtime.getRuntime().availableProcessors());
            }
            System.out.printf("correlation: %,d alert versions out, state on disk %.1f MB, peak heap used %d MB "
                    + "(identity: %d MB), heap after a full GC at the end of the drain %d MB (identity: %d MB)%n",
                    countRecords(admin, topics.alerts()), correlation.stateBytes / 1e6, correlation.peakHeapMb,
                    identity.peakHeapMb, correlation.heapAfterGcMb, identity.heapAfterGcMb);
            emitted.forEach((what, count) -> System.out.printf("  %-36s %,9d%n", what, count.sum()));
            System.out.println("bytes written per input event, by topic (the correlation phase's own topics):");
            bytesByTopic(admin).forEach((topic, bytes) -> {
                if (topic.startsWith(prefix + "correlation") || topic.equals(topics.alerts()) || topic.equals(topics.dlq())) {
                    System.out.printf("  %-64s %,8.1f%n", topic.substring(prefix.length()), (double) bytes / events);
                }
            });
        }
    }

    private record Phase(double rate, long stateBytes, long peakHeapMb, long heapAfterGcMb) {
    }

    /** Bytes on the broker's disk per topic (all partitions, all log directories). */
    private static Map<String, Long> bytesByTopic(Admin admin) throws Exception {
        Map<String, Long> bytes = new java.util.TreeMap<>();
        var brokers = admin.describeCluster().nodes().get().stream().map(org.apache.kafka.common.Node::id).toList();
        admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
                dir.replicaInfos().forEach((partition, info) -> bytes.merge(partition.topic(), info.size(), Long::sum))));
        return bytes;
    }

    private Phase drain(String name, Topology topology, DrainMeter meter, Set<TopicPartition> inputs)
            throws Exception {
        return drain(name, () -> topology, 1, meter, inputs);
    }

    /** Drains with {@code count} instances of one application (each its own state directory) started together. */
    private Phase drain(String name, java.util.function.Supplier<Topology> topology, int count, DrainMeter meter,
            Set<TopicPartition> inputs) throws Exception {
        String appId = prefix + name;
        Path state = Files.createTempDirectory("waspada-bench-state-");
        System.gc();
        List<KafkaStreams> all = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Properties props = StreamsProperties.forApplication(appId, kafka);
            props.put(StreamsConfig.STATE_DIR_CONFIG, state.resolve("instance-" + i).toString());
            props.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, topics.dlq());
            all.add(new KafkaStreams(topology.get(), props));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long ownCpuBefore = os.getProcessCpuTime();
        Duration brokerCpuBefore = brokerCpu == null ? Duration.ZERO : brokerCpu.get();
        long start = System.nanoTime();
        all.forEach(KafkaStreams::start);
        long peakHeap = 0;
        while (!meter.drained(appId, inputs)) {
            peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            for (KafkaStreams instance : all) {
                if (instance.state() == KafkaStreams.State.ERROR || instance.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(name + " topology stopped: " + instance.state());
                }
            }
            Thread.sleep(200); // a benchmark's poll interval, not a test wait
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double ownCpu = (os.getProcessCpuTime() - ownCpuBefore) / 1e9;
        double brokerCpuSeconds = brokerCpu == null ? 0 : (brokerCpu.get().minus(brokerCpuBefore)).toNanos() / 1e9;
        long peak = peakHeap >> 20;
        // What the topology keeps live (stores open, caches full): the heap right after a full collection.
        System.gc();
        long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        all.forEach(instance -> instance.close(Duration.ofSeconds(60))); // flushes the stores: all state on disk
        long stateBytes = sizeOf(state);
        System.out.printf("  %s drained in %.1f s (including start-up and the first rebalance); CPU per event: "
                + "streams %.0f µs, broker %.0f µs; cores busy %.2f of %d%n", name, seconds, ownCpu * 1e6 / events,
                brokerCpuSeconds * 1e6 / events, (ownCpu + brokerCpuSeconds) / seconds,
                Runtime.getRuntime().availableProcessors());
        return new Phase(events / seconds, stateBytes, peak, afterGc);
    }

    private Topology identity() {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> raw = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        builder.stream(List.of(topics.sightings(), topics.interceptions()), raw)
                .to(prefix + "identity-out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /** The correlation topology's re-key and repartition, with a no-op in place of the rules: what the fan-out costs. */
    private Topology rekeyOnly() {
        StreamsBuilder builder = new StreamsBuilder();
        SiteRegistry sites = SiteRegistry.defaults();
        builder.stream(topics.sightings(), Consumed.with(Serdes.String(), AvroSerdes.SIGHTING))
                .mapValues((Sighting sighting) -> Observations.of(sighting))
                .merge(builder.stream(topics.interceptions(), Consumed.with(Serdes.String(), AvroSerdes.INTERCEPTION))
                        .mapValues((Interception interception) -> Observations.of(interception)))
                .flatMap((eventId, observation) -> Observations.byCorrelationKey(observation, sites))
                .repartition(Repartitioned.<String, Observation>as("by-correlation-key")
                        .withKeySerde(Serdes.String()).withValueSerde(new ObservationSerde()))
                .foreach((key, observation) -> { });
        return builder.build();
    }

    private Topology correlation() {
        return new CorrelationTopology(RuleSettings.defaults(), SiteRegistry.defaults(), topics, new CorrelationListener() {
            @Override
            public void alertEmitted(String rule, String severity, long version) {
                emitted.computeIfAbsent(rule + (version == 1 ? " new" : " update"), k -> new LongAdder()).increment();
            }

            @Override
            public void lateEvent(String kind) {
                emitted.computeIfAbsent("late " + kind, k -> new LongAdder()).increment();
            }

            @Override
            public void lateForRule(String rule) {
                emitted.computeIfAbsent("late for " + rule, k -> new LongAdder()).increment();
            }

            @Override
            public void undecodableEvent(String kind) {
                emitted.computeIfAbsent("undecodable " + kind, k -> new LongAdder()).increment();
            }
        }).build();
    }

    private double plainConsumer() {
        Map<String, Object> config = kafka.with(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "plain", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.sightings(), topics.interceptions()));
            while (read < events) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private void preload(long seed, int watchlist) {
        EventGenerator generator = new EventGenerator(seed, events, SiteRegistry.defaults());
        if (rotationOverlap) {
            generator.duringOverlap();
        }
        Map<String, Object> config = kafka.with(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // a loaded 2-core machine can be slow to acknowledge: wait rather than drop a batch
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000));
        long start = System.nanoTime();
        long bytes = 0;
        LongAdder acked = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback confirm = (metadata, error) -> {
            if (error == null) {
                acked.increment();
            } else {
                failure.compareAndSet(null, error);
            }
        };
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, Serdes.String().serializer(), new ByteArraySerializer())) {
            for (WatchlistEntry entry : generator.watchlist(watchlist)) {
                producer.send(new ProducerRecord<>(topics.watchlist(), entry.getEntryId(),
                        AvroSerdes.WATCHLIST_ENTRY.serialize(topics.watchlist(), entry)));
            }
            for (long i = 0; i < events; i++) {
                Object event = generator.next();
                ProducerRecord<String, byte[]> record = event instanceof Sighting sighting
                        ? new ProducerRecord<>(topics.sightings(), sighting.getEventId(),
                                AvroSerdes.SIGHTING.serialize(topics.sightings(), sighting))
                        : new ProducerRecord<>(topics.interceptions(), ((Interception) event).getEventId(),
                                AvroSerdes.INTERCEPTION.serialize(topics.interceptions(), (Interception) event));
                bytes += record.value().length;
                producer.send(record, confirm);
            }
        }
        if (failure.get() != null || acked.sum() != events) {
            throw new IllegalStateException("Pre-load incomplete: " + acked.sum() + " of " + events
                    + " events acknowledged", failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("pre-loaded %,d events (avg %d bytes) and %d watchlist entries in %.1f s (%,.0f events/s)%n",
                events, bytes / events, watchlist, seconds, events / seconds);
    }

    private void createTopics(Admin admin) {
        List<Topic<?, ?>> created = Stream.of(Topics.SIGHTINGS, Topics.INTERCEPTIONS, Topics.WATCHLIST,
                Topics.ALERTS, Topics.DLQ, Topics.TOKEN_LINKS, Topics.RULES).<Topic<?, ?>>map(this::renamed).toList();
        new TopicCreator(admin).create(created);
        new TopicCreator(admin).create(List.of(new Topic<>(prefix + "identity-out", Serdes.ByteArray(),
                Serdes.ByteArray(), TopicSpec.deleteAfter(6, Duration.ofDays(1)))));
    }

    private <K, V> Topic<K, V> renamed(Topic<K, V> topic) {
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(), topic.spec());
    }

    private Set<TopicPartition> inputPartitions(Admin admin) throws Exception {
        Set<TopicPartition> partitions = new HashSet<>();
        admin.describeTopics(List.of(topics.sightings(), topics.interceptions())).allTopicNames().get()
                .forEach((name, description) -> description.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }

    private long countRecords(Admin admin, String topic) throws Exception {
        Set<TopicPartition> partitions = new HashSet<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            for (var batch = consumer.poll(Duration.ofSeconds(2)); !batch.isEmpty();
                    batch = consumer.poll(Duration.ofSeconds(2))) {
                count += batch.count();
            }
            return count;
        }
    }


    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
