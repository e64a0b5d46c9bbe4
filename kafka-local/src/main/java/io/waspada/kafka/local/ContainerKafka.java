package io.waspada.kafka.local;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in the official {@code apache/kafka} image, for machines with a Docker engine ({@code -Dkafka.runtime=container}). */
public final class ContainerKafka implements KafkaRuntime {

    /** The image matching the clients' version, so broker and clients agree. */
    public static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    public static ContainerKafka start() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("kafka.runtime=container needs a Docker engine, and none answers here;"
                    + " drop -Dkafka.runtime to use the in-process broker");
        }
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public void close() {
        container.stop();
    }
}
