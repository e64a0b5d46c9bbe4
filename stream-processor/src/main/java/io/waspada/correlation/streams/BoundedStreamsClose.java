package io.waspada.correlation.streams;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes the correlation Streams client within {@code waspada.streams.close-timeout} when the service stops. Quarkus
 * closes it later without a timeout, which waits for the broker for as long as it takes: with the broker gone (a
 * terminal's Ctrl-C stops Kafka at the same moment) the process never ended. Closed here first, Quarkus' close finds it
 * stopped and returns. If it does not stop in time the process halts: under exactly-once nothing is lost by that
 * (the open transaction aborts; the next start restores the state stores from their changelogs). Only the packaged
 * service halts; tests and dev mode log it.
 */
@ApplicationScoped
public class BoundedStreamsClose {

    private static final Logger LOG = Logger.getLogger(BoundedStreamsClose.class);

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "waspada.streams.close-timeout", defaultValue = "PT8S")
    Duration timeout;

    void onStop(@Observes ShutdownEvent event) {
        long start = System.nanoTime();
        if (streams.close(timeout)) {
            LOG.infof("Kafka Streams closed in %d ms", (System.nanoTime() - start) / 1_000_000);
            return;
        }
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            // A test JVM runs other tests after this application: it must not halt.
            LOG.warnf("Kafka Streams did not close within %s (state %s)", timeout, streams.state());
            return;
        }
        LOG.errorf("Kafka Streams did not close within %s (state %s; is the broker gone?): halting the process; "
                + "open transactions abort and the next start restores the state from the changelogs", timeout,
                streams.state());
        Runtime.getRuntime().halt(1);
    }
}
