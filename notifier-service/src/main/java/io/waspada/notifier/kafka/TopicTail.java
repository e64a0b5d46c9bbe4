package io.waspada.notifier.kafka;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * Reads a whole topic from the beginning on its own thread, then follows it, handing every record to a callback
 * in partition order ({@code read_committed}, no consumer group: every instance reads everything). Used to
 * rebuild state (silences, dead letters) that must survive restarts without a database.
 */
public final class TopicTail<K, V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final Topic<K, V> topic;
    private final KafkaConsumer<K, V> consumer;
    private final Consumer<ConsumerRecord<K, V>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public TopicTail(KafkaConnection kafka, Topic<K, V> topic, Consumer<ConsumerRecord<K, V>> handler) {
        this(kafka, topic, topic.valueSerde().deserializer(), handler);
    }

    /** With an explicit value decoder (for Avro values: {@link io.waspada.schemas.AvroSerde}). */
    public TopicTail(KafkaConnection kafka, Topic<K, V> topic, Deserializer<V> values, Consumer<ConsumerRecord<K, V>> handler) {
        this.topic = topic;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-tail-" + topic.name())),
                topic.keySerde().deserializer(), values);
        this.thread = new Thread(this::run, "tail-" + topic.name());
        this.thread.setDaemon(true);
        // Avro resolves generated classes through the context class loader: use the application's, not the caller's.
        this.thread.setContextClassLoader(getClass().getClassLoader());
    }

    public TopicTail<K, V> start() {
        thread.start();
        return this;
    }

    /** Waits until everything that was on the topic when reading started has been handled. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(this::handle);
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading %s stopped", topic.name());
        } finally {
            consumer.close(ClientTimeouts.CLOSE);
        }
    }

    private void handle(ConsumerRecord<K, V> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            // One bad record must not stop the rebuild; it is logged with its coordinates.
            LOG.errorf(e, "Skipping %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(ClientTimeouts.THREAD_EXIT.toMillis());
    }
}
