package io.waspada.notifier.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;
import io.waspada.avro.Alert;
import io.waspada.notifier.delivery.AlertDispatcher;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code tip.alerts.v1} ({@code read_committed}) from the beginning on every start to rebuild the alert view.
 * Records before the group's committed offset were delivered by an earlier run: they are replayed into the view
 * only. Records from there on are dispatched (routed and delivered), and their offsets committed afterwards, so an
 * alert that arrived while the notifier was down is still delivered (at least once) after a restart.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);

    private final CountDownLatch replayed = new CountDownLatch(1);
    private final AlertDispatcher dispatcher;
    private final KafkaConnection kafka;
    private final String groupId;
    private KafkaConsumer<String, Alert> consumer;
    private Map<TopicPartition, Long> endOffsets = Map.of();
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;

    @Inject
    public AlertIntake(AlertDispatcher dispatcher, KafkaConnection kafka,
            @ConfigProperty(name = "waspada.alerts.group-id", defaultValue = "notifier-service-delivery") String groupId) {
        this.dispatcher = dispatcher;
        this.kafka = kafka;
        this.groupId = groupId;
    }

    public void start() {
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                // Only the offsets are stored under this group (partitions are assigned, not subscribed).
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-alerts")),
                Topics.ALERTS.keySerde().deserializer(), new AvroSerde<>(Alert.class));
        thread = new Thread(this::run, "alert-intake");
        thread.setDaemon(true);
        // Avro resolves generated classes through the context class loader: use the application's, not the caller's.
        thread.setContextClassLoader(getClass().getClassLoader());
        thread.start();
    }

    /** True once every alert that was on the topic at start is in the view. */
    public boolean replayed() {
        return replayed.getCount() == 0;
    }

    /** True if reading stopped on an error: nothing new is delivered any more. */
    public boolean failed() {
        return failed;
    }

    public boolean awaitReplayed(Duration timeout) throws InterruptedException {
        return replayed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Map<TopicPartition, OffsetAndMetadata> delivered = new HashMap<>();
        try {
            Map<TopicPartition, Long> live = startPositions();
            while (running) {
                ConsumerRecords<String, Alert> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (RecordDeserializationException e) {
                    // An undecodable record is skipped, not retried forever; it stays on the topic for inspection.
                    LOG.errorf(e, "Skipping undecodable alert at %s@%d", e.topicPartition(), e.offset());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                for (ConsumerRecord<String, Alert> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    dispatch(record, record.offset() < live.getOrDefault(tp, 0L));
                }
                Map<TopicPartition, OffsetAndMetadata> done = readPast(live, delivered);
                if (!done.isEmpty()) {
                    consumer.commitAsync(done, null);
                    delivered.putAll(done);
                }
                if (!replayed() && endOffsets.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("Alert view rebuilt from %s", Topics.ALERTS);
                    replayed.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("Alert intake stopped", e);
        } finally {
            commitQuietly(delivered);
            consumer.close(ClientTimeouts.CLOSE);
        }
    }

    /**
     * Assigns every partition from the beginning; returns, per partition, the first offset not delivered yet (the
     * group's committed offset). Without one (a new installation) the history is not paged again: it only fills
     * the view.
     */
    private Map<TopicPartition, Long> startPositions() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        endOffsets = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> live = new HashMap<>(endOffsets);
        consumer.committed(Set.copyOf(partitions)).forEach((tp, offset) -> {
            if (offset != null) {
                live.put(tp, offset.offset());
            }
        });
        consumer.seekToBeginning(partitions);
        return live;
    }

    /**
     * How far this consumer has now read, for the live partitions that moved: its position, which is past the
     * transaction markers the processor's commits leave after the last alert (committing the last record's offset
     * + 1 would count each marker as lag for good). Every record before a position was dispatched by the loop.
     */
    private Map<TopicPartition, OffsetAndMetadata> readPast(Map<TopicPartition, Long> live,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            OffsetAndMetadata last = committed.get(tp);
            if (position > live.getOrDefault(tp, 0L) && (last == null || position > last.offset())) {
                moved.put(tp, new OffsetAndMetadata(position));
            }
        }
        return moved;
    }

    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(delivered, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Final offset commit failed; the last alerts may be delivered again after a restart", e);
        }
    }

    private void dispatch(ConsumerRecord<String, Alert> record, boolean replay) {
        if (record.value() == null) {
            return;
        }
        try {
            dispatcher.dispatch(record.value(), replay);
        } catch (RuntimeException e) {
            // One alert that cannot be routed must not stop the others; it stays on the topic for a later replay.
            LOG.errorf(e, "Alert %s at %s-%d@%d not dispatched", record.key(), record.topic(), record.partition(),
                    record.offset());
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
        }
    }
}
