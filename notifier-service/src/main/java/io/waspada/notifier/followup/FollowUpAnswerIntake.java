package io.waspada.notifier.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpAnswer;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the agencies' replies from {@code tip.follow-up-answers.v1} (read_committed, in one consumer group, so one
 * instance applies each) and hands each to {@link FollowUps#apply}; the offset is committed only after the request's
 * new state is on its topic, and a reply read again after a crash is recognised by its answerId: applied once.
 * A record that is not a reply's JSON is logged and skipped.
 */
@ApplicationScoped
public class FollowUpAnswerIntake {

    private static final Logger LOG = Logger.getLogger(FollowUpAnswerIntake.class);
    public static final String GROUP = "notifier-service-follow-up-answers";

    @Inject
    KafkaConnection kafka;
    @Inject
    FollowUps followUps;
    @Inject
    ObjectMapper json;

    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean running;

    public synchronized void start() {
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-follow-up-answers",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new StringDeserializer());
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
                    for (ConsumerRecord<String, String> record : records) {
                        apply(record);
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                    backoffMs = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Nothing is skipped: back to the committed positions, and the batch again after a pause (each
                    // reply is applied once whatever how often it is read: the request remembers its answerIds).
                    backoffMs = Math.min(30_000, Math.max(500, backoffMs * 2));
                    LOG.errorf(e, "Follow-up replies not applied; read again from the last commit in %d ms", backoffMs);
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

    private void apply(ConsumerRecord<String, String> record) {
        FollowUpAnswer reply;
        try {
            reply = record.value() == null ? null : json.readValue(record.value(), FollowUpAnswer.class);
        } catch (java.io.IOException e) {
            LOG.warnf("Undecodable follow-up reply at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (reply == null || reply.answerId() == null || reply.requestId() == null || reply.agency() == null
                || reply.kind() == null || !reply.requestId().equals(record.key())) {
            LOG.warnf("Incomplete follow-up reply at %s-%d@%d skipped", record.topic(), record.partition(), record.offset());
            return;
        }
        followUps.apply(reply);
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
