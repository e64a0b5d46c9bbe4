package io.waspada.correlation.streams;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.waspada.kafka.KafkaConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Refuses to start the service without its Kafka credentials, with a message saying what to set, instead of a
 * Streams client that retries authentication forever. Kafka Streams takes the same {@code kafka.*} security settings
 * (application.properties maps them to {@code quarkus.kafka-streams.*}).
 */
@Startup
@ApplicationScoped
public class KafkaCredentialsCheck {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @PostConstruct
    void check() {
        KafkaConnection.from(kafkaConfig).requireCredentials();
    }
}
