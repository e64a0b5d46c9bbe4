package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Writes the audit trail: every routing decision and delivery attempt as an {@link AlertLifecycleEvent} on
 * {@code tip.alert-lifecycle.v1}, keyed by alertId, with an idempotent {@code acks=all} producer.
 */
@ApplicationScoped
public class LifecyclePublisher {

    private static final Logger LOG = Logger.getLogger(LifecyclePublisher.class);
    public static final String ACTOR = "notifier-service";

    private final KafkaProducer<String, AlertLifecycleEvent> producer;
    private final Clock clock;

    private final MeterRegistry metrics;

    @Inject
    public LifecyclePublisher(KafkaConnection kafka, Clock clock,
            MeterRegistry metrics) {
        this.producer = Producers.idempotent(kafka, Topics.ALERT_LIFECYCLE, "notifier-lifecycle");
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Writes the event; the future completes once the broker has it (acks=all), or fails. */
    public CompletableFuture<RecordMetadata> publish(Alert alert, LifecycleAction action, String taskForce,
            String channel, String detail, Map<String, String> attributes) {
        return publish(alert.getAlertId(), alert.getVersion(), action, ACTOR, taskForce, channel, detail, attributes);
    }

    public CompletableFuture<RecordMetadata> publish(String alertId, long version, LifecycleAction action,
            String actor, String taskForce, String channel, String detail, Map<String, String> attributes) {
        AlertLifecycleEvent event = event(alertId, version, action, actor, taskForce, channel, detail, attributes);
        CompletableFuture<RecordMetadata> written = send(event);
        written.whenComplete((metadata, error) -> {
            if (error != null) {
                LOG.errorf(error, "Lifecycle event %s for %s not written", action, alertId);
            }
        });
        return written;
    }

    /** Writes an officer's action and returns it once the broker has it (acks=all): the answer follows the audit. */
    public AlertLifecycleEvent publishDurably(String alertId, long version, LifecycleAction action, String actor,
            String taskForce, String detail, Map<String, String> attributes) {
        AlertLifecycleEvent event = event(alertId, version, action, actor, taskForce, null, detail, attributes);
        durably(event);
        return event;
    }

    /** Sends the event and waits until the broker has it (acks=all, 30 s at most); where it landed. */
    private RecordMetadata durably(AlertLifecycleEvent event) {
        try {
            return send(event).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + event.getAction() + " for "
                    + event.getAlertId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(event.getAction() + " for " + event.getAlertId() + " not written", e);
        }
    }

    /** An event written durably, and where it is on the topic. */
    public record Written(AlertLifecycleEvent event, int partition, long offset) {
    }

    /**
     * As {@link #publishDurably(String, long, LifecycleAction, String, String, String, Map)}, telling where the event
     * landed: the caller can wait until its audit trail has read the topic that far (what other instances wrote
     * before it then counts, in the topic's order).
     */
    public Written publishDurablyAt(String alertId, long version, LifecycleAction action, String actor,
            String taskForce, String detail, Map<String, String> attributes) {
        AlertLifecycleEvent event = event(alertId, version, action, actor, taskForce, null, detail, attributes);
        RecordMetadata metadata = durably(event);
        return new Written(event, metadata.partition(), metadata.offset());
    }

    /**
     * As above, under a given {@code eventId}: a step written again (after a crash, say) is the same event, which the
     * trail's readers keep once.
     */
    public AlertLifecycleEvent publishDurably(String eventId, String alertId, long version, LifecycleAction action,
            String actor, String taskForce, String detail, Map<String, String> attributes) {
        AlertLifecycleEvent event = event(alertId, version, action, actor, taskForce, null, detail, attributes);
        event.setEventId(eventId);
        durably(event);
        return event;
    }

    private AlertLifecycleEvent event(String alertId, long version, LifecycleAction action, String actor,
            String taskForce, String channel, String detail, Map<String, String> attributes) {
        return AlertLifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setAlertId(alertId)
                .setAlertVersion(version)
                .setAction(action)
                .setAt(clock.instant())
                .setActor(actor)
                .setTaskForce(taskForce)
                .setChannel(channel)
                .setDetail(detail)
                .setAttributes(attributes)
                .build();
    }

    private CompletableFuture<RecordMetadata> send(AlertLifecycleEvent event) {
        // waspada_notifier_lifecycle_total{action, channel}: routing decisions and delivery outcomes per channel.
        metrics.counter("waspada.notifier.lifecycle", "action", event.getAction().name(), "channel",
                event.getChannel() == null ? "none" : event.getChannel()).increment();
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), event.getAlertId(), event), (metadata, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(metadata);
            }
        });
        return done;
    }

    @PreDestroy
    void close() {
        producer.close(ClientTimeouts.CLOSE);
    }
}
