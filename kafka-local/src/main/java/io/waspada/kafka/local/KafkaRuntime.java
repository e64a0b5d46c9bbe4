package io.waspada.kafka.local;

import io.waspada.kafka.KafkaConnection;

/** A running Kafka cluster the platform or a test can talk to. */
public interface KafkaRuntime extends AutoCloseable {

    String bootstrapServers();

    /** How a client with full rights connects (the test clients, the topic step). */
    default KafkaConnection connection() {
        return KafkaConnection.plaintext(bootstrapServers());
    }

    int brokerCount();

    @Override
    void close();
}
