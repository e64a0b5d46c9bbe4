package io.waspada.kafka.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waspada.kafka.KafkaConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Kafka (with the platform topics, principals and ACLs), as
 * the service's own principal, named by the init argument {@code principal} (e.g.
 * {@code @QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "principal", value =
 * "stream-processor"))}), with Quarkus' Kafka Dev Services off. The broker outlives the test class.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PRINCIPAL = "principal";

    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get(PRINCIPAL);
    }

    @Override
    public Map<String, String> start() {
        if (principal == null) {
            throw new IllegalStateException("KafkaTestResource needs the service's Kafka principal: initArgs = "
                    + "@ResourceArg(name = \"principal\", value = \"<service>\")");
        }
        Map<String, String> config = serviceConfig(SharedKafka.principal(principal));
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    /** The service's one connection as Quarkus' {@code kafka.*} configuration (servers and security settings). */
    public static Map<String, String> serviceConfig(KafkaConnection kafka) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // An unauthenticated runtime (Testcontainers) overrides the services' SASL default.
        config.put("kafka." + KafkaConnection.SECURITY_PROTOCOL, "PLAINTEXT");
        kafka.security().forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by every test of this JVM and stops with it.
    }
}
