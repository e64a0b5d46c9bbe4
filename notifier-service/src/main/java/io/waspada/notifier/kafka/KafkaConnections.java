package io.waspada.notifier.kafka;

import io.smallrye.common.annotation.Identifier;
import io.waspada.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The notifier's one {@link KafkaConnection}, from Quarkus' {@code kafka.*} configuration (bootstrap servers and
 * security settings, e.g. {@code KAFKA_SECURITY_PROTOCOL}): every producer, consumer and admin client of the service
 * is built from it.
 */
@ApplicationScoped
public class KafkaConnections {

    @Produces
    @Singleton
    KafkaConnection connection(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        return KafkaConnection.from(kafkaConfig).requireCredentials();
    }
}
