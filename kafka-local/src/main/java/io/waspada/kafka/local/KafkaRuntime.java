package io.waspada.kafka.local;

/** A running Kafka cluster the platform or a test can talk to. */
public interface KafkaRuntime extends AutoCloseable {

    String bootstrapServers();

    int brokerCount();

    @Override
    void close();
}
