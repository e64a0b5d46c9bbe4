package io.waspada.notifier.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    public LifecyclePublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, Clock clock,
            MeterRegistry metrics) {
        this.producer = Producers.idempotent(bootstrap, Topics.ALERT_LIFECYCLE, "notifier-lifecycle");
        this.clock = clock;
        this.metrics = metrics;
    }

    public void publish(Alert alert, LifecycleAction action, String taskForce, String channel, String detail,
            Map<String, String> attributes) {
        publish(alert.getAlertId(), alert.getVersion(), action, ACTOR, taskForce, channel, detail, attributes);
    }

    public void publish(String alertId, long version, LifecycleAction action, String actor, String taskForce,
            String channel, String detail, Map<String, String> attributes) {
        AlertLifecycleEvent event = AlertLifecycleEvent.newBuilder()
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
        // waspada_notifier_lifecycle_total{action, channel}: routing decisions and delivery outcomes per channel.
        metrics.counter("waspada.notifier.lifecycle", "action", action.name(), "channel", channel == null ? "none" : channel)
                .increment();
        producer.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, event), (metadata, error) -> {
            if (error != null) {
                LOG.errorf(error, "Lifecycle event %s for %s not written", action, alertId);
            }
        });
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
