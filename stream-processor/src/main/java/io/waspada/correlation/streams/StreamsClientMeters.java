package io.waspada.correlation.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.waspada.kafka.ClientTimeouts;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the correlation's own Kafka client metrics on {@code /q/metrics}, so how far behind the correlator is, and
 * why, is scraped from the stream-processor itself: its stream threads ({@code kafka_stream_thread_process_rate},
 * {@code kafka_stream_thread_commit_latency_avg}/{@code _max}), their consumers
 * ({@code kafka_consumer_fetch_manager_records_lag_max}, per partition {@code kafka_consumer_fetch_manager_records_lag})
 * and producers ({@code kafka_producer_record_error_rate}), through Micrometer's {@link KafkaStreamsMetrics}.
 * <p>
 * It replaces Quarkus' own Kafka binder (off: {@code quarkus.micrometer.binder.kafka.enabled=false}), which looks for a
 * client's new metrics once a minute: a partition's lag series then appeared up to a minute after the partition was
 * assigned. This one looks every {@code waspada.kafka.metrics-refresh} (15 s, within two scrapes) on a thread of its
 * own, and unbinds (removes every meter, stops that thread) when the application stops, before the streams close.
 */
@Singleton
public class StreamsClientMeters {

    private KafkaStreamsMetrics meters;
    private ScheduledExecutorService refresher;

    /** Quarkus fires the KafkaStreams it creates, before starting it. */
    synchronized void bind(@Observes KafkaStreams streams, MeterRegistry registry,
            @ConfigProperty(name = "waspada.kafka.metrics-refresh", defaultValue = "PT15S") Duration refresh) {
        unbind();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-streams-meters");
            thread.setDaemon(true);
            return thread;
        });
        meters = new KafkaStreamsMetrics(streams, List.of(), refresher, refresh);
        meters.bindTo(registry);
    }

    /** Before Quarkus closes the streams (a later ShutdownEvent observer): no refresh reads a closing client. */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        unbind();
    }

    @PreDestroy
    synchronized void unbind() {
        if (meters != null) {
            // The refresher first: a refresh running after the meters are removed would register them again.
            refresher.shutdownNow();
            try {
                refresher.awaitTermination(ClientTimeouts.CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            meters.close();
            meters = null;
            refresher = null;
        }
    }
}
