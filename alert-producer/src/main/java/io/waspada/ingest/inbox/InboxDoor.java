package io.waspada.ingest.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.EventKind;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agencies' Kafka door: reads every agency's inbox ({@code read_committed}) and, in one Kafka transaction per
 * poll, writes each report's pseudonymised event to its topic or its refusal to the agency's rejects topic, together
 * with the inbox offsets. A crash or an aborted transaction replays the reports from the last committed offsets, so each
 * report gives exactly one event or one reject. The agency of a report is the inbox it came from (only that agency's
 * principal may write it). A report that cannot be processed at all becomes a reject too: one record never stops the
 * door. One thread; a broker that is gone is waited for, the clients rebuilt after a fatal error.
 */
public final class InboxDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDoor.class);
    public static final String GROUP = "alert-producer-inbox";
    /** The agency's W3C trace context goes on with its report, checked: a header is otherwise free bytes. */
    private static final java.util.regex.Pattern TRACEPARENT =
            java.util.regex.Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** Bounds a commit that timed out (the client retries it as the same commit) before the clients are rebuilt. */
    private static final Duration COMMIT_DEADLINE = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final KafkaConnection kafka;
    private final String transactionalId;
    private final Map<String, String> agencyByInbox = new LinkedHashMap<>();
    private final InboxReader reader;
    private final Clock clock;
    private final Map<String, Counter> counters = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Object pause = new Object();

    InboxDoor(KafkaConnection kafka, String instanceId, List<String> agencies, InboxReader reader, Clock clock,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.transactionalId = GROUP + "-" + instanceId;
        this.reader = reader;
        this.clock = clock;
        for (String agency : agencies) {
            agencyByInbox.put(AgencyTopics.inbox(agency).name(), agency);
            for (String outcome : List.of("accepted", "rejected")) {
                counters.put(agency + "/" + outcome, Counter.builder("waspada.inbox.reports")
                        .description("Reports read from the agencies' Kafka inboxes: written as events, or rejected")
                        .tag("agency", agency).tag("outcome", outcome).register(registry));
            }
        }
        this.thread = new Thread(this::run, "inbox-door");
    }

    void start() {
        thread.start();
    }

    private void run() {
        LOG.info("Kafka door open: reading {} inboxes as transactional id {}", agencyByInbox.size(), transactionalId);
        while (running && !Thread.currentThread().isInterrupted()) {
            KafkaProducer<String, byte[]> writing = null;
            try (KafkaConsumer<byte[], byte[]> reading = new KafkaConsumer<>(consumerSettings(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = reading;
                if (!running) {
                    return;
                }
                writing = new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
                writing.initTransactions();
                reading.subscribe(openDoors(reading));
                loop(reading, writing);
            } catch (WakeupException e) {
                // close() woke the consumer up
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Kafka door: {}; reopening in {} s (unread reports wait in the inboxes, for up to their "
                            + "retention of {})", e.toString(), RETRY_AFTER_FAILURE.toSeconds(),
                            AgencyTopics.INBOX_RETENTION);
                    pauseBeforeRetry();
                }
            } catch (Error e) {
                // The thread ends, and the liveness check says so (the service is restarted): better than a door that
                // is silently shut while agencies' reports age out of their inboxes.
                LOG.error("Kafka door: stopped by {}", e.toString(), e);
                throw e;
            } finally {
                consumer = null;
                if (writing != null) {
                    // Bounded: a producer with a transaction in flight waits for a broker that may be gone.
                    writing.close(Duration.ofSeconds(5));
                }
            }
        }
    }

    /** True while the door's thread runs (or the door was closed on purpose): the service's liveness. */
    public boolean alive() {
        return thread.isAlive() || !running;
    }

    /**
     * The inboxes to read: those whose agency also has its rejects topic. Without it a refusal could not be written and
     * the transaction carrying it would fail again and again, holding up every other agency's reports; that agency's
     * door stays shut (said in the log) until the topic exists and the clients are rebuilt.
     */
    private List<String> openDoors(KafkaConsumer<byte[], byte[]> reading) {
        java.util.Set<String> topics = reading.listTopics(Duration.ofSeconds(30)).keySet();
        List<String> open = new java.util.ArrayList<>();
        List<String> shut = new java.util.ArrayList<>();
        agencyByInbox.forEach((inbox, agency) -> {
            if (topics.contains(inbox) && topics.contains(AgencyTopics.rejects(agency).name())) {
                open.add(inbox);
            } else {
                shut.add(agency);
            }
        });
        if (!shut.isEmpty()) {
            LOG.warn("Kafka door: no inbox or rejects topic for {}: their reports are not read (create the topics: "
                    + "the topic step, or deploy/README.md)", shut);
        }
        return open;
    }

    private void loop(KafkaConsumer<byte[], byte[]> reading, KafkaProducer<String, byte[]> writing) {
        while (running) {
            ConsumerRecords<byte[], byte[]> records = reading.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                continue;
            }
            Map<String, Integer> outcomes = new HashMap<>();
            writing.beginTransaction();
            try {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    outcomes.merge(write(record, writing), 1, Integer::sum);
                }
                writing.sendOffsetsToTransaction(nextOffsets(records), reading.groupMetadata());
                commit(writing);
            } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                     | AuthorizationException | AuthenticationException | UnsupportedVersionException fatal) {
                throw fatal; // this producer cannot go on: new clients replay from the committed offsets
            } catch (KafkaException e) {
                LOG.warn("Kafka door: transaction aborted ({}); its {} reports are read again", e.toString(),
                        records.count());
                writing.abortTransaction();
                rewind(reading, records);
                continue;
            }
            outcomes.forEach((key, count) -> {
                Counter counter = counters.get(key);
                if (counter != null) {
                    counter.increment(count);
                }
            });
        }
    }

    /**
     * Commits the open transaction. A commit that timed out may still complete on the broker: the client requires it to
     * be retried as the same commit (an abort is refused then), so it is, until {@link #COMMIT_DEADLINE}; past it the
     * clients are rebuilt, and the new producer's initTransactions completes or aborts it.
     */
    private static void commit(KafkaProducer<String, byte[]> writing) {
        long deadline = System.nanoTime() + COMMIT_DEADLINE.toNanos();
        while (true) {
            try {
                writing.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a transaction's commit timed out for " + COMMIT_DEADLINE.toSeconds()
                            + " s", e);
                }
                LOG.warn("Kafka door: a commit timed out ({}); retrying it", e.getMessage());
            }
        }
    }

    /** Writes one report's event or reject into the open transaction; returns {@code agency/outcome}. */
    private String write(ConsumerRecord<byte[], byte[]> record, KafkaProducer<String, byte[]> writing) {
        String agency = agencyByInbox.get(record.topic());
        InboxVerdict verdict;
        try {
            verdict = reader.read(record.value(), agency);
        } catch (RuntimeException e) {
            LOG.error("Kafka door: report {}-{}@{} could not be processed", record.topic(), record.partition(),
                    record.offset(), e);
            verdict = new InboxVerdict.Refused(null, null, io.waspada.ingest.api.Problems.problem(500,
                    "report-not-processed", "The report could not be processed",
                    "Waspada failed on this report (" + e.getClass().getSimpleName() + "); nothing was written; "
                            + "tell the Waspada operators its position", List.of()));
        }
        RecordHeaders headers = new RecordHeaders();
        // Only a well-formed traceparent: tracestate and anything else is the agency's free text, and free text may
        // hold a raw identifier, which must not leave the inbox.
        Header traceparent = record.headers().lastHeader("traceparent");
        if (traceparent != null && TRACEPARENT.matcher(new String(traceparent.value(), StandardCharsets.US_ASCII))
                .matches()) {
            headers.add("traceparent", traceparent.value());
        }
        if (verdict instanceof InboxVerdict.Accepted accepted) {
            IngestEvent event = accepted.event();
            String topic = event.kind() == EventKind.INTERCEPTION ? Topics.INTERCEPTIONS.name() : Topics.SIGHTINGS.name();
            byte[] value = event.kind() == EventKind.INTERCEPTION
                    ? Topics.INTERCEPTIONS.valueSerde().serializer().serialize(topic, (Interception) event.value())
                    : Topics.SIGHTINGS.valueSerde().serializer().serialize(topic, (Sighting) event.value());
            writing.send(new ProducerRecord<>(topic, null, event.eventId(), value, headers));
            return agency + "/accepted";
        }
        InboxVerdict.Refused refused = (InboxVerdict.Refused) verdict;
        RejectRecord reject = RejectRecord.of(refused, new RejectRecord.Position(record.topic(), record.partition(),
                record.offset(), Instant.ofEpochMilli(record.timestamp()).toString()), clock.instant());
        writing.send(new ProducerRecord<>(AgencyTopics.rejects(agency).name(), null, refused.eventId(),
                reject.json().getBytes(StandardCharsets.UTF_8), headers));
        return agency + "/rejected";
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<byte[], byte[]> reading, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            reading.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void pauseBeforeRetry() {
        synchronized (pause) {
            long until = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pause, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // run() ends: nothing interrupts the door but a shutdown
                    return;
                }
            }
        }
    }

    private Map<String, Object> consumerSettings() {
        return kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500));
    }

    private Map<String, Object> producerSettings() {
        return kafka.with(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.CLIENT_ID_CONFIG, transactionalId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // A crashed instance's open transaction holds read_committed readers of the event topics back until
                // it times out (unless a restart with the same instance id fences it first): keep it short.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
    }

    @Override
    public void close() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
