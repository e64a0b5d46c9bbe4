package io.waspada.notifier.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Checks the records of {@code tip.follow-up-answers.v1} once for the whole service (read_committed, in one consumer
 * group): a poison record (not a reply's JSON, a field missing, keyed by another request: {@link FollowUpReplyCheck})
 * goes to the dead-letter topic {@code tip.dlq.v1} as it was read, with its reason in the {@code waspada.dlq.*} headers,
 * counted in {@code waspada_notifier_follow_up_replies_rejected_total{reason}}, and reading goes on; the offset is
 * committed once the dead letter is on the broker (a crash before repeats it at most). Usable replies are not applied
 * here: every instance reads them all ({@link FollowUpReplies}) and the one that owns the request's alert applies each.
 */
@ApplicationScoped
public class FollowUpAnswerIntake {

    private static final Logger LOG = Logger.getLogger(FollowUpAnswerIntake.class);
    public static final String GROUP = "notifier-service-follow-up-answers";

    @Inject
    KafkaConnection kafka;
    @Inject
    ObjectMapper json;
    @Inject
    io.waspada.notifier.kafka.Readers readers;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean running;

    public synchronized void start() {
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-follow-up-answers",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "follow-up-answers");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.FOLLOW_UP_ANSWERS.name()));
            long backoffMs = 0;
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                try {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        check(record);
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                    backoffMs = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Nothing is skipped: back to the committed positions, and the batch again after a pause (a dead
                    // letter not written is written then).
                    backoffMs = Math.min(30_000, Math.max(500, backoffMs * 2));
                    LOG.errorf(e, "Follow-up replies not checked; read again from the last commit in %d ms", backoffMs);
                    rewind();
                    pause(backoffMs);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("follow-up answers intake stopped");
        } catch (RuntimeException e) {
            LOG.error("Follow-up answers intake failed: replies wait on their topic until the service restarts", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every assigned partition back to its committed offset (its start when none). */
    private void rewind() {
        var assigned = consumer.assignment();
        var committed = consumer.committed(assigned);
        for (var partition : assigned) {
            var offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void check(ConsumerRecord<byte[], byte[]> record) {
        FollowUpReplyCheck checked = FollowUpReplyCheck.of(json, record.key(), record.value());
        if (checked.usable()) {
            return;
        }
        LOG.warnf("Follow-up reply at %s-%d@%d dead-lettered: %s (%s)", record.topic(), record.partition(),
                record.offset(), checked.reason(), checked.detail());
        metrics.counter("waspada.notifier.follow-up.replies.rejected", "reason", checked.reason()).increment();
        try {
            readers.deadLetter(record, checked.reason(), FollowUpReplyCheck.class.getName(), checked.detail())
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a follow-up reply", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("follow-up reply not dead-lettered", e);
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
