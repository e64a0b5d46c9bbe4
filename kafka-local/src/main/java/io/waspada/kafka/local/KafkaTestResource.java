package io.waspada.kafka.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waspada.kafka.KafkaConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Kafka (with the platform topics created),
 * with Quarkus' Kafka Dev Services off. The broker outlives the test class: Quarkus tests share it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaConnection kafka = SharedKafka.connection();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // The service's one connection (kafka.*) carries the security settings to every client it builds.
        kafka.security().forEach((key, value) -> config.put("kafka." + key, value));
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by every test of this JVM and stops with it.
    }
}
