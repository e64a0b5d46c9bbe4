package io.waspada.kafka.local;

import io.waspada.topics.TopicCreator;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka per test JVM, started on first use with the platform's topics, and stopped when the JVM exits.
 * In-process KRaft by default; {@code -Dkafka.runtime=container} uses Testcontainers where Docker exists.
 */
public final class SharedKafka {

    public static final String RUNTIME_PROPERTY = "kafka.runtime";

    private static KafkaRuntime instance;

    private SharedKafka() {
    }

    public static synchronized KafkaRuntime get() {
        if (instance == null) {
            long start = System.nanoTime();
            KafkaRuntime runtime = "container".equals(System.getProperty(RUNTIME_PROPERTY))
                    ? ContainerKafka.start()
                    : LocalKafkaCluster.startTemporary(1);
            createTopics(runtime.bootstrapServers());
            System.out.printf("Kafka for tests ready on %s in %d ms%n",
                    runtime.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "shared-kafka-shutdown"));
            instance = runtime;
        }
        return instance;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    public static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicCreator(admin).createAll();
        }
    }
}
